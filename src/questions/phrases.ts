/**
 * The fixed phrases of questions in Chinese and English — periods relative to a clock, comparisons, rankings,
 * counts, breakdown markers and grains — as lexicon entries. Names come from the model (src/questions/lexicon.ts);
 * these are the language around them.
 */
import type { GrainName } from './types';

export type PeriodSpec =
  | { type: 'month' | 'quarter' | 'year'; offset: number }
  | { type: 'ytd' }
  | { type: 'last'; unit: 'month' | 'quarter' | 'year'; n: number }
  | { type: 'quarterOfYear'; q: number }
  | { type: 'monthOfYear'; m: number }
  | { type: 'half'; h: 1 | 2 };

export type Phrase =
  | { kind: 'period'; spec: PeriodSpec }
  | { kind: 'comparison'; compare: 'year_ago' | 'previous' | 'target' }
  | { kind: 'rank'; direction: 'DESC' | 'ASC'; n: number | null }
  | { kind: 'count'; n: number }
  | { kind: 'marker'; marker: 'by' | 'per' | 'over' | 'under' }
  | { kind: 'grain'; grain: GrainName };

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** 1–24 as Chinese numerals: 一 … 十 … 十二 … 二十四. */
export function zhNumeral(n: number): string {
  if (n <= 10) return ZH_DIGITS[n]!;
  if (n < 20) return `十${ZH_DIGITS[n - 10]}`;
  return `${ZH_DIGITS[Math.floor(n / 10)]}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
}

/** The spellings of a number: digits, Chinese numerals (两 for 2), English words up to twelve. */
function spellings(n: number, zh: boolean): string[] {
  const out = [String(n)];
  if (zh) {
    out.push(zhNumeral(n));
    if (n === 2) out.push('两');
  } else if (n < EN_NUMBERS.length) out.push(EN_NUMBERS[n]!);
  return out;
}

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Every fixed phrase, as written (normalized by the lexicon). */
export function fixedPhrases(): Array<[string, Phrase]> {
  const out: Array<[string, Phrase]> = [];
  const add = (phrase: Phrase, ...texts: string[]) => texts.forEach((t) => out.push([t, phrase]));
  const period = (spec: PeriodSpec, ...texts: string[]) => add({ kind: 'period', spec }, ...texts);

  period({ type: 'month', offset: 0 }, '本月', '这个月', '当月', '这月', 'this month', 'current month');
  period({ type: 'month', offset: -1 }, '上个月', '上月', 'last month', 'previous month', 'the previous month');
  period({ type: 'quarter', offset: 0 }, '本季度', '这个季度', '当季', '本季', 'this quarter', 'current quarter');
  period({ type: 'quarter', offset: -1 }, '上季度', '上个季度', '上一季度', 'last quarter', 'previous quarter');
  period({ type: 'year', offset: 0 }, '今年', '本年', '当年', '本年度', 'this year', 'current year');
  period({ type: 'year', offset: -1 }, '去年', '上年', '上一年', '上年度', 'last year', 'previous year');
  period({ type: 'year', offset: -2 }, '前年', 'the year before last');
  period(
    { type: 'ytd' },
    '今年以来',
    '年初至今',
    '本年以来',
    '年初以来',
    '今年至今',
    '本年累计',
    'year to date',
    'ytd',
    'so far this year',
    'this year so far',
  );
  period({ type: 'half', h: 1 }, '上半年', 'first half', 'h1');
  period({ type: 'half', h: 2 }, '下半年', 'second half', 'h2');
  for (let n = 1; n <= 24; n++) {
    for (const zh of spellings(n, true)) {
      period({ type: 'last', unit: 'month', n }, `近${zh}个月`, `最近${zh}个月`, `过去${zh}个月`, `近${zh}月`);
      if (n <= 8) period({ type: 'last', unit: 'quarter', n }, `近${zh}个季度`, `最近${zh}个季度`, `过去${zh}个季度`);
      if (n <= 5) period({ type: 'last', unit: 'year', n }, `近${zh}年`, `最近${zh}年`, `过去${zh}年`);
    }
    for (const en of spellings(n, false)) {
      const months = n === 1 ? 'month' : 'months';
      for (const lead of ['last', 'past', 'trailing', 'the last', 'the past'])
        period({ type: 'last', unit: 'month', n }, `${lead} ${en} ${months}`);
      if (n <= 8) period({ type: 'last', unit: 'quarter', n }, `last ${en} quarters`, `past ${en} quarters`);
      if (n <= 5 && n > 1) period({ type: 'last', unit: 'year', n }, `last ${en} years`, `past ${en} years`);
    }
  }
  for (let q = 1; q <= 4; q++) {
    const zh = zhNumeral(q);
    period({ type: 'quarterOfYear', q }, `${zh}季度`, `第${zh}季度`, `${q}季度`, `第${q}季度`, `q${q}`);
  }
  for (let m = 1; m <= 12; m++) {
    period(
      { type: 'monthOfYear', m },
      `${zhNumeral(m)}月`,
      `${m}月`,
      `${zhNumeral(m)}月份`,
      `${m}月份`,
      MONTHS_EN[m - 1]!,
    );
    if (m !== 5) period({ type: 'monthOfYear', m }, MONTHS_EN[m - 1]!.slice(0, 3));
  }

  const compare = (c: 'year_ago' | 'previous' | 'target', ...texts: string[]) =>
    add({ kind: 'comparison', compare: c }, ...texts);
  compare(
    'year_ago',
    '同比',
    '同比增长',
    '同比变化',
    '同比增速',
    '和去年比',
    '与去年相比',
    '比去年',
    '较去年',
    'year on year',
    'year over year',
    'yoy',
    'vs last year',
    'versus last year',
    'compared to last year',
    'compared with last year',
    'against last year',
    'vs the previous year',
    'vs previous year',
  );
  compare(
    'previous',
    '环比',
    '环比增长',
    '环比变化',
    '和上月比',
    '比上月',
    '较上月',
    '和上个月比',
    'month on month',
    'month over month',
    'mom',
    'vs previous month',
    'vs the previous month',
    'vs last month',
    'versus last month',
    'compared to last month',
    'compared with last month',
    'vs previous period',
    'vs the previous period',
    'period on period',
    'quarter on quarter',
    'vs last quarter',
    'vs previous quarter',
  );
  compare(
    'target',
    '和目标比',
    '与目标比',
    '跟目标比',
    '对比目标',
    '目标完成情况',
    '完成目标',
    '比目标',
    'vs target',
    'versus target',
    'against target',
    'against the target',
    'compared to target',
    'compared to the target',
    'vs the target',
    'vs plan',
  );

  const rank = (direction: 'DESC' | 'ASC', n: number | null, ...texts: string[]) =>
    add({ kind: 'rank', direction, n }, ...texts);
  rank('DESC', 1, '最高', '最多', '最大', '最好', '第一', 'highest', 'most', 'largest', 'biggest', 'best', 'top');
  rank('ASC', 1, '最低', '最少', '最小', '最差', '倒数第一', 'lowest', 'least', 'smallest', 'worst', 'bottom');
  rank('DESC', 10, '排名', '排行', '排行榜', 'ranking', 'ranked');
  for (let n = 1; n <= 20; n++) {
    for (const s of spellings(n, true)) {
      rank('DESC', n, `前${s}名`, `前${s}`, `前${s}个`, `前${s}家`, `前${s}位`, `排名前${s}`, `top${s}`);
      rank('ASC', n, `后${s}名`, `倒数${s}名`, `后${s}个`, `后${s}位`, `后${s}家`, `倒数前${s}`);
      add({ kind: 'count', n }, `${s}个`, `${s}家`, `${s}名`, `${s}位`, `${s}款`, `${s}种`);
    }
    for (const s of spellings(n, false)) {
      rank('DESC', n, `top ${s}`, `best ${s}`, `the top ${s}`, `highest ${s}`);
      rank('ASC', n, `bottom ${s}`, `worst ${s}`, `lowest ${s}`, `the bottom ${s}`);
    }
  }

  const marker = (m: 'by' | 'per' | 'over' | 'under', ...texts: string[]) =>
    add({ kind: 'marker', marker: m }, ...texts);
  marker('by', '按', '按照', '分', 'by', 'broken down by', 'split by', 'across', 'grouped by', 'for all');
  marker(
    'per',
    '每个',
    '每一个',
    '各',
    '各个',
    '按各',
    '每家',
    'per',
    'each',
    'every',
    'for each',
    'in each',
    'within each',
    'for every',
  );
  marker('over', '超', '超过', '超出', '超了', 'over', 'above', 'exceeding', 'exceeded', 'overspent on');
  marker('under', '低于', '不到', '未达', 'below', 'under', 'short of');

  const grain = (g: GrainName, ...texts: string[]) => add({ kind: 'grain', grain: g }, ...texts);
  grain(
    'MONTH',
    '按月',
    '按月份',
    '分月',
    '每月',
    '逐月',
    '月度',
    '每个月',
    'by month',
    'monthly',
    'per month',
    'each month',
    'month by month',
  );
  grain(
    'QUARTER',
    '按季度',
    '分季度',
    '每季度',
    '按季',
    '每个季度',
    'by quarter',
    'quarterly',
    'per quarter',
    'each quarter',
  );
  grain('YEAR', '按年', '分年', '每年', '按年度', '逐年', 'by year', 'yearly', 'annually', 'per year', 'each year');
  grain('WEEK', '按周', '每周', '分周', 'by week', 'weekly', 'per week', 'each week');
  grain('DAY', '按天', '每天', '按日', '每日', '逐日', 'by day', 'daily', 'per day', 'each day');
  return out;
}
