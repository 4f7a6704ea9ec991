import { CloseCode, type Context } from 'graphql-ws';
import type http from 'node:http';
import type { WebSocket } from 'ws';
import type { Refusal } from '../../audit/refusal-audit';
import type { Identity } from '../../auth/authenticate';
import type { Viewer } from '../../auth/viewer';
import type { HubRuntime } from '../../app/runtime';
import { logger } from '../../logger';
import type { Guards } from '../guards';
import { authenticateCredentials, CredentialsRefused } from '../guards/credentials';
import { credentialsOf, throttledMessage } from '../guards/pre-auth';
import { spendRate } from '../rate-limit';
import { closeReason, HubCloseCode } from './close-codes';
import type { Session, WsSessions } from './sessions';

/*
 * Admitting a WebSocket connection, held to HTTP's rules with HTTP's parts: the per-address throttle at the
 * upgrade, credentials at connection_init (src/server/guards/credentials.ts), the per-principal limiter
 * (src/server/rate-limit.ts), then the session caps (src/server/ws/sessions.ts).
 */

/** Per connection: the socket, the upgrade request, the client address, and the session once connection_init authenticated. */
export interface Extra {
  socket: WebSocket;
  request: http.IncomingMessage;
  ip: string;
  session?: Session;
}
export type Ctx = Context<Record<string, unknown> | undefined, Extra>;

/**
 * The upgrade of an address that spent its refusals: 429 with Retry-After (audited, aggregated; 503 when it
 * cannot be) — unless its headers carry credentials that verify, or none at all (browsers cannot set
 * headers on a WebSocket: connection_init then carries them, and is held to the same rule in openSession).
 */
export async function throttleUpgrade(
  guards: Guards,
  request: http.IncomingMessage,
): Promise<{ status: number; message: string; headers?: Record<string, string> } | undefined> {
  const ip = guards.addresses.of(request);
  const credentials = credentialsOf(request.headers);
  if (!credentials.authorization && !credentials['x-api-key']) return undefined;
  const verdict = await guards.preAuth.admits(ip, credentials);
  if (verdict.ok) return undefined;
  const message = throttledMessage(verdict.retryAfterSeconds);
  try {
    await guards.preAuth.record({
      kind: 'THROTTLED',
      errorCode: 'RATE_LIMITED',
      message: `WebSocket upgrade refused: ${message}`,
      ip,
    });
  } catch (error) {
    logger.error({ err: error }, 'could not audit a refused WebSocket upgrade');
    return { status: 503, message: 'The request could not be audited, so it was not answered.' };
  }
  return { status: 429, message, headers: { 'Retry-After': String(verdict.retryAfterSeconds) } };
}

/**
 * connection_init: credentials from the payload, as HTTP headers would carry them, then the session
 * limits. Refused: closed with a coded reason and audited (aggregated); if even that record fails, 4500.
 */
export async function openSession(
  runtime: HubRuntime,
  guards: Guards,
  sessions: WsSessions,
  ctx: Ctx,
): Promise<boolean> {
  const params = lowerKeys(ctx.connectionParams);
  const { socket, ip } = ctx.extra;
  const refuse = async (refusal: Refusal, code: number, reason: string): Promise<false> => {
    try {
      await guards.preAuth.record(refusal, text(params['x-api-key']));
      socket.close(code, reason);
    } catch (auditError) {
      return unaudited(socket, auditError);
    }
    return false;
  };
  const credentials = { authorization: text(params.authorization), 'x-api-key': text(params['x-api-key']) };
  const throttle = await guards.preAuth.admits(ip, credentials);
  if (!throttle.ok) {
    const message = throttledMessage(throttle.retryAfterSeconds);
    return refuse(
      { kind: 'THROTTLED', errorCode: 'RATE_LIMITED', message: `WebSocket connection refused: ${message}`, ip },
      HubCloseCode.RATE_LIMITED,
      closeReason('RATE_LIMITED', message),
    );
  }
  let admitted: { identity: Identity; viewer: Viewer };
  try {
    admitted = await authenticateCredentials(runtime, credentials);
  } catch (error) {
    if (!(error instanceof CredentialsRefused)) throw error;
    const code =
      error.kind === 'NO_ROLE'
        ? CloseCode.Forbidden
        : error.kind === 'INTERNAL'
          ? CloseCode.InternalServerError
          : CloseCode.Unauthorized;
    const errorCode = String(error.error.extensions.code);
    return refuse(
      {
        kind: error.kind,
        errorCode,
        message: `WebSocket connection refused: ${error.message}`,
        ip,
        identified: error.identified,
      },
      code,
      error.message.slice(0, 120),
    );
  }
  const { identity, viewer } = admitted;
  const who = { principal: viewer.principal, roles: viewer.roles, ip };
  let limited: Awaited<ReturnType<typeof spendRate>>;
  try {
    limited = await spendRate(guards.limiter, guards.refusals, who, 'WebSocket connection refused: ');
  } catch (auditError) {
    return unaudited(socket, auditError);
  }
  if (limited) {
    socket.close(HubCloseCode.RATE_LIMITED, closeReason('RATE_LIMITED', limited.message));
    return false;
  }
  const session = sessions.open(identity, viewer, (kind, message) =>
    socket.close(kind === 'NO_ROLE' ? CloseCode.Forbidden : HubCloseCode[kind], closeReason(kind, message)),
  );
  if (!session.ok) {
    const kind = session.kind as keyof typeof HubCloseCode;
    return refuse(
      {
        kind: session.kind,
        errorCode: session.kind,
        message: `WebSocket connection refused: ${session.message}`,
        ...who,
      },
      HubCloseCode[kind],
      closeReason(kind, session.message),
    );
  }
  ctx.extra.session = session.value;
  return true;
}

/** A connection whose refusal could not be audited: closed with 4500 all the same (fail closed). */
function unaudited(socket: WebSocket, error: unknown): false {
  logger.error({ err: error }, 'could not audit a refused WebSocket connection');
  socket.close(CloseCode.InternalServerError, 'The connection could not be audited, so it was refused.');
  return false;
}

function lowerKeys(params: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
