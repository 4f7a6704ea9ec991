import { DirectSql } from '../support/direct-sql';
import { ALL_POSTGRES } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';
import { cells, EXECUTIVE, FINANCE_MANAGER, MINIMUM, orgTree, payrollByDepartment, smallestAtom } from './personal-kit';

/**
 * Finding 2 of issue 12, as found: a finance manager (salaries only as bands) asks payroll cost for
 * departments {A, B}, then {B}; the difference would be A's cost, A having fewer than 5 people. Also parent
 * minus children after roll-up and total minus members. Each case uses its own month: the disclosure log
 * is kept per (principal, fact, window).
 */
type Payroll = Awaited<ReturnType<typeof payrollByDepartment>>;

describe('finding 2: suppression that holds against differencing', () => {
  let hub: TestHub;
  let direct: DirectSql;
  let store: Awaited<ReturnType<typeof isolatedPostgresStore>>;
  const months = new Map<string, Payroll>();

  beforeAll(async () => {
    store = await isolatedPostgresStore();
    direct = new DirectSql(ALL_POSTGRES);
    hub = await startTestHub(ALL_POSTGRES, store.overrides);
    for (const m of ['2025-03', '2025-04', '2025-05', '2025-07', '2025-08', '2025-09'])
      months.set(m, await payrollByDepartment(direct, m));
  });
  afterAll(async () => {
    await hub?.dispose();
    await direct?.close();
    await store?.drop();
  });

  /** A: 1..4 people paid; B: at least MINIMUM. */
  function pair(month: string): { a: string; b: string; payroll: Payroll } {
    const payroll = months.get(month)!;
    const sorted = [...payroll].sort(([x], [y]) => x.localeCompare(y));
    const a = sorted.find(([, p]) => p.people > 0 && p.people < MINIMUM)![0];
    const b = sorted.find(([, p]) => p.people >= MINIMUM)![0];
    return { a, b, payroll };
  }
  const total = (month: string, ids: string[]) =>
    cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["payroll_cost"], from: "${month}", grain: MONTH, filters: [{ dimension: "department", ids: ${JSON.stringify(ids)} }]`,
    );
  const sum = (payroll: Payroll, ids: string[]) =>
    ids.reduce((s, d) => s + Number(payroll.get(d)?.cost ?? 0), 0).toFixed(2);

  test.each([
    ['{A,B} then {B}', '2025-03', (a: string, b: string) => [[a, b], [b]]],
    ['{B} then {A,B}', '2025-04', (a: string, b: string) => [[b], [a, b]]],
  ])(
    '%s: the first is exact (direct SQL), the second suppressed — also after a restart on the same store',
    async (_name, month, order) => {
      const { a, b, payroll } = pair(month);
      const [first, second] = order(a, b) as [string[], string[]];
      const one = await total(month, first);
      expect(one.byMember.get('')!.get('payroll_cost')).toEqual({ value: sum(payroll, first), reason: null });
      const two = await total(month, second);
      expect(two.byMember.get('')!.get('payroll_cost')).toEqual({
        value: null,
        reason: expect.stringMatching(/^suppressed/),
      });
      expect(two.res.raw).not.toContain(payroll.get(a)!.cost);
      // The log is in the store: a restarted hub (or another process on the store) remembers.
      await hub.dispose();
      hub = await startTestHub(ALL_POSTGRES, store.overrides);
      const again = await total(month, second);
      expect(again.byMember.get('')!.get('payroll_cost')).toEqual({
        value: null,
        reason: expect.stringMatching(/^suppressed/),
      });
      // Asking the released set again is free.
      expect((await total(month, first)).byMember.get('')!.get('payroll_cost')!.value).toBe(sum(payroll, first));
    },
  );

  test('roll-up: released cells equal the SQL sums of their subtrees, and no parent-minus-children difference covers 1–4 people', async () => {
    const month = '2025-05';
    const payroll = months.get(month)!;
    const parent = await orgTree(direct);
    const subtree = (d: string): string[] => [
      d,
      ...[...parent].filter(([, p]) => p === d).flatMap(([c]) => subtree(c)),
    ];
    const people = new Map([...parent.keys()].map((d) => [d, payroll.get(d)?.people ?? 0]));
    const subtreePeople = (d: string) => subtree(d).reduce((s, x) => s + people.get(x)!, 0);
    // Not vacuous: a department whose own 1–4 people hide inside a releasable subtree.
    expect(
      [...parent.keys()].some(
        (d) => subtree(d).length > 1 && people.get(d)! > 0 && people.get(d)! < MINIMUM && subtreePeople(d) >= MINIMUM,
      ),
    ).toBe(true);
    const { res, byMember } = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["payroll_cost"], from: "${month}", grain: MONTH, groupBy: "department", rollup: true`,
    );
    expect(res.errors).toBeUndefined();
    const released: Array<Set<string>> = [];
    for (const [d, byCode] of byMember) {
      const cell = byCode.get('payroll_cost')!;
      if (cell.value === null) continue;
      expect({ d, value: cell.value }).toEqual({ d, value: sum(payroll, subtree(d)) });
      released.push(new Set(subtree(d)));
    }
    expect(released.length).toBeGreaterThan(0);
    expect(smallestAtom(released, people)).toBeNull();
  });

  test('total minus members: the company total, then every department — what is released never isolates 1–4 people', async () => {
    const month = '2025-07';
    const payroll = months.get(month)!;
    const all = [...payroll.keys()];
    const people = new Map(all.map((d) => [d, payroll.get(d)!.people]));
    const company = await cells(hub, FINANCE_MANAGER, `codes: ["payroll_cost"], from: "${month}", grain: MONTH`);
    expect(company.byMember.get('')!.get('payroll_cost')).toEqual({ value: sum(payroll, all), reason: null });
    const grouped = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["payroll_cost"], from: "${month}", grain: MONTH, groupBy: "department"`,
    );
    const released: Array<Set<string>> = [new Set(all)];
    for (const [d, byCode] of grouped.byMember) {
      const cell = byCode.get('payroll_cost')!;
      if (cell.value === null)
        expect({ d, reason: cell.reason }).toEqual({ d, reason: expect.stringMatching(/^suppressed/) });
      else {
        expect({ d, value: cell.value }).toEqual({ d, value: payroll.get(d)?.cost ?? '0.00' });
        released.push(new Set([d]));
      }
    }
    expect(smallestAtom(released, people)).toBeNull();
    // Without the control, subtracting every released department from the total would give the rest exactly.
    expect(all.filter((d) => people.get(d)! > 0 && people.get(d)! < MINIMUM).length).toBeGreaterThan(0);
  });

  test('finance manager: department values of at least 5 people are exact (direct SQL); 1–4 suppressed; the executive sees all', async () => {
    const month = '2025-08';
    const payroll = months.get(month)!;
    const args = `codes: ["payroll_cost"], from: "${month}", grain: MONTH, groupBy: "department"`;
    const [manager, executive] = await Promise.all([cells(hub, FINANCE_MANAGER, args), cells(hub, EXECUTIVE, args)]);
    let exact = 0;
    for (const [d, p] of payroll) {
      const cell = manager.byMember.get(d)!.get('payroll_cost')!;
      if (p.people >= MINIMUM) {
        exact++;
        expect({ d, ...cell }).toEqual({ d, value: p.cost, reason: null });
      } else expect({ d, ...cell }).toEqual({ d, value: null, reason: expect.stringMatching(/^suppressed/) });
      expect({ d, ...executive.byMember.get(d)!.get('payroll_cost') }).toEqual({ d, value: p.cost, reason: null });
    }
    expect(exact).toBeGreaterThan(0);
  });

  test('Department.payrollCost goes through the same log: after the total of {A,B}, B alone is SUPPRESSED', async () => {
    const month = '2025-09';
    const { a, b, payroll } = pair(month);
    expect((await total(month, [a, b])).byMember.get('')!.get('payroll_cost')!.value).toBe(sum(payroll, [a, b]));
    const res = await hub.query<{ d: { payrollCost: string | null } }>(
      `{ d: department(id: "${b}") { payrollCost(period: "${month}") } }`,
      {},
      FINANCE_MANAGER,
    );
    expect(res.data!.d.payrollCost).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SUPPRESSED']);
    expect(res.raw).not.toContain(payroll.get(b)!.cost);
  });
});
