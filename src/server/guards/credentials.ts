import { randomUUID } from 'node:crypto';
import type { Identity } from '../../auth/authenticate';
import { resolveViewer } from '../../auth/principal';
import type { Viewer } from '../../auth/viewer';
import type { RefusalKind } from '../../audit/refusal-audit';
import { HubError } from '../../errors';
import type { HubRuntime } from '../../app/runtime';
import { logger } from '../../logger';
import type { StatementSink } from '../../sources/contract';

export interface Credentials {
  authorization?: string | undefined;
  'x-api-key'?: string | undefined;
}

/** Credentials refused, with what they were for the audit log and the per-address throttle. */
export class CredentialsRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly error: HubError,
    /** Whom the credential identified, when it did (a departed employee's valid token, a key without role). */
    readonly identified?: string,
  ) {
    super(error.message);
  }
}

/**
 * Credentials → identity → viewer, as HTTP and WebSocket both do it: the token or key is verified, HR is
 * asked whether the employee is still employed, the policy gives roles. A refusal says what it was:
 * MISSING_CREDENTIALS, BAD_TOKEN (any bearer or header problem), UNKNOWN_API_KEY, ACCESS_REVOKED (HR:
 * unknown or left), NO_ROLE, or INTERNAL (our fault, masked with an id).
 */
export async function authenticateCredentials(
  runtime: HubRuntime,
  credentials: Credentials,
  /** The request's trace: the identity, people and row-scope lookups made for it are counted there. */
  sink?: StatementSink,
): Promise<{ identity: Identity; viewer: Viewer }> {
  const { authorization, 'x-api-key': apiKey } = credentials;
  let identity: Identity;
  try {
    identity = await runtime.authenticator.authenticate(credentials);
  } catch (error) {
    const kind: RefusalKind =
      !authorization && !apiKey ? 'MISSING_CREDENTIALS' : apiKey && !authorization ? 'UNKNOWN_API_KEY' : 'BAD_TOKEN';
    throw refusal(error, kind);
  }
  try {
    return { identity, viewer: await resolveViewer(identity, runtime.policy, runtime.org, today(), sink) };
  } catch (error) {
    throw refusal(
      error,
      error instanceof HubError && error.extensions.code === 'FORBIDDEN' ? 'NO_ROLE' : 'ACCESS_REVOKED',
      principalOf(identity),
    );
  }
}

/** The viewer again for a known identity (a long-lived session re-checked against HR and the policy). */
export async function revalidate(runtime: HubRuntime, identity: Identity): Promise<Viewer> {
  try {
    return await resolveViewer(identity, runtime.policy, runtime.org, today());
  } catch (error) {
    throw refusal(
      error,
      error instanceof HubError && error.extensions.code === 'FORBIDDEN' ? 'NO_ROLE' : 'ACCESS_REVOKED',
      principalOf(identity),
    );
  }
}

/** The principal an identity names, as the audit log writes it. */
function principalOf(identity: Identity): string {
  return identity.kind === 'service' ? `apikey:${identity.keyId}` : identity.personId;
}

function refusal(error: unknown, kind: RefusalKind, identified?: string): CredentialsRefused {
  if (error instanceof HubError) return new CredentialsRefused(kind, error, identified);
  const errorId = randomUUID();
  logger.error({ errorId, err: error }, 'authentication failed internally');
  return new CredentialsRefused(
    'INTERNAL',
    new HubError('INTERNAL_SERVER_ERROR', `Internal error (id: ${errorId}).`, { errorId, http: { status: 500 } }),
    identified,
  );
}

const today = () => new Date().toISOString().slice(0, 10);
