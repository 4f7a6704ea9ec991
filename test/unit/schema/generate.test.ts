import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildSchema as buildSdl,
  findBreakingChanges,
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { withPermissions } from '../../../src/resolvers/permissions';
import { policyModelProblems, policySchemaProblems } from '../../../src/company/policy-check';
import { loadPolicy, PolicyBook } from '../../../src/auth/policy';
import { ConfigError } from '../../../src/errors';
import { loadModel } from '../../../src/model/load';
import { printedSchema, schemaFreshness } from '../../../src/schema/print';
import { buildSchema } from '../../../src/resolvers/executable-schema';
import { DEMO_MODEL, DEMO_MODEL_DIR } from '../../support/demo-model';
import { thrown } from '../thrown';

/**
 * The schema generated from models/demo is the API the demo served when its entity SDL was hand-written
 * (demo-api-before-generation.graphql, copied from src/schema before the generator), and it is the
 * committed schema.graphql that codegen and client teams read.
 */
const ROOT = join(__dirname, '..', '..', '..');
const printed = printedSchema(DEMO_MODEL_DIR);
const generated = buildSdl(printed);
const before = buildSdl(readFileSync(join(__dirname, 'demo-api-before-generation.graphql'), 'utf8'));
const policy = loadPolicy(join(DEMO_MODEL_DIR, 'policy.yaml'));

const fieldOf = (schema: GraphQLSchema, coordinate: string) => {
  const [type, field] = coordinate.split('.') as [string, string];
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`no object type ${type}`);
  const f = t.getFields()[field];
  if (!f) throw new Error(`no field ${coordinate}`);
  return f;
};
const argsOf = (coordinate: string) =>
  Object.fromEntries(fieldOf(generated, coordinate).args.map((a) => [a.name, String(a.type)]));

test('the committed schema.graphql is what the demo model generates', () => {
  expect(readFileSync(join(ROOT, 'schema.graphql'), 'utf8')).toBe(printed);
});

test('nothing the demo served before generation is broken: types, fields, arguments and their types', () => {
  expect(findBreakingChanges(before, generated)).toEqual([]);
  for (const type of Object.values(before.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      expect({ field: `${type.name}.${name}`, type: String(fieldOf(generated, `${type.name}.${name}`).type) }).toEqual({
        field: `${type.name}.${name}`,
        type: String(field.type),
      });
    }
  }
});

test.each([
  [
    'Query.employees',
    { ids: '[ID!]', departmentId: 'ID', managerId: 'ID', orderBy: 'EmployeeOrder', limit: 'Int', offset: 'Int' },
  ],
  [
    'Query.departments',
    { ids: '[ID!]', parentId: 'ID', headId: 'ID', orderBy: 'DepartmentOrder', limit: 'Int', offset: 'Int' },
  ],
  ['Query.employeesCount', { ids: '[ID!]', departmentId: 'ID', managerId: 'ID' }],
  ['Query.employee', { id: 'ID!' }],
  ['Query.purchaseOrder', { id: 'ID!' }],
  ['Department.headcount', { period: 'String' }],
  ['Department.payrollCost', { period: 'String!' }],
  ['Department.employees', { limit: 'Int', offset: 'Int' }],
  ['Customer.contacts', {}],
  ['Customer.contracts', { limit: 'Int', offset: 'Int' }],
  ['Supplier.indicators', { codes: '[String!]!', period: 'String!' }],
])('%s takes %j', (coordinate, args) => {
  expect(argsOf(coordinate)).toEqual(args);
});

test.each([
  // A field some role sees masked is published as String (a band, a masked number), whatever its model type.
  ['Employee.monthlySalary', 'String'],
  ['Customer.creditLimit', 'Decimal'],
  ['Department.level', 'Int'],
  ['Department.headcount', 'Int'],
  ['Department.revenue', 'Decimal'],
  ['Employee.hireDate', 'Date'],
  ['Employee.manager', 'Employee'],
  ['Customer.receivables', '[Receivable!]'],
  ['Query.customers', '[Customer!]'],
  ['Viewer.department', 'Department'],
  ['Alert.department', 'Department'],
  ['IndicatorOwner.department', 'Department'],
  ['Viewer.unit', 'Department'],
  ['Alert.unit', 'Department'],
  ['IndicatorOwner.unit', 'Department'],
])('%s is %s', (coordinate, type) => {
  expect(String(fieldOf(generated, coordinate).type)).toBe(type);
});

test('deprecated for one release: department → unit (fields), department(s) → unit(s) (arguments)', () => {
  for (const type of ['Viewer', 'Alert', 'IndicatorOwner']) {
    expect(fieldOf(generated, `${type}.department`).deprecationReason).toBe('Use `unit`.');
    expect(fieldOf(generated, `${type}.unit`).deprecationReason).toBeUndefined();
  }
  const arg = (coordinate: string, name: string) => fieldOf(generated, coordinate).args.find((a) => a.name === name)!;
  expect(arg('Query.decomposition', 'department').deprecationReason).toBe('Use `unit`.');
  expect(String(arg('Query.decomposition', 'unit').type)).toBe('ID');
  expect(arg('Query.alerts', 'departments').deprecationReason).toBe('Use `units`.');
  expect(String(arg('Query.alerts', 'units').type)).toBe('[ID!]');
});

test('types and field descriptions come from the model', () => {
  expect(generated.getType('Supplier')?.description).toBe(DEMO_MODEL.entities.Supplier!.description);
  expect(fieldOf(generated, 'Department.level').description).toBe(
    DEMO_MODEL.entities.Department!.fieldDescriptions.level,
  );
  expect(fieldOf(generated, 'Customer.receivables').description).toBe(
    DEMO_MODEL.entities.Customer!.relations.receivables!.description,
  );
});

test('every field of an entity type but its id is nullable: a denied or failing field nulls only itself', () => {
  for (const entity of Object.keys(DEMO_MODEL.entities)) {
    const type = generated.getType(entity);
    if (!isObjectType(type)) throw new Error(`no type ${entity}`);
    const nonNull = Object.entries(type.getFields())
      .filter(([, f]) => isNonNullType(f.type))
      .map(([n]) => n);
    expect({ entity, nonNull }).toEqual({ entity, nonNull: ['id'] });
  }
});

test('without the mask, the same model field is published with its model type', () => {
  const fields = Object.fromEntries(
    Object.entries(policy.policy.fields).map(([k, v]) => [
      k,
      k === 'Employee.monthlySalary' ? { '*': 'allow' as const } : v,
    ]),
  );
  const schema = buildSchema(DEMO_MODEL, new PolicyBook({ ...policy.policy, fields }, policy.file));
  expect(getNamedType(fieldOf(schema, 'Employee.monthlySalary').type).name).toBe('Decimal');
});

describe('the policy names only types and fields the served schema has (the one check of src/company/policy-check.ts)', () => {
  test.each([
    [
      'Employee.monthlySalry',
      'fields.Employee.monthlySalry: Employee has no field "monthlySalry" (did you mean "monthlySalary"?)',
    ],
    ['Emplyee.*', 'fields.Emplyee.*: unknown type "Emplyee" (did you mean "Employee"?)'],
  ])('%s stops start-up with the file and the entry', (entry, problem) => {
    const changed = new PolicyBook(
      { ...policy.policy, fields: { ...policy.policy.fields, [entry]: { '*': 'allow' } } },
      policy.file,
    );
    // The model's check and the served schema's agree: the served schema is built from the same SDL.
    expect(policyModelProblems(changed, DEMO_MODEL)).toEqual([`${policy.file}: ${problem}`]);
    expect(policySchemaProblems(changed, buildSchema(DEMO_MODEL, changed))).toEqual([`${policy.file}: ${problem}`]);
  });

  test('the demo policy passes', () => {
    const schema = buildSchema(DEMO_MODEL, policy);
    expect(policyModelProblems(policy, DEMO_MODEL)).toEqual([]);
    expect(policySchemaProblems(policy, schema)).toEqual([]);
    expect(() => withPermissions(schema, policy)).not.toThrow();
  });
});

describe('the freshness check of the published file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'indicator-hub-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('passes on the file just printed', () => {
    writeFileSync(join(dir, 'fresh.graphql'), printed);
    expect(schemaFreshness(join(dir, 'fresh.graphql'), printed)).toEqual({ fresh: true });
  });

  test.each([
    [
      'a field type edited by hand',
      (s: string) => s.replace('monthlySalary: String', 'monthlySalary: Decimal'),
      /line \d+: expected " {2}monthlySalary: String", found " {2}monthlySalary: Decimal"/,
    ],
    [
      'a model field added since',
      (s: string) => s.replace(/\n {2}rating: Int\n/, '\n'),
      /differs from the model at line \d+/,
    ],
    ['a missing file', null, /does not exist/],
  ])('fails on %s', (_case, edit, message) => {
    const file = join(dir, `stale-${Math.random().toString(36).slice(2)}.graphql`);
    if (edit) {
      const stale = edit(printed);
      expect(stale).not.toBe(printed);
      writeFileSync(file, stale);
    }
    const result = schemaFreshness(file, printed);
    expect(result.fresh).toBe(false);
    expect(result.fresh ? '' : result.stale).toMatch(message);
  });
});

describe('model names the generator refuses', () => {
  const base = mkdtempSync(join(tmpdir(), 'indicator-hub-schema-model-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let copies = 0;
  /** The demo's entities and sources with one entity file's text edited. */
  const demoWith = (file: string, edit: (text: string) => string) => {
    const dir = join(base, `m${++copies}`);
    for (const folder of ['entities', 'sources'])
      cpSync(join(DEMO_MODEL_DIR, folder), join(dir, folder), { recursive: true });
    writeFileSync(join(dir, 'entities', file), edit(readFileSync(join(dir, 'entities', file), 'utf8')));
    return dir;
  };

  test.each([
    [
      'a second organisation unit',
      'Supplier.yaml',
      (t: string) => t.replace('list: suppliers\n', 'list: suppliers\norganisation: {}\n'),
      /Supplier\.yaml: organisation: only one entity may be the organisation unit \(Department already is\)/,
    ],
    [
      'an organisation parent that is no self-reference',
      'Department.yaml',
      (t: string) => t.replace('parent: parent }', 'parent: head }'),
      /Department\.yaml: organisation\.parent: expected a field of Department referencing Department \(known: parent\)/,
    ],
    [
      'a people unit that is not the organisation unit',
      'Employee.yaml',
      (t: string) => t.replace('people: { unit: department,', 'people: { unit: manager,'),
      /Employee\.yaml: people\.unit: expected a field of Employee referencing Department/,
    ],
    [
      'a people condition on an unknown field',
      'Employee.yaml',
      (t: string) => t.replace('active: "status = \'ACTIVE\'"', 'active: "state = \'ACTIVE\'"'),
      /Employee\.yaml: people\.active: Employee has no field "state" \(did you mean "status"\?\)/,
    ],
    [
      'an organisation head that is no reference',
      'Department.yaml',
      (t: string) =>
        t.replace('organisation: { head: head, parent: parent }', 'organisation: { head: level, parent: parent }'),
      /Department\.yaml: organisation\.head: expected a reference field of Department \(known: parent, head\)/,
    ],
  ])('the loader refuses %s', (_case, file, edit, message) => {
    expect(thrown(() => loadModel(demoWith(file, edit))).message).toMatch(message);
  });

  test.each([
    [
      'a list named like a hub Query field',
      'Supplier.yaml',
      (t: string) => t.replace('list: suppliers', 'list: indicators'),
      /entity Supplier: its list "Query\.indicators" is already taken by the hub's own Query fields/,
    ],
    [
      'a list named like another entity’s lookup',
      'Supplier.yaml',
      (t: string) => t.replace('list: suppliers', 'list: customer'),
      /entity Supplier: its list "Query\.customer" is already taken by entity Customer/,
    ],
  ])('start-up refuses %s', (_case, file, edit, message) => {
    const error = thrown(() => buildSchema(loadModel(demoWith(file, edit)), policy));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });
});
