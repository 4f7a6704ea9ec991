import { join } from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { loadPolicy } from '../../../src/auth/policy';
import { personalFactsOf } from '../../../src/auth/personal-data';
import { catalogOfDefinitions } from '../../../src/indicators/catalog';
import { Dictionary } from '../../../src/indicators/dictionary';
import { loadDictionary } from '../../../src/indicators/load';
import { loadUnits } from '../../../src/indicators/units';
import { loadModel } from '../../../src/model/load';
import { printedSchema } from '../../../src/schema/print';
import { defaultQuery } from '../../../src/server/graphiql';

/**
 * GraphiQL's opening query is written from the model: for each model it validates against that model's
 * own schema (as schema:print prints it), and every name in it is one the model's files declare.
 */
const ROOT = join(__dirname, '..', '..', '..');

const cases = [
  // model, the organisation dimension it must group by (none in Chinook), the list it must read
  ['demo', 'department', 'departments'],
  ['chinook', null, null],
] as const;

describe.each(cases)('the %s model', (name, orgDimension, orgList) => {
  const dir = join(ROOT, 'models', name);
  const model = loadModel(dir);
  const policy = loadPolicy(join(dir, 'policy.yaml'));
  const dictionary = loadDictionary(
    join(dir, 'indicators'),
    catalogOfDefinitions(model),
    loadUnits(join(dir, 'units.yaml')),
  );
  const schema: GraphQLSchema = buildSchema(printedSchema(dir));
  const query = defaultQuery({ model, dictionary, policy, year: '2025' });
  const document = parse(query);

  test("the query validates against the model's schema", () => {
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });

  test('it asks for a published indicator of the dictionary that is not personal data, by quarter of the year', () => {
    const code = /codes: \["([^"]+)"\]/.exec(query)?.[1];
    expect(code).toBeDefined();
    expect(dictionary.get(code!)?.status).toBe('published');
    expect(personalFactsOf(dictionary, code!, policy)).toEqual([]);
    expect(query).toContain('from: "2025-Q1", to: "2025-Q4", grain: QUARTER');
  });

  test('it groups by the organisation unit when the model declares one, else by a dimension of the indicator', () => {
    const code = /codes: \["([^"]+)"\]/.exec(query)![1]!;
    const by = /by: \[([A-Za-z_]+)\]/.exec(query)?.[1];
    if (orgDimension) expect(by).toBe(orgDimension);
    else {
      expect(Object.values(model.entities).some((e) => e.organisation)).toBe(false);
      expect(dictionary.get(code)!.def.dimensions).toContain(by);
    }
  });

  test("it lists the rows of an entity list the model declares: the grouped dimension's entity", () => {
    const list = /\n {2}([a-zA-Z]+)\(limit: 10\)/.exec(query)?.[1];
    const entity = Object.values(model.entities).find((e) => e.list === list);
    expect(entity).toBeDefined();
    if (orgList) expect(list).toBe(orgList);
    const by = /by: \[([A-Za-z_]+)\]/.exec(query)![1]!;
    expect(model.dimensions[by]).toBe(entity!.name);
  });
});

test('a model whose indicators are all personal data still opens on a valid query (no indicator in it)', () => {
  const dir = join(ROOT, 'models', 'demo');
  const model = loadModel(dir);
  const policy = loadPolicy(join(dir, 'policy.yaml'));
  const all = loadDictionary(join(dir, 'indicators'), catalogOfDefinitions(model), loadUnits(join(dir, 'units.yaml')));
  const personal = new Dictionary(all.all().filter((i) => personalFactsOf(all, i.def.code, policy).length > 0));
  const query = defaultQuery({ model, dictionary: personal, policy, year: '2025' });
  expect(query).not.toContain('indicatorValues');
  expect(validate(buildSchema(printedSchema(dir)), parse(query)).map((e) => e.message)).toEqual([]);
  expect(query).toMatch(/\n {2}departments\(limit: 10\)/);
});
