import { MIXED } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';

/**
 * Cross-source fields on lists cost one statement per source per field group, whatever the list size.
 * Each case runs the same query at two list sizes and expects identical statement counts per source.
 */
const CASES: Array<{
  name: string;
  query: (limit: number) => string;
  statements: Record<string, number>;
  sizes?: [number, number];
}> = [
  {
    name: 'customers with contracts, orders, contacts (CRM) and credit limit, receivables (ERP)',
    query: (
      n,
    ) => `{ customers(limit: ${n}) { id name creditLimit contacts { phone } contracts { id value } orders(limit: 3) { id amount }
                     receivables { id openAmount } revenue(period: "2025") salesDepartment { name } } }`,
    // CRM: accounts, contacts, contracts, orders, revenue; ERP: customers, open items; HR: sales department names.
    statements: { crm: 5, erp: 2, hr: 1 },
  },
  {
    name: 'suppliers with purchase orders and spend',
    query: (n) =>
      `{ suppliers(limit: ${n}) { id name purchaseOrders(limit: 5) { id amount status department { name } } spend(period: "2025-Q4") } }`,
    statements: { procurement: 3, hr: 1 },
  },
  {
    name: 'employees with department and manager',
    query: (n) => `{ employees(limit: ${n}) { id name department { name head { name } } manager { name } } }`,
    // HR: employees, then their departments. Managers and heads are employees the list already fetched:
    // listed rows prime the request's by-key loader, so they cost no statement.
    statements: { hr: 2 },
  },
  {
    name: 'department tree with children and CRM region',
    query: (n) => `{ departments(limit: ${n}) { id parent { name } children { id name } region } }`,
    // HR: departments, then children (parents are listed rows, primed into the by-key loader); CRM: regions.
    // (A field group at a second depth — children { region } — would be a second batch: one per depth.)
    // At 20 and more every listed department's parent is itself listed; with 5 one parent is not, which
    // costs one more batched HR lookup (still one statement, whatever the list size).
    statements: { hr: 2, crm: 1 },
    sizes: [20, 300],
  },
];

describe('cross-source fields on lists over PostgreSQL + MariaDB', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(MIXED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test.each(CASES)(
    '$name: statement count does not grow with the list',
    async ({ query, statements, sizes = [5, 300] }) => {
      const small = await hub.query(query(sizes[0]));
      const large = await hub.query(query(sizes[1]));
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(statementsBySource(small)).toEqual(statements);
      expect(statementsBySource(large)).toEqual(statements);
    },
  );

  test('a customer is the same entity in CRM and ERP: fields from both line up through the key map', async () => {
    const res = await hub.query<{
      customer: { id: string; name: string; creditLimit: string; receivables: Array<{ customer: { id: string } }> };
    }>(`{ customer(id: "CUS-0000007") { id name creditLimit receivables { customer { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.customer.name).toMatch(/Co\. 7$/);
    expect(res.data!.customer.creditLimit).toMatch(/^\d+\.\d{2}$/);
    for (const r of res.data!.customer.receivables) expect(r.customer.id).toBe('CUS-0000007');
  });

  test('unknown ids resolve to null, not an error', async () => {
    const res = await hub.query(
      `{ department(id: "D9999") { id } customer(id: "nope") { id } employee(id: "EMP-999999") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ department: null, customer: null, employee: null });
  });
});
