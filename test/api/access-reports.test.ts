import { deepMerge } from '../../src/config/load';
import { isolatedPostgresStore } from '../support/isolated-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyDemoModel, type ModelCopy } from '../support/model-copy';
import { MIXED } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';

/** What auditors ask the hub about permissions, and the suppression of small payroll groups. */
const AUDITOR = 'EMP-000312';
const SALES_REP = 'EMP-000010';
const FINANCE_MANAGER = 'EMP-000267';

describe('permission reports and suppression', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(MIXED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('me: the viewer as resolved from the token, HR and the policy', async () => {
    const res = await hub.query<{
      me: { principal: string; roles: string[]; department: { id: string }; scope: string };
    }>('{ me { principal roles department { id } scope } }', {}, SALES_REP);
    expect(res.data!.me).toEqual({
      principal: SALES_REP,
      roles: ['sales_rep', 'employee'],
      department: { id: 'D0003' },
      // The roles' rules as written, the viewer's values, and how many ids each group of rules selects.
      scope:
        'Department: id = viewer.unit + Department: none, Employee: id = viewer.id (viewer.id = EMP-000010, viewer.unit = D0003) → 1 Department + 0 Department, 1 Employee',
    });
  });

  test('the permission matrix lists every role × field decision with the deciding rule', async () => {
    const res = await hub.query<{
      permissionMatrix: {
        fields: Array<{ field: string; decisions: Array<{ role: string; decision: string; rule: string }> }>;
      };
    }>('{ permissionMatrix { fields { field decisions { role decision rule } } } }', {}, AUDITOR);
    expect(res.errors).toBeUndefined();
    const idCard = res.data!.permissionMatrix.fields.find((f) => f.field === 'Employee.idCardNo')!;
    const byRole = Object.fromEntries(idCard.decisions.map((d) => [d.role, d.decision]));
    expect(byRole).toMatchObject({
      hr_manager: 'allow',
      auditor: 'mask:id_card',
      sales_rep: 'deny',
      executive: 'deny',
    });
    expect(idCard.decisions.find((d) => d.role === 'auditor')!.rule).toBe(
      'fields["Employee.idCardNo"].auditor = mask:id_card',
    );
    expect(res.data!.permissionMatrix.fields.map((f) => f.field)).toContain('Department.payrollCost');
  });

  test('a sales rep may not read the matrix: FORBIDDEN, nothing else lost', async () => {
    const res = await hub.query<{ permissionMatrix: unknown; me: { principal: string } }>(
      '{ permissionMatrix { minimumGroupSize } me { principal } }',
      {},
      SALES_REP,
    );
    expect(res.data).toEqual({ permissionMatrix: null, me: { principal: SALES_REP } });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.permissionMatrix' });
  });

  test.each([
    [SALES_REP, 'Employee.idCardNo', { admitted: true, decision: 'deny' }],
    ['EMP-000294', 'Employee.idCardNo', { admitted: true, decision: 'allow' }],
    ['apikey:bi-dashboard', 'Employee.phone', { admitted: true, decision: 'mask:phone' }],
    ['EMP-000014', 'Employee.phone', { admitted: false, decision: null }],
  ])('explain access for %s on %s', async (principal, field, expected) => {
    const res = await hub.query<{
      explainAccess: { admitted: boolean; decision: string | null; reason: string | null; rule: string | null };
    }>(
      'query($p: ID!, $f: String!) { explainAccess(principal: $p, field: $f) { admitted decision reason rule } }',
      { p: principal, f: field },
      AUDITOR,
    );
    expect(res.data!.explainAccess).toMatchObject(expected);
    if (!expected.admitted) expect(res.data!.explainAccess.reason).toMatch(/revoked/);
  });

  test('payroll cost of a department where 1 to 4 people were paid is suppressed for roles without individuals', async () => {
    const q =
      '{ a: department(id: "D0002") { name payrollCost(period: "2025-Q4") } b: department(id: "D0003") { name payrollCost(period: "2025-Q4") } }';
    const manager = await hub.query<{
      a: { name: string; payrollCost: string | null };
      b: { payrollCost: string | null };
    }>(q, {}, FINANCE_MANAGER);
    expect(manager.data!.a).toEqual({ name: 'Sales', payrollCost: null });
    expect(manager.data!.b.payrollCost).toMatch(/^\d+\.\d{2}$/);
    expect(manager.errors).toHaveLength(1);
    expect(manager.errors![0]!.extensions!.code).toBe('SUPPRESSED');
    const executive = await hub.query<{ a: { payrollCost: string | null } }>(q);
    expect(executive.data!.a.payrollCost).toMatch(/^\d+\.\d{2}$/);
  });
});

describe('scope and policy edges', () => {
  let hub: TestHub;
  let copy: ModelCopy;
  beforeAll(async () => {
    // The demo model, its policy with one attribute denied to everyone but the executive.
    copy = copyDemoModel();
    copy.edit(
      'policy.yaml',
      '  Customer.*: { "*": allow }',
      '  Customer.*: { "*": allow }\n  Customer.industry: { executive: allow, "*": deny }',
    );
    hub = await startTestHub(MIXED, { model: { dir: copy.dir } });
  });
  afterAll(async () => {
    await hub?.dispose();
    copy?.dispose();
  });

  test('a department outside the scope, reached through a reference, has no figures (null, not 0)', async () => {
    const res = await hub.query<{
      me: {
        department: {
          id: string;
          headcount: number;
          parent: { id: string; headcount: number | null; indicators: Array<{ value: string | null; reason: string }> };
        };
      };
    }>(
      '{ me { department { id headcount parent { id headcount indicators(codes: ["headcount"], period: "2025-Q4") { value reason } } } } }',
      {},
      SALES_REP,
    );
    const department = res.data!.me.department;
    expect(department.headcount).toBeGreaterThan(0);
    expect(department.parent).toEqual({
      id: 'D0002',
      headcount: null,
      indicators: [{ value: null, reason: 'D0002 is not in your scope' }],
    });
  });

  test('grouping by an attribute the viewer may not see is refused', async () => {
    const q =
      '{ indicatorValues(codes: ["revenue"], from: "2025", grain: YEAR, groupBy: "customer.industry") { rows { member { id } } } }';
    const rep = await hub.query(q, {}, SALES_REP);
    expect(rep.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Customer.industry' });
    expect(rep.extensions!.trace!.statements).toBe(0);
    const executive = await hub.query<{ indicatorValues: { rows: unknown[] } }>(q);
    expect(executive.data!.indicatorValues.rows.length).toBeGreaterThan(0);
  });

  test('an indicator over personal data is personal by lineage, whatever its code: a new one starts and is listed as personal', async () => {
    const withShare = copyDemoModel();
    withShare.write(
      'indicators/payroll_share.yaml',
      readFileSync('models/demo/indicators/hr/payroll_per_head.yaml', 'utf8')
        .replace('code: payroll_per_head', 'code: payroll_share')
        .replace(/type: ratio[\s\S]*?denominator: headcount/, 'type: formula\nformula: payroll_cost / 2'),
    );
    const store = await isolatedPostgresStore();
    try {
      const started = await startTestHub(MIXED, deepMerge(store.overrides, { model: { dir: withShare.dir } }));
      try {
        const res = await started.query<{
          permissionMatrix: { personalIndicators: Array<{ code: string; facts: string[] }> };
        }>('{ permissionMatrix { personalIndicators { code facts } } }', {}, AUDITOR);
        const listed = res.data!.permissionMatrix.personalIndicators;
        expect(listed.find((p) => p.code === 'payroll_share')).toEqual({
          code: 'payroll_share',
          facts: ['hr.payroll'],
        });
        const sales = await started.query<{
          indicatorValues: { rows: Array<{ cells: Array<{ value: string | null; reason: string | null }> }> };
        }>(
          '{ indicatorValues(codes: ["payroll_share"], from: "2025-Q4", grain: QUARTER) { rows { cells { value reason } } } }',
          {},
          SALES_REP,
        );
        expect(sales.data!.indicatorValues.rows[0]!.cells[0]).toEqual({
          value: null,
          reason: expect.stringMatching(/^not permitted/),
        });
      } finally {
        await started.dispose();
      }
    } finally {
      withShare.dispose();
      await store.drop();
    }
  });

  test.each([
    [
      'a population that is not a distinct count',
      'population: paidEmployees',
      'population: payrollCost',
      'personalData.facts["hr.payroll"].population: "payrollCost" is a sum',
    ],
    [
      'an unknown measure',
      'population: paidEmployees',
      'population: payees',
      'personalData.facts["hr.payroll"].population: fact hr.payroll has no measure "payees"',
    ],
    [
      'an unknown fact',
      'hr.payroll: {',
      'hr.payslips: {',
      'personalData.facts["hr.payslips"]: source hr has no fact "payslips"',
    ],
    [
      'a dimension the fact lacks',
      'dimension: department }',
      'dimension: region }',
      'personalData.facts["hr.payroll"].dimension: fact hr.payroll has no dimension "region"',
    ],
    [
      'an unknown role',
      'roles: [executive, finance_manager',
      'roles: [cfo, finance_manager',
      'personalData.roles names unknown role "cfo"',
    ],
  ])('personalData with %s stops the hub naming the file and the key', async (_name, from, to, message) => {
    const broken = copyDemoModel();
    broken.edit('policy.yaml', from, to);
    const store = await isolatedPostgresStore();
    try {
      const file = join(broken.dir, 'policy.yaml');
      await expect(startTestHub(MIXED, deepMerge(store.overrides, { model: { dir: broken.dir } }))).rejects.toThrow(
        `${file}: ${message}`,
      );
    } finally {
      broken.dispose();
      await store.drop();
    }
  });
});
