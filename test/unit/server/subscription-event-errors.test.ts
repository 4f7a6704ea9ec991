import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { formatEvent } from '../../../src/server/coalesce-errors';
import { HubError } from '../../../src/errors';

/**
 * A subscription event leaves over WebSocket through `formatEvent` (graphql-ws `onNext` in
 * src/server/ws/subscriptions.ts): an event whose rows fail alike carries one coalesced error, as an HTTP
 * answer does. The event here is a real graphql-js subscription event (the hub's only subscription,
 * `indicatorNotices`, has no list of objects to fail per row).
 */
const ROWS = 40;
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Row {
      id: ID!
      secret: String
      broken: String
    }
    type Query {
      ok: Boolean
    }
    type Subscription {
      rows: [Row!]!
    }
  `,
  resolvers: {
    Subscription: {
      rows: {
        subscribe: async function* () {
          yield { rows: Array.from({ length: ROWS }, (_, i) => ({ id: String(i) })) };
        },
      },
    },
    Row: {
      secret: () => {
        throw new HubError('FORBIDDEN', 'Not permitted: Row.secret', { reason: 'FIELD_DENIED', field: 'Row.secret' });
      },
      broken: (row: { id: string }) => {
        if (row.id === '3' || row.id === '7') throw new Error('connection to 10.0.0.5 refused (password=hunter2)');
        return 'fine';
      },
    },
  },
});

async function firstEvent(query: string): Promise<ExecutionResult> {
  const stream = await subscribe({ schema, document: parse(query) });
  if (!(Symbol.asyncIterator in stream)) throw new Error(`not subscribed: ${JSON.stringify(stream)}`);
  const { value } = await stream.next();
  await stream.return?.(undefined);
  return value as ExecutionResult;
}

test('an event with one field denied at every row carries one FORBIDDEN naming the rows', async () => {
  const event = await firstEvent('subscription { rows { id secret } }');
  expect(event.errors).toHaveLength(ROWS); // what graphql-js produced: one per row
  const sent = formatEvent(event)!;
  expect(sent.data).toEqual(event.data);
  expect(sent.errors).toHaveLength(1);
  expect(sent.errors![0]).toMatchObject({
    message: 'Not permitted: Row.secret',
    path: ['rows', 0, 'secret'],
    extensions: { code: 'FORBIDDEN', reason: 'FIELD_DENIED', field: 'Row.secret', count: ROWS },
  });
  expect(sent.errors![0]!.extensions!.paths).toEqual(Array.from({ length: ROWS }, (_, i) => ['rows', i, 'secret']));
});

test('uncoded errors are masked with an id (never the cause), coalesced apart from coded ones', async () => {
  const event = await firstEvent('subscription { rows { id broken secret } }');
  const sent = formatEvent(event)!;
  const codes = sent.errors!.map((e) => [e.extensions!.code, e.extensions!.count ?? 1]);
  expect(codes).toEqual(
    expect.arrayContaining([
      ['FORBIDDEN', ROWS],
      ['INTERNAL_SERVER_ERROR', 2],
    ]),
  );
  expect(sent.errors!.find((e) => e.extensions!.code === 'INTERNAL_SERVER_ERROR')!.extensions!.paths).toEqual([
    ['rows', 3, 'broken'],
    ['rows', 7, 'broken'],
  ]);
  expect(JSON.stringify(sent)).not.toMatch(/10\.0\.0\.5|hunter2/);
});

test('an event without errors is sent as it is', async () => {
  expect(formatEvent(await firstEvent('subscription { rows { id } }'))).toBeUndefined();
});
