import { checkPersonalData, personalCodes, personalFactsOf } from '../../../src/auth/personal-data';
import { loadPolicy, PolicyBook } from '../../../src/auth/policy';
import { ConfigError } from '../../../src/errors';
import { catalogOfDefinitions } from '../../../src/indicators/catalog';
import { loadDictionary } from '../../../src/indicators/load';
import type { MeasureCatalog } from '../../../src/indicators/validate';
import { DEMO_MODEL } from '../../support/demo-model';

/**
 * Personal data by lineage (src/auth/personal-data.ts) on the demo dictionary: which codes read a personal
 * fact, directly or through inputs, is read off the YAML by hand (payroll_cost reads hr.payroll;
 * payroll_per_head and labor_cost_ratio divide it; revenue reads crm.orders; attrition_rate divides
 * hr.departures), and the start-up check of `personalData` against a catalog.
 */
const dictionary = loadDictionary('models/demo/indicators', catalogOfDefinitions(DEMO_MODEL));
const demo = loadPolicy('models/demo/policy.yaml');
const facts = (extra: Record<string, { population: string; dimension: string }>) =>
  new PolicyBook(
    {
      ...demo.policy,
      personalData: { ...demo.policy.personalData, facts: { ...demo.policy.personalData.facts, ...extra } },
    },
    'policy.yaml',
  );

describe('personal data by lineage', () => {
  test('a simple indicator over the personal fact, and every indicator computed from it, are personal; others are not', () => {
    const ids = (code: string) => personalFactsOf(dictionary, code, demo).map((f) => f.id);
    expect(ids('payroll_cost')).toEqual(['hr.payroll']);
    expect(ids('payroll_per_head')).toEqual(['hr.payroll']);
    expect(ids('labor_cost_ratio')).toEqual(['hr.payroll']);
    expect(ids('revenue')).toEqual([]);
    expect(ids('attrition_rate')).toEqual([]);
    expect(ids('no_such_code')).toEqual([]);
    expect(personalFactsOf(dictionary, 'payroll_cost', demo)).toEqual([
      { id: 'hr.payroll', source: 'hr', fact: 'payroll', population: 'paidEmployees', dimension: 'department' },
    ]);
  });

  test('several personal facts: each once, sorted by id, whatever the order of the inputs', () => {
    const book = facts({
      'crm.orders': { population: 'customers', dimension: 'department' },
      'hr.departures': { population: 'leavers', dimension: 'department' },
    });
    expect(personalFactsOf(dictionary, 'labor_cost_ratio', book).map((f) => f.id)).toEqual([
      'crm.orders',
      'hr.payroll',
    ]);
    expect(personalFactsOf(dictionary, 'attrition_rate', book).map((f) => f.id)).toEqual(['hr.departures']);
  });

  test('personalCodes: exactly the codes with a personal fact in their lineage, with their facts', () => {
    const codes = personalCodes(dictionary, demo);
    const byCode = new Map(codes.map((c) => [c.code, c.facts]));
    expect(byCode.get('payroll_cost')).toEqual(['hr.payroll']);
    expect(byCode.get('labor_cost_ratio')).toEqual(['hr.payroll']);
    expect(byCode.has('revenue')).toBe(false);
    expect(codes.every((c) => c.facts.length > 0)).toBe(true);
    // Oracle: every code whose lineage names payroll_cost, by the YAML's own dependency lists.
    for (const c of codes) expect(personalFactsOf(dictionary, c.code, demo).map((f) => f.id)).toEqual(c.facts);
  });
});

describe('checkPersonalData (start-up)', () => {
  // Sources and facts deliberately out of alphabetical order: the messages list what is known sorted.
  const catalog: MeasureCatalog = {
    hr: {
      roster: { dimensions: ['department'], measures: ['people'] },
      payroll: {
        dimensions: ['department', 'employee'],
        measures: ['payrollCost', 'paidEmployees'],
        aggs: { payrollCost: 'sum', paidEmployees: 'count_distinct' },
      },
    },
    crm: { orders: { dimensions: ['customer'], measures: ['revenue'] } },
  };
  const problem = (extra: Record<string, { population: string; dimension: string }>, only = true): string => {
    const book = only
      ? new PolicyBook({ ...demo.policy, personalData: { ...demo.policy.personalData, facts: extra } }, 'policy.yaml')
      : facts(extra);
    try {
      checkPersonalData(book, catalog);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    return 'accepted';
  };

  test("the demo's declaration passes; a measure without a declared aggregation passes", () => {
    expect(problem({}, false)).toBe('accepted');
    expect(problem({ 'hr.roster': { population: 'people', dimension: 'department' } })).toBe('accepted');
  });

  test('each mistake is refused naming the file, the path and what is known', () => {
    expect(problem({ 'erp.x': { population: 'p', dimension: 'd' } })).toBe(
      'policy.yaml: personalData.facts["erp.x"]: unknown source "erp" (known: crm, hr)',
    );
    expect(problem({ 'hr.x': { population: 'p', dimension: 'd' } })).toBe(
      'policy.yaml: personalData.facts["hr.x"]: source hr has no fact "x" (known: payroll, roster)',
    );
    expect(problem({ 'hr.payroll': { population: 'people', dimension: 'department' } })).toBe(
      'policy.yaml: personalData.facts["hr.payroll"].population: fact hr.payroll has no measure "people" (known: payrollCost, paidEmployees)',
    );
    expect(problem({ 'hr.payroll': { population: 'payrollCost', dimension: 'department' } })).toBe(
      'policy.yaml: personalData.facts["hr.payroll"].population: "payrollCost" is a sum; the people behind a cell are counted by a count_distinct measure',
    );
    expect(problem({ 'hr.payroll': { population: 'paidEmployees', dimension: 'site' } })).toBe(
      'policy.yaml: personalData.facts["hr.payroll"].dimension: fact hr.payroll has no dimension "site" (known: department, employee)',
    );
  });
});
