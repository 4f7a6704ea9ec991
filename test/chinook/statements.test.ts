import { configSchema } from '../../src/config/schema';
import { createLoaders } from '../../src/loaders';
import type { CallContext, NeutralRow, StatementEvent } from '../../src/sources/contract';
import { DEFAULT_SPLIT, querySql, splitChinook, type SplitChinook } from '../support/chinook';
import { startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { cellsSql, ORACLE_INDICATORS } from '../support/chinook-oracle-sql';
import { decimalText as decimal } from '../support/decimal-text';
import { statementsBySource, type GraphQLResponse } from '../support/hub-client';

/**
 * Issue 20's statement plan on the second company (Chinook: sales on MariaDB, catalogue on PostgreSQL), every
 * answer compared with SQL on the UNSPLIT PostgreSQL database:
 * - four aliases over the same two facts cost the statements of one alias;
 * - a lookup of 5,000 integer keys is one statement on either engine;
 * - pages of customers together are exactly the unpaged table, and a support agent's pages hold only their
 *   customers (row rule `supportRep = viewer.id`).
 */
let split: SplitChinook;
let hub: ChinookHub;

beforeAll(async () => {
  split = await splitChinook(DEFAULT_SPLIT, 'chinook_stmts');
  hub = await startChinookHub(split, 'chinook_stmts_hub', { cache: { maxEntries: 0 } });
}, 300_000);

afterAll(async () => {
  await hub?.dispose();
});

const oracle = (sql: string, params: unknown[] = []) => querySql('postgres', split.unsplit.postgres, sql, params);

interface Row {
  period: string;
  members: Array<{ id: string }>;
  cells: Array<{ code: string; value: string | null }>;
}
interface Table {
  rows: Row[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; totalMembers: number } | null;
}

const table = (codes: string[], by: string, page = '') =>
  `indicatorValues(codes: ${JSON.stringify(codes)}, from: "2022", to: "2022", grain: QUARTER, by: [${by}]${page}) { rows { period members { id } cells { code value } } pageInfo { hasNextPage endCursor totalMembers } }`;

/** code → "period|member" → the value SQL gives (cells with rows only). */
async function expected(code: string, by: string[]): Promise<Map<string, string>> {
  const indicator = ORACLE_INDICATORS.find((i) => i.code === code)!;
  const rows = await oracle(
    cellsSql('postgres', {
      indicator,
      start: '2022-01-01',
      end: '2023-01-01',
      grain: 'QUARTER',
      allLabel: '',
      by,
      filters: [],
    }),
  );
  return new Map(
    rows.map((r) => [[r.p, ...by.map((_, i) => r[`m${i}`])].join('|'), decimal(Number(r.v).toFixed(indicator.places))]),
  );
}

/** Every cell of the rows equals SQL (a cell without SQL rows is zero or null). */
async function expectAsSql(rows: Row[], by: string[]) {
  const codes = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.code)))];
  const oracles = new Map(await Promise.all(codes.map(async (c) => [c, await expected(c, by)] as const)));
  let compared = 0;
  for (const row of rows) {
    for (const cell of row.cells) {
      const k = [row.period, ...row.members.map((m) => m.id)].join('|');
      const want = oracles.get(cell.code)!.get(k);
      if (want === undefined) expect([k, cell.code, decimal(cell.value ?? '0')]).toEqual([k, cell.code, '0']);
      else {
        expect([k, cell.code, decimal(cell.value)]).toEqual([k, cell.code, want]);
        compared++;
      }
    }
  }
  expect(compared).toBeGreaterThan(20);
}

test('four aliases over the same two facts cost the statements of one alias, each alias as SQL', async () => {
  // Each alias asks another set of measures of each fact (lines: revenue | units | float revenue | revenue and
  // units; invoices: count | total | paying customers | float total): no two aliases share a statement alone.
  const aliases: Record<string, string[]> = {
    a: ['revenue', 'invoice_count'],
    b: ['units_sold', 'invoiced_total'],
    c: ['revenue_from_float', 'paying_customers'],
    d: ['revenue', 'units_sold', 'invoiced_total_from_float'],
  };
  const one = await hub.query(
    `{ t: ${table(['revenue', 'units_sold', 'invoice_count', 'invoiced_total'], 'customer')} }`,
  );
  expect(one.errors).toBeUndefined();
  expect(statementsBySource(one)).toEqual({ sales: 2 });
  const four = await hub.query<Record<string, Table>>(
    `{ ${Object.entries(aliases)
      .map(([a, codes]) => `${a}: ${table(codes, 'customer')}`)
      .join(' ')} }`,
  );
  expect(four.errors).toBeUndefined();
  // Before issue 20: 8 (one statement per alias and fact).
  expect(statementsBySource(four)).toEqual({ sales: 2 });
  for (const a of Object.keys(aliases)) await expectAsSql(four.data![a]!.rows, ['customer']);
});

describe.each([
  ['sales', 'InvoiceLine', 'invoice_line', 'invoice_line_id'],
  ['sales', 'Customer', 'customer', 'customer_id'],
  ['catalogue', 'Track', 'track', 'track_id'],
] as const)('a lookup of 5,000 integer keys in %s (%s)', (source, entity, tableName, column) => {
  test('is one statement, and returns the rows SQL has for those keys', async () => {
    const events: StatementEvent[] = [];
    const call: CallContext = { scope: {}, trace: { record: (e) => events.push(e) } };
    const loaders = createLoaders(
      hub.runtime.adapters,
      () => call,
      configSchema.parse({}).loader,
      async () => [],
    );
    const keys = Array.from({ length: 5000 }, (_, i) => String(i + 1));
    const rows = (await loaders.rows(source, entity, 'key').loadMany(keys)) as NeutralRow[][];
    expect(events).toHaveLength(1);
    const present = new Set((await oracle(`select ${column}::text as k from ${tableName}`)).map((r) => String(r.k)));
    expect(present.size).toBeGreaterThan(50);
    keys.forEach((k, i) => expect([k, rows[i]!.map((r) => r.key)]).toEqual([k, present.has(k) ? [k] : []]));
  });
});

describe('pages of customers', () => {
  const codes = ['revenue', 'invoice_count'];
  async function pages(by: string, first: number, as?: { person: string }) {
    const out: Row[] = [];
    const responses: GraphQLResponse<{ t: Table }>[] = [];
    let after: string | null = null;
    do {
      const page: string = `, page: { first: ${first}${after ? `, after: "${after}"` : ''} }`;
      const res: GraphQLResponse<{ t: Table }> = await hub.query<{ t: Table }>(
        `{ t: ${table(codes, by, page)} }`,
        {},
        as,
      );
      expect(res.errors).toBeUndefined();
      responses.push(res);
      out.push(...res.data!.t.rows);
      after = res.data!.t.pageInfo!.hasNextPage ? res.data!.t.pageInfo!.endCursor : null;
    } while (after && responses.length < 100);
    return { rows: out, responses };
  }
  const key = (r: Row) => `${r.period}|${r.members.map((m) => m.id).join('|')}`;
  const sorted = (rows: Row[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  // The extra statement of a page: the listing of the customers its members come from (Customer is not
  // conformed, so the key map does not hold its members). Grouped by the customer's country too, the listing
  // also answers the lookup of the customers' countries (the request's row loader is primed with it).
  test.each([
    ['customer', 13, 1],
    ['customer, customer_country', 9, 0],
  ])('by [%s], %i per page: all pages = the unpaged table = SQL', async (by, first, extra) => {
    const whole = await hub.query<{ t: Table }>(`{ t: ${table(codes, by)} }`);
    expect(whole.errors).toBeUndefined();
    const { rows, responses } = await pages(by, first);
    const customers = Number((await oracle('select count(*) as n from customer'))[0]!.n);
    expect(responses.length).toBe(Math.ceil(customers / first));
    expect(responses.every((r) => r.data!.t.pageInfo!.totalMembers === customers)).toBe(true);
    expect(sorted(rows)).toEqual(sorted(whole.data!.t.rows));
    await expectAsSql(rows, by.split(', '));
    const unpaged = statementsBySource(whole);
    for (const r of responses) expect(statementsBySource(r)).toEqual({ ...unpaged, sales: unpaged.sales! + extra });
  });

  test('a support agent pages through their own customers only, as SQL restricts them', async () => {
    const agent = '3';
    const { rows, responses } = await pages('customer', 5, { person: agent });
    const mine = (await oracle('select customer_id::text as id from customer where support_rep_id = $1', [3])).map(
      (r) => String(r.id),
    );
    expect(responses.length).toBe(Math.ceil(mine.length / 5));
    expect(responses[0]!.data!.t.pageInfo!.totalMembers).toBe(mine.length);
    const members = new Set(rows.map((r) => r.members[0]!.id));
    expect(members.size).toBeGreaterThan(0);
    for (const m of members) expect(mine).toContain(m);
    const whole = await hub.query<{ t: Table }>(`{ t: ${table(codes, 'customer')} }`, {}, { person: agent });
    expect(sorted(rows)).toEqual(sorted(whole.data!.t.rows));
  });
});
