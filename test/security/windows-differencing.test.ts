import { DirectSql, hubId } from '../support/direct-sql';
import { ALL_POSTGRES } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';
import { toMoney } from '../../src/values/decimal';
import { cells, FINANCE_MANAGER } from './personal-kit';

/**
 * Issue 22, finding 1 as found: differencing across time windows. HR pays on the 25th, so windows that
 * differ by days hold the same payroll rows; D0022 is a 2-person department (1 person until 2024-07),
 * D0023 has 14. Each case asked {D0022, D0023} over one window, then {D0023} over windows that overlap it:
 * the difference was D0022's exact payroll. Now windows of a personal fact answered to a principal tile
 * time (equal or disjoint): the first answer is exact (direct SQL), the overlapping second is suppressed
 * and D0022's figure appears nowhere in it. Same roles as found: the finance manager and the auditor.
 */
const AUDITOR = 'EMP-000312';
const A = hubId('Department', 'hr', 'ORG-22');
const B = hubId('Department', 'hr', 'ORG-23');

describe('issue 22, finding 1: suppression holds across time windows and grains', () => {
  let hub: TestHub;
  let direct: DirectSql;
  let store: Awaited<ReturnType<typeof isolatedPostgresStore>>;

  beforeAll(async () => {
    store = await isolatedPostgresStore();
    direct = new DirectSql(ALL_POSTGRES);
    hub = await startTestHub(ALL_POSTGRES, store.overrides);
  });
  afterAll(async () => {
    await hub?.dispose();
    await direct?.close();
    await store?.drop();
  });

  /** Payroll cost of `orgs` in [from, to), and the distinct people paid, by direct SQL. */
  async function payroll(orgs: string[], from: string, to: string): Promise<{ cost: string; people: number }> {
    const [r] = await direct.rows(
      'hr',
      `select coalesce(sum(total_cost), 0) as cost, count(distinct emp_no) as people from {s}.payroll where org_id in (${orgs.map(() => '?').join(', ')}) and pay_date >= ? and pay_date < ?`,
      [...orgs, from, to],
    );
    return { cost: toMoney(String(r!.cost)), people: Number(r!.people) };
  }
  const filter = (ids: string[]) => `filters: [{ dimension: "department", ids: ${JSON.stringify(ids)} }]`;
  const totalOf = async (as: string, args: string) =>
    (await cells(hub, as, args)).byMember.get('')!.get('payroll_cost')!;

  test('{D0022, D0023} for June 2025 (MONTH), then {D0023} for 2025-06-02 … 06-30 (ALL): the second is suppressed', async () => {
    const both = await payroll(['ORG-22', 'ORG-23'], '2025-06-01', '2025-07-01');
    const a = await payroll(['ORG-22'], '2025-06-01', '2025-07-01');
    expect(a.people).toBe(2); // the finding's 2-person department
    expect(
      await totalOf(FINANCE_MANAGER, `codes: ["payroll_cost"], from: "2025-06", grain: MONTH, ${filter([A, B])}`),
    ).toEqual({
      value: both.cost,
      reason: null,
    });
    const second = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["payroll_cost"], from: "2025-06-02", to: "2025-06-30", grain: ALL, ${filter([B])}`,
    );
    expect(second.byMember.get('')!.get('payroll_cost')).toEqual({
      value: null,
      reason: expect.stringMatching(/^suppressed: .*overlaps 2025-06-01 to 2025-07-01/),
    });
    expect(second.res.raw).not.toContain(a.cost);
    expect(second.res.raw).not.toContain((await payroll(['ORG-23'], '2025-06-02', '2025-07-01')).cost);
  });

  test('2024-Q4 for {D0022, D0023}, then October, November and December for {D0023}: all three suppressed', async () => {
    const q4 = await payroll(['ORG-22', 'ORG-23'], '2024-10-01', '2025-01-01');
    expect(
      await totalOf(FINANCE_MANAGER, `codes: ["payroll_cost"], from: "2024-Q4", grain: QUARTER, ${filter([A, B])}`),
    ).toEqual({
      value: q4.cost,
      reason: null,
    });
    const months = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["payroll_cost"], from: "2024-10", to: "2024-12", grain: MONTH, ${filter([B])}`,
    );
    const rows = months.res.data!.indicatorValues.rows;
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row.cells[0]).toMatchObject({
        value: null,
        reason: expect.stringMatching(/^suppressed: .*overlaps 2024-10-01 to 2025-01-01/),
      });
    expect(months.res.raw).not.toContain((await payroll(['ORG-22'], '2024-10-01', '2025-01-01')).cost);
  });

  test('the auditor: {D0022, D0023} for March 2024 (D0022: one person), then {D0023} for March 2–31: suppressed', async () => {
    const one = await payroll(['ORG-22'], '2024-03-01', '2024-04-01');
    expect(one.people).toBe(1);
    const both = await payroll(['ORG-22', 'ORG-23'], '2024-03-01', '2024-04-01');
    expect(await totalOf(AUDITOR, `codes: ["payroll_cost"], from: "2024-03", grain: MONTH, ${filter([A, B])}`)).toEqual(
      {
        value: both.cost,
        reason: null,
      },
    );
    const second = await cells(
      hub,
      AUDITOR,
      `codes: ["payroll_cost"], from: "2024-03-02", to: "2024-03-31", grain: ALL, ${filter([B])}`,
    );
    expect(second.byMember.get('')!.get('payroll_cost')).toMatchObject({
      value: null,
      reason: expect.stringMatching(/^suppressed/),
    });
    expect(second.res.raw).not.toContain(one.cost);
  });

  test('windows that tile time stay answerable: the months after the quarter, month by month, exact', async () => {
    for (const [month, from, to] of [
      ['2025-01', '2025-01-01', '2025-02-01'],
      ['2025-02', '2025-02-01', '2025-03-01'],
    ] as const) {
      const both = await payroll(['ORG-22', 'ORG-23'], from, to);
      expect(
        await totalOf(FINANCE_MANAGER, `codes: ["payroll_cost"], from: "${month}", grain: MONTH, ${filter([A, B])}`),
      ).toEqual({
        value: both.cost,
        reason: null,
      });
    }
  });
});
