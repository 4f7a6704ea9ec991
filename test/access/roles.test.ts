import { Decimal, toMoney } from '../../src/values/decimal';
import { DirectSql } from '../support/direct-sql';
import { ALL_MYSQL, ALL_POSTGRES, testCompany, type Layout } from '../support/engines';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';
import {
  AccessOracle,
  decisionFor,
  demoSubjects,
  MINIMUM_GROUP,
  POLICY,
  type Expected,
  type Subject,
} from './access-oracle';

/**
 * Every demo user who is still employed, and the demo service key, × a corpus of queries, on PostgreSQL and
 * on MariaDB: what comes back must be exactly what the policy allows — rows equal to the rows of the
 * viewer's scope computed with SQL directly on the sources (access-oracle.ts), masked fields masked with the
 * right shape, denied fields null with a FORBIDDEN error that leaves the parent intact, personal
 * indicators not permitted or suppressed under the minimum group size.
 * One table: a row per (user, query), each query with its expectation function.
 */
type Data = Record<string, unknown>;
type Response = GraphQLResponse<Data>;
type GqlError = NonNullable<Response['errors']>[number];
interface Ctx {
  subject: Subject;
  viewer: Expected;
  oracle: AccessOracle;
  /** Alerts of the executive (unrestricted, may see individuals), as "code|rule|severity|department". */
  executiveAlerts: Set<string>;
}
interface Case {
  name: string;
  /** Query fields the case reads: a viewer whose roles are denied one gets null + FORBIDDEN for it. */
  root: string[];
  query: string;
  check(res: Response, ctx: Ctx): void;
}

const LAYOUTS: Array<[string, Layout]> = [
  ['PostgreSQL', ALL_POSTGRES],
  ['MariaDB', ALL_MYSQL],
];
const PERIOD = '2025-Q4';
const EXECUTIVE = 'EMP-000001';

// ---- helpers -------------------------------------------------------------------------------------------

const sorted = (ids: Iterable<string>) => [...ids].sort();
/** Payroll of a department alone (a one-member query set): released when no one or at least the minimum is paid. */
const isSmall = (paid: number) => paid > 0 && paid < MINIMUM_GROUP;
const inScope = (v: Expected, department: string | null) => department !== null && v.departments.has(department);
const visibleEmployee = (v: Expected, e: { id: string; department: string }) =>
  inScope(v, e.department) || e.id === v.own;

function noErrors(res: Response): void {
  expect(res.errors ?? []).toEqual([]);
}

function list<T>(res: Response, field: string): T[] {
  const value = res.data?.[field];
  expect(Array.isArray(value)).toBe(true);
  return value as T[];
}

/**
 * Field errors of one code and field over the rows of a list are answered once, with `extensions.paths`
 * naming every row (src/server/coalesce-errors.ts): expanded here to one per row, so each row's decision
 * is still checked.
 */
function perRow(errors: readonly GqlError[]): GqlError[] {
  return errors.flatMap((e) => {
    const paths = e.extensions?.paths as Array<Array<string | number>> | undefined;
    return paths ? paths.map((path) => ({ ...e, path }) as GqlError) : [e];
  });
}

function pathOf(error: GqlError): string {
  return (error.path ?? []).join('.');
}

/** A masked value: never the raw value, and the documented shape of the mask kind. */
function maskHolds(kind: string, value: unknown, raw: string): boolean {
  if (typeof value !== 'string' || value === raw) return false;
  switch (kind) {
    case 'phone':
    case 'id_card':
      // 138****5678: the first 3 and last 4 characters kept, stars between, same length.
      return (
        value.length === raw.length &&
        /^[^*]{3}\*+[^*]{4}$/.test(value) &&
        value.startsWith(raw.slice(0, 3)) &&
        value.endsWith(raw.slice(-4))
      );
    case 'bank_account':
      return value === `**** **** ${raw.slice(-4)}`;
    case 'salary_band': {
      const m = /^(\d+)-(\d+)$/.exec(value);
      if (!m) return false;
      const [low, high, amount] = [Number(m[1]), Number(m[2]), Number(raw)];
      return high - low === 10_000 && low <= amount && amount < high;
    }
    case 'email':
      return value === `${raw[0]}***${raw.slice(raw.indexOf('@'))}`;
    default:
      return false;
  }
}

/**
 * Field decisions on a list of objects: allow → the raw value; mask → the mask; deny → null, one FORBIDDEN
 * error per object at exactly that path, the object itself and its other fields still there, and no raw
 * value in any error message. No other error is tolerated.
 */
function checkFields(
  res: Response,
  type: string,
  objects: Array<{ path: Array<string | number>; value: Record<string, unknown>; raw: Record<string, string> }>,
  fields: string[],
  roles: readonly string[],
): void {
  const decisions = Object.fromEntries(fields.map((f) => [f, decisionFor(type, f, roles)]));
  const expectedErrors = new Set<string>();
  for (const { path, value, raw } of objects) {
    expect({ path, id: value.id }).toEqual({ path, id: expect.any(String) });
    for (const field of fields) {
      const decision = decisions[field]!;
      const got = value[field];
      if (decision === 'allow') {
        expect({ path, field, value: got }).toEqual({ path, field, value: raw[field] });
      } else if (decision.startsWith('mask:')) {
        expect({ path, field, decision, value: got, ok: maskHolds(decision.slice(5), got, raw[field]!) }).toEqual({
          path,
          field,
          decision,
          value: got,
          ok: true,
        });
      } else {
        expect({ path, field, value: got }).toEqual({ path, field, value: null });
        expectedErrors.add([...path, field].join('.'));
      }
    }
  }
  const errors = perRow(res.errors ?? []);
  expect(errors.map((e) => `${String(e.extensions?.code)} ${pathOf(e)}`).sort()).toEqual(
    [...expectedErrors].map((p) => `FORBIDDEN ${p}`).sort(),
  );
  const rawByPath = new Map(objects.map((o) => [o.path.join('.'), o.raw]));
  for (const error of errors) {
    const raw = rawByPath.get((error.path ?? []).slice(0, -1).join('.')) ?? {};
    for (const value of Object.values(raw)) expect(error.message).not.toContain(value);
    expect(error.message).toContain(`${type}.${String(error.path?.[error.path.length - 1])}`);
  }
}

interface CellRow {
  period?: string;
  member: { id: string } | null;
  cells: Array<{ code: string; value: string | null; reason: string | null }>;
}

function cellsOf(res: Response): Map<string, Map<string, CellRow['cells'][number]>> {
  const table = res.data?.indicatorValues as { rows: CellRow[] } | null;
  expect(table).not.toBeNull();
  const out = new Map<string, Map<string, CellRow['cells'][number]>>();
  for (const row of table!.rows) out.set(row.member?.id ?? '', new Map(row.cells.map((c) => [c.code, c])));
  return out;
}

// ---- the corpus ----------------------------------------------------------------------------------------

const CASES: Case[] = [
  {
    name: "me: the roles the hub resolved are the policy's",
    root: ['me'],
    query: '{ me { roles } }',
    check(res, { viewer }) {
      noErrors(res);
      expect(sorted((res.data!.me as { roles: string[] }).roles)).toEqual(sorted(viewer.roles));
    },
  },
  {
    name: 'departments',
    root: ['departments'],
    query: '{ departments { id } }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      expect(sorted(list<{ id: string }>(res, 'departments').map((d) => d.id))).toEqual(
        sorted(oracle.departments.filter((d) => inScope(viewer, d))),
      );
    },
  },
  {
    name: 'employees',
    root: ['employees'],
    query: '{ employees(limit: 1000) { id } }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      const expected = oracle.employees.filter((e) => visibleEmployee(viewer, e)).map((e) => e.id);
      expect(expected.length).toBeLessThan(1000);
      expect(sorted(list<{ id: string }>(res, 'employees').map((e) => e.id))).toEqual(sorted(expected));
    },
  },
  {
    name: 'customers (accounts of in-scope teams, first 1000 by key)',
    root: ['customers'],
    query: '{ customers(limit: 1000) { id } }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      const expected = oracle.customers.filter((c) => inScope(viewer, c.department)).slice(0, 1000);
      expect(list<{ id: string }>(res, 'customers').map((c) => c.id)).toEqual(expected.map((c) => c.id));
    },
  },
  {
    name: 'list counts: the rows of the viewer, its row rules applied (employeesCount, customersCount, departmentsCount)',
    root: ['employeesCount', 'customersCount', 'departmentsCount'],
    query: '{ employeesCount customersCount departmentsCount }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      expect(res.data).toEqual({
        employeesCount: oracle.employees.filter((e) => visibleEmployee(viewer, e)).length,
        customersCount: oracle.customers.filter((c) => inScope(viewer, c.department)).length,
        departmentsCount: oracle.departments.filter((d) => inScope(viewer, d)).length,
      });
    },
  },
  {
    name: 'departments with their employees (nested)',
    root: ['departments'],
    query: '{ departments { id employees { id } } }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      const got = list<{ id: string; employees: Array<{ id: string }> }>(res, 'departments');
      expect(sorted(got.map((d) => d.id))).toEqual(sorted(oracle.departments.filter((d) => inScope(viewer, d))));
      for (const d of got) {
        const expected = oracle.employees
          .filter((e) => e.department === d.id && visibleEmployee(viewer, e))
          .map((e) => e.id);
        expect({ department: d.id, employees: sorted(d.employees.map((e) => e.id)) }).toEqual({
          department: d.id,
          employees: sorted(expected),
        });
      }
    },
  },
  {
    name: 'customers with contracts (CRM) and receivables (ERP), nested',
    root: ['customers'],
    query: '{ customers(limit: 50) { id contracts { id } receivables { id } } }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      const got = list<{ id: string; contracts: Array<{ id: string }>; receivables: Array<{ id: string }> }>(
        res,
        'customers',
      );
      expect(got.map((c) => c.id)).toEqual(
        oracle.customers
          .filter((c) => inScope(viewer, c.department))
          .slice(0, 50)
          .map((c) => c.id),
      );
      for (const c of got) {
        const contracts = oracle.contracts
          .filter((k) => k.parent === c.id && inScope(viewer, k.department))
          .map((k) => k.id);
        const receivables = oracle.receivables
          .filter((r) => r.parent === c.id && inScope(viewer, r.department))
          .map((r) => r.id);
        expect({
          customer: c.id,
          contracts: sorted(c.contracts.map((k) => k.id)),
          receivables: sorted(c.receivables.map((r) => r.id)),
        }).toEqual({
          customer: c.id,
          contracts: sorted(contracts),
          receivables: sorted(receivables),
        });
      }
    },
  },
  {
    name: 'suppliers with purchase orders of in-scope cost centres',
    root: ['suppliers'],
    query: '{ suppliers { id purchaseOrders { id } } }',
    check(res, { viewer, oracle }) {
      noErrors(res);
      const got = list<{ id: string; purchaseOrders: Array<{ id: string }> }>(res, 'suppliers');
      // Suppliers are company-wide reference data (no department): every viewer sees the list.
      expect(got.map((s) => s.id)).toEqual(oracle.suppliers.slice(0, 100));
      for (const s of got) {
        const expected = oracle.purchaseOrders
          .filter((p) => p.parent === s.id && inScope(viewer, p.department))
          .map((p) => p.id);
        expect({ supplier: s.id, purchaseOrders: sorted(s.purchaseOrders.map((p) => p.id)) }).toEqual({
          supplier: s.id,
          purchaseOrders: sorted(expected),
        });
      }
    },
  },
  {
    name: 'indicatorValues revenue + headcount by department: in-scope members only, values as SQL',
    root: ['indicatorValues'],
    query: `{ indicatorValues(codes: ["revenue", "headcount"], from: "${PERIOD}", grain: QUARTER, groupBy: "department") {
              rows { period member { id } cells { code value reason } } } }`,
    check(res, { viewer, oracle }) {
      noErrors(res);
      const cells = cellsOf(res);
      const withRows = new Set([...oracle.hrMembers, ...oracle.revenue.keys()]);
      expect(sorted(cells.keys())).toEqual(sorted([...withRows].filter((d) => inScope(viewer, d))));
      for (const [member, byCode] of cells) {
        const revenue = oracle.salesTeams.has(member) ? (oracle.revenue.get(member) ?? '0.00') : null;
        expect({ member, revenue: byCode.get('revenue')?.value, headcount: byCode.get('headcount')?.value }).toEqual({
          member,
          revenue,
          headcount: String(oracle.headcount.get(member) ?? 0),
        });
      }
    },
  },
  {
    name: 'indicatorValues revenue + headcount rolled up the org tree: in-scope members only, sums of their in-scope subtree',
    root: ['indicatorValues'],
    query: `{ indicatorValues(codes: ["revenue", "headcount"], from: "${PERIOD}", grain: QUARTER, groupBy: "department", rollup: true) {
              rows { period member { id } cells { code value reason } } } }`,
    check(res, { viewer, oracle }) {
      noErrors(res);
      // Each in-scope department adds into its ancestors up to the first one outside the scope.
      const parts = new Map<string, string[]>();
      for (const d of oracle.departments.filter((x) => inScope(viewer, x))) {
        for (let t: string | null | undefined = d; t && inScope(viewer, t); t = oracle.parents.get(t))
          parts.set(t, [...(parts.get(t) ?? []), d]);
      }
      const withRows = new Set([...oracle.hrMembers, ...oracle.revenue.keys()]);
      const members = [...parts].filter(([, ds]) => ds.some((d) => withRows.has(d))).map(([t]) => t);
      const cells = cellsOf(res);
      expect(sorted(cells.keys())).toEqual(sorted(members));
      for (const [member, byCode] of cells) {
        const ds = parts.get(member) ?? [];
        const revenue = ds.some((d) => oracle.salesTeams.has(d))
          ? toMoney(ds.reduce((sum, d) => sum.add(Decimal.of(oracle.revenue.get(d) ?? '0')), Decimal.ZERO))
          : null;
        const headcount = String(ds.reduce((sum, d) => sum + (oracle.headcount.get(d) ?? 0), 0));
        expect({ member, revenue: byCode.get('revenue')?.value, headcount: byCode.get('headcount')?.value }).toEqual({
          member,
          revenue,
          headcount,
        });
      }
    },
  },
  {
    name: 'indicatorValues company-total revenue: the sum over in-scope teams only',
    root: ['indicatorValues'],
    query: `{ indicatorValues(codes: ["revenue"], from: "${PERIOD}", grain: QUARTER) { rows { member { id } cells { code value reason } } } }`,
    check(res, { viewer, oracle }) {
      noErrors(res);
      const cells = cellsOf(res);
      expect([...cells.keys()]).toEqual(['']);
      const total = [...oracle.revenue]
        .filter(([d]) => inScope(viewer, d))
        .reduce((sum, [, v]) => sum.add(Decimal.of(v)), Decimal.ZERO);
      expect(cells.get('')!.get('revenue')!.value).toBe(toMoney(total));
    },
  },
  {
    name: 'alerts: only in-scope departments',
    root: ['alerts'],
    query: `{ alerts(period: "${PERIOD}") { indicator { code } rule severity department { id } } }`,
    check(res, { viewer, executiveAlerts }) {
      noErrors(res);
      const got = list<{
        indicator: { code: string };
        rule: string;
        severity: string;
        department: { id: string } | null;
      }>(res, 'alerts');
      for (const a of got) {
        const key = `${a.indicator.code}|${a.rule}|${a.severity}|${a.department?.id}`;
        expect({
          alert: key,
          inScope: inScope(viewer, a.department?.id ?? null),
          alsoForTheExecutive: executiveAlerts.has(key),
        }).toEqual({
          alert: key,
          inScope: true,
          alsoForTheExecutive: true,
        });
      }
      if (viewer.all && viewer.individuals) expect(got.length).toBe(executiveAlerts.size);
    },
  },
  {
    name: 'Employee phone, ID card, bank account, salary: allowed, masked or denied as the policy says',
    root: ['employees'],
    query: '{ employees(limit: 1000) { id name phone idCardNo bankAccount monthlySalary } }',
    check(res, { viewer, oracle }) {
      const got = list<Record<string, unknown> & { id: string; name: string | null }>(res, 'employees');
      expect(sorted(got.map((e) => e.id))).toEqual(
        sorted(oracle.employees.filter((e) => visibleEmployee(viewer, e)).map((e) => e.id)),
      );
      for (const e of got) expect({ id: e.id, name: typeof e.name }).toEqual({ id: e.id, name: 'string' });
      const fields = ['phone', 'idCardNo', 'bankAccount', 'monthlySalary'];
      checkFields(
        res,
        'Employee',
        got.map((value, i) => {
          const raw = oracle.employee(value.id);
          return {
            path: ['employees', i],
            value,
            raw: {
              phone: raw.phone,
              idCardNo: raw.idCardNo,
              bankAccount: raw.bankAccount,
              monthlySalary: raw.monthlySalary,
            },
          };
        }),
        fields,
        viewer.roles,
      );
    },
  },
  {
    name: 'Contact phone and e-mail (nested under customers): allowed or masked as the policy says',
    root: ['customers'],
    query: '{ customers(limit: 50) { id contacts { id name phone email } } }',
    check(res, { viewer, oracle }) {
      const got = list<{ id: string; contacts: Array<Record<string, unknown> & { id: string }> }>(res, 'customers');
      expect(got.map((c) => c.id)).toEqual(
        oracle.customers
          .filter((c) => inScope(viewer, c.department))
          .slice(0, 50)
          .map((c) => c.id),
      );
      const objects = got.flatMap((c, i) => {
        const expected = oracle.contacts.filter((k) => k.parent === c.id);
        expect({ customer: c.id, contacts: sorted(c.contacts.map((k) => k.id)) }).toEqual({
          customer: c.id,
          contacts: sorted(expected.map((k) => k.id)),
        });
        return c.contacts.map((value, j) => {
          const raw = expected.find((k) => k.id === value.id)!;
          expect({ contact: value.id, name: typeof value.name }).toEqual({ contact: value.id, name: 'string' });
          return { path: ['customers', i, 'contacts', j], value, raw: { phone: raw.phone, email: raw.email } };
        });
      });
      checkFields(res, 'Contact', objects, ['phone', 'email'], viewer.roles);
    },
  },
  {
    name: 'Department.payrollCost: denied, suppressed when 1 to minimum − 1 people were paid, or the SQL value',
    root: ['departments'],
    query: `{ departments { id name payrollCost(period: "${PERIOD}") } }`,
    check(res, { viewer, oracle }) {
      const got = list<{ id: string; name: string | null; payrollCost: string | null }>(res, 'departments');
      expect(sorted(got.map((d) => d.id))).toEqual(sorted(oracle.departments.filter((d) => inScope(viewer, d))));
      const decision = decisionFor('Department', 'payrollCost', viewer.roles);
      const expectedErrors: string[] = [];
      got.forEach((d, i) => {
        expect({ id: d.id, name: typeof d.name }).toEqual({ id: d.id, name: 'string' });
        const small = !viewer.individuals && isSmall(oracle.paidEmployees.get(d.id) ?? 0);
        if (decision === 'deny') expectedErrors.push(`FORBIDDEN departments.${i}.payrollCost`);
        else if (small) expectedErrors.push(`SUPPRESSED departments.${i}.payrollCost`);
        const value = decision === 'deny' || small ? null : (oracle.payroll.get(d.id) ?? '0.00');
        expect({ id: d.id, payrollCost: d.payrollCost }).toEqual({ id: d.id, payrollCost: value });
      });
      const errors = perRow(res.errors ?? []);
      expect(errors.map((e) => `${String(e.extensions?.code)} ${pathOf(e)}`).sort()).toEqual(expectedErrors.sort());
      for (const e of errors)
        for (const d of got) if (oracle.payroll.has(d.id)) expect(e.message).not.toContain(oracle.payroll.get(d.id));
    },
  },
  {
    name: 'personal indicator payroll_cost by department: not permitted, suppressed when 1 to minimum − 1 people were paid, or the SQL value',
    root: ['indicatorValues'],
    query: `{ indicatorValues(codes: ["payroll_cost"], from: "${PERIOD}", grain: QUARTER, groupBy: "department") {
              rows { member { id } cells { code value reason } } } }`,
    check(res, { viewer, oracle }) {
      noErrors(res);
      const cells = cellsOf(res);
      const permitted = viewer.roles.some((r) => (POLICY.personalData?.roles ?? []).includes(r));
      for (const member of cells.keys())
        expect({ member, inScope: inScope(viewer, member) }).toEqual({ member, inScope: true });
      // Roles not permitted do not even read the payroll fact: its members need not appear.
      if (permitted) for (const d of oracle.payroll.keys()) if (inScope(viewer, d)) expect(cells.has(d)).toBe(true);
      for (const [member, byCode] of cells) {
        const cell = byCode.get('payroll_cost')!;
        const small = isSmall(oracle.paidEmployees.get(member) ?? 0);
        let expected: { value: string | null; reason: string | RegExp | null };
        if (!permitted) expected = { value: null, reason: /^not permitted/ };
        else if (!oracle.payroll.has(member)) expected = { value: null, reason: cell.reason };
        else if (small && !viewer.individuals) expected = { value: null, reason: /^suppressed/ };
        else expected = { value: oracle.payroll.get(member)!, reason: null };
        expect({ member, value: cell.value, reason: cell.reason }).toEqual({
          member,
          value: expected.value,
          reason: expected.reason instanceof RegExp ? expect.stringMatching(expected.reason) : expected.reason,
        });
      }
    },
  },
];

// ---- the table -----------------------------------------------------------------------------------------

const SUBJECTS = demoSubjects();
const ROWS = SUBJECTS.flatMap((subject) =>
  CASES.map((c) => ({ ...c, subject, title: `${subject.label} — ${c.name}` })),
);

describe.each(LAYOUTS)('what each demo user gets, %s sources', (_name, layout) => {
  let hub: TestHub;
  let direct: DirectSql;
  let oracle: AccessOracle;
  const viewers = new Map<string, Expected>();
  let executiveAlerts: Set<string>;

  beforeAll(async () => {
    direct = new DirectSql(layout);
    [hub, oracle] = await Promise.all([startTestHub(layout), AccessOracle.load(direct)]);
    for (const subject of SUBJECTS) viewers.set(subject.label, await oracle.expected(subject));
    const res = await hub.query<{
      alerts: Array<{ indicator: { code: string }; rule: string; severity: string; department: { id: string } }>;
    }>(`{ alerts(period: "${PERIOD}") { indicator { code } rule severity department { id } } }`, {}, EXECUTIVE);
    expect(res.errors).toBeUndefined();
    executiveAlerts = new Set(
      res.data!.alerts.map((a) => `${a.indicator.code}|${a.rule}|${a.severity}|${a.department.id}`),
    );
  });
  afterAll(async () => {
    await direct?.close();
    await hub?.dispose();
  });

  test('the corpus is not vacuous: demo users are active in HR except those the demo company says left', () => {
    const left = new Set(
      testCompany()
        .employees.filter((e) => e.left !== null)
        .map((e) => e.id),
    );
    for (const e of oracle.employees)
      if (left.has(e.id)) expect({ id: e.id, active: e.active }).toEqual({ id: e.id, active: false });
    expect(SUBJECTS.length).toBeGreaterThanOrEqual(10);
    expect(executiveAlerts.size).toBeGreaterThan(0);
    // Scopes of every kind occur: all, a subtree, a region, own department, own records only.
    const kinds = new Set(
      [...viewers.values()].map((v) => (v.all ? 'all' : v.departments.size === 0 ? 'own records' : 'some departments')),
    );
    expect(sorted(kinds)).toEqual(['all', 'own records', 'some departments']);
  });

  test.each(ROWS)('$title', async ({ subject, root, query, check }) => {
    const viewer = viewers.get(subject.label)!;
    const res = await hub.query<Data>(query, {}, subject.as);
    expect(res.status).toBe(200);
    const denied = root.filter((f) => decisionFor('Query', f, viewer.roles) === 'deny');
    if (denied.length > 0) {
      for (const f of denied) expect({ field: f, value: res.data?.[f] }).toEqual({ field: f, value: null });
      expect(
        perRow(res.errors ?? [])
          .map((e) => `${String(e.extensions?.code)} ${pathOf(e)}`)
          .sort(),
      ).toEqual(denied.map((f) => `FORBIDDEN ${f}`).sort());
      return;
    }
    check(res, { subject, viewer, oracle, executiveAlerts });
  });
});
