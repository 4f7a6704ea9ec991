import { DirectSql, hubId } from '../support/direct-sql';
import { ALL_POSTGRES } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';
import { FINANCE_MANAGER, MINIMUM, payrollByDepartment } from './personal-kit';

/**
 * Issue 22, item 8: tests that kill the mutants that survived a hand mutation round.
 * - masks on values that arrive asynchronously: a masked phone read through a reference (`manager { phone }`);
 * - top-N of a personal indicator: suppressed (null) members rank last, never first, whatever the direction.
 * Oracles: the HR tables by direct SQL.
 */
const mask = (v: string) => `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;

describe('issue 22, item 8: surviving mutants', () => {
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

  // The sales rep sees colleagues and their managers with phones masked ("*": mask:phone); a plain employee
  // sees no manager's phone at all (out of row scope), so it would not tell a raw phone from a masked one.
  test.each([['the sales rep', 'EMP-000010']])(
    '%s: a phone masked for its role is masked through a reference (manager { phone }) too',
    async (_who, as) => {
      const phones = new Map(
        (await direct.rows('hr', 'select emp_no, mobile from {s}.employee')).map((r) => [
          hubId('Employee', 'hr', String(r.emp_no)),
          String(r.mobile),
        ]),
      );
      type E = { id: string; phone: string | null; manager: { id: string; phone: string | null } | null };
      const res = await hub.query<{ employees: E[] | null; self: E | null }>(
        `{ employees(limit: 50) { id phone manager { id phone } } self: employee(id: "${as}") { id phone manager { id phone } } }`,
        {},
        as,
      );
      const read = [...(res.data?.employees ?? []), ...(res.data?.self ? [res.data.self] : [])];
      const managers = read.flatMap((e) => (e.manager ? [e.manager] : []));
      expect(managers.length).toBeGreaterThan(0);
      // A manager outside the viewer's row scope reads as null; every phone that is read is masked.
      const seen = managers.filter((m) => m.phone !== null);
      expect(seen.length).toBeGreaterThan(0);
      for (const m of seen) {
        const raw = phones.get(m.id)!;
        expect(raw.length).toBeGreaterThanOrEqual(7);
        expect({ id: m.id, phone: m.phone }).toEqual({ id: m.id, phone: mask(raw) });
      }
      for (const m of managers) expect(res.raw).not.toContain(phones.get(m.id)!);
    },
  );

  test.each(['DESC', 'ASC'])(
    'top-N by a personal indicator (%s): suppressed departments rank last, released ones in SQL order',
    async (direction) => {
      const month = '2025-10';
      const payroll = await payrollByDepartment(direct, month);
      const released = [...payroll].filter(([, p]) => p.people >= MINIMUM);
      const suppressed = [...payroll].filter(([, p]) => p.people > 0 && p.people < MINIMUM);
      expect(suppressed.length).toBeGreaterThan(0);
      const n = released.length + suppressed.length;
      const res = await hub.query<{
        indicatorValues: {
          rows: Array<{ member: { id: string }; cells: Array<{ value: string | null; reason: string | null }> }>;
        };
      }>(
        `{ indicatorValues(codes: ["payroll_cost"], from: "${month}", grain: MONTH, groupBy: "department", top: { indicator: "payroll_cost", n: ${n}, direction: ${direction} }) { rows { member { id } cells { value reason } } } }`,
        {},
        FINANCE_MANAGER,
      );
      expect(res.errors).toBeUndefined();
      const rows = res.data!.indicatorValues.rows;
      const firstNull = rows.findIndex((r) => r.cells[0]!.value === null);
      expect(firstNull).toBeGreaterThan(0);
      // Every value before the first null; none after it.
      expect(rows.slice(firstNull).every((r) => r.cells[0]!.value === null)).toBe(true);
      const values = rows.slice(0, firstNull).map((r) => ({ id: r.member.id, value: Number(r.cells[0]!.value) }));
      const sign = direction === 'DESC' ? -1 : 1;
      for (let i = 1; i < values.length; i++)
        expect(sign * (values[i]!.value - values[i - 1]!.value)).toBeGreaterThanOrEqual(0);
      for (const v of values) if (payroll.has(v.id)) expect(v.value.toFixed(2)).toBe(payroll.get(v.id)!.cost);
      expect(values.filter((v) => payroll.has(v.id)).length).toBe(released.length);
    },
  );
});
