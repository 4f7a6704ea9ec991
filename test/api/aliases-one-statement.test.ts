import { Decimal } from '../../src/values/decimal';
import { DirectSql, hubId } from '../support/direct-sql';
import { MIXED } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';
import { departmentsIn, RAW_SQL } from '../support/indicator-oracle';

/**
 * Issue 20: aliases and fields of one request over the same source fact share one statement. Four aliases of
 * indicatorValues, each asking other indicators of the same two facts (CRM orders on PostgreSQL, ERP invoices
 * on MariaDB), cost what one alias asking all of them costs — one statement per fact, counted by the
 * request's trace (X-Hub-Trace) — and every alias's cells equal SQL on the native tables. Result cache off.
 */
const ALIASES: Record<string, string[]> = {
  a: ['revenue', 'invoiced_revenue'],
  b: ['order_count', 'cogs'],
  c: ['revenue', 'cogs'],
  d: ['order_count', 'invoiced_revenue'],
};
const MEASURES: Record<string, { ref: string; source: 'crm' | 'erp'; places: number }> = {
  revenue: { ref: 'crm.orders.revenue', source: 'crm', places: 2 },
  order_count: { ref: 'crm.orders.orderCount', source: 'crm', places: 0 },
  invoiced_revenue: { ref: 'erp.invoice.invoicedRevenue', source: 'erp', places: 2 },
  cogs: { ref: 'erp.invoice.cogs', source: 'erp', places: 2 },
};
const table = (codes: string[]) =>
  `indicatorValues(codes: ${JSON.stringify(codes)}, from: "2025-01", to: "2025-06", grain: MONTH, groupBy: "department") { statements { source fact } rows { period member { id } cells { code value reason } } }`;

interface Table {
  statements: Array<{ source: string; fact: string }>;
  rows: Array<{ period: string; member: { id: string }; cells: Array<{ code: string; value: string | null }> }>;
}

let hub: TestHub;
let direct: DirectSql;
beforeAll(async () => {
  hub = await startTestHub(MIXED, { cache: { maxEntries: 0 } });
  direct = new DirectSql(MIXED);
  // Warm the people lookups of the principal, so the traced requests below hold only their own statements.
  await hub.query('{ me { principal } }');
}, 300_000);
afterAll(async () => {
  await direct?.close();
  await hub?.dispose();
});

/** code → member → month → exact value, summed here from the native rows. */
async function oracle(code: string): Promise<Map<string, Map<string, Decimal>>> {
  const { ref, source } = MEASURES[code]!;
  const out = new Map<string, Map<string, Decimal>>();
  for (const r of await direct.rows(source, RAW_SQL[ref]!.sql)) {
    const month = String(r.t).slice(0, 7);
    if (month < '2025-01' || month > '2025-06') continue;
    const member = hubId('Department', source, String(r.k));
    const byMonth = out.get(member) ?? out.set(member, new Map()).get(member)!;
    byMonth.set(month, (byMonth.get(month) ?? Decimal.ZERO).add(Decimal.of(String(r.v))));
  }
  return out;
}

test('four aliases over the same two facts issue the statements of one alias: one per fact', async () => {
  const one = await hub.query<{ t: Table }>(`{ t: ${table(Object.keys(MEASURES))} }`);
  expect(one.errors).toBeUndefined();
  expect(statementsBySource(one)).toMatchObject({ crm: 1, erp: 1 });

  const four = await hub.query<Record<string, Table>>(
    `{ ${Object.entries(ALIASES)
      .map(([alias, codes]) => `${alias}: ${table(codes)}`)
      .join(' ')} }`,
  );
  expect(four.errors).toBeUndefined();
  // Before issue 20: 4 + 4 (one statement per alias and fact).
  expect(statementsBySource(four)).toEqual(statementsBySource(one));
  expect(statementsBySource(four)).toMatchObject({ crm: 1, erp: 1 });
  expect(four.extensions?.trace?.statements).toBe(one.extensions?.trace?.statements);

  const expected = new Map(await Promise.all(Object.keys(MEASURES).map(async (c) => [c, await oracle(c)] as const)));
  for (const [alias, codes] of Object.entries(ALIASES)) {
    const t = four.data![alias]!;
    // Each alias shows the statement of each of its facts (its provenance).
    expect(t.statements.map((s) => `${s.source}.${s.fact}`).sort()).toEqual(['crm.orders', 'erp.invoice']);
    expect(t.rows.length).toBeGreaterThan(0);
    let compared = 0;
    for (const row of t.rows) {
      for (const cell of row.cells) {
        expect(codes).toContain(cell.code);
        const { source, places } = MEASURES[cell.code]!;
        if (!departmentsIn(source).has(row.member.id)) {
          expect(cell.value).toBeNull();
          continue;
        }
        const value = expected.get(cell.code)!.get(row.member.id)?.get(row.period) ?? Decimal.ZERO;
        expect([alias, row.period, row.member.id, cell.code, cell.value]).toEqual([
          alias,
          row.period,
          row.member.id,
          cell.code,
          value.toFixed(places),
        ]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  }
});
