import { readFileSync } from 'node:fs';
import { DirectSql } from '../support/direct-sql';
import { ALL_POSTGRES } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';
import { cells, EXECUTIVE, FINANCE_MANAGER, payrollByDepartment, PROCUREMENT_OFFICER } from './personal-kit';

/**
 * Finding 1 of issue 12, as found: a procurement officer — denied salaries and payroll_cost — proposes a new
 * indicator over HR's payroll fact and evaluates the draft by department for one month, filtered to two
 * one-person departments. Personal data is now decided by lineage (the facts a value reads), for drafts
 * exactly as for published versions.
 */
const PAYROLL = readFileSync('models/demo/indicators/hr/payroll_cost.yaml', 'utf8');

/** Drafts an attacker might write: a new code over the fact, a formula and a ratio over the published one. */
const DRAFTS: Array<[string, (code: string, domain: string) => string]> = [
  [
    'a simple measure of hr.payroll under a new code',
    (code, domain) =>
      PAYROLL.replace('code: payroll_cost', `code: ${code}`)
        .replace('domain: hr', `domain: ${domain}`)
        .replace('measure: payrollCost', 'measure: grossPay'),
  ],
  ['a formula over payroll_cost', (code, domain) => formulaDraft(code, domain, 'payroll_cost * 1')],
  [
    'a ratio-like formula over payroll_cost and headcount',
    (code, domain) => formulaDraft(code, domain, 'payroll_cost / headcount * headcount'),
  ],
];

function formulaDraft(code: string, domain: string, formula: string): string {
  return PAYROLL.replace('code: payroll_cost', `code: ${code}`)
    .replace('domain: hr', `domain: ${domain}`)
    .replace(
      'type: simple\nmeasure: { source: hr, fact: payroll, measure: payrollCost }\ndimensions: [department, employee]',
      `type: formula\nformula: ${formula}\ndimensions: [department]`,
    );
}

describe('finding 1: exact salaries through a private draft', () => {
  let hub: TestHub;
  let direct: DirectSql;
  let drop: () => Promise<void>;
  let tiny: string[];
  let MONTH: string;
  let payroll: Awaited<ReturnType<typeof payrollByDepartment>>;

  beforeAll(async () => {
    const store = await isolatedPostgresStore();
    drop = store.drop;
    direct = new DirectSql(ALL_POSTGRES);
    hub = await startTestHub(ALL_POSTGRES, store.overrides);
    // The month of 2024–2025 whose two smallest paid departments (fewer than 5 people each) are smallest:
    // two one-person departments when the data has them, as in the finding.
    let best = Infinity;
    for (let i = 0; i < 24; i++) {
      const month = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      const p = await payrollByDepartment(direct, month);
      const small = [...p]
        .filter(([, x]) => x.people > 0 && x.people < 5)
        .sort(([a, x], [b, y]) => x.people - y.people || a.localeCompare(b))
        .slice(0, 2);
      const size = small.length === 2 ? small[0]![1].people + small[1]![1].people : Infinity;
      if (size < best) [best, MONTH, payroll, tiny] = [size, month, p, small.map(([d]) => d)];
    }
  });
  afterAll(async () => {
    await hub?.dispose();
    await direct?.close();
    await drop?.();
  });

  async function propose(as: string, code: string, definition: string): Promise<string> {
    const res = await hub.query<{ proposeIndicatorChange: { id: string } }>(
      'mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id } }',
      { i: { code, kind: 'CREATE', definition, reason: 'Purchasing cost benchmark' } },
      as,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.proposeIndicatorChange.id;
  }

  test('the month has two departments with 1–4 people paid (the attack is not vacuous)', () => {
    expect(tiny).toHaveLength(2);
    for (const d of tiny) expect(payroll.get(d)!.people).toBeLessThan(5);
  });

  test.each(DRAFTS)(
    'procurement officer, draft with %s: no value, "not permitted", HR never read',
    async (_name, draft) => {
      const code = `probe_${Math.random().toString(36).slice(2, 8)}`;
      const id = await propose(PROCUREMENT_OFFICER, code, draft(code, 'procurement'));
      const filters = `filters: [{ dimension: "department", ids: ${JSON.stringify(tiny)} }]`;
      const { res, byMember } = await cells(
        hub,
        PROCUREMENT_OFFICER,
        `codes: ["${code}"], from: "${MONTH}", grain: MONTH, groupBy: "department", ${filters}, draft: "${id}"`,
      );
      expect(res.errors).toBeUndefined();
      for (const [member, byCode] of byMember)
        expect({ member, ...byCode.get(code) }).toEqual({
          member,
          value: null,
          reason: expect.stringMatching(/^not permitted/),
        });
      expect(res.data!.indicatorValues.statements.filter((st) => st.fact === 'payroll')).toEqual([]);
      for (const d of tiny)
        for (const amount of [payroll.get(d)!.cost, payroll.get(d)!.gross]) expect(res.raw).not.toContain(amount);
    },
  );

  test('procurement officer, draft cut by employee: FORBIDDEN before anything runs', async () => {
    const code = 'probe_by_employee';
    const id = await propose(PROCUREMENT_OFFICER, code, DRAFTS[0]![1](code, 'procurement'));
    const { res } = await cells(
      hub,
      PROCUREMENT_OFFICER,
      `codes: ["${code}"], from: "${MONTH}", grain: MONTH, groupBy: "employee", draft: "${id}"`,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|BAD_USER_INPUT/) });
    expect(statementsBySource(res).hr ?? 0).toBe(0);
  });

  test('finance manager (permitted, no individuals), own draft over hr.payroll: the one-person departments are suppressed', async () => {
    const code = 'finance_payroll_probe';
    const id = await propose(FINANCE_MANAGER, code, DRAFTS[0]![1](code, 'finance'));
    const filters = `filters: [{ dimension: "department", ids: ${JSON.stringify(tiny)} }]`;
    const grouped = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["${code}"], from: "${MONTH}", grain: MONTH, groupBy: "department", ${filters}, draft: "${id}"`,
    );
    expect(grouped.res.errors).toBeUndefined();
    for (const d of tiny)
      expect({ d, ...grouped.byMember.get(d)!.get(code) }).toEqual({
        d,
        value: null,
        reason: expect.stringMatching(/^suppressed/),
      });
    // Their total covers two people: suppressed as well.
    const total = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["${code}"], from: "${MONTH}", grain: MONTH, ${filters}, draft: "${id}"`,
    );
    expect(total.byMember.get('')!.get(code)).toEqual({ value: null, reason: expect.stringMatching(/^suppressed/) });
    // By employee: refused before anything runs (the API has no employee cut; the engine refuses one too:
    // FORBIDDEN PERSONAL_DATA_CUT for any cut but the fact's dimension).
    const byEmployee = await cells(
      hub,
      FINANCE_MANAGER,
      `codes: ["${code}"], from: "${MONTH}", grain: MONTH, groupBy: "employee", draft: "${id}"`,
    );
    expect(byEmployee.res.errors?.[0]?.extensions).toMatchObject({
      code: expect.stringMatching(/FORBIDDEN|BAD_USER_INPUT/),
    });
    expect(byEmployee.res.data?.indicatorValues ?? null).toBeNull();
    for (const d of tiny)
      expect(byEmployee.res.raw + total.res.raw + grouped.res.raw).not.toContain(payroll.get(d)!.gross);
  });

  test('executive (individuals): exact payroll of the one-person departments, equal to direct SQL', async () => {
    const filters = `filters: [{ dimension: "department", ids: ${JSON.stringify(tiny)} }]`;
    const { res, byMember } = await cells(
      hub,
      EXECUTIVE,
      `codes: ["payroll_cost"], from: "${MONTH}", grain: MONTH, groupBy: "department", ${filters}`,
    );
    expect(res.errors).toBeUndefined();
    for (const d of tiny)
      expect({ d, ...byMember.get(d)!.get('payroll_cost') }).toEqual({ d, value: payroll.get(d)!.cost, reason: null });
  });

  test('permissionMatrix lists the personal indicators from lineage, with the facts they read', async () => {
    const res = await hub.query<{
      permissionMatrix: { personalIndicators: Array<{ code: string; facts: string[]; roles: string[] }> };
    }>('{ permissionMatrix { personalIndicators { code facts roles } } }', {}, 'EMP-000312');
    const listed = new Map(res.data!.permissionMatrix.personalIndicators.map((p) => [p.code, p.facts]));
    for (const code of ['payroll_cost', 'payroll_per_head', 'labor_cost_ratio'])
      expect({ code, facts: listed.get(code) }).toEqual({ code, facts: ['hr.payroll'] });
    for (const code of ['headcount', 'revenue', 'gross_profit']) expect(listed.has(code)).toBe(false);
  });
});
