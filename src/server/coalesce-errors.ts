import type { ApolloServerPlugin } from '@apollo/server';
import type { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { HubContext } from '../app/context';
import { formatErrors } from './format-error';

/**
 * Errors of one code, reason, field and source at the rows of one list are answered once: the first of
 * them, with `extensions.paths` (every path it stands for) and `extensions.count`. A field denied over a
 * 100-row page is one FORBIDDEN, a source down for 30 departments one SOURCE_UNAVAILABLE — not one error
 * per row. Errors outside lists (no numeric index in their path) are left as they are, in their order.
 */
export function coalesceErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const out: GraphQLFormattedError[] = [];
  const groups = new Map<string, { index: number; paths: Array<ReadonlyArray<string | number>> }>();
  for (const error of errors) {
    const path = error.path;
    if (!path?.some((p) => typeof p === 'number')) {
      out.push(error);
      continue;
    }
    const ext = error.extensions ?? {};
    const key = JSON.stringify([
      ext.code ?? null,
      ext.reason ?? null,
      ext.field ?? null,
      ext.source ?? null,
      path.map((p) => (typeof p === 'number' ? '#' : p)),
    ]);
    const group = groups.get(key);
    if (group) group.paths.push(path);
    else {
      groups.set(key, { index: out.length, paths: [path] });
      out.push(error);
    }
  }
  for (const { index, paths } of groups.values()) {
    if (paths.length < 2) continue;
    const first = out[index]!;
    out[index] = { ...first, extensions: { ...first.extensions, paths, count: paths.length } };
  }
  return out;
}

/** The pipeline's step: coalesces a response's errors before it is sent (HTTP and WebSocket alike). */
export function coalescePlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors && result.errors.length > 1) result.errors = coalesceErrors(result.errors);
        },
      };
    },
  };
}

/**
 * A subscription event as it leaves over WebSocket (src/server/ws/subscriptions.ts, graphql-ws `onNext`):
 * its errors formatted as HTTP's are (coded ones as written, others masked with an id) and coalesced as
 * HTTP's are — an event whose rows fail alike carries one error naming the rows. Undefined when the event
 * has no errors (graphql-ws then sends it as it is).
 */
export function formatEvent(result: ExecutionResult): FormattedExecutionResult | undefined {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: coalesceErrors(formatErrors(result.errors)) };
}
