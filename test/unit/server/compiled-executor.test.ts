import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, GraphQLError, parse, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { HubError } from '../../../src/errors';
import { compiledExecutor } from '../../../src/server/compiled-executor';

// The oracle is graphql-js executing the same document on the same schema: the compiled executor must give
// the same data and the same errors (message, path, locations, extensions), as Apollo and formatError see them.
const rows = Array.from({ length: 50 }, (_, i) => ({ id: `R${i}`, amount: `${i}.50`, tags: ['a', `t${i % 3}`] }));
let mutations = 0;
const schema = makeExecutableSchema({
  typeDefs: `
    type Row { id: ID! amount: String tags: [String!]! secret: String broken: String required: String! promised: String }
    type Query {
      rows(limit: Int = 10, offset: Int): [Row!]!
      row(id: ID!): Row
      kind: Kind
    }
    enum Kind { A B }
    type Mutation { bump(by: Int!): Int! }
  `,
  resolvers: {
    Query: {
      rows: (_p, a: { limit: number; offset?: number }) => rows.slice(a.offset ?? 0, (a.offset ?? 0) + a.limit),
      row: (_p, a: { id: string }) => rows.find((r) => r.id === a.id) ?? null,
      kind: () => 'B',
    },
    Row: {
      secret: () => new HubError('FORBIDDEN', 'Not permitted: Row.secret.', { reason: 'FIELD_DENIED' }),
      broken: (r: { id: string }) => {
        if (r.id.endsWith('3')) throw new Error('database exploded');
        return 'ok';
      },
      required: (r: { id: string }) => (r.id === 'R4' ? null : r.id),
      promised: async (r: { id: string }) => {
        if (r.id === 'R5') throw new HubError('SOURCE_UNAVAILABLE', 'Source "x" could not answer.', { source: 'x' });
        return `p${r.id}`;
      },
    },
    Mutation: { bump: (_p, a: { by: number }) => (mutations += a.by) },
  },
});

const run = async (query: string, variables?: Record<string, unknown>, capacity?: number) => {
  const gateway = compiledExecutor(schema, capacity);
  const { executor } = await gateway.load({} as never);
  const document = parse(query);
  const request = { document, request: { query, variables }, context: {}, queryHash: query } as never;
  const compiled = (await executor!(request)) as ExecutionResult;
  const oracle = await execute({ schema, document, variableValues: variables, contextValue: {} });
  return { compiled, oracle, executor: executor! };
};

const formatted = (r: ExecutionResult): GraphQLFormattedError[] =>
  (r.errors ?? []).map((e) => e.toJSON()).sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

test('a query with arguments, defaults, aliases, fragments and __typename answers what graphql-js answers', async () => {
  const { compiled, oracle } = await run(
    `
    query Q($n: Int) { first: rows(limit: $n) { ...F } rest: rows(offset: 45) { id __typename } one: row(id: "R7") { id tags } kind }
    fragment F on Row { id amount tags }`,
    { n: 20 },
  );
  expect(oracle.errors).toBeUndefined();
  expect(JSON.stringify(compiled)).toBe(JSON.stringify(oracle));
});

test('errors: a returned HubError, a thrown Error, a null in a non-null field, a rejected promise — as graphql-js locates them', async () => {
  const { compiled, oracle } = await run('{ rows(limit: 8) { id secret broken promised required } }');
  expect(oracle.errors?.length).toBeGreaterThan(8);
  expect(JSON.stringify(compiled.data)).toBe(JSON.stringify(oracle.data));
  expect(formatted(compiled)).toEqual(formatted(oracle));
  // Apollo reads extensions.code of every error and formatError unwraps the cause: both must be there.
  for (const e of compiled.errors!) {
    expect(e).toBeInstanceOf(GraphQLError);
    expect(e.extensions).toBeDefined();
  }
  const thrown = compiled.errors!.find((e) => e.message === 'database exploded')!;
  expect(thrown.originalError).toBeInstanceOf(Error);
  expect(thrown.originalError).not.toBeInstanceOf(GraphQLError);
  const denied = compiled.errors!.find((e) => e.extensions.code === 'FORBIDDEN')!;
  expect(denied.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_DENIED' });
});

test('variables that do not coerce get graphql-js’s own errors and no data', async () => {
  const { compiled, oracle } = await run('query Q($n: Int!) { rows(limit: $n) { id } }', { n: 'many' });
  expect(oracle.errors?.length).toBe(1);
  expect(compiled).toEqual(oracle);
});

test('a mutation runs once, on graphql-js', async () => {
  const before = mutations;
  const gateway = compiledExecutor(schema);
  const { executor } = await gateway.load({} as never);
  const query = 'mutation { bump(by: 2) }';
  const result = (await executor!({
    document: parse(query),
    request: { query },
    context: {},
    queryHash: query,
  } as never)) as ExecutionResult;
  expect(result).toEqual({ data: { bump: before + 2 } });
});

test('with room for one compiled document, alternating documents still answer each its own', async () => {
  const gateway = compiledExecutor(schema, 1);
  const { executor } = await gateway.load({} as never);
  const ask = async (query: string) =>
    JSON.stringify(
      await executor!({ document: parse(query), request: { query }, context: {}, queryHash: query } as never),
    );
  for (let i = 0; i < 3; i++) {
    expect(await ask('{ row(id: "R1") { id } }')).toBe('{"data":{"row":{"id":"R1"}}}');
    expect(await ask('{ row(id: "R2") { amount } }')).toBe('{"data":{"row":{"amount":"2.50"}}}');
  }
});
