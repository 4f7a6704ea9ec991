import { display } from '../../src/engine/index';
import { UnitBook } from '../../src/indicators/units';
import { Decimal } from '../../src/values/decimal';
import { UNRESTRICTED, type AggregateRow } from '../../src/sources/contract';
import { SqlAdapter } from '../../src/sources/sql/adapter';
import type { SqlConnection } from '../../src/db/connection';
import { ensureSchema, openConnection } from '../../src/db/open';
import type { SqlSourceMapping } from '../../src/model/mapping';
import { pgSourcesUrl, serverUrl } from '../support/engines';

/**
 * Exact money, rounded once (issue 11, part 7). Line amounts with four places, stored five ways (DECIMAL,
 * DOUBLE, REAL/FLOAT, integer ten-thousandths, text), aggregated by the adapter per group and month, then
 * added up the way the engine regroups members and runs totals over periods — and rounded once at the
 * output. The oracle is direct SQL on the unsplit rows: round(sum(cast(amt as decimal(38, 4))), 2).
 * The data are built so that rounding each group to the cent first is visibly wrong: every group × month
 * sums to x.xx50, so per-group rounding gains half a cent per cell.
 */
const SCHEMA = 'hub_exact_money';
const GROUPS = 40;
const MONTHS = ['2025-01', '2025-02', '2025-03'];
/** Four-place lines whose sum in every group and month ends in 0.0050: 10.1234 + g + 5.4321 + 2.4495 = g + 18.0050. */
const LINES = (g: number) => [Decimal.of('10.1234').add(Decimal.of(g)), Decimal.of('5.4321'), Decimal.of('2.4495')];
const REGIONS = 4;

const STORED = {
  decimal: { column: 'amt', storage: undefined },
  declaredDecimal: { column: 'amt', storage: { kind: 'decimal', scale: 4 } },
  double: { column: 'amt_double', storage: { kind: 'float', scale: 4 } },
  real: { column: 'amt_real', storage: { kind: 'float', scale: 4 } },
  tenThousandths: { column: 'amt_units', storage: { kind: 'cents', scale: 4 } },
  text: { column: 'amt_text', storage: { kind: 'text', scale: 4 } },
} as const;
const MEASURES = Object.keys(STORED) as Array<keyof typeof STORED>;

const mapping: SqlSourceMapping = {
  entities: {},
  facts: {
    lines: {
      table: 'money_line',
      time: { column: 'day' },
      dimensions: { group: { column: 'grp' } },
      measures: Object.fromEntries(
        MEASURES.map((m) => [
          m,
          {
            agg: 'sum' as const,
            column: STORED[m].column,
            type: 'decimal' as const,
            ...(STORED[m].storage ? { storage: STORED[m].storage } : {}),
          },
        ]),
      ),
    },
  },
};
const units = new UnitBook({ money: { precision: 2 } });
const money = { unit: 'money' };

const ENGINES = [
  { engine: 'postgres' as const, url: () => pgSourcesUrl(), real: 'real' },
  { engine: 'mysql' as const, url: () => serverUrl('mysql'), real: 'float' },
];

describe.each(ENGINES)('exact money on $engine', ({ engine, url, real }) => {
  let conn: SqlConnection;
  let adapter: SqlAdapter;
  let rows: AggregateRow[];

  const sql = async (text: string): Promise<Array<Record<string, unknown>>> => {
    const result = await conn.knex.raw(
      text.replaceAll('{t}', engine === 'mysql' ? `${SCHEMA}.money_line` : `"${SCHEMA}".money_line`),
    );
    return engine === 'mysql'
      ? (result as [Array<Record<string, unknown>>])[0]
      : (result as { rows: Array<Record<string, unknown>> }).rows;
  };
  const exact = engine === 'postgres' ? 'numeric(38, 4)' : 'decimal(38, 4)';

  beforeAll(async () => {
    conn = openConnection(
      { engine, url: url(), schema: SCHEMA, pool: { min: 0, max: 2 }, acquireTimeoutMs: 30_000 },
      SCHEMA,
    );
    await ensureSchema(conn);
    const schema = conn.knex.schema.withSchema(SCHEMA);
    await schema.dropTableIfExists('money_line');
    await schema.createTable('money_line', (t) => {
      t.integer('line_id').primary();
      t.integer('grp').notNullable();
      t.date('day').notNullable();
      t.decimal('amt', 18, 4).notNullable();
      t.double('amt_double').notNullable();
      t.specificType('amt_real', real).notNullable();
      t.bigInteger('amt_units').notNullable();
      t.string('amt_text', 32).notNullable();
    });
    let id = 0;
    const lines = [];
    for (let g = 0; g < GROUPS; g++) {
      for (const month of MONTHS) {
        for (const [i, amount] of LINES(g).entries()) {
          const text = amount.toFixed(4);
          lines.push({
            line_id: ++id,
            grp: g,
            day: `${month}-${String(i + 1).padStart(2, '0')}`,
            amt: text,
            amt_double: Number(text),
            amt_real: Number(text),
            amt_units: amount.mul(Decimal.of(10_000)).toFixed(0),
            amt_text: text,
          });
        }
      }
    }
    await conn.knex.batchInsert(`${SCHEMA}.money_line`, lines, 200);
    adapter = new SqlAdapter('money', mapping, conn, { entities: {} });
    const buckets = MONTHS.map((m, i) => ({
      label: m,
      from: `${m}-01`,
      to: i + 1 < MONTHS.length ? `${MONTHS[i + 1]}-01` : '2025-04-01',
    }));
    rows = await adapter.aggregate(
      { fact: 'lines', measures: MEASURES, groupBy: ['group'], buckets },
      { scope: UNRESTRICTED, trace: { record: () => undefined } },
    );
  });

  afterAll(async () => {
    await conn?.knex.schema.withSchema(SCHEMA).dropTableIfExists('money_line');
    await conn?.close();
  });

  /** The adapter's cells added exactly (as regrouping and running totals add them), then rounded once. */
  const addedUp = (measure: string, keyOf: (group: number) => string) => {
    const sums = new Map<string, Decimal>();
    for (const row of rows) {
      const key = keyOf(Number(row.dimensions.group));
      sums.set(key, (sums.get(key) ?? Decimal.ZERO).add(Decimal.of(String(row.measures[measure]))));
    }
    return new Map([...sums].map(([k, v]) => [k, display(v, money, units)]));
  };
  const oracle = async (select: string, groupBy?: string) =>
    new Map(
      (
        await sql(
          `select ${select} as k, round(sum(cast(amt as ${exact})), 2) as v from {t}${groupBy ? ` group by ${groupBy}` : ''}`,
        )
      ).map((r) => [String(r.k), Decimal.of(String(r.v)).toFixed(2)]),
    );

  test('the data make per-group rounding wrong: the old way (round each group × month, then add) is off', async () => {
    expect(rows).toHaveLength(GROUPS * MONTHS.length);
    const [right] = await sql(`select round(sum(cast(amt as ${exact})), 2) as v from {t}`);
    const [old] = await sql(
      `select sum(r) as v from (select round(sum(cast(amt as ${exact})), 2) as r from {t} group by grp, ${engine === 'mysql' ? "date_format(day, '%Y-%m')" : "to_char(day, 'YYYY-MM')"}) cells`,
    );
    expect(Decimal.of(String(old!.v)).toFixed(2)).not.toBe(Decimal.of(String(right!.v)).toFixed(2));
  });

  test.each(MEASURES)('%s: aggregates leave the adapter exact (four places, not rounded to the cent)', (measure) => {
    for (const row of rows)
      expect([measure, row.measures[measure]]).toEqual([measure, expect.stringMatching(/^\d+\.\d{4}$/)]);
  });

  test.each(MEASURES)(
    '%s: the whole, regions of groups and each group equal direct SQL on the unsplit rows, to the cent',
    async (measure) => {
      expect(addedUp(measure, () => 'all')).toEqual(await oracle("'all'"));
      expect(addedUp(measure, (g) => String(g % REGIONS))).toEqual(
        await oracle(`grp % ${REGIONS}`, `grp % ${REGIONS}`),
      );
      expect(addedUp(measure, (g) => String(g))).toEqual(await oracle('grp', 'grp'));
    },
  );
});

describe('float money in expressions and undeclared floats (issue 23), on MariaDB', () => {
  let conn: SqlConnection;
  const call = { scope: UNRESTRICTED, trace: { record: () => undefined } };

  beforeAll(async () => {
    conn = openConnection(
      {
        engine: 'mysql',
        url: serverUrl('mysql'),
        schema: `${SCHEMA}_expr`,
        pool: { min: 0, max: 2 },
        acquireTimeoutMs: 30_000,
      },
      `${SCHEMA}_expr`,
    );
    await ensureSchema(conn);
    const schema = conn.knex.schema.withSchema(`${SCHEMA}_expr`);
    await schema.dropTableIfExists('sale');
    await schema.createTable('sale', (t) => {
      t.integer('id').primary();
      t.date('day').notNullable();
      t.specificType('price', 'float').notNullable();
      t.integer('qty').notNullable();
      t.specificType('discount', 'float').notNullable();
    });
    // 1000 lines of 21.35 × 3 × (1 − 0.15): exactly 54.4425 each, 54442.5 in all.
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      id: i + 1,
      day: '2025-01-15',
      price: 21.35,
      qty: 3,
      discount: 0.15,
    }));
    await conn.knex.batchInsert(`${SCHEMA}_expr.sale`, rows, 200);
  });

  afterAll(async () => {
    await conn?.knex.schema.withSchema(`${SCHEMA}_expr`).dropTableIfExists('sale');
    await conn?.close();
  });

  const facts = (storage: SqlSourceMapping['facts'][string]['storage'], measure = 'price * qty * (1 - discount)') =>
    new SqlAdapter(
      'shop',
      {
        entities: {},
        facts: {
          sales: {
            table: 'sale',
            time: { column: 'day' },
            dimensions: {},
            measures: { revenue: { agg: 'sum', sql: measure, type: 'decimal' } },
            ...(storage ? { storage } : {}),
          },
        },
      },
      conn,
      { entities: {} },
    );

  test('each float input cast to its declared scale before the arithmetic: the exact sum', async () => {
    const adapter = facts({ price: { kind: 'float', scale: 2 }, discount: { kind: 'float', scale: 2 } });
    const [row] = await adapter.aggregate({ fact: 'sales', measures: ['revenue'], groupBy: [] }, call);
    expect(Decimal.of(String(row!.measures.revenue)).toFixed(4)).toBe('54442.5000');
  });

  test('a float the adapter cannot read exactly is INEXACT_VALUE naming source, fact, measure and the fix', async () => {
    const adapter = facts(undefined, 'price');
    const error = await adapter.aggregate({ fact: 'sales', measures: ['revenue'], groupBy: [] }, call).then(
      () => undefined,
      (e: unknown) => e as { message: string; extensions: Record<string, unknown> },
    );
    expect(error?.extensions).toMatchObject({
      code: 'INEXACT_VALUE',
      source: 'shop',
      fact: 'sales',
      measure: 'revenue',
    });
    expect(error?.message).toMatch(
      /Source "shop", fact "sales", measure "revenue": .*storage: \{ kind: float, scale: 2 \}/,
    );
  });
});
