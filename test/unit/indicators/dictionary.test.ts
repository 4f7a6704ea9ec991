import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '../../../src/errors';
import { catalogOfDefinitions } from '../../../src/indicators/catalog';
import { DEMO_MODEL } from '../../support/demo-model';
import { dependenciesOf } from '../../../src/indicators/definition';
import type { Dictionary, Indicator } from '../../../src/indicators/dictionary';
import { formulaRefs } from '../../../src/indicators/formula';
import { loadUnits } from '../../../src/indicators/units';
import { loadDictionary } from '../../../src/indicators/load';
import { thrown } from '../thrown';

const catalog = catalogOfDefinitions(DEMO_MODEL);
const units = loadUnits('models/demo/units.yaml');

/** Source systems an indicator's value is finally read from: its dependencies walked down to simple measures. */
function sourcesOf(dictionary: Dictionary, code: string): Set<string> {
  const i = dictionary.get(code);
  if (!i) throw new Error(`no indicator ${code}`);
  if (i.def.type === 'simple') return new Set([i.def.measure.source]);
  const refs = dependenciesOf(i.def, () => (i.formula ? formulaRefs(i.formula) : []));
  return new Set(refs.flatMap((r) => [...sourcesOf(dictionary, r)]));
}

const directRefs = (i: Indicator): string[] => dependenciesOf(i.def, () => (i.formula ? formulaRefs(i.formula) : []));

describe('the starter dictionary in indicators/', () => {
  const dictionary = loadDictionary('models/demo/indicators', catalog);
  const all = dictionary.all();
  const DOMAINS = ['finance', 'hr', 'procurement', 'sales'];
  const DEPARTMENTS = ['D0002', 'D0011', 'D0017', 'D0022', 'D0023', 'D0024', 'D0025', 'D0027', 'D0029'];

  test('loads with at least 32 indicators', () => {
    expect(dictionary.size).toBeGreaterThanOrEqual(32);
  });

  test('has every indicator the brief asks for', () => {
    const required = [
      ...['revenue', 'contract_amount', 'order_count', 'average_deal_size', 'new_customers', 'cash_collected'],
      ...['invoiced_revenue', 'cogs', 'gross_profit', 'gross_margin', 'cash_received', 'receivables_balance', 'dso'],
      ...['collection_rate', 'expense', 'budget', 'budget_execution_rate', 'rnd_expense', 'rnd_investment_ratio'],
      ...['expense_ratio', 'headcount', 'hires', 'departures', 'attrition_rate', 'payroll_cost', 'labor_cost_ratio'],
      ...['revenue_per_head', 'procurement_spend', 'po_count', 'procurement_savings_rate', 'supplier_on_time_rate'],
      ...['procurement_to_revenue', 'revenue_mom', 'revenue_rolling_3', 'payroll_per_head'],
    ];
    expect(required.filter((code) => !dictionary.get(code))).toEqual([]);
  });

  test('at least six are tagged cross-system, and each of those really reads two or more sources', () => {
    const tagged = all.filter((i) => i.def.tags.includes('cross-system'));
    expect(tagged.length).toBeGreaterThanOrEqual(6);
    const single = tagged.filter((i) => sourcesOf(dictionary, i.def.code).size < 2).map((i) => i.def.code);
    expect(single).toEqual([]);
  });

  test('every indicator that reads two or more sources is tagged cross-system', () => {
    const untagged = all
      .filter((i) => sourcesOf(dictionary, i.def.code).size >= 2 && !i.def.tags.includes('cross-system'))
      .map((i) => i.def.code);
    expect(untagged).toEqual([]);
  });

  test('every building block feeds at least one other indicator', () => {
    const used = new Set(all.flatMap(directRefs));
    const unused = all
      .filter((i) => i.def.tags.includes('building-block') && !used.has(i.def.code))
      .map((i) => i.def.code);
    expect(unused).toEqual([]);
  });

  test.each(all.map((i) => [i.def.code, i] as const))(
    '%s: named in zh and en, owned, filed under its domain',
    (code, i) => {
      const { def } = i;
      expect(def.name.zh.trim()).not.toBe('');
      expect(def.name.en.trim()).not.toBe('');
      expect(def.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(def.definition.length).toBeGreaterThanOrEqual(20);
      expect(DEPARTMENTS).toContain(def.owner.unit);
      expect(def.owner.person.trim()).not.toBe('');
      // indicators/<domain>/<code>.yaml, tagged with its domain
      expect(basename(i.file)).toBe(`${code}.yaml`);
      const domain = basename(dirname(i.file));
      expect(DOMAINS).toContain(domain);
      expect(def.tags).toContain(domain);
      // percentages are stored in percent points
      if (def.type === 'ratio') expect(def.scale).toBe(def.unit === 'percent' ? 100 : 1);
      if (def.type === 'ratio' || def.type === 'period_over_period') expect(def.additivity).toBe('non_additive');
    },
  );

  test.each([
    ['revenue', ['crm']],
    ['receivables_balance', ['erp']],
    ['dso', ['erp']],
    ['headcount', ['hr']],
    ['collection_rate', ['crm', 'erp']],
    ['labor_cost_ratio', ['crm', 'hr']],
    ['procurement_to_revenue', ['crm', 'procurement']],
    ['procurement_savings_rate', ['procurement']],
  ])('%s reads %j', (code, sources) => {
    expect([...sourcesOf(dictionary, code)].sort()).toEqual(sources);
  });
});

/* ------------------------------------------------------------------------------------------------ */

const root = mkdtempSync(join(tmpdir(), 'indicator-hub-dictionary-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A fresh directory holding the given files (name → YAML text); returns the directory. */
function dictionaryDir(files: Record<string, string>): string {
  const dir = join(root, `case-${++dirs}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A valid simple indicator over crm.orders.revenue, with `fields` replacing or adding keys (undefined removes one). */
function yaml(fields: Record<string, unknown>): string {
  const def: Record<string, unknown> = {
    code: 'x',
    name: { zh: '测试指标', en: 'Test indicator' },
    definition: 'Amount of sales orders booked in the CRM in the period, by order date.',
    owner: { unit: 'D0002', person: 'EMP-000006' },
    domain: 'sales',
    unit: 'CNY',
    type: 'simple',
    measure: { source: 'crm', fact: 'orders', measure: 'revenue' },
    dimensions: ['department'],
    ...fields,
  };
  for (const key of Object.keys(def)) if (def[key] === undefined) delete def[key];
  return stringify(def);
}

const simple = (code: string, measure: [string, string, string], unit: string, extra: Record<string, unknown> = {}) =>
  yaml({ code, unit, measure: { source: measure[0], fact: measure[1], measure: measure[2] }, ...extra });
const REVENUE = simple('revenue', ['crm', 'orders', 'revenue'], 'CNY');
const HEADCOUNT = simple('headcount', ['hr', 'hires', 'hires'], 'count', { additivity: 'snapshot' });
const ORDERS = simple('order_count', ['crm', 'orders', 'orderCount'], 'count');
const derived = (code: string, fields: Record<string, unknown>) => yaml({ code, measure: undefined, ...fields });

/** Path of a file of the directory as the loader shows it (relative to the working directory). */
const shown = (dir: string, file: string) => relative(process.cwd(), join(dir, file));

describe('a bad definition stops loading with a ConfigError naming the file, the code and the problem', () => {
  const crmOrders = catalog.crm!.orders!;
  const cases: Array<
    [what: string, files: Record<string, string>, file: string, code: string | null, problem: string[]]
  > = [
    [
      'unknown source measure (lists the known ones)',
      { 'sales/bad_measure.yaml': simple('bad_measure', ['crm', 'orders', 'amount'], 'CNY') },
      'sales/bad_measure.yaml',
      'bad_measure',
      ['unknown source measure crm.orders.amount', `(known measures of crm.orders: ${crmOrders.measures.join(', ')})`],
    ],
    [
      'unknown fact',
      { 'bad_fact.yaml': simple('bad_fact', ['crm', 'invoices', 'revenue'], 'CNY') },
      'bad_fact.yaml',
      'bad_fact',
      ['unknown fact crm.invoices', `(known: ${Object.keys(catalog.crm!).join(', ')})`],
    ],
    [
      'unknown source',
      { 'bad_source.yaml': simple('bad_source', ['sap', 'orders', 'revenue'], 'CNY') },
      'bad_source.yaml',
      'bad_source',
      ['unknown source "sap"', '(known: crm, erp, hr, procurement)'],
    ],
    [
      'formula referencing an unknown code',
      { 'revenue.yaml': REVENUE, 'margin.yaml': derived('margin', { type: 'formula', formula: 'revenue - refunds' }) },
      'margin.yaml',
      'margin',
      ['refers to unknown indicator "refunds"'],
    ],
    [
      'ratio referencing an unknown code',
      {
        'revenue.yaml': REVENUE,
        'share.yaml': derived('share', { type: 'ratio', numerator: 'revenue', denominator: 'total' }),
      },
      'share.yaml',
      'share',
      ['refers to unknown indicator "total"'],
    ],
    [
      'cycle a → b → a (shows the path)',
      {
        'a.yaml': derived('a', { type: 'formula', formula: 'b * 2' }),
        'b.yaml': derived('b', { type: 'formula', formula: 'a / 2' }),
      },
      'a.yaml',
      'a',
      ['formula cycle: a → b → a'],
    ],
    [
      'an indicator referring to itself',
      { 'self.yaml': derived('self', { type: 'formula', formula: 'self + 1' }) },
      'self.yaml',
      'self',
      ['formula cycle: self → self'],
    ],
    [
      'a simple indicator over a state fact (valid from/to) instead of events',
      { 'employed.yaml': simple('employed', ['hr', 'employment', 'headcount'], 'count', { additivity: 'snapshot' }) },
      'employed.yaml',
      'employed',
      ['hr.employment is a state fact', 'to_date running total'],
    ],
    [
      'unit mismatch (revenue - headcount)',
      {
        'revenue.yaml': REVENUE,
        'headcount.yaml': HEADCOUNT,
        'nonsense.yaml': derived('nonsense', { type: 'formula', formula: 'revenue - headcount' }),
      },
      'nonsense.yaml',
      'nonsense',
      ['unit mismatch in formula: CNY - count'],
    ],
    [
      'unknown dimension (lists the available ones)',
      {
        'regional.yaml': simple('regional', ['crm', 'orders', 'revenue'], 'CNY', {
          dimensions: ['department', 'region'],
        }),
      },
      'regional.yaml',
      'regional',
      ['unknown dimension "region"', '(available from its inputs: customer, department, product)'],
    ],
    [
      'a dimension not shared by every input',
      {
        'revenue.yaml': REVENUE,
        'headcount.yaml': HEADCOUNT,
        'per_head.yaml': derived('per_head', {
          type: 'ratio',
          numerator: 'revenue',
          denominator: 'headcount',
          dimensions: ['customer'],
        }),
      },
      'per_head.yaml',
      'per_head',
      ['unknown dimension "customer"', '(available from its inputs: department)'],
    ],
    [
      'duplicate code in two files (names both)',
      {
        'finance/dup.yaml': simple('dup', ['crm', 'orders', 'revenue'], 'CNY'),
        'sales/dup.yaml': simple('dup', ['crm', 'orders', 'orderCount'], 'count'),
      },
      'sales/dup.yaml',
      'dup',
      ['is defined twice', 'finance/dup.yaml'],
    ],
    [
      // the code cannot be read from a file that does not parse: the file (named after its code) is shown
      'invalid YAML',
      { 'broken.yaml': 'code: broken\nname: { zh: 坏, en: Broken\nunit: CNY\n' },
      'broken.yaml',
      null,
      ['not valid YAML ('],
    ],
    [
      'missing definition text',
      { 'vague.yaml': yaml({ code: 'vague', definition: undefined }) },
      'vague.yaml',
      'vague',
      ['definition: '],
    ],
    [
      'a definition too short to say what is counted',
      { 'terse.yaml': yaml({ code: 'terse', definition: 'Revenue.' }) },
      'terse.yaml',
      'terse',
      ['definition: say exactly what is counted and when (at least 20 characters)'],
    ],
    [
      'missing zh name',
      { 'anon.yaml': yaml({ code: 'anon', name: { en: 'Anonymous' } }) },
      'anon.yaml',
      'anon',
      ['name.zh: '],
    ],
    [
      'a code that is not snake_case',
      { 'grossMargin.yaml': yaml({ code: 'grossMargin' }) },
      'grossMargin.yaml',
      'grossMargin',
      ['code: expected snake_case letters, digits and _'],
    ],
    [
      'an unknown unit',
      { 'usd.yaml': yaml({ code: 'usd', unit: 'USD' }) },
      'usd.yaml',
      'usd',
      ['unknown unit "USD": declare it in the units file (known: CNY, CNY_per_person, count, days, percent, ratio)'],
    ],
    [
      'a misspelt unit (suggests the close one)',
      { 'pct.yaml': yaml({ code: 'pct', unit: 'percentage' }) },
      'pct.yaml',
      'pct',
      ['unknown unit "percentage" (did you mean "percent"?)'],
    ],
    [
      'an owner without a person',
      { 'nobody.yaml': yaml({ code: 'nobody', owner: { unit: 'D0002' } }) },
      'nobody.yaml',
      'nobody',
      ['owner.person'],
    ],
    [
      'an owner naming the unit twice (unit and its deprecated name department)',
      { 'twice.yaml': yaml({ code: 'twice', owner: { unit: 'D0002', department: 'D0003', person: 'EMP-000006' } }) },
      'twice.yaml',
      'twice',
      ['owner: give unit, not also department (its deprecated name)'],
    ],
    [
      'an unknown key (typo)',
      { 'typo.yaml': yaml({ code: 'typo', dimension: ['department'] }) },
      'typo.yaml',
      'typo',
      ['"dimension"'],
    ],
    [
      'a formula that does not parse (with the position)',
      { 'revenue.yaml': REVENUE, 'half.yaml': derived('half', { type: 'formula', formula: 'revenue +' }) },
      'half.yaml',
      'half',
      ['formula "revenue +": the formula ends too early (position 10)'],
    ],
    [
      'rolling without periods',
      {
        'revenue.yaml': REVENUE,
        'rolling.yaml': derived('rolling', {
          type: 'cumulative',
          base: 'revenue',
          window: 'rolling',
          additivity: 'snapshot',
        }),
      },
      'rolling.yaml',
      'rolling',
      ['periods: rolling needs "periods"'],
    ],
    [
      'running total over a non-additive base',
      {
        'revenue.yaml': REVENUE,
        'order_count.yaml': ORDERS,
        'aov.yaml': derived('aov', {
          type: 'ratio',
          numerator: 'revenue',
          denominator: 'order_count',
          additivity: 'non_additive',
        }),
        'aov_ytd.yaml': derived('aov_ytd', { type: 'cumulative', base: 'aov', window: 'ytd', additivity: 'snapshot' }),
      },
      'aov_ytd.yaml',
      'aov_ytd',
      ['a running total needs an additive base; aov is non_additive'],
    ],
    [
      'running total over a snapshot',
      {
        'headcount.yaml': HEADCOUNT,
        'headcount_ytd.yaml': derived('headcount_ytd', {
          unit: 'count',
          type: 'cumulative',
          base: 'headcount',
          window: 'ytd',
          additivity: 'snapshot',
        }),
      },
      'headcount_ytd.yaml',
      'headcount_ytd',
      ['a running total needs an additive base; headcount is snapshot'],
    ],
    [
      'to_date over a ratio',
      {
        'revenue.yaml': REVENUE,
        'order_count.yaml': ORDERS,
        'aov.yaml': derived('aov', {
          type: 'ratio',
          numerator: 'revenue',
          denominator: 'order_count',
          additivity: 'non_additive',
        }),
        'aov_to_date.yaml': derived('aov_to_date', {
          type: 'cumulative',
          base: 'aov',
          window: 'to_date',
          additivity: 'snapshot',
        }),
      },
      'aov_to_date.yaml',
      'aov_to_date',
      ['a running total needs an additive base; aov is non_additive'],
    ],
    [
      'to_date over a ratio mislabelled additive',
      {
        'revenue.yaml': REVENUE,
        'order_count.yaml': ORDERS,
        'aov.yaml': derived('aov', {
          type: 'ratio',
          numerator: 'revenue',
          denominator: 'order_count',
          additivity: 'additive',
        }),
        'aov_to_date.yaml': derived('aov_to_date', {
          type: 'cumulative',
          base: 'aov',
          window: 'to_date',
          additivity: 'snapshot',
        }),
      },
      'aov_to_date.yaml',
      'aov_to_date',
      ['"to_date" needs a base built from simple indicators with + and - only; aov is not'],
    ],
    [
      'to_date over a formula with a constant (added once, not once per period)',
      {
        'revenue.yaml': REVENUE,
        'padded.yaml': derived('padded', { type: 'formula', formula: 'revenue + 100' }),
        'padded_to_date.yaml': derived('padded_to_date', {
          type: 'cumulative',
          base: 'padded',
          window: 'to_date',
          additivity: 'snapshot',
        }),
      },
      'padded_to_date.yaml',
      'padded_to_date',
      ['"to_date" needs a base built from simple indicators with + and - only; padded is not'],
    ],
  ];

  test.each(cases)('%s', (_what, files, file, code, problem) => {
    const dir = dictionaryDir(files);
    const error = thrown(() => loadDictionary(dir, catalog, units));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(shown(dir, file));
    if (code) expect(error.message).toMatch(new RegExp(`\\b${code}\\b`));
    for (const p of problem) expect(error.message).toContain(p);
  });

  test('the full message of a cycle', () => {
    const dir = dictionaryDir({
      'a.yaml': derived('a', { type: 'formula', formula: 'b * 2' }),
      'b.yaml': derived('b', { type: 'formula', formula: 'a / 2' }),
    });
    expect(thrown(() => loadDictionary(dir, catalog, units)).message).toBe(
      `Indicator file ${shown(dir, 'a.yaml')} (a): formula cycle: a → b → a`,
    );
  });

  test('the full message of an unknown source measure', () => {
    const dir = dictionaryDir({ 'bad_measure.yaml': simple('bad_measure', ['crm', 'orders', 'amount'], 'CNY') });
    const tiny = { crm: { orders: { dimensions: ['department'], measures: ['revenue', 'orderCount'] } } };
    expect(thrown(() => loadDictionary(dir, tiny)).message).toBe(
      `Indicator file ${shown(dir, 'bad_measure.yaml')} (bad_measure): unknown source measure crm.orders.amount (known measures of crm.orders: revenue, orderCount)`,
    );
  });

  test('the full message of a duplicate code', () => {
    const dir = dictionaryDir({
      'a/dup.yaml': REVENUE.replace('code: revenue', 'code: dup'),
      'b/dup.yaml': ORDERS.replace('code: order_count', 'code: dup'),
    });
    expect(thrown(() => loadDictionary(dir, catalog, units)).message).toBe(
      `Indicator dup is defined twice: in ${shown(dir, 'a/dup.yaml')} and in ${shown(dir, 'b/dup.yaml')}`,
    );
  });

  test('owner.department (deprecated) is read as owner.unit; a numeric person id as text', () => {
    const dir = dictionaryDir({
      'old.yaml': yaml({ code: 'old', owner: { department: 'D0002', person: 'EMP-000006' } }),
      'numeric.yaml': yaml({ code: 'numeric', owner: { person: 3 } }),
    });
    const dictionary = loadDictionary(dir, catalog, units);
    expect(dictionary.get('old')!.def.owner).toEqual({ unit: 'D0002', person: 'EMP-000006' });
    expect(dictionary.get('numeric')!.def.owner).toEqual({ person: '3' });
  });

  test('a missing directory says which setting names it', () => {
    const error = thrown(() => loadDictionary(join(root, 'nowhere'), catalog));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `Indicator directory "${join(root, 'nowhere')}" does not exist (create it, or name another folder in model.yaml paths.indicators).`,
    );
  });

  test('the same definitions load when valid, several to a file, and a list file counts each', () => {
    const dir = dictionaryDir({
      'revenue.yaml': REVENUE,
      'counts.yaml': `- ${ORDERS.trimEnd().split('\n').join('\n  ')}\n- ${HEADCOUNT.trimEnd().split('\n').join('\n  ')}\n`,
      'aov.yaml': derived('aov', {
        type: 'ratio',
        numerator: 'revenue',
        denominator: 'order_count',
        additivity: 'non_additive',
      }),
      'notes.txt': 'not an indicator',
    });
    const dictionary = loadDictionary(dir, catalog, units);
    expect(dictionary.all().map((i) => i.def.code)).toEqual(['aov', 'headcount', 'order_count', 'revenue']);
    expect(dictionary.get('order_count')!.file).toBe(shown(dir, 'counts.yaml'));
  });
});

/* ------------------------------------------------------------------------------------------------ */

describe('Dictionary.search over the starter dictionary', () => {
  const dictionary = loadDictionary('models/demo/indicators', catalog);
  const codes = (found: Indicator[]) => found.map((i) => i.def.code);

  const cases: Array<
    [what: string, text: string | undefined, filters: { tag?: string; owner?: string }, expected: string[]]
  > = [
    ['code', 'revenue_ytd', {}, ['revenue_ytd']],
    ['code, any case', 'DSO', {}, ['dso']],
    [
      'Chinese name',
      '营业收入',
      {},
      ['revenue', 'revenue_mom', 'revenue_per_head', 'revenue_rolling_3', 'revenue_yoy', 'revenue_ytd'],
    ],
    ['English name', 'gross margin', {}, ['gross_margin', 'gross_profit']],
    ['synonym (zh)', '销售收入', {}, ['revenue']],
    ['synonym (en)', 'turnover rate', {}, ['attrition_rate']],
    [
      'tag',
      'building-block',
      {},
      [
        'delivery_count',
        'departures_to_date',
        'hires_to_date',
        'invoiced_to_date',
        'on_time_delivery_count',
        'procurement_list_value',
        'received_to_date',
      ],
    ],
    [
      'owner person',
      'EMP-000334',
      {},
      [
        'delivery_count',
        'on_time_delivery_count',
        'po_count',
        'procurement_list_value',
        'procurement_savings_rate',
        'procurement_spend',
        'procurement_to_revenue',
        'supplier_on_time_rate',
      ],
    ],
    [
      'tag filter',
      undefined,
      { tag: 'cross-system' },
      [
        'cash_reconciliation_gap',
        'collection_rate',
        'expense_ratio',
        'gross_profit_per_head',
        'labor_cost_ratio',
        'procurement_to_revenue',
        'revenue_per_head',
      ],
    ],
    [
      'owner filter by organisation unit',
      undefined,
      { owner: 'D0025' },
      [
        'attrition_rate',
        'departures',
        'departures_to_date',
        'headcount',
        'hires',
        'hires_to_date',
        'payroll_cost',
        'payroll_per_head',
      ],
    ],
    ['owner filter by person, with text', '人均', { owner: 'EMP-000294' }, ['payroll_per_head']],
    ['text and tag together', 'revenue', { tag: 'growth' }, ['revenue_mom', 'revenue_yoy']],
    ['nothing', 'no such indicator', {}, []],
  ];

  test.each(cases)('by %s: %j %j', (_what, text, filters, expected) => {
    expect(codes(dictionary.search(text, filters))).toEqual(expected);
  });

  test('no text and no filter lists everything, sorted by code (not by file)', () => {
    const found = codes(dictionary.search(undefined));
    expect(found).toHaveLength(dictionary.size);
    expect(found).toEqual([...found].sort());
    expect(found).not.toEqual(codes([...dictionary.all()].sort((a, b) => a.file.localeCompare(b.file))));
  });

  test.each(['营业收入', 'revenue', 'EMP-000294', 'finance'])('results for %j are sorted by code', (text) => {
    const found = codes(dictionary.search(text));
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual([...found].sort());
  });
});

describe('Dictionary.all and codes (read on every request)', () => {
  const dictionary = loadDictionary('models/demo/indicators', catalog);

  test('all() is sorted by code, the same each time, and a copy the caller may change', () => {
    const codes = dictionary.all().map((i) => i.def.code);
    expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
    const mine = dictionary.all();
    mine.reverse();
    mine.pop();
    expect(dictionary.all().map((i) => i.def.code)).toEqual(codes);
    expect(dictionary.all()).not.toBe(dictionary.all());
  });

  test('codes is every indicator by its code; a new version is a new dictionary with its own', () => {
    const all = dictionary.all();
    expect([...dictionary.codes.keys()].sort()).toEqual(all.map((i) => i.def.code).sort());
    for (const i of all) expect(dictionary.codes.get(i.def.code)).toBe(i);
    const first = all[0]!;
    const changed = dictionary.with({ ...first, version: 'v99' });
    expect(changed.codes.get(first.def.code)?.version).toBe('v99');
    expect(changed.all().find((i) => i.def.code === first.def.code)?.version).toBe('v99');
    expect(dictionary.codes.get(first.def.code)).toBe(first);
  });
});
