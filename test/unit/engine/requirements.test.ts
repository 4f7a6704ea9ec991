import { requirements } from '../../../src/engine/requirements';
import { bucketsBetween } from '../../../src/values/buckets';
import { parsePeriod, type CalendarOptions, type Period } from '../../../src/values/period';
import { dictionary, formula, indicator, simple } from './fixtures';

const cal = (fiscalYearStartMonth: number): CalendarOptions => ({ fiscalYearStartMonth });

const dict = dictionary(
  simple('revenue'),
  simple('cost'),
  simple('invoiced'),
  simple('collected'),
  simple('headcount', { unit: 'count' }),
  formula('gross_profit', 'revenue - cost'),
  formula('receivables', 'invoiced - collected'),
  formula('revenue_per_day', 'revenue / days()'),
  indicator({
    code: 'gross_margin',
    type: 'ratio',
    numerator: 'gross_profit',
    denominator: 'revenue',
    scale: 100,
    unit: 'percent',
  }),
  indicator({ code: 'revenue_per_head', type: 'ratio', numerator: 'revenue', denominator: 'headcount' }),
  indicator({ code: 'revenue_ytd', type: 'cumulative', base: 'revenue', window: 'ytd' }),
  indicator({ code: 'revenue_qtd', type: 'cumulative', base: 'revenue', window: 'qtd' }),
  indicator({ code: 'revenue_r3', type: 'cumulative', base: 'revenue', window: 'rolling', periods: 3 }),
  indicator({ code: 'revenue_r12', type: 'cumulative', base: 'revenue', window: 'rolling', periods: 12 }),
  indicator({ code: 'receivables_balance', type: 'cumulative', base: 'receivables', window: 'to_date' }),
  indicator({ code: 'revenue_mom', type: 'period_over_period', base: 'revenue', compare: 'previous', as: 'growth' }),
  indicator({ code: 'revenue_yoy', type: 'period_over_period', base: 'revenue', compare: 'year_ago', as: 'growth' }),
  indicator({
    code: 'gross_margin_yoy',
    type: 'period_over_period',
    base: 'gross_margin',
    compare: 'year_ago',
    as: 'difference',
  }),
  indicator({
    code: 'revenue_ytd_yoy',
    type: 'period_over_period',
    base: 'revenue_ytd',
    compare: 'year_ago',
    as: 'growth',
  }),
  indicator({
    code: 'revenue_r3_mom',
    type: 'period_over_period',
    base: 'revenue_r3',
    compare: 'previous',
    as: 'growth',
  }),
  indicator({
    code: 'receivables_balance_mom',
    type: 'period_over_period',
    base: 'receivables_balance',
    compare: 'previous',
    as: 'difference',
  }),
);

/** Labels `from` … `to` at the grain of `from`, in order. */
function run(from: string, to: string, fy = 1): string[] {
  const first = parsePeriod(from, cal(fy));
  return bucketsBetween(first, parsePeriod(to, cal(fy)), first.grain, cal(fy)).map((b) => b.label);
}

/** code → [sorted bucket labels, sinceInception] for every leaf the request needs. */
function needsOf(codes: string[], labels: string[], fy = 1): Record<string, [string[], boolean]> {
  const buckets: Period[] = labels.map((l) => parsePeriod(l, cal(fy)));
  const needs = requirements(dict, codes, buckets, cal(fy));
  const out: Record<string, [string[], boolean]> = {};
  for (const [code, need] of needs) {
    // keyed by label, each with its own period
    for (const [label, p] of need.buckets) expect(p.label).toBe(label);
    const sorted = [...need.buckets.values()].sort((a, b) => a.from.localeCompare(b.from)).map((b) => b.label);
    out[code] = [sorted, need.sinceInception];
  }
  return out;
}

describe('requirements: walks indicators down to their simple inputs', () => {
  test('a simple indicator needs exactly the requested buckets', () => {
    expect(needsOf(['revenue'], ['2025-03', '2025-05'])).toEqual({ revenue: [['2025-03', '2025-05'], false] });
  });

  test('a formula needs each of its inputs, and days() needs nothing', () => {
    expect(needsOf(['gross_profit', 'revenue_per_day'], ['2025-03'])).toEqual({
      revenue: [['2025-03'], false],
      cost: [['2025-03'], false],
    });
  });

  test("a ratio over a formula needs the formula's inputs, once each", () => {
    expect(needsOf(['gross_margin', 'revenue_per_head'], ['2025-Q4'])).toEqual({
      revenue: [['2025-Q4'], false],
      cost: [['2025-Q4'], false],
      headcount: [['2025-Q4'], false],
    });
  });

  test('indicators sharing an input: the union of what each needs', () => {
    expect(needsOf(['revenue', 'revenue_yoy', 'revenue_mom'], ['2025-03'])).toEqual({
      revenue: [['2024-03', '2025-02', '2025-03'], false],
    });
  });

  test('no entry for derived indicators: only simple ones are fetched', () => {
    const needs = requirements(
      dict,
      ['gross_margin_yoy', 'revenue_ytd_yoy', 'receivables_balance'],
      [parsePeriod('2025-03')],
      cal(1),
    );
    expect([...needs.values()].every((n) => n.indicator.def.type === 'simple')).toBe(true);
  });
});

describe('requirements: period_over_period adds the previous or year-ago buckets', () => {
  const cases: Array<[code: string, labels: string[], fy: number, needs: Record<string, [string[], boolean]>]> = [
    ['revenue_yoy', ['2025-03'], 1, { revenue: [['2024-03', '2025-03'], false] }],
    ['revenue_yoy', ['2025-01', '2025-02'], 1, { revenue: [['2024-01', '2024-02', '2025-01', '2025-02'], false] }],
    ['revenue_yoy', ['2025-Q1'], 1, { revenue: [['2024-Q1', '2025-Q1'], false] }],
    ['revenue_yoy', ['FY2025-Q1'], 4, { revenue: [['FY2024-Q1', 'FY2025-Q1'], false] }],
    ['revenue_yoy', ['2020-W53'], 1, { revenue: [['2019-W52', '2020-W53'], false] }],
    ['revenue_yoy', ['2024-02-29'], 1, { revenue: [['2023-02-28', '2024-02-29'], false] }],
    ['revenue_mom', ['2025-01'], 1, { revenue: [['2024-12', '2025-01'], false] }],
    ['revenue_mom', ['FY2025-Q1'], 4, { revenue: [['FY2024-Q4', 'FY2025-Q1'], false] }],
    ['revenue_mom', ['2025-W01'], 1, { revenue: [['2024-W52', '2025-W01'], false] }],
    [
      'gross_margin_yoy',
      ['2025-Q4'],
      1,
      { revenue: [['2024-Q4', '2025-Q4'], false], cost: [['2024-Q4', '2025-Q4'], false] },
    ],
  ];
  test.each(cases)('%s for %j (fiscal year from month %d)', (code, labels, fy, needs) => {
    expect(needsOf([code], labels, fy)).toEqual(needs);
  });
});

describe('requirements: ytd / qtd widen back to the start of the (fiscal) year or quarter, rolling N by N−1 buckets', () => {
  const cases: Array<[code: string, labels: string[], fy: number, revenue: string[]]> = [
    ['revenue_ytd', ['2025-03'], 1, run('2025-01', '2025-03')],
    ['revenue_ytd', ['2025-01'], 1, ['2025-01']],
    ['revenue_ytd', ['2025-03'], 4, run('2024-04', '2025-03')], // 12 months of FY2024
    ['revenue_ytd', ['2025-05'], 4, ['2025-04', '2025-05']],
    ['revenue_ytd', ['2025-06', '2025-09'], 1, run('2025-01', '2025-09')],
    ['revenue_ytd', ['2024-12', '2025-02'], 1, run('2024-01', '2025-02')], // two years' starts
    ['revenue_ytd', ['FY2025-Q3'], 4, ['FY2025-Q1', 'FY2025-Q2', 'FY2025-Q3']],
    ['revenue_ytd', ['2025-06-03'], 1, run('2025-01-01', '2025-06-03')],
    ['revenue_ytd', ['2025-W03'], 1, ['2025-W01', '2025-W02', '2025-W03']], // not back to 2024-W01: 2025-W01 starts 2024-12-30
    ['revenue_ytd', ['2021-W02'], 1, ['2021-W01', '2021-W02']], // 2020-W53 holds 2021-01-01 but belongs to 2020
    ['revenue_ytd', ['2025-W01'], 1, ['2025-W01']], // not the 53 weeks of 2024 before it
    ['revenue_qtd', ['2025-05'], 1, ['2025-04', '2025-05']],
    ['revenue_qtd', ['2025-04'], 1, ['2025-04']],
    ['revenue_qtd', ['2025-01'], 2, ['2024-11', '2024-12', '2025-01']], // fiscal quarters from February
    ['revenue_qtd', ['2025-02-15'], 1, run('2025-01-01', '2025-02-15')],
    ['revenue_r3', ['2025-01'], 1, ['2024-11', '2024-12', '2025-01']],
    ['revenue_r3', ['2025-06'], 1, ['2025-04', '2025-05', '2025-06']],
    ['revenue_r3', ['2025-Q1'], 1, ['2024-Q3', '2024-Q4', '2025-Q1']],
    ['revenue_r3', ['2021-W01'], 1, ['2020-W52', '2020-W53', '2021-W01']],
    ['revenue_r3', ['2025-03', '2025-06'], 1, ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']],
    ['revenue_r12', ['2025-03'], 1, run('2024-04', '2025-03')],
    // windows of windows: a year-ago running total needs both years' windows
    ['revenue_ytd_yoy', ['2025-03'], 1, [...run('2024-01', '2024-03'), ...run('2025-01', '2025-03')]],
    ['revenue_r3_mom', ['2025-03'], 1, run('2024-12', '2025-03')],
  ];
  test.each(cases)('%s for %j (fiscal year from month %d): revenue over %j', (code, labels, fy, revenue) => {
    expect(needsOf([code], labels, fy)).toEqual({ revenue: [revenue, false] });
  });
});

describe('requirements: to_date marks its inputs as needed since inception', () => {
  test('a to_date over a formula marks every input, for the requested buckets only', () => {
    expect(needsOf(['receivables_balance'], ['2025-03', '2025-06'])).toEqual({
      invoiced: [['2025-03', '2025-06'], true],
      collected: [['2025-03', '2025-06'], true],
    });
  });

  test('with period_over_period on top, the compared bucket is also needed', () => {
    expect(needsOf(['receivables_balance_mom'], ['2025-03'])).toEqual({
      invoiced: [['2025-02', '2025-03'], true],
      collected: [['2025-02', '2025-03'], true],
    });
  });

  test('an input needed since inception by one indicator stays so when another needs it plainly (either order)', () => {
    const expected = { invoiced: [['2025-03'], true], collected: [['2025-03'], true] };
    expect(needsOf(['receivables', 'receivables_balance'], ['2025-03'])).toEqual(expected);
    expect(needsOf(['receivables_balance', 'receivables'], ['2025-03'])).toEqual(expected);
  });

  test('nothing else is marked', () => {
    expect(needsOf(['revenue_ytd', 'gross_margin_yoy', 'revenue_r3'], ['2025-03'])).toEqual({
      revenue: [['2024-03', '2025-01', '2025-02', '2025-03'], false],
      cost: [['2024-03', '2025-03'], false],
    });
  });
});
