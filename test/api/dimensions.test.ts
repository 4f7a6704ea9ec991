import { Decimal, toMoney } from '../../src/values/decimal';
import { DirectSql, hubId } from '../support/direct-sql';
import { ALL_POSTGRES } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';

/**
 * Several dimensions and top N on the demo company, against hand-written SQL run directly on the CRM's
 * native tables (test/support/direct-sql.ts), keys translated with the demo key map.
 */
let hub: TestHub;
let direct: DirectSql;

beforeAll(async () => {
  hub = await startTestHub(ALL_POSTGRES);
  direct = new DirectSql(ALL_POSTGRES);
});
afterAll(async () => {
  await direct?.close();
  await hub?.dispose();
});

const VALUES = `query($from: String!, $to: String, $grain: Grain!, $by: [IndicatorDimension!], $top: TopMembers) {
  indicatorValues(codes: ["revenue"], from: $from, to: $to, grain: $grain, by: $by, top: $top) {
    by rows { period members { id } cells { value reason } }
  }
}`;

interface Table {
  by: string[];
  rows: Array<{
    period: string;
    members: Array<{ id: string }>;
    cells: Array<{ value: string | null; reason: string | null }>;
  }>;
}

async function values(vars: Record<string, unknown>): Promise<Table> {
  const res = await hub.query<{ indicatorValues: Table }>(VALUES, vars);
  expect(res.errors).toBeUndefined();
  return res.data!.indicatorValues;
}

const MONTH_SQL = "to_char(order_date, 'YYYY-MM')";
const H1 = "order_date >= '2025-01-01' and order_date < '2025-07-01'";

test('revenue by department × product, monthly: every cell equals SQL on the CRM', async () => {
  const table = await values({ from: '2025-01', to: '2025-06', grain: 'MONTH', by: ['department', 'product'] });
  expect(table.by).toEqual(['department', 'product']);
  const rows = await direct.rows(
    'crm',
    `select ${MONTH_SQL} as p, team_code as k1, product_code as k2, sum(amount) as v from {s}.sales_order where ${H1} group by 1, 2, 3`,
  );
  const expected = new Map(
    rows.map((r) => [
      `${String(r.p)}|${hubId('Department', 'crm', String(r.k1))}|${hubId('Product', 'crm', String(r.k2))}`,
      toMoney(String(r.v)),
    ]),
  );
  const got = new Map(table.rows.map((r) => [[r.period, ...r.members.map((m) => m.id)].join('|'), r.cells[0]!.value]));
  expect(expected.size).toBeGreaterThan(10);
  const mismatches = [...expected]
    .filter(([k, v]) => got.get(k) !== v)
    .map(([k, v]) => `${k}: SQL ${v}, hub ${got.get(k)}`);
  const extra = [...got].filter(
    ([k, v]) => !expected.has(k) && v !== null && Decimal.of(v).compare(Decimal.ZERO) !== 0,
  );
  expect({ mismatches: mismatches.slice(0, 10), extra: extra.slice(0, 10) }).toEqual({ mismatches: [], extra: [] });
});

test('top 5 customers by revenue over the half-year, with their quarterly rows', async () => {
  const table = await values({
    from: '2025-01',
    to: '2025-06',
    grain: 'QUARTER',
    by: ['customer'],
    top: { indicator: 'revenue', n: 5 },
  });
  const totals = (
    await direct.rows('crm', `select account_id as k, sum(amount) as v from {s}.sales_order where ${H1} group by 1`)
  ).map((r) => ({
    id: hubId('Customer', 'crm', String(r.k)),
    v: Decimal.of(String(r.v)),
  }));
  totals.sort((a, b) => b.v.compare(a.v) || (a.id < b.id ? -1 : 1));
  const top = totals.slice(0, 5).map((t) => t.id);
  // Rows period by period, the members in rank order within each.
  expect(table.rows.map((r) => `${r.period} ${r.members[0]!.id}`)).toEqual(
    ['2025-Q1', '2025-Q2'].flatMap((p) => top.map((id) => `${p} ${id}`)),
  );
  const quarterly = await direct.rows(
    'crm',
    `select case when order_date < '2025-04-01' then '2025-Q1' else '2025-Q2' end as p, account_id as k, sum(amount) as v from {s}.sales_order where ${H1} group by 1, 2`,
  );
  const expected = new Map(
    quarterly.map((r) => [`${String(r.p)}|${hubId('Customer', 'crm', String(r.k))}`, toMoney(String(r.v))]),
  );
  for (const r of table.rows)
    expect(`${r.period}|${r.members[0]!.id}: ${r.cells[0]!.value}`).toBe(
      `${r.period}|${r.members[0]!.id}: ${expected.get(`${r.period}|${r.members[0]!.id}`) ?? '0.00'}`,
    );
});
