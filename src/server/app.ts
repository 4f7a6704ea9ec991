import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import type { HubRuntime } from '../app/runtime';
import { createContext } from '../app/create-context';
import { traceOf, viewerOf } from './authentication';
import { graphiql, openingQuery } from './graphiql';
import { DEMO_USERS_PATH, graphiqlDemoUsers } from './graphiql-demo';
import { isDemoMode } from '../app/deployment';
import { healthRoutes } from './health';
import { centerRoutes } from './center';
import { buildSchema } from '../resolvers/executable-schema';
import { withPermissions } from '../resolvers/permissions';
import { buildSubgraph, subgraphPolicy } from '../resolvers/subgraph-schema';
import { authentication } from './authentication';
import { rateLimit } from './rate-limit';
import { createGuards } from './guards';
import { requestIdOf, requestIds } from './request-id';
import { auditExport } from './audit-export';
import { cors } from './cors';
import { graphqlPipeline } from './pipeline';
import { persistedDocuments } from './persisted-documents';
import { createResponseCache, serveResponseCache } from './response-cache';
import { shareSlot } from './response-slot';
import { TrustedDocuments } from './trusted-documents';
import { serveSubscriptions } from './ws/subscriptions';
import { lastResort, transportRefusals } from './transport-errors';

export interface HubServer {
  httpServer: http.Server;
  url: string;
  stop(): Promise<void>;
}

/** Express + Apollo Server 5 on an explicit host and port, with body limit and graceful drain. */
export async function startServer(
  runtime: HubRuntime,
  opts: { host?: string; port?: number } = {},
): Promise<HubServer> {
  const cfg = { ...runtime.config.server, limits: runtime.config.limits };
  const app = express();
  app.disable('x-powered-by');
  // No ETag computed over every answer (Express hashes each body it sends): answers are no-store and mostly
  // POSTs, so nothing revalidates them. The GraphiQL page keeps its own ETag (graphiql.ts), files theirs.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  // Idle keep-alive connections outlive the client's and a proxy's idle timeouts (commonly 60 s), so the
  // server never closes a connection a client is about to reuse (that race surfaces as ECONNRESET).
  httpServer.keepAliveTimeout = runtime.config.server.keepAliveTimeoutMs;
  httpServer.headersTimeout = runtime.config.server.keepAliveTimeoutMs + 1000;
  // Subgraph mode (src/resolvers/subgraph-schema.ts): the same schema as an Apollo Federation 2 subgraph.
  const subgraph = runtime.config.subgraph.enabled;
  const served = subgraph ? buildSubgraph(runtime.model, runtime.policy) : buildSchema(runtime.model, runtime.policy);
  const schema = withPermissions(served, subgraph ? subgraphPolicy(runtime.policy) : runtime.policy);
  const guards = createGuards(runtime);
  app.set('trust proxy', guards.addresses.isTrusted);
  // One pipeline for both transports (src/server/pipeline.ts); WebSocket enters it through executeOperation.
  const { trustedDocumentsFile } = runtime.config.security;
  const trusted = trustedDocumentsFile ? TrustedDocuments.load(trustedDocumentsFile) : undefined;
  const subscriptions = serveSubscriptions(
    httpServer,
    runtime,
    guards,
    (request, contextValue) => apollo.executeOperation(request, { contextValue }),
    trusted,
  );
  const apollo = graphqlPipeline(
    runtime,
    schema,
    [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: cfg.shutdownGraceMs }),
      ...subscriptions.plugins,
    ],
    trusted,
  );
  await apollo.start();

  app.use(healthRoutes(runtime));
  app.use(centerRoutes(runtime));
  app.use(graphiqlDemoUsers(runtime));
  app.use(
    '/graphql',
    cors({
      origins: cfg.corsOrigins,
      allowedHeaders: cfg.corsAllowedHeaders,
      exposedHeaders: cfg.corsExposedHeaders,
      maxAgeSeconds: cfg.corsMaxAgeSeconds,
    }),
    noStore,
    graphiql('/graphql', openingQuery(runtime), {
      demoUsersPath: isDemoMode(runtime.config) ? DEMO_USERS_PATH : undefined,
    }),
    requestIds,
    guards.preAuth.gate,
    express.json({ limit: cfg.bodyLimitBytes }),
    authentication(runtime, guards.preAuth),
    rateLimit(guards.limiter, guards.refusals, guards.addresses),
    ...(trusted ? [persistedDocuments(trusted)] : []),
    serveResponseCache(runtime, createResponseCache(runtime), guards.addresses),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const ctx = createContext(runtime, viewerOf(req), traceOf(req));
        ctx.requestId = requestIdOf(req);
        ctx.audit.address = guards.addresses.of(req);
        // The response cache's slot of this request (response-slot.ts), for the audit and cache plugins.
        shareSlot(req, ctx);
        return ctx;
      },
    }),
  );
  app.use('/graphql', transportRefusals(guards.preAuth, cfg.bodyLimitBytes));
  app.get(
    '/audit/export',
    noStore,
    requestIds,
    guards.preAuth.gate,
    authentication(runtime, guards.preAuth),
    rateLimit(guards.limiter, guards.refusals, guards.addresses),
    auditExport(runtime, guards.addresses),
  );
  app.use(lastResort);

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

/** Answers carry permission-filtered, often personal data: no shared or browser cache may keep them. */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
