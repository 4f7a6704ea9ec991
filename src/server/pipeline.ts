import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { HubContext } from '../app/context';
import type { HubRuntime } from '../app/runtime';
import { auditPlugin } from './audit-plugin';
import { coalescePlugin } from './coalesce-errors';
import { compiledExecutor } from './compiled-executor';
import { formatError } from './format-error';
import { InFlightBudget } from './limits/in-flight';
import { outputLimitPlugin } from './limits/output';
import { responseCachePlugin } from './response-cache';
import { variablesPlugin } from './limits/plugin';
import { limitRules, type QueryLimits } from './limits/rules';
import { stringLiteralRule } from './limits/strings';
import { tracePlugin } from './trace-plugin';
import type { TrustedDocuments } from './trusted-documents';

/**
 * The one GraphQL pipeline, run by HTTP (src/server/app.ts, through Apollo's Express integration) and by
 * WebSocket (src/server/ws/subscriptions.ts, through `executeOperation`) alike. A request reaches it
 * authenticated and admitted by its transport's rate limit (both call src/server/guards/credentials.ts and
 * the one PrincipalLimiter), with a context from src/app/create-context.ts; then, in order:
 * 1. parse, within `limits.maxTokens`;
 * 2. validation: GraphQL's rules, the limit rules (depth, aliases, directives, duplicates, cost) and string
 *    hygiene in literals;
 * 3. once the operation is known (didResolveOperation), the transport's own step (`transport` plugins: over
 *    WebSocket only subscriptions run), variables hygiene, output bounds (indicator cells), trusted documents;
 * 4. execution with the permission-wrapped schema — graphql's `subscribe` for a WebSocket subscription
 *    (src/server/ws/subscribe-step.ts), a query compiled once per document (compiled-executor.ts), graphql-js
 *    for the rest;
 * 5. errors formatted (src/server/format-error.ts) and coalesced per field and list (coalesce-errors.ts), the request logged and counted (trace-plugin.ts), and its
 *    audit record written before anything is answered (fail closed: src/server/audit-plugin.ts).
 * Every step is written once, as an Apollo plugin or option; a transport adds only what is its own.
 */
export function graphqlPipeline(
  runtime: HubRuntime,
  schema: GraphQLSchema,
  transport: ApolloServerPlugin<HubContext>[],
  trusted?: TrustedDocuments,
): ApolloServer<HubContext> {
  const { limits, security } = runtime.config;
  return new ApolloServer<HubContext>({
    // Queries run compiled (graphql-jit, src/server/compiled-executor.ts); the rest on graphql-js.
    gateway: compiledExecutor(schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Hostile input is refused before execution: token, depth, alias, directive, duplicate and cost limits,
    // string hygiene; batched HTTP requests stay off (Apollo's default) and CSRF prevention on.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [...limitRules(limitsOf(runtime)), stringLiteralRule(limits.maxStringLength)],
    introspection: security.introspection,
    hideSchemaDetailsFromClientErrors: security.hideSchemaDetails,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Trusted documents resolve ids (documentId, Apollo's persistedQuery) before Apollo sees the request
    // (trusted-documents.ts, called by each transport); Apollo's own APQ stays for an open hub.
    ...(trusted ? { persistedQueries: false as const } : {}),
    // main.ts owns shutdown (drain, then close the sources); two handlers racing left stop() pending.
    stopOnTerminationSignals: false,
    // The hub sets no cache hints; Apollo's default cache-control plugin would still hook every field
    // resolution (willResolveField), a large share of a 10,000-row list's time (docs/benchmarks.md).
    // Of the plugins refusing in didResolveOperation, the first listed answers: the transport's first.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // The hub serves its own GraphiQL (graphiql.ts); Apollo's landing page would answer a browser's GET
      // carrying a query with HTML instead of its result.
      ApolloServerPluginLandingPageDisabled(),
      tracePlugin(),
      ...transport,
      variablesPlugin(limits.maxStringLength),
      outputLimitPlugin(limits.maxResponseCells, new InFlightBudget(limits.inFlight), limitsOf(runtime)),
      ...(trusted ? [trusted.plugin()] : []),
      // Before the audit record, which then lists the errors as answered (one per field and list).
      coalescePlugin(),
      auditPlugin(runtime.audit, schema),
      // Whether the answer may be kept by the response cache (src/server/response-cache.ts).
      responseCachePlugin(),
    ],
  });
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
