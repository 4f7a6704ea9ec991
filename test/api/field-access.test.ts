import { MIXED } from '../support/engines';
import { EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';

/**
 * `me { fieldAccess }` tells a UI beforehand what the answers then do: every field it calls DENIED is
 * refused with FORBIDDEN when asked, every other one is answered; a MASKED one differs from what a viewer
 * allowed it gets. Three viewers, three different reports.
 */
const SALES_REP = 'EMP-000010';
const AUDITOR = 'EMP-000312';
const FIELDS = ['name', 'title', 'email', 'phone', 'idCardNo', 'bankAccount', 'monthlySalary'];

interface Report {
  me: {
    roles: string[];
    fieldAccess: {
      types: Array<{
        type: string;
        fields: Array<{ field: string; access: string; mask: string | null; rule: string }>;
      }>;
      rowRules: Array<{ role: string; entity: string | null; rule: string }>;
    };
  };
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(MIXED);
});
afterAll(async () => {
  await hub?.dispose();
});

async function reportOf(who: string) {
  const res = await hub.query<Report>(
    '{ me { roles fieldAccess(types: ["Employee", "Department"]) { types { type fields { field access mask rule } } rowRules { role entity rule } } } }',
    {},
    who,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.me;
}

const accessOf = (me: Report['me'], type: string, field: string) =>
  me.fieldAccess.types.find((t) => t.type === type)!.fields.find((f) => f.field === field)!;

test('three viewers get three reports, each as the policy decides', async () => {
  const [rep, auditor, exec] = await Promise.all([reportOf(SALES_REP), reportOf(AUDITOR), reportOf(EXECUTIVE)]);
  expect(rep.fieldAccess.types.map((t) => t.type).sort()).toEqual(['Department', 'Employee']);
  expect(accessOf(rep, 'Employee', 'phone')).toMatchObject({ access: 'MASKED', mask: 'phone' });
  expect(accessOf(rep, 'Employee', 'idCardNo')).toMatchObject({ access: 'DENIED', mask: null });
  expect(accessOf(auditor, 'Employee', 'idCardNo')).toMatchObject({ access: 'MASKED', mask: 'id_card' });
  expect(accessOf(exec, 'Employee', 'phone')).toMatchObject({ access: 'ALLOWED', mask: null });
  expect(accessOf(exec, 'Employee', 'idCardNo').access).toBe('DENIED');
  // Every role of the viewer, in words (the sales rep is an employee too: policy principals.everyPerson).
  expect(rep.fieldAccess.rowRules).toEqual(
    expect.arrayContaining([
      { role: 'sales_rep', entity: 'Department', rule: expect.stringMatching(/viewer/) },
      { role: 'employee', entity: 'Employee', rule: 'id = viewer.id' },
    ]),
  );
  expect(new Set(rep.fieldAccess.rowRules.map((r) => r.role))).toEqual(new Set(rep.roles));
  expect(exec.fieldAccess.rowRules).toContainEqual({ role: 'executive', entity: null, rule: 'all rows' });
});

test.each([
  ['a sales rep', SALES_REP],
  ['an auditor', AUDITOR],
  ['the executive', EXECUTIVE],
])('for %s the answers do what the report said', async (_name, who) => {
  const me = await reportOf(who);
  const res = await hub.query<{ employees: Array<Record<string, string | null>> }>(
    `{ employees(limit: 5) { id ${FIELDS.join(' ')} } }`,
    {},
    who,
  );
  const refused = new Set((res.errors ?? []).map((e) => String(e.extensions?.field)));
  // What an unmasked viewer gets for the same rows: the hub's HR manager view is not used as the oracle;
  // the executive's answer for phone is, for the fields it is allowed.
  const exec = await hub.query<{ employees: Array<Record<string, string | null>> }>(
    `{ employees(ids: ${JSON.stringify(res.data!.employees.map((e) => e.id))}) { id phone } }`,
  );
  for (const field of FIELDS) {
    const access = accessOf(me, 'Employee', field).access;
    expect({ field, refused: refused.has(`Employee.${field}`) }).toEqual({ field, refused: access === 'DENIED' });
    if (field === 'phone' && access === 'MASKED') {
      const shown = res.data!.employees.map((e) => e.phone);
      const plain = exec.data!.employees.map((e) => e.phone);
      expect(shown.some((v, i) => v !== null && v !== plain[i])).toBe(true);
    }
  }
});

test('an unknown type is BAD_USER_INPUT naming it', async () => {
  const res = await hub.query('{ me { fieldAccess(types: ["Nope"]) { rowRules { rule } } } }');
  expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'types' });
  expect(res.errors![0]!.message).toMatch(/Nope/);
});
