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
import { auditRefused, auditUnavailableBody } from '../audit/audit-plugin';
import { fieldsRequested } from '../audit/fields';
import { hasSomeData, outcomeOf, redactVariables, sha256Hex, type AuditEntry } from '../audit/record';
import { sensitiveVariables } from '../audit/sensitive-arguments';
import { resolveViewer } from '../auth/principal';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../errors';
import type { HubContext } from '../hub/context';
import type { HubRuntime } from '../hub/runtime';
import { logger } from '../logger';
import { createContext } from './context';
import { formatError } from './format-error';
import { sha256, type TrustedDocuments } from './trusted-documents';

/** Per connection: the socket, the upgrade request, and the viewer once connection_init authenticated. */
interface Extra {
  socket: WebSocket;
  request: http.IncomingMessage;
  viewer?: Viewer;
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
 * schema. `connection_init` must carry credentials as the HTTP headers would — `{ authorization: "Bearer
 * <jwt>" }` or `{ "x-api-key": "<key>" }` — checked like HTTP requests (HR status, policy roles); a refusal
 * closes the socket with 4401 (credentials) or 4403 (no role) and is audited. Only subscription
 * operations run here (queries and mutations go to HTTP, where rate limits apply); each one is parsed,
 * validated with the hub's limit rules (and trusted documents when configured), runs with a fresh
 * context for the connection's viewer, and gets an audit record before its first event — if that record
 * cannot be written, the subscription ends with AUDIT_UNAVAILABLE instead (fail closed).
 */
export function serveSubscriptions(
  httpServer: http.Server,
  schema: GraphQLSchema,
  runtime: HubRuntime,
  options: { validationRules: readonly ValidationRule[]; trusted?: TrustedDocuments | undefined },
): SubscriptionServer {
  const rules = [...specifiedRules, ...options.validationRules];
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: runtime.config.server.bodyLimitBytes, handleProtocols: (p) => handleProtocols(p) });
  const server = makeServer<Record<string, unknown> | undefined, Extra>({
    schema,
    onConnect: (ctx) => authenticate(runtime, ctx),
    onSubscribe: async (ctx, _id, payload) => {
      const started = performance.now();
      const hub = createContext(runtime, ctx.extra.viewer!);
      const refuse = async (errors: readonly GraphQLError[], document?: DocumentNode): Promise<readonly GraphQLError[]> => {
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

  wss.on('connection', (socket, request) => connect(server, socket, request));
  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));

  let disposed: Promise<void> | undefined;
  const dispose = () =>
    (disposed ??= new Promise<void>((resolve) => {
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
function connect(server: ReturnType<typeof makeServer<Record<string, unknown> | undefined, Extra>>, socket: WebSocket, request: http.IncomingMessage): void {
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
    { socket, request },
  );
  socket.once('close', (code, reason) => {
    clearInterval(ping);
    clearTimeout(pongWait);
    closed(code, String(reason)).catch((error: unknown) => logger.error({ err: error }, 'error closing a WebSocket connection'));
  });
}

/**
 * connection_init: credentials from the payload, as HTTP headers would carry them. Refused: closed with
 * 4401/4403 and audited (principal anonymous, outcome refused); if even that record fails, 4500.
 */
async function authenticate(runtime: HubRuntime, ctx: Ctx): Promise<boolean> {
  const params = lowerKeys(ctx.connectionParams);
  try {
    const identity = await runtime.authenticator.authenticate({ authorization: text(params.authorization), 'x-api-key': text(params['x-api-key']) });
    ctx.extra.viewer = await resolveViewer(identity, runtime.policy, runtime.org, new Date().toISOString().slice(0, 10));
    return true;
  } catch (error) {
    const refusal = error instanceof HubError ? error : internal(error);
    const code = refusal.extensions.code === 'FORBIDDEN' ? CloseCode.Forbidden : refusal.extensions.code === 'UNAUTHENTICATED' ? CloseCode.Unauthorized : CloseCode.InternalServerError;
    try {
      await auditRefused(runtime.audit, {
        requestId: randomUUID(),
        reason: `WebSocket connection refused: ${refusal.message}`,
        ip: ctx.extra.request.socket.remoteAddress,
        errorCode: String(refusal.extensions.code),
      });
      ctx.extra.socket.close(code, refusal.message.slice(0, 120));
    } catch (auditError) {
      logger.error({ err: auditError }, 'could not audit a refused WebSocket connection');
      ctx.extra.socket.close(CloseCode.InternalServerError, 'The connection could not be audited, so it was refused.');
    }
    return false;
  }
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

function internal(error: unknown): HubError {
  const errorId = randomUUID();
  logger.error({ errorId, err: error }, 'WebSocket authentication failed internally');
  return new HubError('INTERNAL_SERVER_ERROR', `Internal error (id: ${errorId}).`, { errorId });
}

function lowerKeys(params: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
