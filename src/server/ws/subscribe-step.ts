import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { subscribe, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { HubContext } from '../../app/context';
import { HubError } from '../../errors';
import { formatErrors } from '../format-error';

/** What the execution step did with a WebSocket operation: the stream it opened, or the result that ended it. */
export interface Subscribed {
  schema: GraphQLSchema;
  document: DocumentNode;
  stream?: AsyncGenerator<ExecutionResult>;
}

/**
 * The execution step of the pipeline (src/server/pipeline.ts) for operations that arrive over WebSocket:
 * only subscriptions run there, with graphql's `subscribe` in place of Apollo's execute. The stream is
 * opened inside the pipeline, so the steps after it (the audit record) see the subscribe's outcome: a
 * policy denial or a bad argument is audited with its errors, an opened stream before its first event.
 * An opened stream's response carries no data; the WebSocket server takes the stream with `take`.
 */
export class SubscribeStep {
  /** Request ids of WebSocket operations in the pipeline, with what their execution opened. */
  private readonly pending = new Map<string, Subscribed | null>();

  /** Runs `operation` with this request id as a WebSocket operation; returns what the execution step opened. */
  async around<T>(requestId: string, operation: () => Promise<T>): Promise<{ value: T; subscribed?: Subscribed }> {
    this.pending.set(requestId, null);
    try {
      const value = await operation();
      const subscribed = this.pending.get(requestId) ?? undefined;
      return subscribed ? { value, subscribed } : { value };
    } finally {
      this.pending.delete(requestId);
    }
  }

  plugin(): ApolloServerPlugin<HubContext> {
    const pending = this.pending;
    return {
      async requestDidStart({ contextValue }) {
        const requestId = contextValue.requestId;
        if (!pending.has(requestId)) return undefined;
        return {
          async didResolveOperation({ operation }) {
            if (operation?.operation !== 'subscription') {
              throw new HubError(
                'BAD_USER_INPUT',
                'Only subscriptions run over WebSocket: send queries and mutations as HTTP POST to /graphql.',
              );
            }
          },
          async responseForOperation({ schema, document, request }) {
            const args = {
              schema,
              document,
              operationName: request.operationName ?? null,
              variableValues: request.variables ?? null,
              contextValue,
            };
            const result = await subscribe(args);
            const opened = Symbol.asyncIterator in result;
            pending.set(requestId, opened ? { schema, document, stream: result } : { schema, document });
            const singleResult = opened
              ? {}
              : { ...result, ...(result.errors ? { errors: formatErrors(result.errors) } : {}) };
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult } };
          },
        };
      },
    };
  }
}
