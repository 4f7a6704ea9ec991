import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { loadModel, ModelError } from '../../src/model/load';
import { UNRESTRICTED } from '../../src/sources/contract';
import { SqlAdapter } from '../../src/sources/sql/adapter';
import type { SqlConnection } from '../../src/db/connection';
import { DIALECTS } from '../../src/db/dialects';
import { thrown } from '../unit/thrown';

/**
 * Mapping extensions (issue 11 part 4), DB-less with toSQL(): a field that is an expression over the row,
 * a measure that aggregates an expression, a fact joined to its header for the date and the customer, and
 * a snapshot fact without a time column. A small music-store model written as files, loaded by the loader.
 */
const dir = mkdtempSync(join(tmpdir(), 'indicator-hub-extensions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SALES = `
name: sales
connection: { engine: embedded }
entities:
  Customer:
    table: customer
    key: customer_id
    fields:
      name: { sql: "first_name || ' ' || last_name" }
      country: country
    orderBy: name
facts:
  lines:
    table: invoice_line
    joins: [{ table: invoice, on: { invoice_id: invoice_id } }]
    time: { column: invoice.invoice_date }
    dimensions: { customer: { column: invoice.customer_id, entity: Customer } }
    measures:
      revenue: { agg: sum, sql: "invoice_line.unit_price * invoice_line.quantity * (1 - discount)", type: decimal }
      lineCount: { agg: count, type: int }
  catalogue:
    table: track
    dimensions: { genre: { column: genre_id } }
    measures: { tracks: { agg: count, type: int } }
`;
const CUSTOMER =
  'name: Customer\nhome: sales\nkey: { type: int }\nlist: customers\nfields: { name: { type: string }, country: { type: string } }\n';

function writeModel(name: string, sales: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'entities'), { recursive: true });
  mkdirSync(join(root, 'sources'), { recursive: true });
  writeFileSync(join(root, 'entities', 'Customer.yaml'), CUSTOMER);
  writeFileSync(join(root, 'sources', 'sales.yaml'), sales);
  return root;
}

describe.each([
  { client: 'pg', dialect: 'postgres', q: '"' },
  { client: 'mysql2', dialect: 'mysql', q: '`' },
] as const)('on $dialect', ({ client, dialect, q }) => {
  const knex = knexFactory({ client });
  afterAll(() => knex.destroy());
  const model = loadModel(writeModel(`ok-${dialect}`, SALES), { env: {} });
  const conn: SqlConnection = { knex, schema: 'sales', dialect: DIALECTS[dialect], close: async () => {} };
  const adapter = new SqlAdapter('sales', model.sources.sales!.mapping, conn, model);
  const id = (name: string) =>
    name
      .split('.')
      .map((part) => `${q}${part}${q}`)
      .join('.');

  test('an expression field is selected, filtered and ordered as written, its name bound as an alias', () => {
    const { sql, bindings } = adapter
      .buildFetch({ entity: 'Customer', where: { field: 'name', keys: ['Ana Silva'] } }, UNRESTRICTED)
      .toSQL();
    expect(sql).toBe(
      `select ${id('customer_id')} as ${id('key')}, ${id('country')} as ${id('country')}, (first_name || ' ' || last_name) as ${id('name')} ` +
        `from ${id('sales.customer')} where (first_name || ' ' || last_name) in (?) order by (first_name || ' ' || last_name) asc, ${id('customer_id')} asc`,
    );
    expect(bindings).toEqual(['Ana Silva']);
    expect(adapter.catalog.entities.Customer!.fields).toEqual(['country', 'name']);
  });

  /** A decimal expression is cast to an exact decimal before the sum (PostgreSQL: unconstrained numeric). */
  const exact = (expr: string) => (dialect === 'postgres' ? `cast(${expr} as numeric)` : expr);

  test('a joined fact aggregates an expression, dated and grouped by the header', () => {
    const { sql, bindings } = adapter
      .buildAggregate(
        {
          fact: 'lines',
          measures: ['revenue', 'lineCount'],
          groupBy: ['customer'],
          buckets: [{ label: '2025', from: '2025-01-01', to: '2026-01-01' }],
        },
        UNRESTRICTED,
      )
      .toSQL();
    expect(sql).toBe(
      `select ${id('invoice.customer_id')} as ${id('customer')}, sum(${exact('(invoice_line.unit_price * invoice_line.quantity * (1 - discount))')}) as ${id('revenue')}, ` +
        `count(*) as ${id('lineCount')}, case when ${id('invoice.invoice_date')} >= ? and ${id('invoice.invoice_date')} < ? then ? end as ${id('period')} ` +
        `from ${id('sales.invoice_line')} inner join ${id('sales.invoice')} on ${id('invoice_line.invoice_id')} = ${id('invoice.invoice_id')} ` +
        `where ${id('invoice.invoice_date')} >= ? and ${id('invoice.invoice_date')} < ? group by ${id('invoice.customer_id')}, ${id('period')} order by ${id('invoice.customer_id')} asc`,
    );
    expect(bindings).toEqual(['2025-01-01', '2026-01-01', '2025', '2025-01-01', '2026-01-01']);
  });

  test('a snapshot fact has no time predicate, whatever windows it is asked in', () => {
    expect(adapter.catalog.facts.catalogue!.kind).toBe('snapshot');
    const buckets = [{ label: '2025-12', from: '2025-12-01', to: '2026-01-01' }];
    const { sql, bindings } = adapter
      .buildAggregate({ fact: 'catalogue', measures: ['tracks'], groupBy: ['genre'], buckets }, UNRESTRICTED)
      .toSQL();
    expect(sql).toBe(
      `select ${id('genre_id')} as ${id('genre')}, count(*) as ${id('tracks')} from ${id('sales.track')} group by ${id('genre_id')} order by ${id('genre_id')} asc`,
    );
    expect(bindings).toEqual([]);
  });
});

describe('a bad expression is refused at load with the file and the path', () => {
  test.each<[string, string, string, string]>([
    [
      'a statement after the expression',
      "first_name || ' ' || last_name",
      'first_name; drop table customer',
      'entities.Customer.fields.name.sql: a ";" is not allowed in an expression',
    ],
    [
      'a subquery',
      "first_name || ' ' || last_name",
      '(select password from users)',
      'entities.Customer.fields.name.sql: "select" is a keyword, not allowed in an expression',
    ],
    [
      'a comment',
      "first_name || ' ' || last_name",
      'first_name -- )',
      'entities.Customer.fields.name.sql: a comment is not allowed in an expression',
    ],
    [
      'a function outside the list',
      'invoice_line.unit_price * invoice_line.quantity * (1 - discount)',
      'pg_sleep(10)',
      'facts.lines.measures.revenue.sql: function "pg_sleep" is not allowed (allowed: coalesce, nullif, abs, round, floor, ceil, lower, upper, trim, concat, length, substr, lpad, rpad, replace, greatest, least)',
    ],
    [
      'a syntax error',
      'invoice_line.unit_price * invoice_line.quantity * (1 - discount)',
      'unit_price * (quantity',
      'facts.lines.measures.revenue.sql: a "(" without its ")"',
    ],
    [
      'a table the fact does not read',
      'invoice_line.unit_price * invoice_line.quantity * (1 - discount)',
      'album.price * 2',
      'facts.lines.measures.revenue.sql: "album" is not a table of this mapping (tables: invoice_line, invoice)',
    ],
  ])('%s', (name, from, to, expected) => {
    const root = writeModel(`bad-${name.replace(/\W+/g, '-')}`, SALES.replace(from, to));
    const error = thrown(() => loadModel(root, { env: {} }));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).problems).toContain(`${join(root, 'sources', 'sales.yaml')}: ${expected}`);
  });
});
