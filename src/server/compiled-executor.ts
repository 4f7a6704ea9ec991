import type { ApolloServerOptions } from '@apollo/server';
import {
  execute,
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { HubContext } from '../app/context';
import { logger } from '../logger';

type Gateway = NonNullable<Extract<ApolloServerOptions<HubContext>, { gateway: unknown }>['gateway']>;
type Loaded = Awaited<ReturnType<Gateway['load']>>;
type Executor = NonNullable<Loaded['executor']>;
type ExecutorRequest = Parameters<Executor>[0];

/** Compiled documents kept (least recently used first out). */
export const COMPILED_DOCUMENTS = 500;

/**
 * A compiled executor for Apollo Server: each query document is compiled once by graphql-jit into a
 * function that resolves and completes its fields without graphql-js's per-field interpretation (argument
 * values, type checks, path objects) — on a 42,000-cell dashboard and a 10,000-row list that
 * interpretation was a large share of the hub's own time (docs/benchmarks.md).
 *
 * Plugged through Apollo Server's executor interface (the `gateway` option: `load()` → `{ schema, executor }`),
 * so everything around execution is unchanged: parsing, the validation and limit rules, every plugin hook
 * up to `willSendResponse` (trace, output bounds, trusted documents, coalescing, audit), formatError. The
 * schema is the permission-wrapped one, so every guard and mask runs as under graphql-js.
 *
 * graphql-js executes what is not a plain query, or whatever graphql-jit cannot take: mutations (run one
 * field at a time, small), subscriptions over HTTP (refused by graphql-js as before), requests whose
 * variables do not coerce (graphql-js's own error text and status), documents graphql-jit fails to
 * compile. The compiled functions are kept per document text and operation, bounded (LRU).
 */
export function compiledExecutor(schema: GraphQLSchema, capacity = COMPILED_DOCUMENTS): Gateway {
  const compiled = new Lru<CompiledQuery | null>(capacity);
  const executor = async (request: ExecutorRequest): Promise<ExecutionResult> => {
    const document = request.document;
    const operationName = request.operationName ?? request.request.operationName ?? undefined;
    const variables = request.request.variables ?? undefined;
    const operation = request.operation ?? getOperationAST(document, operationName);
    const plain = () =>
      execute({ schema, document, contextValue: request.context, variableValues: variables, operationName });
    if (!operation || operation.operation !== 'query' || !coerces(schema, operation, variables)) return plain();
    const key = `${request.queryHash ?? ''}\u0000${operationName ?? ''}`;
    let query = request.queryHash ? compiled.get(key) : undefined;
    if (query === undefined) {
      query = compile(schema, document, operationName);
      if (request.queryHash) compiled.set(key, query);
    }
    if (!query) return plain();
    const result = await query.query(undefined, request.context, variables);
    return result.errors?.length ? { ...result, errors: result.errors.map(located) } : result;
  };
  return {
    async load() {
      return { schema, executor: executor as Executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) {
  try {
    const query = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    if (isCompiledQuery(query)) return query;
    logger.debug({ errors: query.errors?.map((e) => e.message) }, 'graphql-jit did not compile a document');
  } catch (error) {
    logger.debug({ err: error }, 'graphql-jit did not compile a document');
  }
  return null;
}

/** The request's variables coerce to the operation's types (else graphql-js answers, with its own errors). */
function coerces(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): boolean {
  if (!operation.variableDefinitions?.length) return true;
  const coerced = getVariableValues(schema, operation.variableDefinitions, variables ?? {}, { maxErrors: 1 });
  return !coerced.errors;
}

/**
 * graphql-jit's errors as graphql-js makes them: a GraphQLError whose extensions are its cause's (a
 * HubError's code and reason) or empty, with the field's path and locations — what formatError and
 * Apollo's error normalisation expect (jit leaves `extensions` undefined when the cause has none).
 */
function located(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  if (original instanceof GraphQLError && original.path) return original;
  const out = new GraphQLError(error.message, { path: error.path, originalError: original });
  (out as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return out;
}

/** A bounded map, least recently used first out. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}
