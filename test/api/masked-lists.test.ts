import { mapSchema } from '@graphql-tools/utils';
import { GraphQLObjectType } from 'graphql';
import { applyMask } from '../../src/auth/masks';
import { buildSchema } from '../../src/resolvers/executable-schema';
import { withPermissions } from '../../src/resolvers/permissions';
import { DirectSql, hubId } from '../support/direct-sql';
import { MIXED } from '../support/engines';
import { authHeaders, startTestHub, type TestHub } from '../support/hub-client';

/**
 * Masked and denied plain columns in lists (src/resolvers/plain-rows.ts with the permission layer's guard
 * handed to the fill): a masked field is filled with the masked value, a denied one with its FORBIDDEN
 * error at every row, a masked field read through a reference (the row not at hand, a loader) masked too;
 * the audit record names the masked and denied fields with their rules and the ids of every record a
 * personal field was returned for. Oracle: SQL on the sources' native tables (CRM on PostgreSQL, HR on
 * MariaDB), the masks of src/auth/masks.ts (their own unit tests), and the record the auditor reads back.
 */
const FINANCE_ANALYST = 'EMP-000271';
const AUDITOR = 'EMP-000312';

let hub: TestHub;
let direct: DirectSql;
beforeAll(async () => {
  hub = await startTestHub(MIXED, { cache: { maxEntries: 0 } });
  direct = new DirectSql(MIXED);
}, 300_000);
afterAll(async () => {
  await direct?.close();
  await hub?.dispose();
});

interface Answer<T> {
  requestId: string;
  body: {
    data?: T | null;
    errors?: Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

async function post<T>(query: string, as: string): Promise<Answer<T>> {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authHeaders(as)) },
    body: JSON.stringify({ query }),
  });
  expect(res.status).toBe(200);
  return { requestId: res.headers.get('x-request-id')!, body: (await res.json()) as Answer<T>['body'] };
}

interface Rec {
  denied: Array<{ field: string; rule: string }>;
  masked: Array<{ field: string; rule: string }>;
  recordIds: Array<{ field: string; ids: string[]; more: number }>;
}

async function recordOf(requestId: string): Promise<Rec> {
  const res = await hub.query<{ auditLog: { records: Rec[] } }>(
    `{ auditLog(requestId: "${requestId}", first: 5) { records { denied { field rule } masked { field rule } recordIds { field ids more } } } }`,
    {},
    AUDITOR,
  );
  expect(res.errors).toBeUndefined();
  const [record, ...others] = res.data!.auditLog.records;
  expect(others).toEqual([]);
  return record!;
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

test('a list of customers with contacts: phone and e-mail masked from the source values, ids audited', async () => {
  const res = await post<{
    customers: Array<{
      id: string;
      name: string;
      contacts: Array<{ id: string; phone: string | null; email: string | null }>;
    }>;
  }>('{ customers(limit: 40) { id name contacts { id name phone email } } }', FINANCE_ANALYST);
  expect(res.body.errors).toBeUndefined();
  const contacts = res.body.data!.customers.flatMap((c) => c.contacts);
  expect(contacts.length).toBeGreaterThan(20);
  const raw = new Map(
    (await direct.rows('crm', 'select contact_id, phone, email from {s}.contact')).map((r) => [
      String(r.contact_id),
      r,
    ]),
  );
  for (const c of contacts) {
    const source = raw.get(c.id);
    expect(source).toBeDefined();
    expect(c.phone).toBe(applyMask('phone', source!.phone ?? null) ?? null);
    expect(c.email).toBe(applyMask('email', source!.email ?? null) ?? null);
    if (source!.phone) expect(c.phone).not.toBe(source!.phone);
  }
  const record = await recordOf(res.requestId);
  expect(record.denied).toEqual([]);
  expect(record.masked.map((m) => m.field).sort()).toEqual(['Contact.email', 'Contact.phone']);
  expect(record.recordIds).toEqual(
    expect.arrayContaining([
      { field: 'Contact.phone', ids: sorted(contacts.filter((c) => c.phone !== null).map((c) => c.id)), more: 0 },
      { field: 'Contact.email', ids: sorted(contacts.filter((c) => c.email !== null).map((c) => c.id)), more: 0 },
    ]),
  );
});

test('employees as a finance analyst: phone masked (also through the manager reference), idCardNo denied per row', async () => {
  const res = await post<{
    employees: Array<{
      id: string;
      phone: string | null;
      idCardNo: string | null;
      manager: { id: string; phone: string | null } | null;
    }>;
  }>('{ employees(limit: 12) { id phone idCardNo manager { id phone } } }', FINANCE_ANALYST);
  const employees = res.body.data!.employees;
  expect(employees.length).toBe(12);
  const raw = new Map(
    (await direct.rows('hr', 'select emp_no, mobile from {s}.employee')).map((r) => [
      hubId('Employee', 'hr', String(r.emp_no)),
      r.mobile as string | null,
    ]),
  );
  for (const e of employees) {
    expect(e.idCardNo).toBeNull();
    expect(e.phone).toBe(applyMask('phone', raw.get(e.id) ?? null) ?? null);
    if (e.manager) expect(e.manager.phone).toBe(applyMask('phone', raw.get(e.manager.id) ?? null) ?? null);
  }
  expect(employees.some((e) => e.manager?.phone)).toBe(true);
  // One FORBIDDEN error standing for every row's idCardNo (src/server/coalesce-errors.ts), nothing else refused.
  const errors = res.body.errors ?? [];
  expect(errors).toHaveLength(1);
  expect(errors[0]!.path).toEqual(['employees', 0, 'idCardNo']);
  expect(errors[0]!.extensions).toMatchObject({
    code: 'FORBIDDEN',
    reason: 'FIELD_DENIED',
    field: 'Employee.idCardNo',
    count: employees.length,
    paths: employees.map((_e, i) => ['employees', i, 'idCardNo']),
  });
  const record = await recordOf(res.requestId);
  expect(record.denied).toEqual([{ field: 'Employee.idCardNo', rule: expect.stringContaining('Employee.idCardNo') }]);
  expect(record.masked).toEqual([{ field: 'Employee.phone', rule: expect.stringContaining('Employee.phone') }]);
  const phoneIds = [
    ...employees.filter((e) => e.phone !== null).map((e) => e.id),
    ...employees.flatMap((e) => (e.manager?.phone ? [e.manager.id] : [])),
  ];
  expect(record.recordIds).toEqual(
    expect.arrayContaining([{ field: 'Employee.phone', ids: sorted(phoneIds), more: 0 }]),
  );
  expect(record.recordIds.map((r) => r.field)).not.toContain('Employee.idCardNo');
});

test('a guarded plain column keeps no resolver in the served schema (read as a property), a reference keeps its own', () => {
  const { model, policy } = hub.runtime;
  const served = withPermissions(buildSchema(model, policy), policy);
  const contact = served.getType('Contact') as GraphQLObjectType;
  const employee = served.getType('Employee') as GraphQLObjectType;
  for (const field of [contact.getFields().phone, contact.getFields().email, employee.getFields().idCardNo])
    expect(field!.resolve).toBeUndefined();
  expect(typeof employee.getFields().manager!.resolve).toBe('function');
  // the guard travels with the field: a schema mapped afterwards (new field objects) still fills it guarded
  const mapped = mapSchema(served, {});
  const guardOf = (schema: typeof served, type: string, field: string) =>
    (schema.getType(type) as GraphQLObjectType).getFields()[field]!.extensions.hubPlainGuard;
  expect((mapped.getType('Contact') as GraphQLObjectType).getFields().phone).not.toBe(contact.getFields().phone);
  for (const [type, field] of [
    ['Contact', 'phone'],
    ['Contact', 'email'],
    ['Employee', 'idCardNo'],
  ] as const) {
    expect(guardOf(served, type, field)).toBeDefined();
    expect(guardOf(mapped, type, field)).toBe(guardOf(served, type, field));
  }
});
