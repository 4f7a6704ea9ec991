import { Evaluator } from '../../../src/engine/evaluate';
import { OPENING, TOTAL } from '../../../src/engine/fetch';
import type { Leaf } from '../../../src/engine/regroup';
import type { Indicator } from '../../../src/indicators/dictionary';
import { bucketsBetween } from '../../../src/values/buckets';
import { parsePeriod, type CalendarOptions } from '../../../src/values/period';
import { dictionary, formula, indicator, leaf, shown, simple } from './fixtures';

const cal = (fiscalYearStartMonth: number): CalendarOptions => ({ fiscalYearStartMonth });

// ---- the dictionary under test ----------------------------------------------------------------------------
const revenue = simple('revenue');
const cost = simple('cost');
const orders = simple('orders', { unit: 'count' });
const headcount = simple('headcount', { unit: 'count', additivity: 'snapshot' });
const invoiced = simple('invoiced');
const collected = simple('collected');
const grossProfit = formula('gross_profit', 'revenue - cost');
const receivables = formula('receivables', 'invoiced - collected');
const all: Indicator[] = [
  revenue,
  cost,
  orders,
  headcount,
  invoiced,
  collected,
  grossProfit,
  receivables,
  indicator({
    code: 'gross_margin',
    type: 'ratio',
    numerator: 'gross_profit',
    denominator: 'revenue',
    scale: 100,
    unit: 'percent',
  }),
  indicator({ code: 'cost_ratio', type: 'ratio', numerator: 'cost', denominator: 'revenue', unit: 'ratio' }),
  indicator({
    code: 'revenue_per_head',
    type: 'ratio',
    numerator: 'revenue',
    denominator: 'headcount',
    unit: 'CNY_per_person',
  }),
  formula('revenue_per_day', 'revenue / days()'),
  indicator({ code: 'revenue_ytd', type: 'cumulative', base: 'revenue', window: 'ytd' }),
  indicator({ code: 'revenue_qtd', type: 'cumulative', base: 'revenue', window: 'qtd' }),
  indicator({ code: 'revenue_r3', type: 'cumulative', base: 'revenue', window: 'rolling', periods: 3 }),
  indicator({ code: 'revenue_r12', type: 'cumulative', base: 'revenue', window: 'rolling', periods: 12 }),
  indicator({ code: 'headcount_r3', type: 'cumulative', base: 'headcount', window: 'rolling', periods: 3 }),
  indicator({ code: 'invoiced_to_date', type: 'cumulative', base: 'invoiced', window: 'to_date' }),
  indicator({ code: 'receivables_balance', type: 'cumulative', base: 'receivables', window: 'to_date' }),
  indicator({
    code: 'revenue_mom',
    type: 'period_over_period',
    base: 'revenue',
    compare: 'previous',
    as: 'growth',
    unit: 'percent',
  }),
  indicator({
    code: 'revenue_yoy',
    type: 'period_over_period',
    base: 'revenue',
    compare: 'year_ago',
    as: 'growth',
    unit: 'percent',
  }),
  indicator({
    code: 'revenue_yoy_x',
    type: 'period_over_period',
    base: 'revenue',
    compare: 'year_ago',
    as: 'growth',
    unit: 'ratio',
  }),
  indicator({
    code: 'revenue_mom_diff',
    type: 'period_over_period',
    base: 'revenue',
    compare: 'previous',
    as: 'difference',
  }),
  indicator({
    code: 'revenue_yoy_diff',
    type: 'period_over_period',
    base: 'revenue',
    compare: 'year_ago',
    as: 'difference',
  }),
  indicator({
    code: 'gross_profit_mom',
    type: 'period_over_period',
    base: 'gross_profit',
    compare: 'previous',
    as: 'growth',
    unit: 'percent',
  }),
  indicator({
    code: 'headcount_mom',
    type: 'period_over_period',
    base: 'headcount',
    compare: 'previous',
    as: 'growth',
    unit: 'percent',
  }),
  indicator({
    code: 'revenue_ytd_yoy',
    type: 'period_over_period',
    base: 'revenue_ytd',
    compare: 'year_ago',
    as: 'growth',
    unit: 'percent',
  }),
];
const dict = dictionary(...all);

/** Leaves for every simple indicator: the given ones, the others empty sums. */
function leaves(given: Leaf[], buckets = months): Map<string, Leaf> {
  const out = new Map<string, Leaf>(given.map((l) => [l.indicator.def.code, l]));
  for (const i of all) if (i.def.type === 'simple' && !out.has(i.def.code)) out.set(i.def.code, leaf(i, buckets, {}));
  return out;
}

const months = bucketsBetween(parsePeriod('2024-01'), parsePeriod('2025-12'), 'month', cal(1));
/** { "2024-01": { [member]: f(year, month) } … } for every month of 2024–2025. */
const monthly = (f: (year: number, month: number) => Record<string, number>): Record<string, Record<string, string>> =>
  Object.fromEntries(
    months.map((b) => {
      const [y, m] = b.label.split('-').map(Number) as [number, number];
      return [b.label, Object.fromEntries(Object.entries(f(y, m)).map(([k, v]) => [k, String(v)]))];
    }),
  );

/** Revenue per month: 80 × month in 2024, 100 × month in 2025 (2025-03 = 300, 2024-03 = 240, 2024-12 = 960). */
const revenueByMonth = monthly((y, m) => ({ [TOTAL]: (y === 2024 ? 80 : 100) * m }));

function evaluator(given: Leaf[], fy = 1, buckets = months) {
  const e = new Evaluator(dict, leaves(given, buckets), cal(fy));
  return {
    value: (code: string, label: string, member = TOTAL) => shown(e.value(code, parsePeriod(label, cal(fy)), member)),
  };
}

describe('ratio: aggregated numerator / aggregated denominator, never an average of ratios', () => {
  const quarter = [parsePeriod('2025-Q1')];
  // D1: margin 75 %, D2: 10 %; together (400 + 100 − 100 − 90) / 500 = 62 %, not (75 + 10) / 2 = 42.5 %
  const e = evaluator(
    [
      leaf(revenue, quarter, { '2025-Q1': { [TOTAL]: '500', D1: '400', D2: '100', D3: '0' } }),
      leaf(cost, quarter, { '2025-Q1': { [TOTAL]: '190', D1: '100', D2: '90', D3: '5', D4: '1' } }),
      leaf(headcount, quarter, { '2025-Q1': { [TOTAL]: '8', D1: '5' } }, { agg: 'avg' }),
    ],
    1,
    quarter,
  );
  const cases: Array<[code: string, member: string, expected: string | { reason: string }]> = [
    ['gross_margin', TOTAL, '62'],
    ['gross_margin', 'D1', '75'],
    ['gross_margin', 'D2', '10'],
    ['cost_ratio', TOTAL, '0.38'], // scale 1: a plain ratio
    ['cost_ratio', 'D2', '0.9'],
    ['revenue_per_head', TOTAL, '62.5'],
    ['revenue_per_head', 'D1', '80'],
    // zero denominator: null with the reason, never Infinity
    ['gross_margin', 'D3', { reason: 'division by zero: revenue is 0 in 2025-Q1' }],
    ['cost_ratio', 'D3', { reason: 'division by zero: revenue is 0 in 2025-Q1' }],
    // no revenue rows for D4: a sum leaf reads 0, so the ratio is a division by zero, not a silent 0
    ['cost_ratio', 'D4', { reason: 'division by zero: revenue is 0 in 2025-Q1' }],
    // a null denominator (an average with no rows) propagates its reason
    ['revenue_per_head', 'D2', { reason: 'no headcount rows in 2025-Q1' }],
  ];
  test.each(cases)('%s for member %j = %j', (code, member, expected) => {
    expect(e.value(code, '2025-Q1', member)).toEqual(expected);
  });
});

describe('formula: exact arithmetic on the inputs, days() = days in the bucket', () => {
  const e = evaluator([
    leaf(revenue, months, revenueByMonth),
    leaf(
      cost,
      months,
      monthly((_y, m) => ({ [TOTAL]: m * 30 })),
    ),
  ]);
  const cases: Array<[code: string, label: string, expected: string]> = [
    ['gross_profit', '2025-03', '210'], // 300 − 90
    ['gross_profit', '2024-12', '600'], // 960 − 360
    ['revenue_per_day', '2024-02', '5.51724138'], // 160 / 29 (leap year)
    ['revenue_per_day', '2025-02', '7.14285714'], // 200 / 28
    ['revenue_per_day', '2025-03', '9.67741935'], // 300 / 31
  ];
  test.each(cases)('%s in %s = %s', (code, label, expected) => {
    expect(e.value(code, label)).toBe(expected);
  });
});

describe('cumulative ytd / qtd / rolling: sums of the base over the window ending at the bucket', () => {
  const cases: Array<[code: string, label: string, fy: number, expected: string]> = [
    // calendar year
    ['revenue_ytd', '2025-01', 1, '100'],
    ['revenue_ytd', '2025-03', 1, '600'], // 100 + 200 + 300
    ['revenue_ytd', '2025-12', 1, '7800'], // 100 × (1 + … + 12)
    ['revenue_ytd', '2024-06', 1, '1680'], // 80 × 21
    ['revenue_qtd', '2025-04', 1, '400'],
    ['revenue_qtd', '2025-05', 1, '900'],
    ['revenue_qtd', '2025-06', 1, '1500'],
    ['revenue_qtd', '2025-12', 1, '3300'],
    // fiscal year from April: the year to date of March 2025 runs from April 2024
    ['revenue_ytd', '2025-03', 4, '6360'], // 80 × (4 + … + 12) + 600
    ['revenue_ytd', '2025-04', 4, '400'],
    ['revenue_ytd', '2025-05', 4, '900'],
    // fiscal quarters from February: Nov–Jan, Feb–Apr, May–Jul, Aug–Oct
    ['revenue_qtd', '2025-05', 2, '500'],
    ['revenue_qtd', '2025-01', 2, '1940'], // 880 + 960 + 100, across the calendar year end
    ['revenue_qtd', '2025-04', 2, '900'], // 200 + 300 + 400
    // rolling windows: the bucket and the N−1 before it, across the year end
    ['revenue_r3', '2025-06', 1, '1500'],
    ['revenue_r3', '2025-02', 1, '1260'], // 960 + 100 + 200
    ['revenue_r3', '2025-01', 1, '1940'], // 880 + 960 + 100
    ['revenue_r12', '2025-03', 1, '6360'],
    ['revenue_r12', '2024-12', 1, '6240'], // 80 × 78
  ];
  test.each(cases)('%s in %s (fiscal year from month %d) = %s', (code, label, fy, expected) => {
    expect(evaluator([leaf(revenue, months, revenueByMonth)], fy).value(code, label)).toBe(expected);
  });

  test('weekly year to date starts at ISO week 01: 2020-W53 (which holds 2021-01-01) is not part of 2021', () => {
    const weeks = bucketsBetween(parsePeriod('2020-W52'), parsePeriod('2021-W03'), 'week', cal(1));
    const values = { '2020-W52': '1', '2020-W53': '2', '2021-W01': '4', '2021-W02': '8', '2021-W03': '16' };
    const e = evaluator(
      [leaf(revenue, weeks, Object.fromEntries(Object.entries(values).map(([w, v]) => [w, { [TOTAL]: v }])))],
      1,
      weeks,
    );
    expect(['2020-W53', '2021-W01', '2021-W02', '2021-W03'].map((w) => e.value('revenue_ytd', w))).toEqual([
      '3',
      '4',
      '12',
      '28',
    ]);
  });

  test('a null in the window makes the running total null with that reason', () => {
    const e = evaluator([
      leaf(headcount, months, { '2025-01': { [TOTAL]: '5' }, '2025-03': { [TOTAL]: '7' } }, { agg: 'avg' }),
    ]);
    expect(e.value('headcount_r3', '2025-03')).toEqual({ reason: 'no headcount rows in 2025-02' });
  });
});

describe(`to_date: the opening bucket (${OPENING}) plus every bucket up to and including the period`, () => {
  const run = bucketsBetween(parsePeriod('2025-01'), parsePeriod('2025-06'), 'month', cal(1));
  const perMonth = (v: Record<string, string>) => Object.fromEntries(run.map((b) => [b.label, v]));
  const e = evaluator(
    [
      leaf(invoiced, run, {
        [OPENING]: { [TOTAL]: '1000', D1: '250.50' },
        ...perMonth({ [TOTAL]: '100', D1: '10', D2: '7' }),
      }),
      leaf(collected, run, { [OPENING]: { [TOTAL]: '600' }, ...perMonth({ [TOTAL]: '50', D2: '2' }) }),
    ],
    1,
    run,
  );
  const cases: Array<[code: string, label: string, member: string, expected: string]> = [
    ['invoiced_to_date', '2025-01', TOTAL, '1100'],
    ['invoiced_to_date', '2025-03', TOTAL, '1300'],
    ['invoiced_to_date', '2025-06', TOTAL, '1600'],
    ['invoiced_to_date', '2025-03', 'D1', '280.5'],
    ['invoiced_to_date', '2025-03', 'D2', '21'], // no opening value: 0
    // a linear formula base is accumulated input by input
    ['receivables_balance', '2025-01', TOTAL, '450'], // (1000 − 600) + (100 − 50)
    ['receivables_balance', '2025-03', TOTAL, '550'],
    ['receivables_balance', '2025-06', TOTAL, '700'],
    ['receivables_balance', '2025-04', 'D2', '20'], // 4 × (7 − 2)
  ];
  test.each(cases)('%s in %s for %j = %s', (code, label, member, expected) => {
    expect(e.value(code, label, member)).toBe(expected);
  });
});

describe('period_over_period: growth (× 100 for percent) and difference against the previous or year-ago bucket', () => {
  const cases: Array<[code: string, label: string, expected: string]> = [
    ['revenue_mom', '2025-03', '50'], // (300 − 200) / 200
    ['revenue_mom', '2025-01', '-89.583333'], // (100 − 960) / 960, growth rounded to 8 places then × 100
    ['revenue_yoy', '2025-03', '25'], // (300 − 240) / 240
    ['revenue_yoy', '2025-12', '25'],
    ['revenue_yoy_x', '2025-03', '0.25'], // unit ratio: not × 100
    ['revenue_mom_diff', '2025-03', '100'],
    ['revenue_mom_diff', '2025-01', '-860'],
    ['revenue_yoy_diff', '2025-06', '120'],
    ['revenue_ytd_yoy', '2025-03', '25'], // 600 vs 480: year to date against the year to date a year earlier
  ];
  test.each(cases)('%s in %s = %s', (code, label, expected) => {
    expect(evaluator([leaf(revenue, months, revenueByMonth)]).value(code, label)).toBe(expected);
  });

  test('year_ago of ISO week 2020-W53 compares with 2019-W52', () => {
    const weeks = bucketsBetween(parsePeriod('2019-W52'), parsePeriod('2020-W53'), 'week', cal(1));
    const e = evaluator(
      [leaf(revenue, weeks, { '2019-W52': { [TOTAL]: '50' }, '2020-W53': { [TOTAL]: '75' } })],
      1,
      weeks,
    );
    expect([e.value('revenue_yoy', '2020-W53'), e.value('revenue_yoy_diff', '2020-W53')]).toEqual(['50', '25']);
  });

  test('year_ago of fiscal quarter FY2025-Q1 compares with FY2024-Q1', () => {
    const quarters = bucketsBetween(
      parsePeriod('FY2024-Q1', cal(4)),
      parsePeriod('FY2025-Q1', cal(4)),
      'quarter',
      cal(4),
    );
    const e = evaluator(
      [
        leaf(revenue, quarters, {
          'FY2024-Q1': { [TOTAL]: '400' },
          'FY2025-Q1': { [TOTAL]: '500' },
          'FY2024-Q4': { [TOTAL]: '1' },
        }),
      ],
      4,
      quarters,
    );
    expect(e.value('revenue_yoy', 'FY2025-Q1')).toBe('25');
  });

  describe('a zero, negative or missing base', () => {
    const e = evaluator([
      leaf(revenue, months, {
        '2025-02': { [TOTAL]: '0' },
        '2025-03': { [TOTAL]: '80' },
        '2025-05': { [TOTAL]: '150' },
      }),
      leaf(cost, months, { '2025-04': { [TOTAL]: '100' }, '2025-05': { [TOTAL]: '100' } }),
      leaf(headcount, months, { '2025-01': { [TOTAL]: '4' }, '2025-03': { [TOTAL]: '5' } }, { agg: 'avg' }),
    ]);
    const cases: Array<[code: string, label: string, expected: string | { reason: string }]> = [
      ['revenue_mom', '2025-03', { reason: 'no growth rate: revenue was 0 in 2025-02' }],
      ['revenue_mom_diff', '2025-03', '80'], // a difference from 0 is fine
      ['revenue_yoy', '2025-03', { reason: 'no growth rate: revenue was 0 in 2024-03' }], // no rows in a sum leaf: 0
      // growth against a negative base is measured against its size: −100 → 50 is +150 %, not −150 %
      ['gross_profit_mom', '2025-05', '150'],
      ['gross_profit_mom', '2025-04', '-225'], // 80 → −100
      // an average with no rows: null, with the bucket it is missing from
      ['headcount_mom', '2025-03', { reason: 'headcount has no value in 2025-02: no headcount rows in 2025-02' }],
      ['headcount_mom', '2025-02', { reason: 'no headcount rows in 2025-02' }],
    ];
    test.each(cases)('%s in %s = %j', (code, label, expected) => {
      expect(e.value(code, label)).toEqual(expected);
    });
  });
});

describe('members: counterparts and missing rows', () => {
  const hasCounterpart = (m: string) => m !== 'D9';
  const e = evaluator([
    leaf(
      revenue,
      months,
      { ...revenueByMonth, '2025-03': { [TOTAL]: '300', D1: '200' } },
      { hasCounterpart, source: 'crm' },
    ),
    leaf(cost, months, { '2025-03': { D1: '50' } }, { hasCounterpart: () => true }),
    leaf(invoiced, months, { [OPENING]: { D1: '5' }, '2025-03': { D1: '1' } }, { hasCounterpart, source: 'erp' }),
  ]);
  const noCounterpart = { reason: 'D9 has no counterpart in crm' };
  const cases: Array<[code: string, label: string, member: string, expected: string | { reason: string }]> = [
    ['revenue', '2025-03', 'D9', noCounterpart], // not 0: the source cannot say anything about D9
    ['revenue', '2025-03', 'D2', '0'], // a counterpart without rows: 0
    ['gross_profit', '2025-03', 'D9', noCounterpart],
    ['gross_margin', '2025-03', 'D9', noCounterpart],
    ['revenue_ytd', '2025-03', 'D9', noCounterpart],
    ['revenue_mom', '2025-03', 'D9', noCounterpart],
    ['invoiced_to_date', '2025-03', 'D9', { reason: 'D9 has no counterpart in erp' }],
    ['invoiced_to_date', '2025-03', 'D1', '6'],
    ['gross_margin', '2025-03', 'D1', '75'],
  ];
  test.each(cases)('%s in %s for %j = %j', (code, label, member, expected) => {
    expect(e.value(code, label, member)).toEqual(expected);
  });
});

describe('a member or bucket without rows: sums and counts (distinct ones too) are 0, other aggregates null', () => {
  const cases: Array<[agg: Leaf['agg'], expected: string | { reason: string }]> = [
    ['sum', '0'],
    ['count', '0'],
    ['avg', { reason: 'no orders rows in 2025-03' }],
    ['min', { reason: 'no orders rows in 2025-03' }],
    ['max', { reason: 'no orders rows in 2025-03' }],
    ['count_distinct', '0'],
  ];
  test.each(cases)('%s → %j', (agg, expected) => {
    const e = evaluator([leaf(orders, months, { '2025-03': { D1: '3' }, '2025-02': { D2: '4' } }, { agg })]);
    expect(e.value('orders', '2025-03', 'D2')).toEqual(expected); // D2 has rows, but not in 2025-03
    expect(e.value('orders', '2025-03', 'D1')).toBe('3');
  });

  test('an unavailable leaf (e.g. an average that cannot be regrouped) is null with its reason, and so is everything built on it', () => {
    const reason = 'a avg cannot be regrouped by department.region';
    const e = evaluator([
      leaf(revenue, months, revenueByMonth),
      leaf(headcount, months, {}, { agg: 'avg', unavailable: reason }),
    ]);
    expect([
      e.value('headcount', '2025-03'),
      e.value('revenue_per_head', '2025-03'),
      e.value('headcount_mom', '2025-03'),
    ]).toEqual([{ reason }, { reason }, { reason }]);
  });
});
