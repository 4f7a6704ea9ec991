import { ALL_EMBEDDED, MIXED, openEmbeddedCopy, type Layout } from '../support/engines';
import { DirectSql } from '../support/direct-sql';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';
import type { EmbeddedEngine } from '../../src/db/embedded';

/**
 * The dashboard query of issue 2: every department's figures from four systems in one request.
 * Checked two ways: every figure equals SQL run directly on the source databases, and the number of
 * statements per source does not grow with the number of departments.
 */
const DASHBOARD = /* GraphQL */ `
  query Dashboard($ids: [ID!], $period: String!) {
    departments(ids: $ids, limit: 1000) {
      id
      name
      head {
        name
      }
      headcount(period: $period)
      payrollCost(period: $period)
      budget(period: $period)
      actualExpense(period: $period)
      revenue(period: $period)
      procurementSpend(period: $period)
    }
  }
`;

interface DepartmentRow {
  id: string;
  name: string;
  head: { name: string } | null;
  headcount: number;
  payrollCost: string;
  budget: string;
  actualExpense: string;
  revenue: string | null;
  procurementSpend: string;
}

/** One statement per source per field group: HR lists, heads, headcount, payroll; ERP budget, expense; … */
const EXPECTED_STATEMENTS = { hr: 4, erp: 2, crm: 1, procurement: 1 };

describe.each<[string, Layout]>([
  ['mixed PostgreSQL + MariaDB sources', MIXED],
  ['embedded sources', ALL_EMBEDDED],
])('dashboard over %s', (_name, layout) => {
  let hub: TestHub;
  let direct: DirectSql;
  let embeddedCopy: { engine: EmbeddedEngine; dispose(): Promise<void> } | undefined;

  beforeAll(async () => {
    hub = await startTestHub(layout);
    if (Object.values(layout).includes('embedded')) embeddedCopy = await openEmbeddedCopy();
    direct = new DirectSql(layout, embeddedCopy?.engine);
  });
  afterAll(async () => {
    await direct?.close();
    await embeddedCopy?.dispose();
    await hub?.dispose();
  });

  test('statement count per source is the same for 10 departments and for all of them', async () => {
    const all = await hub.query<{ departments: DepartmentRow[] }>(DASHBOARD, { period: '2025-Q4' });
    expect(all.errors).toBeUndefined();
    const ids = all.data!.departments.map((d) => d.id);
    expect(ids.length).toBe(30);
    const ten = await hub.query<{ departments: DepartmentRow[] }>(DASHBOARD, {
      period: '2025-Q4',
      ids: ids.slice(0, 10),
    });
    expect(ten.errors).toBeUndefined();
    expect(ten.data!.departments).toHaveLength(10);
    expect(statementsBySource(ten)).toEqual(EXPECTED_STATEMENTS);
    expect(statementsBySource(all)).toEqual(EXPECTED_STATEMENTS);
  });

  test.each(['2025-Q4', '2024-11', 'FY2025'])(
    'every figure for %s equals SQL run directly on the sources',
    async (period) => {
      const res = await hub.query<{ departments: DepartmentRow[] }>(DASHBOARD, { period });
      expect(res.errors).toBeUndefined();
      const expected = await expectedFigures(direct, period);
      const got = res.data!.departments;
      expect(got).toHaveLength(expected.names.size);
      for (const d of got) {
        expect({ id: d.id, name: d.name, head: d.head?.name ?? null }).toEqual({
          id: d.id,
          ...expected.names.get(d.id),
        });
        expect({ id: d.id, headcount: d.headcount }).toEqual({
          id: d.id,
          headcount: expected.headcount.get(d.id) ?? 0,
        });
        expect({
          id: d.id,
          payrollCost: d.payrollCost,
          budget: d.budget,
          actualExpense: d.actualExpense,
          procurementSpend: d.procurementSpend,
        }).toEqual({
          id: d.id,
          payrollCost: expected.payroll.get(d.id) ?? '0.00',
          budget: expected.budget.get(d.id) ?? '0.00',
          actualExpense: expected.expense.get(d.id) ?? '0.00',
          procurementSpend: expected.spend.get(d.id) ?? '0.00',
        });
        // Revenue: null for departments that are no CRM sales team, zero for teams without orders.
        expect({ id: d.id, revenue: d.revenue }).toEqual({
          id: d.id,
          revenue: expected.salesTeams.has(d.id) ? (expected.revenue.get(d.id) ?? '0.00') : null,
        });
      }
      // The check is not vacuous: the period has data in every system.
      expect(
        [expected.payroll, expected.budget, expected.expense, expected.revenue, expected.spend].every(
          (m) => m.size > 0,
        ),
      ).toBe(true);
    },
  );
});

const WINDOWS: Record<string, { from: string; to: string; asOf: string }> = {
  '2025-Q4': { from: '2025-10-01', to: '2026-01-01', asOf: '2025-12-31' },
  '2024-11': { from: '2024-11-01', to: '2024-12-01', asOf: '2024-11-30' },
  FY2025: { from: '2025-01-01', to: '2026-01-01', asOf: '2025-12-31' },
};

async function expectedFigures(direct: DirectSql, period: string) {
  const { from, to, asOf } = WINDOWS[period]!;
  const yyyymm = (d: string) => d.slice(0, 7).replace('-', '');
  const lastMonth = yyyymm(asOf);
  const names = new Map<string, { name: string; head: string | null }>();
  const { hubId } = await import('../support/direct-sql');
  for (const r of await direct.rows(
    'hr',
    'select o.org_id as k, o.org_name as name, e.full_name as head from {s}.org_unit o left join {s}.employee e on e.emp_no = o.head_emp_no',
  )) {
    names.set(hubId('Department', 'hr', String(r.k)), {
      name: String(r.name),
      head: r.head === null ? null : String(r.head),
    });
  }
  const salesTeams = new Set(
    (await direct.rows('crm', 'select team_code as k from {s}.sales_team')).map((r) =>
      hubId('Department', 'crm', String(r.k)),
    ),
  );
  return {
    names,
    salesTeams,
    headcount: await direct.countBy(
      'hr',
      'Department',
      'select org_id as k, count(*) as v from {s}.employee where hire_date <= ? and (leave_date is null or leave_date > ?) group by org_id',
      [asOf, asOf],
    ),
    payroll: await direct.moneyBy(
      'hr',
      'Department',
      'select org_id as k, sum(total_cost) as v from {s}.payroll where pay_date >= ? and pay_date < ? group by org_id',
      [from, to],
    ),
    budget: await direct.moneyBy(
      'erp',
      'Department',
      'select cc_code as k, sum(amount) as v from {s}.budget where fiscal_period >= ? and fiscal_period <= ? group by cc_code',
      [yyyymm(from), lastMonth],
    ),
    expense: await direct.moneyBy(
      'erp',
      'Department',
      'select cc_code as k, sum(amount) as v from {s}.gl_entry where posting_date >= ? and posting_date < ? group by cc_code',
      [from, to],
    ),
    revenue: await direct.moneyBy(
      'crm',
      'Department',
      'select team_code as k, sum(amount) as v from {s}.sales_order where order_date >= ? and order_date < ? group by team_code',
      [from, to],
    ),
    spend: await direct.moneyBy(
      'procurement',
      'Department',
      "select cost_center as k, sum(total_amount) as v from {s}.purchase_order where po_date >= ? and po_date < ? and status <> 'CANCELLED' group by cost_center",
      [from, to],
    ),
  };
}
