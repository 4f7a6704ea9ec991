import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import type { HubContext } from '../app/context';
import type { HubRuntime } from '../app/runtime';
import { createContext } from '../app/create-context';
import { viewerOf } from './authentication';
import { formatError } from './format-error';
import { graphiql, openingQuery } from './graphiql';
import { healthRoutes } from './health';
import { buildSchema } from '../resolvers/executable-schema';
import { withPermissions } from '../auth/permissions';
import { authentication } from './authentication';
import { rateLimit } from './rate-limit';
import { TrustedDocuments } from './trusted-documents';
import { limitRules, type QueryLimits } from './limits/rules';
import { stringLiteralRule } from './limits/strings';
import { variablesPlugin } from './limits/plugin';
import { auditPlugin } from '../audit/audit-plugin';
import type { RefusalKind } from '../audit/refusal-audit';
import { createGuards } from './guards';
import type { PreAuthGuard } from './guards/pre-auth';
import { outputLimitPlugin } from './limits/output';
import { tracePlugin } from './trace-plugin';
import { serveSubscriptions } from './subscriptions';

export interface HubServer {
  httpServer: http.Server;
  url: string;
  stop(): Promise<void>;
}

/** Express + Apollo Server 5 on an explicit host and port, with body limit and graceful drain. */
export async function startServer(runtime: HubRuntime, opts: { host?: string; port?: number } = {}): Promise<HubServer> {
  const cfg = { ...runtime.config.server, limits: runtime.config.limits };
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Idle keep-alive connections outlive the client's and a proxy's idle timeouts (commonly 60 s), so the
  // server never closes a connection a client is about to reuse (that race surfaces as ECONNRESET).
  httpServer.keepAliveTimeout = runtime.config.server.keepAliveTimeoutMs;
  httpServer.headersTimeout = runtime.config.server.keepAliveTimeoutMs + 1000;
  const served = buildSchema(runtime.model, runtime.policy);
  const schema = withPermissions(served, runtime.policy);
  const trusted = runtime.config.security.trustedDocumentsFile ? TrustedDocuments.load(runtime.config.security.trustedDocumentsFile) : undefined;
  const guards = createGuards(runtime);
  app.set('trust proxy', guards.addresses.isTrusted);
  const subscriptions = serveSubscriptions(httpServer, schema, runtime, { validationRules: [...limitRules(limitsOf(runtime)), stringLiteralRule(runtime.config.limits.maxStringLength)], trusted, guards });
  const apollo = new ApolloServer<HubContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Hostile input is refused before execution: token, depth, alias, directive, duplicate and cost limits,
    // string hygiene; batched HTTP requests stay off (Apollo's default) and CSRF prevention on.
    parseOptions: { maxTokens: cfg.limits.maxTokens },
    validationRules: [...limitRules(limitsOf(runtime)), stringLiteralRule(runtime.config.limits.maxStringLength)],
    introspection: runtime.config.security.introspection,
    hideSchemaDetailsFromClientErrors: runtime.config.security.hideSchemaDetails,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    ...(trusted ? { persistedQueries: { cache: trusted.cache() } } : {}),
    // main.ts owns shutdown (drain, then close the sources); two handlers racing left stop() pending.
    stopOnTerminationSignals: false,
    // The audit plugin writes each request's record before its response leaves (fail closed).
    // The hub sets no cache hints; Apollo's default cache-control plugin would still hook every field
    // resolution (willResolveField), a large share of a 10,000-row list's time (docs/benchmarks.md).
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), tracePlugin(), variablesPlugin(runtime.config.limits.maxStringLength), outputLimitPlugin(runtime.config.limits.maxResponseCells), ...(trusted ? [trusted.plugin()] : []), auditPlugin(runtime.audit, schema), subscriptions.plugin],
  });
  await apollo.start();

  app.use(healthRoutes(runtime));
  app.use(
    '/graphql',
    corsFor(cfg.corsOrigins),
    noStore,
    graphiql('/graphql', openingQuery(runtime)),
    guards.preAuth.gate,
    express.json({ limit: cfg.bodyLimitBytes }),
    authentication(runtime, guards.preAuth),
    rateLimit(guards.limiter, guards.refusals, guards.addresses),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(runtime, viewerOf(req)) }),
  );
  app.use('/graphql', bodyRefusals(runtime, guards.preAuth));

  const host = opts.host ?? cfg.host;
  const port = opts.port ?? cfg.port;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  runtime.notices.hubListensOn(host, boundPort);
  return {
    httpServer,
    url: `http://${host}:${boundPort}/graphql`,
    stop: async () => {
      await apollo.stop();
      await guards.close();
    },
  };
}

/**
 * Bodies the JSON parser refuses (too large, not JSON) never reach authentication or Apollo: they are
 * answered here with a coded error — and audited like every other refused request.
 */
function bodyRefusals(runtime: HubRuntime, guard: PreAuthGuard): express.ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, next) => {
    const refusals: Record<string, [RefusalKind, number, string, string]> = {
      'entity.too.large': ['BODY_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${runtime.config.server.bodyLimitBytes} bytes.`],
      'entity.parse.failed': ['BAD_JSON', 400, 'BAD_REQUEST', 'The request body is not valid JSON.'],
    };
    const refusal = error.type ? refusals[error.type] : undefined;
    if (!refusal) return next(error);
    const [kind, status, code, message] = refusal;
    void guard.refuse(req, res, { kind, errorCode: code, message }, { status, code, message });
  };
}

function limitsOf(runtime: HubRuntime): QueryLimits {
  const l = runtime.config.limits;
  return {
    maxDepth: l.maxDepth,
    maxAliases: l.maxAliases,
    maxDirectives: l.maxDirectives,
    maxDuplicateFields: l.maxDuplicateFields,
    maxCost: l.maxCost,
    defaultPageSize: l.defaultPageSize,
    defaultListSize: l.listSize,
  };
}

/** Answers carry permission-filtered, often personal data: no shared or browser cache may keep them. */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** Same-origin by default; listed origins get CORS headers. */
function corsFor(origins: readonly string[]): express.RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, x-hub-trace, apollo-require-preflight');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') {
        res.sendStatus(204);
        return;
      }
    }
    next();
  };
}
