import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import type { HubContext } from '../hub/context';
import type { HubRuntime } from '../hub/runtime';
import { createContext } from './context';
import { viewerOf } from './authentication';
import { formatError } from './format-error';
import { graphiql } from './graphiql';
import { healthRoutes } from './health';
import { buildSchema } from './schema';
import { withPermissions } from '../auth/permissions';
import { authentication } from './authentication';
import { rateLimit } from './rate-limit';
import { TrustedDocuments } from './trusted-documents';
import { limitRules, type QueryLimits } from './limits/rules';
import { stringLiteralRule } from './limits/strings';
import { variablesPlugin } from './limits/plugin';
import { auditPlugin, auditRefused } from '../audit/audit-plugin';
import { randomUUID } from 'node:crypto';
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
  const schema = withPermissions(buildSchema(runtime.model), runtime.policy);
  const trusted = runtime.config.security.trustedDocumentsFile ? TrustedDocuments.load(runtime.config.security.trustedDocumentsFile) : undefined;
  const subscriptions = serveSubscriptions(httpServer, schema, runtime, { validationRules: [...limitRules(limitsOf(runtime)), stringLiteralRule(runtime.config.limits.maxStringLength)], trusted });
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
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), tracePlugin(), variablesPlugin(runtime.config.limits.maxStringLength), ...(trusted ? [trusted.plugin()] : []), auditPlugin(runtime.audit, schema), subscriptions.plugin],
  });
  await apollo.start();

  app.use(healthRoutes(runtime));
  app.use(
    '/graphql',
    corsFor(cfg.corsOrigins),
    noStore,
    graphiql('/graphql'),
    express.json({ limit: cfg.bodyLimitBytes }),
    authentication(runtime, async (req, error) => {
      await auditRefused(runtime.audit, {
        requestId: randomUUID(),
        reason: error.message,
        ip: req.ip,
        operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : undefined,
      });
    }),
    rateLimit(runtime),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(runtime, viewerOf(req)) }),
  );
  app.use('/graphql', bodyRefusals(runtime));

  const host = opts.host ?? cfg.host;
  const port = opts.port ?? cfg.port;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    httpServer,
    url: `http://${host}:${boundPort}/graphql`,
    stop: () => apollo.stop(),
  };
}

/**
 * Bodies the JSON parser refuses (too large, not JSON) never reach authentication or Apollo: they are
 * answered here with a coded error — and audited like every other refused request.
 */
function bodyRefusals(runtime: HubRuntime): express.ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, next) => {
    const refusals: Record<string, [number, string, string]> = {
      'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${runtime.config.server.bodyLimitBytes} bytes.`],
      'entity.parse.failed': [400, 'BAD_REQUEST', 'The request body is not valid JSON.'],
    };
    const refusal = error.type ? refusals[error.type] : undefined;
    if (!refusal) return next(error);
    const [status, code, message] = refusal;
    auditRefused(runtime.audit, { requestId: randomUUID(), reason: message, ip: req.ip }).then(
      () => res.status(status).json({ errors: [{ message, extensions: { code } }] }),
      () => res.status(503).json({ errors: [{ message: 'The request could not be audited, so it was not answered.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] }),
    );
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
