import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { ConfigError } from '../../../src/errors';
import { loadModel, ModelError } from '../../../src/model/load';
import { DEMO_MODEL_DIR } from '../../support/demo-model';
import { thrown } from '../thrown';

/**
 * The model loader on copies of the demo's model directory with one file changed: what it accepts, and
 * what it refuses — every problem as `<file>: <path.inside.file>: <what is wrong>`, with a "did you mean".
 */
const base = mkdtempSync(join(tmpdir(), 'indicator-hub-model-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Edit = (text: string) => string | null;
let copies = 0;

/** A copy of the demo's entities and sources with edits applied (file → new text; null deletes nothing but writes a new file). */
function modelWith(edits: Record<string, Edit> = {}, added: Record<string, string> = {}): string {
  const dir = join(base, `m${++copies}`);
  for (const folder of ['entities', 'sources'])
    cpSync(join(DEMO_MODEL_DIR, folder), join(dir, folder), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const text = edit(readFileSync(path, 'utf8'));
    if (text !== null) writeFileSync(path, text);
  }
  for (const [file, text] of Object.entries(added)) writeFileSync(join(dir, file), text);
  return dir;
}

const replace =
  (from: string, to: string): Edit =>
  (text) => {
    if (!text.includes(from)) throw new Error(`test setup: "${from}" not found`);
    return text.replace(from, to);
  };

function problemsOf(dir: string, env: Record<string, string> = {}): string[] {
  const error = thrown(() => loadModel(dir, { env }));
  expect(error).toBeInstanceOf(ModelError);
  return (error as ModelError).problems.map((p) => p.split(dir).join('<model>'));
}

test('the demo model loads: its entities, sources and groupable dimensions', () => {
  const model = loadModel(DEMO_MODEL_DIR, { env: {} });
  expect(Object.keys(model.sources).sort()).toEqual(['crm', 'erp', 'hr', 'procurement']);
  expect(model.entities.Department).toMatchObject({ conformed: true, home: 'hr', list: 'departments' });
  expect(model.entities.Department!.relations.employees).toEqual({
    entity: 'Employee',
    via: 'department',
    paged: true,
  });
  expect(model.entities.Supplier!.figures.spend).toMatchObject({
    source: 'procurement',
    fact: 'purchases',
    measure: 'procurementSpend',
    dimension: 'supplier',
  });
  expect(model.dimensions).toEqual({
    department: 'Department',
    customer: 'Customer',
    product: 'Product',
    employee: 'Employee',
    supplier: 'Supplier',
  });
});

describe('a bad file is refused with the file, the path inside it and what is wrong', () => {
  test.each<[string, Record<string, Edit>, Record<string, string>, Record<string, string>, string]>([
    [
      'an unknown entity reference',
      { 'entities/Customer.yaml': replace('salesDepartment: { ref: Department', 'salesDepartment: { ref: Departmnet') },
      {},
      {},
      '<model>/entities/Customer.yaml: fields.salesDepartment.ref: unknown entity "Departmnet" (did you mean "Department"?)',
    ],
    [
      'an unknown home source',
      { 'entities/Supplier.yaml': replace('home: procurement', 'home: procurment') },
      {},
      {},
      '<model>/entities/Supplier.yaml: home: unknown source "procurment" (did you mean "procurement"?)',
    ],
    [
      'a missing environment variable',
      {
        'sources/crm.yaml': replace(
          'connection: { engine: embedded }',
          'connection: { engine: postgres, url: "${CRM_URL}" }',
        ),
      },
      {},
      {},
      '<model>/sources/crm.yaml: connection.url: environment variable CRM_URL is not set',
    ],
    [
      'a password written in the file',
      {
        'sources/crm.yaml': replace(
          'connection: { engine: embedded }',
          'connection: { engine: postgres, url: "postgres://hub:s3cret@db.internal/crm" }',
        ),
      },
      {},
      {},
      '<model>/sources/crm.yaml: connection.url: a password is written in the file: reference the URL or the password from the environment, e.g. url: ${CRM_URL}',
    ],
    [
      'a duplicate entity',
      {},
      { 'entities/Client.yaml': 'name: Customer\nhome: crm\nfields: { name: { type: string } }\n' },
      {},
      '<model>/entities/Customer.yaml: name: duplicate entity "Customer" (also declared in <model>/entities/Client.yaml)',
    ],
    [
      'an unknown field in a source mapping',
      { 'sources/crm.yaml': replace('name: account_name', 'nmae: account_name') },
      {},
      {},
      '<model>/sources/crm.yaml: entities.Customer.fields.nmae: Customer has no field "nmae" (did you mean "name"?)',
    ],
    [
      'an unknown entity in a source mapping',
      { 'sources/erp.yaml': replace('  Product:\n', '  Prodcut:\n') },
      {},
      {},
      '<model>/sources/erp.yaml: entities.Prodcut: unknown entity "Prodcut" (did you mean "Product"?)',
    ],
    [
      'a misspelt key',
      { 'entities/Product.yaml': replace('fields:', 'feilds:') },
      {},
      {},
      '<model>/entities/Product.yaml: (root): unknown key "feilds" (did you mean "fields"?)',
    ],
    [
      'an unknown measure behind a figure',
      { 'entities/Customer.yaml': replace('measure: crm.orders.revenue', 'measure: crm.orders.revenu') },
      {},
      {},
      '<model>/entities/Customer.yaml: figures.revenue.measure: fact "crm.orders" has no measure "revenu" (did you mean "revenue"?)',
    ],
    [
      'an unknown fact behind a figure',
      {
        'entities/Supplier.yaml': replace(
          'measure: procurement.purchases.procurementSpend',
          'measure: procurement.purchase.procurementSpend',
        ),
      },
      {},
      {},
      '<model>/entities/Supplier.yaml: figures.spend.measure: source "procurement" has no fact "purchase" (did you mean "purchases"?)',
    ],
    [
      'a relation through a field that is no reference to the entity',
      { 'entities/Supplier.yaml': replace('via: supplier', 'via: status') },
      {},
      {},
      '<model>/entities/Supplier.yaml: relations.purchaseOrders.via: PurchaseOrder.status does not reference Supplier',
    ],
    [
      'a fact dimension of an unknown entity',
      {
        'sources/crm.yaml': replace(
          'product: { column: product_code, entity: Product }',
          'product: { column: product_code, entity: Produce }',
        ),
      },
      {},
      {},
      '<model>/sources/crm.yaml: facts.orders.dimensions.product.entity: unknown entity "Produce" (did you mean "Product"?)',
    ],
    [
      'a fact with both a time column and validity columns',
      {
        'sources/crm.yaml': replace(
          '    time: { column: order_date }\n',
          '    time: { column: order_date }\n    validity: { from: order_date, to: order_date }\n',
        ),
      },
      {},
      {},
      '<model>/sources/crm.yaml: facts.orders: give "time" (event fact), "validity" (state fact) or neither (snapshot), not both',
    ],
    [
      'a scalar field with an unknown type',
      { 'entities/Product.yaml': replace('category: { type: string }', 'category: { type: text }') },
      {},
      {},
      '<model>/entities/Product.yaml: fields.category.type: Invalid option: expected one of "string"|"int"|"decimal"|"date"|"bool"',
    ],
  ])('%s', (_case, edits, added, env, expected) => {
    expect(problemsOf(modelWith(edits, added), env)).toContain(expected);
  });

  test('every problem is reported at once, and the message never carries the password', () => {
    const dir = modelWith({
      'entities/Supplier.yaml': replace('home: procurement', 'home: procurment'),
      'sources/crm.yaml': replace(
        'connection: { engine: embedded }',
        'connection: { engine: postgres, url: "postgres://hub:s3cret@db.internal/crm" }',
      ),
    });
    const error = thrown(() => loadModel(dir, { env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^Model directory ".*" is invalid \(2 problems\):\n {2}- /);
    expect(error.message).not.toContain('s3cret');
  });

  test('a directory that does not exist', () => {
    expect(problemsOf(join(base, 'nowhere'))).toEqual(['<model>: (root): the model directory does not exist']);
  });

  test('a model without sources', () => {
    const dir = join(base, 'empty');
    cpSync(join(DEMO_MODEL_DIR, 'entities'), join(dir, 'entities'), { recursive: true });
    expect(problemsOf(dir)).toContain('<model>/sources: (root): declare at least one source (sources/<name>.yaml)');
  });
});

describe('what a company may declare', () => {
  test('no entities at all: one source with one fact is a model', () => {
    const dir = join(base, 'facts-only');
    cpSync(join(DEMO_MODEL_DIR, 'sources', 'hr.yaml'), join(dir, 'sources', 'hr.yaml'));
    writeFileSync(
      join(dir, 'sources', 'hr.yaml'),
      'name: hr\nfacts:\n  payroll:\n    table: payroll\n    time: { column: pay_date }\n    measures: { payrollCost: { agg: sum, column: total_cost, type: decimal } }\n',
    );
    const model = loadModel(dir, { env: {} });
    expect(model.entities).toEqual({});
    expect(model.dimensions).toEqual({});
    expect(Object.keys(model.sources.hr!.mapping.facts)).toEqual(['payroll']);
  });

  test('connection references resolve from the environment, with ${VAR:-default}', () => {
    const dir = modelWith({
      'sources/crm.yaml': replace(
        'connection: { engine: embedded }',
        'connection: { engine: postgres, url: "${CRM_URL}", schema: "${CRM_SCHEMA:-sales}" }',
      ),
    });
    const model = loadModel(dir, { env: { CRM_URL: 'postgres://hub@db.internal/crm' } });
    expect(model.sources.crm!.connection).toEqual({
      engine: 'postgres',
      url: 'postgres://hub@db.internal/crm',
      schema: 'sales',
    });
  });

  test('a source of any name: renamed by its file, its entities follow it as home, and the configuration accepts it', () => {
    const dir = modelWith({
      'entities/Supplier.yaml': (t) =>
        t.replace('home: procurement', 'home: purchasing').replace('measure: procurement.', 'measure: purchasing.'),
      'entities/PurchaseOrder.yaml': replace('home: procurement', 'home: purchasing'),
      'entities/Department.yaml': replace('measure: procurement.', 'measure: purchasing.'),
      'sources/procurement.yaml': (t) =>
        t
          .replace('name: procurement', 'name: purchasing')
          .replace('connection: { engine: embedded }', 'connection: { engine: embedded, schema: procurement }'),
    });
    cpSync(join(dir, 'sources', 'procurement.yaml'), join(dir, 'sources', 'purchasing.yaml'));
    rmSync(join(dir, 'sources', 'procurement.yaml'));
    const config = loadConfig({ HUB_MODEL_DIR: dir, HUB_SOURCE_PURCHASING_POOL_MAX: '3' });
    expect(config.sources.purchasing).toMatchObject({ engine: 'embedded', schema: 'procurement', pool: { max: 3 } });
    expect(config.sources.procurement).toBeUndefined();
    expect(config.model.paths).toMatchObject({ indicators: join(dir, 'indicators'), policy: join(dir, 'policy.yaml') });
    expect(thrown(() => loadConfig({ HUB_MODEL_DIR: dir }, { sources: { purchasng: {} } })).message).toContain(
      'sources: unknown source "purchasng" (did you mean "purchasing"?)',
    );
  });
});

describe('model.yaml: the format version and where the parts live', () => {
  test('absent: version 1 and every part at its default place', () => {
    const dir = modelWith();
    expect(loadModel(dir, { env: {} })).toMatchObject({
      version: 1,
      paths: {
        manifest: join(dir, 'model.yaml'),
        policy: join(dir, 'policy.yaml'),
        units: join(dir, 'units.yaml'),
        indicators: join(dir, 'indicators'),
        targets: join(dir, 'targets'),
      },
    });
  });

  test('the demo and Chinook declare version 1', () => {
    for (const dir of [DEMO_MODEL_DIR, join(DEMO_MODEL_DIR, '..', 'chinook')]) {
      expect(readFileSync(join(dir, 'model.yaml'), 'utf8')).toMatch(/^version: 1$/m);
      expect(loadModel(dir).version).toBe(1);
    }
  });

  test('paths move a part inside the directory', () => {
    const dir = modelWith(
      {},
      { 'model.yaml': 'version: 1\npaths:\n  policy: access/policy.yaml\n  indicators: dictionary\n' },
    );
    expect(loadModel(dir, { env: {} }).paths).toMatchObject({
      policy: join(dir, 'access', 'policy.yaml'),
      indicators: join(dir, 'dictionary'),
      units: join(dir, 'units.yaml'),
    });
  });

  test.each<[string, string, string]>([
    [
      'an unknown key, with a did-you-mean',
      'version: 1\npath: { policy: p.yaml }\n',
      '<model>/model.yaml: (root): unknown key "path" (did you mean "paths"?)',
    ],
    [
      'an unknown part, with a did-you-mean',
      'version: 1\npaths: { polcy: p.yaml }\n',
      '<model>/model.yaml: paths: unknown key "polcy" (did you mean "policy"?)',
    ],
    [
      'another format version',
      'version: 2\n',
      '<model>/model.yaml: version: expected version: 1 (the only format this hub reads)',
    ],
    [
      'a path out of the directory',
      'version: 1\npaths: { policy: ../policy.yaml }\n',
      '<model>/model.yaml: paths.policy: expected a path inside the model directory (relative, no "..")',
    ],
  ])('%s is refused naming the file and the key', (_name, text, problem) => {
    expect(problemsOf(modelWith({}, { 'model.yaml': text }))).toEqual([problem]);
  });
});
