import { liveCatalogProblems } from '../../../src/company/live-check';
import { expressionColumns } from '../../../src/values/expression';
import { LiveCheckedAdapter } from '../../../src/sources/live-checked-adapter';
import type { SourceAdapter } from '../../../src/sources/contract';
import type { ColumnKind, LiveCatalog } from '../../../src/db/live-catalog';
import type { SqlSourceMapping } from '../../../src/model/mapping';

/** The live-catalog check without a database: a catalog as readLiveCatalog returns it, one mapping change per case. */
const col = (name: string, kind: ColumnKind, dataType: string = kind) => ({ name, kind, dataType, nullable: true });
const catalog = (engine: LiveCatalog['engine']): LiveCatalog => ({
  engine,
  schema: 'sales',
  tables: [
    {
      name: 'invoice',
      primaryKey: ['invoice_id'],
      foreignKeys: [],
      columns: [
        col('invoice_id', 'int'),
        col('customer_id', 'int'),
        col('invoice_date', 'timestamp'),
        col('period', 'string', 'char'),
        col('total', 'decimal'),
        col('note', 'string', 'varchar'),
      ],
    },
    {
      name: 'invoice_line',
      primaryKey: ['invoice_line_id'],
      foreignKeys: [],
      columns: [
        col('invoice_line_id', 'int'),
        col('invoice_id', 'int'),
        col('unit_price', 'decimal'),
        col('quantity', 'int'),
        col('amount_text', 'string', 'text'),
        col('price_float', 'float', 'double precision'),
      ],
    },
    {
      name: 'customer',
      primaryKey: ['customer_id'],
      foreignKeys: [],
      columns: [
        col('customer_id', 'int'),
        col('first_name', 'string'),
        col('last_name', 'string'),
        col('team', 'string'),
        col('rep_id', 'int'),
      ],
    },
    { name: 'team', primaryKey: ['code'], foreignKeys: [], columns: [col('code', 'string'), col('region', 'string')] },
  ],
});

function mapping(): SqlSourceMapping {
  return {
    entities: {
      Customer: {
        table: 'customer',
        key: 'customer_id',
        fields: { team: 'team' },
        expressions: { name: "first_name || ' ' || last_name" },
      },
    },
    facts: {
      sales: {
        table: 'invoice_line',
        joins: [{ table: 'invoice', on: { invoice_id: 'invoice_id' } }],
        time: { column: 'invoice.invoice_date' },
        dimensions: { customer: { column: 'customer_id', entity: 'Customer' } },
        measures: {
          revenue: { agg: 'sum', sql: 'unit_price * quantity', type: 'decimal' },
          lines: { agg: 'count', type: 'int', filter: { quantity: [1] } },
        },
      },
    },
  };
}

const FILE = 'sources/sales.yaml';
type Case = [string, (m: SqlSourceMapping) => void, string | undefined];
const CASES: Case[] = [
  ['the mapping as written', () => undefined, undefined],
  [
    'an unknown entity table',
    (m) => (m.entities.Customer!.table = 'customers'),
    'entities.Customer.table: table "customers" does not exist in postgres schema "sales" (did you mean "customer"?)',
  ],
  [
    'an unknown key column',
    (m) => (m.entities.Customer!.key = 'id'),
    'entities.Customer.key: column "id" does not exist in table "customer"',
  ],
  [
    'an unknown column in an expression',
    (m) => (m.entities.Customer!.expressions!.name = "first_name || ' ' || lastname"),
    'entities.Customer.fields.name.sql: column "lastname" does not exist in table "customer" (did you mean "last_name"?)',
  ],
  [
    'an unknown joined table',
    (m) => (m.facts.sales!.joins = [{ table: 'invoices', on: { invoice_id: 'invoice_id' } }]),
    'facts.sales.joins.0.table: table "invoices" does not exist in postgres schema "sales" (did you mean "invoice"?)',
  ],
  [
    'an unknown join column',
    (m) => (m.facts.sales!.joins = [{ table: 'invoice', on: { invoice_id: 'invoice_no' } }]),
    'facts.sales.joins.0.on.invoice_id: column "invoice_no" does not exist in table "invoice"',
  ],
  [
    'a column both tables hold',
    (m) => (m.facts.sales!.dimensions.invoice = { column: 'invoice_id' }),
    'facts.sales.dimensions.invoice.column: column "invoice_id" is in invoice_line and invoice: write it as invoice_line.invoice_id or invoice.invoice_id',
  ],
  [
    'a time column that is text',
    (m) => (m.facts.sales!.time = { column: 'period' }),
    'facts.sales.time.column: column "period" is char; a time column needs a date or timestamp',
  ],
  [
    'a yyyymm period that is a timestamp',
    (m) => (m.facts.sales!.time = { column: 'invoice_date', format: 'yyyymm' }),
    'facts.sales.time.column: column "invoice_date" is timestamp; a yyyymm period needs text or an integer',
  ],
  [
    'a validity column that is a number',
    (m) => {
      delete m.facts.sales!.time;
      m.facts.sales!.validity = { from: 'invoice_date', to: 'total' };
    },
    'facts.sales.validity.to: column "total" is decimal; validity needs a date or timestamp',
  ],
  [
    'a sum over text without storage',
    (m) => (m.facts.sales!.measures.revenue = { agg: 'sum', column: 'amount_text', type: 'decimal' }),
    'facts.sales.measures.revenue.column: column "amount_text" is text, not a number',
  ],
  [
    'an unknown filter column',
    (m) => (m.facts.sales!.measures.lines!.filter = { qty: [1] }),
    'facts.sales.measures.lines.filter.qty: column "qty" does not exist in "invoice_line" or "invoice"',
  ],
  [
    'an unknown column in a measure expression',
    (m) => (m.facts.sales!.measures.revenue!.sql = 'unit_price * qty'),
    'facts.sales.measures.revenue.sql: column "qty" does not exist',
  ],
];

test.each(CASES)('%s', (_name, change, expected) => {
  const m = mapping();
  change(m);
  const problems = liveCatalogProblems({ file: FILE, mapping: m }, catalog('postgres'));
  if (expected === undefined) expect(problems).toEqual([]);
  else expect(problems).toEqual([expect.stringContaining(`${FILE}: ${expected}`)]);
});

describe('money in a float column (issue 23): refused without its scale, with the YAML line to write', () => {
  test('a column measure', () => {
    const m = mapping();
    m.facts.sales!.measures.revenue = { agg: 'sum', column: 'price_float', type: 'decimal' };
    expect(liveCatalogProblems({ file: FILE, mapping: m }, catalog('postgres'))).toEqual([
      `${FILE}: facts.sales.measures.revenue.column: column "price_float" is double precision (binary floating point) but the measure is an exact decimal without its scale: write facts.sales.measures.revenue.storage: { kind: float, scale: 2 } (the decimal places its values really have)`,
    ]);
  });

  test('an expression measure names the fact-level line for the column', () => {
    const m = mapping();
    m.facts.sales!.measures.revenue!.sql = 'price_float * quantity';
    expect(liveCatalogProblems({ file: FILE, mapping: m }, catalog('postgres'))).toEqual([
      `${FILE}: facts.sales.measures.revenue.sql: column "price_float" is double precision (binary floating point) but the measure is an exact decimal without its scale: write facts.sales.storage: { price_float: { kind: float, scale: 2 } } (the decimal places its values really have)`,
    ]);
  });

  test.each([
    [
      'the measure declares it',
      (m: SqlSourceMapping) => (m.facts.sales!.measures.revenue!.storage = { kind: 'float', scale: 2 }),
    ],
    [
      'the fact declares the column once',
      (m: SqlSourceMapping) => (m.facts.sales!.storage = { 'invoice_line.price_float': { kind: 'float', scale: 2 } }),
    ],
  ])('accepted when %s', (_name, declare) => {
    const m = mapping();
    m.facts.sales!.measures.revenue!.sql = 'price_float * quantity';
    declare(m);
    expect(liveCatalogProblems({ file: FILE, mapping: m }, catalog('postgres'))).toEqual([]);
  });
});

test('a sum over text passes with a declared storage', () => {
  const m = mapping();
  m.facts.sales!.measures.revenue = {
    agg: 'sum',
    column: 'amount_text',
    type: 'decimal',
    storage: { kind: 'text', scale: 2 },
  };
  expect(liveCatalogProblems({ file: FILE, mapping: m }, catalog('postgres'))).toEqual([]);
});

test('column names compare exactly on PostgreSQL and case-insensitively on MariaDB', () => {
  const m = mapping();
  m.entities.Customer!.fields.team = 'Team';
  expect(liveCatalogProblems({ file: FILE, mapping: m }, catalog('postgres'))).toEqual([
    expect.stringContaining('column "Team" does not exist in table "customer" (did you mean "team"?)'),
  ]);
  expect(liveCatalogProblems({ file: FILE, mapping: m }, catalog('mysql'))).toEqual([]);
});

test('expressionColumns: the columns an expression reads, not its functions or literals', () => {
  expect(expressionColumns("coalesce(first_name, 'x') || ' ' || upper(t.last_name) * 2")).toEqual([
    'first_name',
    't.last_name',
  ]);
});

describe('a source unreachable at start is checked when it answers', () => {
  const inner = (calls: string[]): SourceAdapter => ({
    name: 'sales',
    catalog: { entities: {}, facts: {} },
    health: async () => ({ source: 'sales', ok: true, latencyMs: 1 }),
    fetch: async () => {
      calls.push('fetch');
      return [];
    },
    aggregate: async () => [],
    keyPairs: async () => {
      calls.push('keyPairs');
      return [];
    },
    count: async () => {
      calls.push('count');
      return 0;
    },
    close: async () => undefined,
  });
  const call = {} as never;

  test('still down: the call goes through (and fails as a fault would); matching: served; the check runs once', async () => {
    const calls: string[] = [];
    let checks = 0;
    let up = false;
    const adapter = new LiveCheckedAdapter(inner(calls), async () => {
      checks++;
      if (!up) throw new Error('ECONNREFUSED');
      return [];
    });
    await adapter.fetch({ entity: 'Customer' } as never, call);
    up = true;
    await adapter.fetch({ entity: 'Customer' } as never, call);
    await adapter.fetch({ entity: 'Customer' } as never, call);
    expect(calls).toEqual(['fetch', 'fetch', 'fetch']);
    expect(checks).toBe(2);
  });

  test('answering with a mapping that does not match: refused as SOURCE_UNAVAILABLE, unhealthy, inner never asked', async () => {
    const calls: string[] = [];
    const adapter = new LiveCheckedAdapter(inner(calls), async () => [
      `${FILE}: facts.sales.table: table "x" does not exist`,
    ]);
    await expect(adapter.fetch({ entity: 'Customer' } as never, call)).rejects.toMatchObject({
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'sales' },
    });
    // Crosswalk reads and member counts are refused alike.
    const refused = { extensions: { code: 'SOURCE_UNAVAILABLE' } };
    await expect(adapter.keyPairs({ entity: 'Customer', rule: { kind: 'same' } }, call)).rejects.toMatchObject(refused);
    await expect(adapter.count({ entity: 'Customer' }, call)).rejects.toMatchObject(refused);
    expect(calls).toEqual([]);
    expect((await adapter.health()).ok).toBe(false);
  });
});
