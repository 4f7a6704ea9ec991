import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { HubError } from '../errors';
import { principalIdProblem } from './principal-id';
import type { PolicyBook } from './policy';
import { tokenDigest, VerifiedTokens } from './verified-tokens';

/** Who the credentials say the caller is, before the policy and the people's home source are consulted. */
export type Identity =
  /** `expiresAt`: the token's `exp` (seconds since the epoch) when it came from a token — a long-lived session (WebSocket) ends there. */
  | { kind: 'person'; personId: string; expiresAt?: number }
  | { kind: 'service'; keyId: string; roles: readonly string[] };

export interface JwtSettings {
  algorithm: 'HS256' | 'RS256';
  secret?: string | undefined;
  jwksFile?: string | undefined;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** `exp` at most this far from now and from `iat` (default 86,400). */
  maxLifetimeSeconds?: number;
  /** `iat` at most this far in the future (default 60). */
  issuedAtSkewSeconds?: number;
}

const unauthenticated = (message: string) => new HubError('UNAUTHENTICATED', message, { http: { status: 401 } });

/** Verified tokens kept by default (src/auth/verified-tokens.ts). */
export const VERIFIED_TOKENS = 10_000;

/**
 * Bearer JWTs (verified with jose: signature with the ONE configured algorithm, issuer, audience, expiry,
 * not-before) and API keys for service accounts (compared by sha256, in constant time). Messages say what
 * was wrong with the credentials presented, never what would have worked.
 *
 * A token that passed every check is remembered (keyed by its sha256, bounded, until its `exp` at the
 * latest: src/auth/verified-tokens.ts), so a client sending it again is not verified again; a token that
 * failed is never remembered. The memory belongs to this authenticator and so to its one key: a rotated
 * secret or key set is a new authenticator, and nothing verified under the old key is found. Whether the
 * person may still come in is not a property of the token: the people directory is asked on every request
 * (src/auth/principal.ts), as before.
 */
export class Authenticator {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly verified: VerifiedTokens<Identity>;
  private readonly now: () => number;

  constructor(
    private readonly jwt: JwtSettings,
    private readonly policy: PolicyBook,
    options: { verifiedTokens?: number; now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.verified = new VerifiedTokens(options.verifiedTokens ?? VERIFIED_TOKENS, this.now);
    if (jwt.algorithm === 'HS256') {
      if (!jwt.secret) throw new Error('Authenticator: HS256 needs a secret');
      this.key = new TextEncoder().encode(jwt.secret);
    } else {
      this.key = createLocalJWKSet(JSON.parse(readFileSync(jwt.jwksFile!, 'utf8')) as { keys: [] });
    }
  }

  async authenticate(headers: {
    authorization?: string | undefined;
    'x-api-key'?: string | undefined;
  }): Promise<Identity> {
    const apiKey = headers['x-api-key'];
    const auth = headers.authorization;
    if (apiKey && auth) throw unauthenticated('Send either a bearer token or an API key, not both.');
    if (apiKey) return this.apiKey(apiKey);
    if (!auth) throw unauthenticated('No credentials: send "Authorization: Bearer <token>" or "X-Api-Key: <key>".');
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    return this.token(match[1]!);
  }

  private apiKey(key: string): Identity {
    const digest = createHash('sha256').update(key).digest();
    for (const entry of this.policy.policy.apiKeys) {
      if (timingSafeEqual(digest, Buffer.from(entry.sha256, 'hex')))
        return { kind: 'service', keyId: entry.id, roles: entry.roles };
    }
    throw unauthenticated('The API key is not valid.');
  }

  private async token(token: string): Promise<Identity> {
    const digest = tokenDigest(token);
    const known = this.verified.get(digest);
    if (known) return known;
    const identity = await this.verify(token);
    // Kept until the token's exp (seconds) at the latest: never beyond the moment jose would refuse it.
    this.verified.set(digest, identity, identity.kind === 'person' ? (identity.expiresAt ?? 0) * 1000 : 0);
    return identity;
  }

  private async verify(token: string): Promise<Identity> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: [this.jwt.algorithm],
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        clockTolerance: this.jwt.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw unauthenticated(`The token was not accepted: ${reasonOf(error)}.`);
    }
    const now = Math.floor(this.now() / 1000);
    const maxLifetime = this.jwt.maxLifetimeSeconds ?? 86_400;
    const exp = Number(payload.exp);
    if (exp - now > maxLifetime + this.jwt.clockToleranceSeconds)
      throw unauthenticated(
        `The token was not accepted: it expires more than ${maxLifetime} s from now, the longest lifetime accepted.`,
      );
    if (payload.iat !== undefined) {
      const iat = Number(payload.iat);
      if (!Number.isFinite(iat) || iat - now > (this.jwt.issuedAtSkewSeconds ?? 60))
        throw unauthenticated('The token was not accepted: it says it was issued in the future.');
      if (exp - iat > maxLifetime + this.jwt.clockToleranceSeconds)
        throw unauthenticated(
          `The token was not accepted: its lifetime (exp − iat) is longer than the ${maxLifetime} s accepted.`,
        );
    }
    // The subject is a hub id of the model's people entity (any form); the people directory checks it.
    if (
      typeof payload.sub !== 'string' ||
      payload.sub.length === 0 ||
      payload.sub.length > 200 ||
      principalIdProblem('string', payload.sub)
    ) {
      throw unauthenticated('The token was not accepted: its subject is not a person id.');
    }
    return Object.freeze({ kind: 'person', personId: payload.sub, expiresAt: exp });
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'it is not valid yet';
    if (error.claim === 'iss') return 'its issuer is not accepted';
    if (error.claim === 'aud') return 'its audience is not accepted';
    return `its "${error.claim}" claim is missing or invalid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its signing algorithm is not accepted';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature is invalid';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'it is malformed';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key matches its key id';
  return 'it could not be verified';
}
