import { graphql, GraphQLError } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { PolicyBook } from '../../../src/auth/policy';
import { policySchema } from '../../../src/auth/policy-schema';
import { ConfigError } from '../../../src/errors';
import { withPermissions } from '../../../src/resolvers/permissions';

/**
 * The permission layer (src/resolvers/permissions.ts) on a small schema and policy written here: field
 * rules (allow, deny, mask) per role, deny by default, coded errors passed through and everything else
 * masked, the masks applied to values that arrive synchronously and asynchronously (finding 8: a masked
 * phone read through `manager { phone }`), and what each decision tells the audit record.
 */
const typeDefs = /* GraphQL */ `
  type Query {
    people: [Person!]!
    secret: String
    unlisted: String
    coded: String
    broken: String
  }
  type Person {
    id: ID!
    name: String
    phone: String
    salary: String
    manager: Person
  }
`;
const PEOPLE = [
  { id: 'P1', name: 'Ann', phone: '13812345678', salary: '23456', manager: 'P2' },
  { id: 'P2', name: 'Bo', phone: '13987654321', salary: '45000', manager: null },
  { id: 'P3', name: 'Cy', phone: null, salary: null, manager: 'P2' },
];
type Row = (typeof PEOPLE)[number];
const resolvers = {
  Query: {
    people: () => PEOPLE,
    secret: () => 'the secret',
    unlisted: () => 'unlisted',
    coded: () => {
      throw new GraphQLError('a coded refusal', { extensions: { code: 'BAD_USER_INPUT' } });
    },
    broken: () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 at /srv/hub/src/db.ts');
    },
  },
  Person: {
    // Through a reference the value arrives as a promise (a loader), as `manager { phone }` does in the hub.
    manager: (p: Row) => (p.manager ? Promise.resolve(PEOPLE.find((x) => x.id === p.manager)) : null),
    phone: (p: Row) => (p.id === 'P2' ? Promise.resolve(p.phone) : p.phone),
  },
};
const policy = new PolicyBook(
  policySchema.parse({
    version: 1,
    roles: {
      admin: { description: 'all', rows: 'all' },
      hr: { description: 'hr', rows: 'all' },
      staff: { description: 'staff', rows: 'all' },
    },
    principals: {},
    fields: {
      'Query.*': { '*': 'allow' },
      'Query.secret': { admin: 'allow', '*': 'deny' },
      'Person.*': { '*': 'allow' },
      'Person.phone': { admin: 'allow', hr: 'mask:phone', staff: 'mask:phone' },
      'Person.salary': { hr: 'allow', staff: 'mask:salary_band' },
    },
  }),
  'policy.yaml',
);
const schema = withPermissions(makeExecutableSchema({ typeDefs, resolvers }), policy);

async function run(query: string, roles: string[]) {
  const audit = { denied: [] as string[], masked: [] as string[], returned: [] as string[] };
  const ctx = {
    viewer: { roles },
    audit: {
      deny: (field: string, rule: string) => audit.denied.push(`${field} ${rule}`),
      mask: (field: string, rule: string) => audit.masked.push(`${field} ${rule}`),
      returned: (field: string, id: unknown) => audit.returned.push(`${field} ${String(id)}`),
    },
  };
  const result = await graphql({ schema, source: query, contextValue: ctx });
  return { data: result.data as Record<string, unknown> | null | undefined, errors: result.errors, audit };
}

describe('withPermissions', () => {
  test('masked for one role, raw for another — synchronously and through a reference whose value is a promise', async () => {
    const q = '{ people { id phone manager { id phone } } }';
    const staff = await run(q, ['staff']);
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.people).toEqual([
      { id: 'P1', phone: '138****5678', manager: { id: 'P2', phone: '139****4321' } },
      { id: 'P2', phone: '139****4321', manager: null },
      { id: 'P3', phone: null, manager: { id: 'P2', phone: '139****4321' } },
    ]);
    expect(staff.audit.masked).toHaveLength(5); // 3 people and 2 managers, the null phone included
    expect(staff.audit.masked[0]).toBe('Person.phone fields["Person.phone"].staff = mask:phone');
    // Returned values of a maskable field are recorded with the row's id (nulls are not).
    expect([...new Set(staff.audit.returned)].sort()).toEqual(['Person.phone P1', 'Person.phone P2']);
    const admin = await run(q, ['admin']);
    expect(admin.data!.people).toEqual([
      { id: 'P1', phone: '13812345678', manager: { id: 'P2', phone: '13987654321' } },
      { id: 'P2', phone: '13987654321', manager: null },
      { id: 'P3', phone: null, manager: { id: 'P2', phone: '13987654321' } },
    ]);
    expect(admin.audit.masked).toEqual([]);
    expect(admin.audit.returned.filter((r) => r === 'Person.phone P2')).toHaveLength(3);
  });

  test('a maskable field without a value (null or missing) is not recorded as returned', async () => {
    const blank = withPermissions(
      makeExecutableSchema({
        typeDefs,
        resolvers: {
          ...resolvers,
          Person: { ...resolvers.Person, phone: (p: Row) => (p.id === 'P1' ? undefined : null) },
        },
      }),
      policy,
    );
    const returned: string[] = [];
    const r = await graphql({
      schema: blank,
      source: '{ people { phone } }',
      contextValue: {
        viewer: { roles: ['admin'] },
        audit: { deny() {}, mask() {}, returned: (f: string) => returned.push(f) },
      },
    });
    expect(r.data).toEqual({ people: [{ phone: null }, { phone: null }, { phone: null }] });
    expect(returned).toEqual([]);
  });

  test('the most permissive of several roles wins: staff + admin see the raw phone', async () => {
    const r = await run('{ people { phone } }', ['staff', 'admin']);
    expect((r.data!.people as Array<{ phone: string | null }>).map((p) => p.phone)).toEqual([
      '13812345678',
      '13987654321',
      null,
    ]);
  });

  test('a denied field: FORBIDDEN naming the roles, the field and the rule, recorded as a denial; nothing of its value', async () => {
    const r = await run('{ secret }', ['staff', 'hr']);
    expect(r.data).toEqual({ secret: null });
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.message).toBe('Not permitted: your roles (staff, hr) may not see Query.secret.');
    expect(r.errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'FIELD_DENIED',
      field: 'Query.secret',
      rule: 'fields["Query.secret"].* = deny',
    });
    expect(r.audit.denied).toEqual(['Query.secret fields["Query.secret"].* = deny']);
    expect((await run('{ secret }', [])).errors![0]!.message).toBe(
      'Not permitted: your roles (none) may not see Query.secret.',
    );
    expect((await run('{ secret }', ['admin'])).data).toEqual({ secret: 'the secret' });
  });

  test('deny by default: a field no rule grants a role is refused (salary for admin), masked for staff, raw for hr', async () => {
    const q = '{ people { salary } }';
    const admin = await run(q, ['admin']);
    expect(admin.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Person.salary' });
    expect(admin.errors![0]!.extensions!.rule).toBe('no rule grants Person.salary (deny by default)');
    const staff = await run(q, ['staff']);
    expect(staff.data!.people).toEqual([{ salary: '20000-30000' }, { salary: '40000-50000' }, { salary: null }]);
    const hr = await run(q, ['hr']);
    expect(hr.data!.people).toEqual([{ salary: '23456' }, { salary: '45000' }, { salary: null }]);
  });

  test('errors: coded ones pass through as they are; a failing rule refuses, never showing its text', async () => {
    const coded = await run('{ coded }', ['staff']);
    expect(coded.errors![0]!.message).toBe('a coded refusal');
    expect(coded.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    // A rule that fails (here the audit record refusing the denial) goes through shield's fallbackError:
    // refused, nothing of the error's text.
    const r = await graphql({
      schema,
      source: '{ secret }',
      contextValue: {
        viewer: { roles: ['staff'] },
        audit: {
          deny() {
            throw new Error('password=hunter2 at /srv/hub/src/x.ts');
          },
          mask() {},
          returned() {},
        },
      },
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.message).toBe('Not permitted: Query.secret.');
    expect(r.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(JSON.stringify(r.errors)).not.toContain('hunter2');
  });

  test('a type or field the policy never names is denied for every role', async () => {
    const strict = new PolicyBook(
      policySchema.parse({
        version: 1,
        roles: { admin: { description: 'all', rows: 'all' } },
        principals: {},
        fields: { 'Query.people': { '*': 'allow' }, 'Person.id': { '*': 'allow' } },
      }),
    );
    const s = withPermissions(makeExecutableSchema({ typeDefs, resolvers }), strict);
    const ctx = { viewer: { roles: ['admin'] }, audit: { deny() {}, mask() {}, returned() {} } };
    const ok = await graphql({ schema: s, source: '{ people { id } }', contextValue: ctx });
    expect(ok.errors).toBeUndefined();
    const r = await graphql({ schema: s, source: '{ unlisted people { name } }', contextValue: ctx });
    expect(r.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  test('a non-null field some role is denied is refused at start (the denial would null the whole parent)', () => {
    const denyId = new PolicyBook(
      policySchema.parse({
        version: 1,
        roles: { admin: { description: 'all', rows: 'all' }, staff: { description: 's', rows: 'all' } },
        principals: {},
        fields: {
          'Query.*': { '*': 'allow' },
          'Person.*': { '*': 'allow' },
          'Person.id': { staff: 'deny', '*': 'allow' },
        },
      }),
    );
    expect(() => withPermissions(makeExecutableSchema({ typeDefs, resolvers }), denyId)).toThrow(ConfigError);
  });
});
