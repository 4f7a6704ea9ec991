import { join } from 'node:path';
import { catalogOfDefinitions } from '../../../src/indicators/catalog';
import { Dictionary, indicatorOf, type Indicator } from '../../../src/indicators/dictionary';
import { loadDictionary } from '../../../src/indicators/load';
import {
  ownerDataProblems,
  ownerProblemsAtStart,
  ownerShapeProblems,
  type OwnerDirectory,
} from '../../../src/indicators/owners';
import { loadUnits } from '../../../src/indicators/units';
import { loadModel } from '../../../src/model/load';
import { generateCompany } from '../../../models/demo/generator/company';

/**
 * Indicator owners against the model (without data) and against the company's data, through a directory
 * that answers from the demo generator's departments and employees (what the demo's HR source holds).
 */
const ROOT = join(__dirname, '..', '..', '..');
const load = (name: string) => {
  const dir = join(ROOT, 'models', name);
  const model = loadModel(dir);
  return {
    model,
    dictionary: loadDictionary(
      join(dir, 'indicators'),
      catalogOfDefinitions(model),
      loadUnits(join(dir, 'units.yaml')),
    ),
  };
};
const demo = load('demo');
const chinook = load('chinook');

const company = generateCompany(1);
const calls: string[] = [];
const hr: OwnerDirectory = {
  unitIds: async () => (calls.push('units'), company.departments.map((d) => d.id)),
  knownPeople: async (ids) => (
    calls.push(`people ${ids.length}`),
    new Set(ids.filter((id) => company.employees.some((e) => e.id === id)))
  ),
  personIds: async () => (calls.push('everyone'), company.employees.map((e) => e.id)),
};
beforeEach(() => (calls.length = 0));

/** One demo indicator with its owner replaced, as read from its file. */
function owned(code: string, owner: Indicator['def']['owner']): Indicator {
  const i = demo.dictionary.get(code)!;
  return {
    ...indicatorOf({ ...i.def, owner }, { file: i.file, version: 'file', versionNumber: null, status: 'published' }),
  };
}

test("the demo's and Chinook's files pass: every unit and person they name exists", async () => {
  expect(ownerShapeProblems(demo.dictionary.all(), demo.model)).toEqual([]);
  expect(ownerShapeProblems(chinook.dictionary.all(), chinook.model)).toEqual([]);
  expect(await ownerDataProblems(demo.dictionary.all(), demo.model, hr)).toEqual([]);
  // One read of the units, one of the named people; everyone is read only to suggest a close id.
  expect(calls).toEqual(['units', 'people 6']);
  const chinookPeople = new Set(chinook.dictionary.all().map((i) => i.def.owner.person));
  expect(chinookPeople).toEqual(new Set(['1', '3'])); // Andrew Adams, Jane Peacock
  expect(chinook.dictionary.all().every((i) => i.def.owner.unit === undefined)).toBe(true);
});

test('an unknown unit or person is a line naming the file and the key, with the closest known id', async () => {
  const indicators = [
    owned('revenue', { unit: 'D0O22', person: 'EMP-000006' }),
    owned('cogs', { unit: 'D0022', person: 'EMP-00267' }),
  ];
  expect(await ownerDataProblems(indicators, demo.model, hr)).toEqual([
    `${indicators[0]!.file}: owner.unit: unknown Department "D0O22" (did you mean "D0022"?)`,
    `${indicators[1]!.file}: owner.person: unknown Employee "EMP-00267" (did you mean "EMP-000267"?)`,
  ]);
  expect(calls).toEqual(['units', 'people 2', 'everyone']);
});

test('nothing close: no suggestion (a company has too many people to list)', async () => {
  const [problem] = await ownerDataProblems(
    [owned('revenue', { unit: 'D0002', person: 'Someone Else' })],
    demo.model,
    hr,
  );
  expect(problem).toMatch(/: owner\.person: unknown Employee "Someone Else"$/);
});

test('the model alone: a unit where no entity declares organisation:, a non-integer person for an int key', () => {
  const revenue = chinook.dictionary.get('revenue')!;
  const with_ = (owner: Indicator['def']['owner']) =>
    indicatorOf(
      { ...revenue.def, owner },
      { file: revenue.file, version: 'file', versionNumber: null, status: 'published' },
    );
  expect(ownerShapeProblems([with_({ unit: 'Sales Support', person: 'Jane Peacock' })], chinook.model)).toEqual([
    `${revenue.file}: owner.unit: this model declares no organisation unit (no entity has organisation:)`,
    `${revenue.file}: owner.person: expected a Employee id (an integer), received "Jane Peacock"`,
  ]);
});

test("at start: files' problems refuse, stored ones' are stale; an unreadable directory checks none", async () => {
  const file = owned('revenue', { unit: 'D0O22', person: 'EMP-000006' });
  const stored = {
    ...owned('cogs', { unit: 'D0O23', person: 'EMP-000006' }),
    file: 'v2 of cogs',
    version: 'v2',
    versionNumber: 2,
  };
  const found = await ownerProblemsAtStart([file], [stored], demo.model, hr);
  expect(found).toEqual({
    problems: [`${file.file}: owner.unit: unknown Department "D0O22" (did you mean "D0022"?)`],
    stale: ['v2 of cogs: owner.unit: unknown Department "D0O23" (did you mean "D0023"?)'],
  });
  const down: OwnerDirectory = { ...hr, unitIds: () => Promise.reject(new Error('HR is down')) };
  const unchecked = await ownerProblemsAtStart([file], [stored], demo.model, down);
  expect(unchecked.problems).toEqual([]);
  expect((unchecked.unchecked as Error).message).toBe('HR is down');
});

test('a model without a people entity takes the person as written', async () => {
  const model = {
    entities: Object.fromEntries(Object.entries(demo.model.entities).map(([n, e]) => [n, { ...e, people: undefined }])),
  };
  const indicator = owned('revenue', { unit: 'D0002', person: 'Li Na' });
  expect(ownerShapeProblems([indicator], model)).toEqual([]);
  expect(await ownerDataProblems([indicator], model, hr)).toEqual([]);
  expect(new Dictionary([indicator]).search('Li Na').map((i) => i.def.code)).toEqual(['revenue']);
});
