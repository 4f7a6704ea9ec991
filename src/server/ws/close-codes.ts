import type { RefusalKind } from '../../audit/refusal-audit';

/**
 * Close codes the hub adds to graphql-ws's own (4400 bad request, 4401 unauthorized, 4403 forbidden,
 * 4408 init timeout, 4409 duplicate id, 4429 too many init requests, 4500 internal). The close reason
 * always starts with the code's name: `TOKEN_EXPIRED: …`. graphql-ws clients treat 4401 as final and
 * retry these (a client with a fresh token in its connectionParams reconnects after TOKEN_EXPIRED).
 */
export const HubCloseCode = {
  /** The token's `exp` passed while the socket was open (or it was already past at connect). */
  TOKEN_EXPIRED: 4440,
  /** The people's home source records the person as having left (or unknown); checked every
   *  auth.personStatusCacheSeconds. */
  ACCESS_REVOKED: 4441,
  /** limits.websocket.maxConnectionsPerPrincipal reached. */
  TOO_MANY_CONNECTIONS: 4442,
  /** The per-principal rate limit (limits.rateLimit) is spent: connecting takes a token too. */
  RATE_LIMITED: 4443,
} as const satisfies Partial<Record<RefusalKind, number>>;

/** A close reason: "<KIND>: <message>", within the 123 bytes a close frame allows. */
export function closeReason(kind: string, message: string): string {
  const text = `${kind}: ${message}`;
  let out = text;
  while (Buffer.byteLength(out) > 123) out = `${out.slice(0, -2)}…`;
  return out;
}
