import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context } from 'graphql-ws';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { auditUnavailableBody } from '../audit/audit-plugin';
import type { Refusal, RefusalKind } from '../audit/refusal-audit';
import type { Identity } from '../auth/authenticate';
import { fieldsRequested } from '../audit/fields';
import { hasSomeData, outcomeOf, redactVariables, sha256Hex, type AuditEntry } from '../audit/record';
import { sensitiveVariables } from '../audit/sensitive-arguments';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../errors';
import type { HubContext } from '../app/context';
import type { HubRuntime } from '../app/runtime';
import { logger } from '../logger';
import { createContext } from '../app/create-context';
import { formatError } from './format-error';
import { sha256, type TrustedDocuments } from './trusted-documents';
import type { Guards } from './guards';
import { authenticateCredentials, CredentialsRefused } from './guards/credentials';
import { throttledMessage } from './guards/pre-auth';
import { closeReason, HubCloseCode } from './ws/close-codes';
import { WsSessions, type Session } from './ws/sessions';

/** Per connection: the socket, the upgrade request, the client address, and the session once connection_init authenticated. */
interface Extra {
  socket: WebSocket;
  request: http.IncomingMessage;
  ip: string;
  session?: Session;
}
type Ctx = Context<Record<string, unknown> | undefined, Extra>;

export interface SubscriptionServer {
  /** Add to Apollo's plugins: stopping Apollo closes every socket and the WebSocket server. */
  plugin: ApolloServerPlugin<HubContext>;
  dispose(): Promise<void>;
}

const KEEP_ALIVE_MS = 12_000;

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's `/graphql`, against the permission-wrapped
 * schema, held to HTTP's rules:
 * - the upgrade of an address that has spent its pre-authentication refusals is answered 429 with
 *   Retry-After (src/server/guards/pre-auth.ts);
 * - `connection_init` must carry credentials as the HTTP headers would — `{ authorization: "Bearer <jwt>" }`
 *   or `{ "x-api-key": "<key>" }` — checked like HTTP requests (HR status, policy roles); a refusal closes
 *   the socket with 4401 (credentials) or 4403 (no role), spends from the address's refusal budget and is
 *   audited (aggregated);
 * - connecting and every subscribe spend from the SAME per-principal limiter as HTTP requests; connections
 *   and active subscriptions per principal are capped (src/server/ws/sessions.ts); a socket ends with a
 *   coded close (src/server/ws/close-codes.ts) when its token expires or HR records its employee as gone.
 * Only subscription operations run here (queries and mutations go to HTTP); each one is parsed, validated
 * with the hub's limit rules (and trusted documents when configured), runs with a fresh context for the
 * connection's viewer, and gets an audit record before its first event — if that record cannot be
 * written, the subscription ends with AUDIT_UNAVAILABLE instead (fail closed). Refused subscribes (rate,
 * cap, expiry) are audited aggregated per principal and reason.
 */
export function serveSubscriptions(
  httpServer: http.Server,
  schema: GraphQLSchema,
  runtime: HubRuntime,
  options: { validationRules: readonly ValidationRule[]; trusted?: TrustedDocuments | undefined; guards: Guards },
): SubscriptionServer {
  const { guards } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  const sessions = new WsSessions(runtime, runtime.config.limits.websocket, (session, kind, message) => {
    guards.refusals
      .record({ kind, errorCode: kind, message: `WebSocket connection closed: ${message}`, principal: session.principal, roles: session.viewer.roles, ip: null })
      .catch((error: unknown) => logger.error({ err: error }, 'could not audit a WebSocket connection the hub closed'));
  });
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: runtime.config.server.bodyLimitBytes,
    handleProtocols: (p) => handleProtocols(p),
    verifyClient: (info, accept) => {
      throttleUpgrade(guards, info.req).then(
        (refused) => (refused ? accept(false, refused.status, refused.message, refused.headers) : accept(true)),
        () => accept(false, 500),
      );
    },
  });
  const server = makeServer<Record<string, unknown> | undefined, Extra>({
    schema,
    onConnect: (ctx) => authenticate(runtime, guards, sessions, ctx),
    onSubscribe: async (ctx, id, payload) => {
      const started = performance.now();
      const session = ctx.extra.session!;
      const admitted = await admitSubscription(guards, sessions, session, id, ctx.extra.ip);
      if (admitted) return admitted;
      const hub = createContext(runtime, session.viewer);
      const refuse = async (errors: readonly GraphQLError[], document?: DocumentNode): Promise<readonly GraphQLError[]> => {
        sessions.unsubscribe(session, id);
        try {
          await audit(runtime, schema, hub, { query: payload.query, operationName: payload.operationName, variables: payload.variables, document }, errors, false, started);
          return errors;
        } catch (error) {
          return [unavailable(error, hub.requestId)];
        }
      };
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: runtime.config.limits.maxTokens });
      } catch (error) {
        return refuse([error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : new GraphQLError('The document could not be parsed.')]);
      }
      if (options.trusted && (await options.trusted.cache().get(sha256(payload.query))) === undefined) {
        return refuse([new HubError('FORBIDDEN', 'Only registered operations may run here (trusted documents): register this query with the hub operators.', { reason: 'UNTRUSTED_DOCUMENT' })], document);
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return refuse(invalid.map((e) => (e.extensions.code ? e : withCode(e, 'GRAPHQL_VALIDATION_FAILED'))), document);
      const operation = getOperationAST(document, payload.operationName ?? undefined);
      if (operation?.operation !== 'subscription') {
        return refuse([new HubError('BAD_USER_INPUT', 'Only subscriptions run over WebSocket: send queries and mutations as HTTP POST to /graphql.')], document);
      }
      const args: ExecutionArgs = { schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null, contextValue: hub };
      starts.set(hub, started);
      return args;
    },
    // Errors leave as HTTP ones do: coded ones as written, anything else masked with an id (format-error.ts).
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined),
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    onComplete: (ctx, id) => {
      if (ctx.extra.session) sessions.unsubscribe(ctx.extra.session, id);
    },
    onOperation: async (_ctx, _id, payload, args, result) => {
      const hub = args.contextValue as HubContext;
      const streaming = Symbol.asyncIterator in (result as object);
      const errors = streaming ? [] : ((result as ExecutionResult).errors ?? []);
      try {
        await audit(runtime, schema, hub, { query: payload.query, operationName: payload.operationName, variables: payload.variables, document: args.document }, errors, streaming || hasSomeData((result as ExecutionResult).data), starts.get(hub) ?? performance.now());
        return undefined;
      } catch (error) {
        if (streaming) await (result as AsyncGenerator).return?.(undefined);
        return { errors: [unavailable(error, hub.requestId)] };
      }
    },
  });

  wss.on('connection', (socket, request) => connect(server, socket, request, guards.addresses.of(request), sessions));
  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));

  let disposed: Promise<void> | undefined;
  const dispose = () =>
    (disposed ??= new Promise<void>((resolve) => {
      sessions.dispose();
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.close(() => resolve());
    }));
  return {
    dispose,
    plugin: {
      async serverWillStart() {
        return { drainServer: dispose };
      },
    },
  };
}

/** When each subscription started (for its audit record's latency). */
const starts = new WeakMap<HubContext, number>();

/** graphql-ws over one `ws` socket (what graphql-ws/use/ws does, with the hub's logger instead of the console). */
function connect(server: ReturnType<typeof makeServer<Record<string, unknown> | undefined, Extra>>, socket: WebSocket, request: http.IncomingMessage, ip: string, sessions: WsSessions): void {
  const extra: Extra = { socket, request, ip };
  socket.once('error', (error) => {
    logger.warn({ err: error }, 'WebSocket error: closing the connection');
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  });
  let pongWait: NodeJS.Timeout | undefined;
  const ping = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
    socket.once('pong', () => clearTimeout(pongWait));
    socket.ping();
  }, KEEP_ALIVE_MS);
  ping.unref();
  const closed = server.opened(
    {
      protocol: socket.protocol,
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          if (socket.readyState !== socket.OPEN) return resolve();
          socket.send(data, (error) => (error ? reject(error) : resolve()));
        }),
      close: (code, reason) => socket.close(code, reason),
      onMessage: (cb) =>
        socket.on('message', async (data) => {
          try {
            await cb(String(data));
          } catch (error) {
            const errorId = randomUUID();
            logger.error({ errorId, err: error }, 'internal error handling a WebSocket message');
            socket.close(CloseCode.InternalServerError, `Internal error (id: ${errorId}).`);
          }
        }),
    },
    extra,
  );
  socket.once('close', (code, reason) => {
    if (extra.session) sessions.closed(extra.session);
    clearInterval(ping);
    clearTimeout(pongWait);
    closed(code, String(reason)).catch((error: unknown) => logger.error({ err: error }, 'error closing a WebSocket connection'));
  });
}

/**
 * connection_init: credentials from the payload, as HTTP headers would carry them, then the session
 * limits. Refused: closed with a coded reason and audited (aggregated); if even that record fails, 4500.
 */
async function authenticate(runtime: HubRuntime, guards: Guards, sessions: WsSessions, ctx: Ctx): Promise<boolean> {
  const params = lowerKeys(ctx.connectionParams);
  const { socket, ip } = ctx.extra;
  const refuse = async (refusal: Refusal, spend: boolean, code: number, reason: string): Promise<false> => {
    try {
      await guards.preAuth.record(refusal, spend);
      socket.close(code, reason);
    } catch (auditError) {
      logger.error({ err: auditError }, 'could not audit a refused WebSocket connection');
      socket.close(CloseCode.InternalServerError, 'The connection could not be audited, so it was refused.');
    }
    return false;
  };
  let admitted: { identity: Identity; viewer: Viewer };
  try {
    admitted = await authenticateCredentials(runtime, { authorization: text(params.authorization), 'x-api-key': text(params['x-api-key']) });
  } catch (error) {
    if (!(error instanceof CredentialsRefused)) throw error;
    const code = error.kind === 'NO_ROLE' ? CloseCode.Forbidden : error.kind === 'INTERNAL' ? CloseCode.InternalServerError : CloseCode.Unauthorized;
    const errorCode = String(error.error.extensions.code);
    return refuse({ kind: error.kind, errorCode, message: `WebSocket connection refused: ${error.message}`, ip }, error.kind !== 'INTERNAL', code, error.message.slice(0, 120));
  }
  const { identity, viewer } = admitted;
  const who = { principal: viewer.principal, roles: viewer.roles, ip };
  const rate = guards.limiter.take(viewer.principal);
  if (!rate.ok) {
    const message = guards.limiter.message(viewer.principal, rate.retryAfterSeconds);
    return refuse({ kind: 'RATE_LIMITED', errorCode: 'RATE_LIMITED', message: `WebSocket connection refused: ${message}`, ...who }, false, HubCloseCode.RATE_LIMITED, closeReason('RATE_LIMITED', message));
  }
  const session = sessions.open(identity, viewer, (kind, message) => socket.close(kind === 'NO_ROLE' ? CloseCode.Forbidden : HubCloseCode[kind], closeReason(kind, message)));
  if (!session.ok) {
    const kind = session.kind as keyof typeof HubCloseCode;
    return refuse({ kind: session.kind, errorCode: session.kind, message: `WebSocket connection refused: ${session.message}`, ...who }, false, HubCloseCode[kind], closeReason(kind, session.message));
  }
  ctx.extra.session = session.value;
  return true;
}

/**
 * A subscribe takes a token of the principal's rate limit and a slot of its subscription cap; refused
 * (coded error RATE_LIMITED, TOO_MANY_SUBSCRIPTIONS or TOKEN_EXPIRED), it is audited aggregated.
 * Returns the errors to send, or undefined when admitted (the slot is then held until it completes).
 */
async function admitSubscription(guards: Guards, sessions: WsSessions, session: Session, id: string, ip: string): Promise<readonly GraphQLError[] | undefined> {
  let refusal: { kind: RefusalKind; message: string; extensions?: Record<string, unknown> } | undefined;
  const rate = guards.limiter.take(session.principal);
  if (!rate.ok) {
    refusal = { kind: 'RATE_LIMITED', message: guards.limiter.message(session.principal, rate.retryAfterSeconds), extensions: { retryAfterSeconds: rate.retryAfterSeconds } };
  } else {
    const slot = sessions.subscribe(session, id);
    if (!slot.ok) refusal = { kind: slot.kind, message: slot.message };
  }
  if (!refusal) return undefined;
  try {
    await guards.refusals.record({ kind: refusal.kind, errorCode: refusal.kind, message: `Subscribe refused: ${refusal.message}`, principal: session.principal, roles: session.viewer.roles, ip });
  } catch (error) {
    return [unavailable(error, randomUUID())];
  }
  return [new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, code: refusal.kind } })];
}

/** The upgrade of an address that spent its refusals: 429 with Retry-After (audited, aggregated; 503 when it cannot be). */
async function throttleUpgrade(guards: Guards, request: http.IncomingMessage): Promise<{ status: number; message: string; headers?: Record<string, string> } | undefined> {
  const ip = guards.addresses.of(request);
  const verdict = guards.preAuth.check(ip);
  if (verdict.ok) return undefined;
  const message = throttledMessage(verdict.retryAfterSeconds);
  try {
    await guards.preAuth.record({ kind: 'THROTTLED', errorCode: 'RATE_LIMITED', message: `WebSocket upgrade refused: ${message}`, ip }, false);
  } catch (error) {
    logger.error({ err: error }, 'could not audit a refused WebSocket upgrade');
    return { status: 503, message: 'The request could not be audited, so it was not answered.' };
  }
  return { status: 429, message, headers: { 'Retry-After': String(verdict.retryAfterSeconds) } };
}

/** The audit record of one subscribe: like an HTTP request's (src/audit/audit-plugin.ts), built from the same parts. */
async function audit(
  runtime: HubRuntime,
  schema: GraphQLSchema,
  hub: HubContext,
  request: { query: string; operationName?: string | null | undefined; variables?: Record<string, unknown> | null | undefined; document?: DocumentNode | undefined },
  errors: readonly GraphQLError[],
  hasData: boolean,
  started: number,
): Promise<void> {
  const errorCodes = errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
  const entry: AuditEntry = {
    at: new Date().toISOString(),
    requestId: hub.requestId,
    principal: hub.viewer.principal,
    roles: [...hub.viewer.roles],
    scope: hub.viewer.scopeDescription,
    operationName: request.operationName ?? null,
    documentHash: sha256Hex(request.query),
    variables: redactVariables(request.variables, sensitiveVariables(request.document)),
    fieldsRequested: fieldsRequested(schema, request.document, request.operationName),
    denied: [...hub.audit.denied.values()],
    masked: [...hub.audit.masked.values()],
    indicators: [],
    statements: [],
    rows: 0,
    outcome: outcomeOf(errorCodes, hasData, hub.audit.denied.size > 0),
    errorCodes,
    latencyMs: performance.now() - started,
    ip: null,
    reason: null,
  };
  await runtime.audit.append(entry);
}

function unavailable(error: unknown, requestId: string): GraphQLError {
  const errorId = randomUUID();
  logger.error({ errorId, err: error, requestId }, 'audit record could not be written: the subscription was refused (AUDIT_UNAVAILABLE)');
  const body = auditUnavailableBody(errorId).errors[0]!;
  return new GraphQLError(body.message, { extensions: body.extensions });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

function lowerKeys(params: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
