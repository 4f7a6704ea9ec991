import type { ApolloServerPlugin, GraphQLRequest, GraphQLResponse } from '@apollo/server';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { handleProtocols, makeServer } from 'graphql-ws';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { auditUnavailableBody } from '../audit-plugin';
import type { HubContext } from '../../app/context';
import type { HubRuntime } from '../../app/runtime';
import { logger } from '../../logger';
import { createContext } from '../../app/create-context';
import { HubError } from '../../errors';
import { formatErrors } from '../format-error';
import { formatEvent } from '../coalesce-errors';
import type { DocumentRequest, TrustedDocuments } from '../trusted-documents';
import type { Guards } from '../guards';
import { spendRate } from '../rate-limit';
import { openSession, throttleUpgrade, type Extra } from './connection';
import { WsSessions, type Session } from './sessions';
import { connect } from './socket';
import { SubscribeStep } from './subscribe-step';

/** The pipeline's entry for one operation (src/server/pipeline.ts: ApolloServer.executeOperation). */
export type RunOperation = (request: GraphQLRequest, context: HubContext) => Promise<GraphQLResponse>;

export interface SubscriptionServer {
  /**
   * The pipeline's transport plugins: the execution step of WebSocket operations, and the drain (stopping
   * Apollo closes every socket and the WebSocket server).
   */
  plugins: ApolloServerPlugin<HubContext>[];
  dispose(): Promise<void>;
}

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's `/graphql`. This file is the WebSocket
 * transport only; each operation runs through the same pipeline as an HTTP request (src/server/pipeline.ts:
 * parse, validation and limits, trusted documents, execution with the permission-wrapped schema, error
 * formatting, audit record), with a context from the same factory (src/app/create-context.ts). What is
 * the transport's own, held to HTTP's rules with HTTP's parts:
 * - the upgrade of an address that has spent its pre-authentication refusals is answered 429 with
 *   Retry-After (src/server/guards/pre-auth.ts);
 * - `connection_init` must carry credentials as the HTTP headers would — `{ authorization: "Bearer <jwt>" }`
 *   or `{ "x-api-key": "<key>" }` — checked like HTTP requests (src/server/guards/credentials.ts); a refusal
 *   closes the socket with 4401 (credentials) or 4403 (no role), spends from the address's refusal budget
 *   and is audited (aggregated);
 * - connecting and every subscribe spend from the SAME per-principal limiter as HTTP requests
 *   (src/server/rate-limit.ts); connections and active subscriptions per principal are capped
 *   (src/server/ws/sessions.ts); a socket ends with a coded close (src/server/ws/close-codes.ts) when its
 *   token expires or HR records its employee as gone.
 * Only subscription operations run here (queries and mutations go to HTTP: src/server/ws/subscribe-step.ts).
 * An operation the pipeline refuses is answered with an `error` message; one it executed with `next`
 * messages (its events, or the errors that ended it) and `complete`. Its audit record is written before
 * the first event — if it cannot be, the subscription ends with AUDIT_UNAVAILABLE instead (fail closed).
 * Refused subscribes (rate, cap, expiry) are audited aggregated per principal and reason.
 */
export function serveSubscriptions(
  httpServer: http.Server,
  runtime: HubRuntime,
  guards: Guards,
  run: RunOperation,
  trusted?: TrustedDocuments,
): SubscriptionServer {
  const step = new SubscribeStep();
  /** What graphql-ws's `subscribe` hands on for a context: the opened stream, or the result that ended it. */
  const outcomes = new WeakMap<object, AsyncGenerator<ExecutionResult> | ExecutionResult>();
  const sessions = new WsSessions(runtime, runtime.config.limits.websocket, (session, kind, message) => {
    guards.refusals
      .record({
        kind,
        errorCode: kind,
        message: `WebSocket connection closed: ${message}`,
        principal: session.principal,
        roles: session.viewer.roles,
        ip: null,
      })
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
    onConnect: (ctx) => openSession(runtime, guards, sessions, ctx),
    onSubscribe: async (ctx, id, payload) => {
      const session = ctx.extra.session!;
      const admitted = await admitSubscription(guards, sessions, session, id, ctx.extra.ip);
      if (admitted) return admitted;
      let named: DocumentRequest;
      try {
        // A registered document named by id (documentId or persistedQuery) becomes its text, as over HTTP.
        named = trusted ? trusted.resolve<DocumentRequest>(payload) : payload;
      } catch (error) {
        sessions.unsubscribe(session, id);
        if (error instanceof HubError) return [error];
        throw error;
      }
      const hub = createContext(runtime, session.viewer);
      hub.audit.address = ctx.extra.ip;
      const request = {
        query: typeof named.query === 'string' ? named.query : '',
        operationName: payload.operationName ?? undefined,
        variables: payload.variables ?? undefined,
        extensions: (named.extensions as Record<string, unknown> | undefined) ?? undefined,
      };
      const { value: response, subscribed } = await step.around(hub.requestId, () => run(request, hub));
      const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
      const errors = result.errors?.length ? result.errors.map((e) => new Formatted(e)) : undefined;
      if (!subscribed) {
        sessions.unsubscribe(session, id);
        return errors ?? [notExecuted(hub.requestId)];
      }
      // Executed: its events follow, or the errors that ended it (with a stream, only an audit record that could not be
      // written).
      if (errors) await subscribed.stream?.return(undefined);
      outcomes.set(hub, subscribed.stream && !errors ? subscribed.stream : { ...result, errors });
      return {
        schema: subscribed.schema,
        document: subscribed.document,
        operationName: request.operationName,
        variableValues: request.variables,
        contextValue: hub,
      };
    },
    subscribe: (args) => {
      const outcome = outcomes.get(args.contextValue as object);
      outcomes.delete(args.contextValue as object);
      return outcome ?? { errors: [new GraphQLError('The subscription was not opened.')] };
    },
    // Errors leave as HTTP ones do: coded ones as written, anything else masked with an id (format-error.ts),
    // those of one field at many rows coalesced into one (coalesce-errors.ts).
    onNext: (_ctx, _id, _payload, _args, result) => formatEvent(result),
    onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    onComplete: (ctx, id) => {
      if (ctx.extra.session) sessions.unsubscribe(ctx.extra.session, id);
    },
  });

  wss.on('connection', (socket, request) =>
    connect(server, socket, request, guards.addresses.of(request), sessions, trusted !== undefined),
  );
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
    plugins: [
      step.plugin(),
      {
        async serverWillStart() {
          return { drainServer: dispose };
        },
      },
    ],
  };
}

/** An error the pipeline formatted, handed to graphql-ws (which takes GraphQLError instances): it is sent as formatted. */
class Formatted extends GraphQLError {
  constructor(readonly formatted: GraphQLFormattedError) {
    super(formatted.message, { extensions: formatted.extensions ?? {} });
  }

  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

/**
 * A subscribe takes a token of the principal's rate limit and a slot of its subscription cap; refused
 * (coded error RATE_LIMITED, TOO_MANY_SUBSCRIPTIONS or TOKEN_EXPIRED), it is audited aggregated.
 * Returns the errors to send, or undefined when admitted (the slot is then held until it completes).
 */
async function admitSubscription(
  guards: Guards,
  sessions: WsSessions,
  session: Session,
  id: string,
  ip: string,
): Promise<readonly GraphQLError[] | undefined> {
  const who = { principal: session.principal, roles: session.viewer.roles, ip };
  try {
    const limited = await spendRate(guards.limiter, guards.refusals, who, 'Subscribe refused: ');
    if (limited)
      return [
        new GraphQLError(limited.message, {
          extensions: { retryAfterSeconds: limited.retryAfterSeconds, code: 'RATE_LIMITED' },
        }),
      ];
    const slot = sessions.subscribe(session, id);
    if (slot.ok) return undefined;
    await guards.refusals.record({
      kind: slot.kind,
      errorCode: slot.kind,
      message: `Subscribe refused: ${slot.message}`,
      ...who,
    });
    return [new GraphQLError(slot.message, { extensions: { code: slot.kind } })];
  } catch (error) {
    return [unavailable(error, randomUUID())];
  }
}

/** The pipeline answered without errors yet opened nothing: our fault, masked with an id like any other. */
function notExecuted(requestId: string): GraphQLError {
  const errorId = randomUUID();
  logger.error({ errorId, requestId }, 'a WebSocket operation was neither refused nor executed');
  return new GraphQLError(
    `Internal error (id: ${errorId}). The hub's operators can find the cause in its log under this id.`,
    { extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } },
  );
}

function unavailable(error: unknown, requestId: string): GraphQLError {
  const errorId = randomUUID();
  logger.error(
    { errorId, err: error, requestId },
    'audit record could not be written: the subscription was refused (AUDIT_UNAVAILABLE)',
  );
  const body = auditUnavailableBody(errorId).errors[0]!;
  return new GraphQLError(body.message, { extensions: body.extensions });
}
