import { ALL_MYSQL, ALL_POSTGRES, type Layout } from '../support/engines';
import { DirectSql, hubId } from '../support/direct-sql';
import { EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';

/**
 * Lists a table can use: `orderBy` any field the viewer sees unmasked (run in the source's statement,
 * ties by key), `offset`/`limit` pages, `<list>Count` the total under the viewer's row rules — checked
 * against SQL run directly on the HR source. Sorting by a masked or denied field is refused.
 */
const SALES_REP = 'EMP-000010';
const LAYOUTS: Array<[string, Layout]> = [
  ['PostgreSQL', ALL_POSTGRES],
  ['MariaDB', ALL_MYSQL],
];

describe.each(LAYOUTS)('%s', (_name, layout) => {
  let hub: TestHub;
  let direct: DirectSql;
  beforeAll(async () => {
    direct = new DirectSql(layout);
    hub = await startTestHub(layout);
  });
  afterAll(async () => {
    await direct?.close();
    await hub?.dispose();
  });

  test.each([
    ['name', 'DESC', 'full_name desc'],
    ['hireDate', 'ASC', 'hire_date asc'],
    ['id', 'DESC', 'emp_no desc'],
  ])('employees sorted by %s %s, page 3 of 15 rows, equal the SQL', async (field, direction, order) => {
    const res = await hub.query<{ employees: Array<{ id: string }>; employeesCount: number }>(
      `{ employees(orderBy: { field: ${field}, direction: ${direction} }, limit: 15, offset: 30) { id } employeesCount }`,
    );
    expect(res.errors).toBeUndefined();
    const tie = order.startsWith('emp_no') ? '' : ', emp_no asc';
    const rows = await direct.rows('hr', `select emp_no from {s}.employee order by ${order}${tie} limit 15 offset 30`);
    expect(res.data!.employees.map((e) => e.id)).toEqual(rows.map((r) => hubId('Employee', 'hr', String(r.emp_no))));
    const [all] = await direct.rows('hr', 'select count(*) as n from {s}.employee');
    expect(res.data!.employeesCount).toBe(Number(all!.n));
  });

  test('a filtered list and its count agree with the SQL (employees of one department)', async () => {
    const [dept] = await direct.rows(
      'hr',
      'select org_id from {s}.employee group by org_id order by count(*) desc limit 1',
    );
    const departmentId = hubId('Department', 'hr', String(dept!.org_id));
    const res = await hub.query<{ employees: Array<{ id: string }>; employeesCount: number }>(
      `query($d: ID) { employees(departmentId: $d, orderBy: { field: name }, limit: 1000) { id } employeesCount(departmentId: $d) }`,
      { d: departmentId },
    );
    expect(res.errors).toBeUndefined();
    const rows = await direct.rows(
      'hr',
      'select emp_no from {s}.employee where org_id = ? order by full_name, emp_no',
      [dept!.org_id as string],
    );
    expect(res.data!.employees.map((e) => e.id)).toEqual(rows.map((r) => hubId('Employee', 'hr', String(r.emp_no))));
    expect(res.data!.employeesCount).toBe(rows.length);
  });

  test('the row rules hold for the sorted page and the count (a sales rep sees its own department)', async () => {
    const res = await hub.query<{
      me: { unit: { id: string } };
      employees: Array<{ id: string }>;
      employeesCount: number;
    }>('{ me { unit { id } } employees(orderBy: { field: name }, limit: 1000) { id } employeesCount }', {}, SALES_REP);
    expect(res.errors).toBeUndefined();
    expect(res.data!.employees).toHaveLength(res.data!.employeesCount);
    const [all] = await direct.rows('hr', 'select count(*) as n from {s}.employee');
    expect(res.data!.employeesCount).toBeLessThan(Number(all!.n));
  });

  test.each([
    ['a masked field', SALES_REP, 'phone', 'FIELD_MASKED'],
    ['a denied field', EXECUTIVE, 'idCardNo', 'FIELD_DENIED'],
  ])('sorting by %s is FORBIDDEN before any statement', async (_what, who, field, reason) => {
    const res = await hub.query(`{ employees(orderBy: { field: ${field} }, limit: 5) { id } }`, {}, who);
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason,
      field: `Employee.${field}`,
      argument: 'orderBy',
    });
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
  });
});
