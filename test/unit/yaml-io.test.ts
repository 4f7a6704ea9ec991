import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../src/errors';
import {
  changedKeys,
  definitionToYaml,
  describePlan,
  exportDefinitions,
  KEY_ORDER,
  planImport,
  prepareImport,
} from '../../src/governance/yaml-io';
import { catalogOfDefinitions } from '../../src/indicators/catalog';
import { DEMO_MODEL } from '../support/demo-model';
import { indicatorSchema } from '../../src/indicators/definition';
import { Dictionary, indicatorOf } from '../../src/indicators/dictionary';
import { loadDictionary, readDefinitionFiles } from '../../src/indicators/load';
import { loadUnits } from '../../src/indicators/units';
import { validateDictionary } from '../../src/indicators/validate';
import { thrown } from './thrown';

/** Export and import of the dictionary as indicators/<domain>/<code>.yaml files, without a store. */
const catalog = catalogOfDefinitions(DEMO_MODEL);
const dictionary = loadDictionary('models/demo/indicators', catalog);
const units = loadUnits('models/demo/units.yaml');
const check = (d: Dictionary) => validateDictionary(d.all(), catalog, units);

/** The dictionary as the store publishes it: every indicator at some version. */
const published = new Dictionary(
  dictionary
    .all()
    .map((i) =>
      indicatorOf(i.def, { file: `v2 of ${i.def.code}`, version: 'v2', versionNumber: 2, status: 'published' }),
    ),
);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hub-yaml-io-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('export', () => {
  test('exporting the dictionary reproduces the files of indicators/: same paths, same meaning, same key order', () => {
    const { written, untouched } = exportDefinitions(
      dictionary.all().map((i) => i.def),
      dir,
    );
    expect(untouched).toEqual([]);
    const originals = dictionary
      .all()
      .map((i) => relative('models/demo/indicators', i.file))
      .sort();
    expect(written.map((f) => relative(dir, f)).sort()).toEqual(originals);
    for (const file of originals) {
      const original = parseYaml(readFileSync(join('models/demo/indicators', file), 'utf8')) as Record<string, unknown>;
      const exported = parseYaml(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      // Equal once the schema's defaults are applied (a file may leave out direction or synonyms)…
      expect(indicatorSchema.parse(exported)).toEqual(indicatorSchema.parse(original));
      // …every key the file wrote comes back with the same value, in the same order…
      for (const key of Object.keys(original)) expect([file, key, exported[key]]).toEqual([file, key, original[key]]);
      expect(Object.keys(exported).filter((k) => k in original)).toEqual(Object.keys(original));
      // …and anything added is a default made explicit.
      const defaults = indicatorSchema.parse(original) as Record<string, unknown>;
      for (const key of Object.keys(exported).filter((k) => !(k in original)))
        expect([file, key, exported[key]]).toEqual([file, key, defaults[key]]);
    }
    // Loading the export gives the very same definitions (and so the same fingerprints).
    const again = loadDictionary(dir, catalog);
    expect(again.all().map((i) => [i.def.code, i.fingerprint])).toEqual(
      dictionary.all().map((i) => [i.def.code, i.fingerprint]),
    );
  });

  test('the file reads like the hand-written ones (the definition text is re-folded at 104 columns)', () => {
    const text = definitionToYaml(dictionary.get('revenue_per_head')!.def);
    expect(text).toBe(readFileSync('models/demo/indicators/finance/revenue_per_head.yaml', 'utf8'));
    const keys = Object.keys(parseYaml(definitionToYaml(dictionary.get('revenue')!.def)) as object);
    expect(keys).toEqual(KEY_ORDER.filter((k) => keys.includes(k)));
  });

  test('a bracket inside a quoted string survives the list style', () => {
    const def = { ...dictionary.get('revenue')!.def, synonyms: ['[ x ]', 'a: b'] };
    expect(indicatorSchema.parse(parseYaml(definitionToYaml(def)))).toEqual(def);
  });

  test('files already in the directory that are not exported are left alone and listed', () => {
    writeFileSync(join(dir, 'old.yaml'), 'code: old\n');
    const { untouched } = exportDefinitions([dictionary.get('revenue')!.def], dir);
    expect(untouched).toEqual([join(dir, 'old.yaml')]);
  });
});

describe('import', () => {
  const copy = () => {
    cpSync('models/demo/indicators', dir, { recursive: true });
    return dir;
  };
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(join(dir, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    writeFileSync(join(dir, file), text.replace(from, to));
  };
  const NEW_ONE = (code: string, formula: string) =>
    `code: ${code}\nname: { zh: 新指标, en: New one }\ndefinition: >-\n  Revenue booked in the CRM minus what was invoiced in the ERP, for the period.\n` +
    `owner: { unit: D0022, person: EMP-000267 }\ndomain: finance\nunit: CNY\ntype: formula\nformula: ${formula}\ndimensions: [department]\n`;

  test('the directory as exported is unchanged: nothing to propose', () => {
    const plan = prepareImport(copy(), published, check);
    expect(plan.every((p) => p.kind === 'unchanged')).toBe(true);
    expect(plan).toHaveLength(dictionary.size);
  });

  test('a new file is a create, a changed one an update against the current version, the rest are skipped', () => {
    copy();
    edit('finance/gross_margin.yaml', 'scale: 100', 'scale: 1000');
    edit('finance/gross_margin.yaml', 'tags: [', 'tags: [reviewed, ');
    writeFileSync(
      join(dir, 'finance', 'booked_not_invoiced.yaml'),
      NEW_ONE('booked_not_invoiced', 'revenue - invoiced_revenue'),
    );
    const plan = prepareImport(dir, published, check);
    const changes = plan.filter((p) => p.kind !== 'unchanged');
    expect(changes.map((p) => [p.kind, p.code, p.baseVersion, p.changed])).toEqual([
      ['create', 'booked_not_invoiced', null, []],
      ['update', 'gross_margin', 2, ['scale', 'tags']],
    ]);
    expect(changes.map((p) => p.file)).toEqual(['finance/booked_not_invoiced.yaml', 'finance/gross_margin.yaml']);
    // Shown as a user in the import directory, or anywhere else, would type them.
    expect(describePlan(changes, dir, dir)).toEqual([
      'create  booked_not_invoiced  (finance/booked_not_invoiced.yaml)',
      'update  gross_margin  against v2: scale, tags  (finance/gross_margin.yaml)',
    ]);
    expect(describePlan(changes, '.', dir)).toEqual(describePlan(changes, dir, dir));
    expect(describePlan(changes, dir, join(dir, 'finance'))[0]).toBe(
      'create  booked_not_invoiced  (booked_not_invoiced.yaml)',
    );
    expect(describePlan(changes, dir, join(tmpdir(), 'elsewhere'))[1]).toBe(
      `update  gross_margin  against v2: scale, tags  (${join(dir, 'finance', 'gross_margin.yaml')})`,
    );
    expect(plan.filter((p) => p.kind === 'unchanged')).toHaveLength(dictionary.size - 1);
  });

  test('paths do not depend on the working directory (a checkout two levels below the temp directory)', () => {
    copy();
    edit('finance/gross_margin.yaml', 'scale: 100', 'scale: 1000');
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'hub-checkout-')), 'clone');
    mkdirSync(elsewhere);
    const home = process.cwd();
    try {
      process.chdir(elsewhere);
      const changes = prepareImport(dir, published, check).filter((p) => p.kind !== 'unchanged');
      expect(changes.map((p) => p.file)).toEqual(['finance/gross_margin.yaml']);
      expect(describePlan(changes, dir)).toEqual([
        `update  gross_margin  against v2: scale  (${join(dir, 'finance', 'gross_margin.yaml')})`,
      ]);
      // The same import given relative to that working directory names the same file.
      expect(describePlan(changes, relative(elsewhere, dir))).toEqual(describePlan(changes, dir));
      edit('finance/gross_margin.yaml', 'unit: percent', 'unit: percentage');
      expect(thrown(() => prepareImport(dir, published, check)).message).toMatch(
        /^Indicator file finance\/gross_margin\.yaml \(gross_margin\) cannot be proposed: unknown unit/,
      );
    } finally {
      process.chdir(home);
      rmSync(join(elsewhere, '..'), { recursive: true, force: true });
    }
  });

  test('an archived indicator is skipped, never revived', () => {
    const archived = published.with(
      indicatorOf(dictionary.get('revenue_mom')!.def, {
        file: 'v2 of revenue_mom',
        version: 'v2',
        versionNumber: 2,
        status: 'archived',
      }),
    );
    copy();
    edit('sales/revenue_mom.yaml', 'tags: [', 'tags: [revived, ');
    expect(prepareImport(dir, archived, check).find((p) => p.code === 'revenue_mom')!.kind).toBe('archived');
  });

  test.each([
    [
      'an invalid file names the file, the code and the problem',
      (d: string) =>
        writeFileSync(
          join(d, 'finance', 'gross_margin.yaml'),
          readFileSync('models/demo/indicators/finance/gross_margin.yaml', 'utf8').replace(
            'unit: percent',
            'unit: percentage',
          ),
        ),
      /^Indicator file .*finance\/gross_margin\.yaml \(gross_margin\) cannot be proposed: unknown unit "percentage" \(did you mean "percent"\?\)/,
    ],
    [
      'a definition the dictionary would refuse',
      (d: string) => writeFileSync(join(d, 'finance', 'x.yaml'), NEW_ONE('x_gap', 'revenue - nothing_here')),
      /^Indicator file .*finance\/x\.yaml \(x_gap\) cannot be proposed: refers to unknown indicator "nothing_here"$/,
    ],
    [
      'a new indicator built on another new one waits for it',
      (d: string) => {
        writeFileSync(join(d, 'finance', 'a.yaml'), NEW_ONE('a_gap', 'revenue - invoiced_revenue'));
        writeFileSync(join(d, 'finance', 'b.yaml'), NEW_ONE('b_gap', 'a_gap - cogs'));
      },
      /\(b_gap\) cannot be proposed: refers to unknown indicator "a_gap" \(a_gap is new in this import: import and publish it first\)$/,
    ],
    [
      'a change that breaks a dependent',
      () => edit('sales/cash_collected.yaml', 'unit: CNY', 'unit: count'),
      /^Indicator file .*sales\/cash_collected\.yaml \(cash_collected\) cannot be proposed: it would break v2 of cash_reconciliation_gap \(cash_reconciliation_gap\): unit mismatch in formula: count - CNY$/,
    ],
    [
      'a change of domain',
      () => edit('finance/gross_margin.yaml', 'domain: finance', 'domain: sales'),
      /\(gross_margin\): domain "sales" differs from the published domain "finance"/,
    ],
    [
      'a code defined twice',
      (d: string) => cpSync(join(d, 'sales', 'revenue.yaml'), join(d, 'finance', 'revenue_copy.yaml')),
      /^Indicator revenue is defined twice: in .*finance\/revenue_copy\.yaml and in .*sales\/revenue\.yaml$/,
    ],
  ])('%s, before anything is proposed', (_label, spoil, message) => {
    spoil(copy());
    const error = thrown(() => prepareImport(dir, published, check));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });

  test('changedKeys compares meaning, not key order', () => {
    const def = dictionary.get('revenue')!.def;
    const reordered = Object.fromEntries(Object.entries(def).reverse()) as typeof def;
    expect(changedKeys(def, reordered)).toEqual([]);
    expect(changedKeys(def, { ...def, owner: { person: def.owner.person, unit: 'D0001' } })).toEqual(['owner']);
    expect(planImport([{ file: 'f', def: reordered }], published)[0]!.kind).toBe('unchanged');
  });

  test('readDefinitionFiles reads what loadDictionary loads', () => {
    const read = readDefinitionFiles('models/demo/indicators').map((i) => [i.def.code, i.fingerprint]);
    expect(read.sort()).toEqual(
      dictionary
        .all()
        .map((i) => [i.def.code, i.fingerprint])
        .sort(),
    );
  });
});
