import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from '../app/context';
import { logger } from '../logger';
import { requestSeconds, requestStatements } from '../observability/metrics';
import { callerContext, startRequestSpan } from '../observability/tracing';

export const TRACE_HEADER = 'x-hub-trace';

/**
 * Visible cost: every request is logged and counted with its statements per source; a request that sends
 * `X-Hub-Trace: 1` also gets them in `extensions.trace` (counts, time, rows and statement fingerprints).
 */
export function tracePlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart({ request, contextValue: ctx }) {
      const started = performance.now();
      const wantsTrace = request.http?.headers.get(TRACE_HEADER) === '1';
      // OpenTelemetry (a no-op unless tracing.endpoint is set): the request's span, under the caller's.
      const span = startRequestSpan(
        'graphql',
        callerContext((name) => request.http?.headers.get(name)),
      );
      ctx.trace.span = span;
      return {
        async willSendResponse({ contextValue, response, errors, operationName }) {
          const ms = performance.now() - started;
          const summary = contextValue.trace.summary();
          const outcome = errors?.length ? 'error' : 'ok';
          span.updateName(`graphql ${operationName ?? 'anonymous'}`);
          span.setAttributes({
            'graphql.operation.name': operationName ?? '',
            'hub.request_id': contextValue.requestId,
            'hub.statements': summary.statements,
          });
          if (outcome === 'error') span.setStatus({ code: 2, message: 'the response carries errors' });
          span.end();
          requestSeconds.observe({ outcome }, ms / 1000);
          requestStatements.observe(summary.statements);
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName,
              outcome,
              ms: Math.round(ms),
              statements: summary.statements,
            },
            'graphql request',
          );
          if (wantsTrace && response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              trace: { requestId: contextValue.requestId, durationMs: Math.round(ms * 1000) / 1000, ...summary },
            };
          }
        },
      };
    },
  };
}
