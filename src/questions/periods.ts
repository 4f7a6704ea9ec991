import type { CalendarOptions } from '../values/period';
import type { PeriodSpec } from './phrases';
import type { GrainName } from './types';

/** A period a question names, as indicatorValues' from/to and the grain that period has. */
export interface ResolvedPeriod {
  from: string;
  to: string;
  /** The grain of one bucket of it (a month, a quarter…); ALL for a run of periods read as one. */
  grain: GrainName;
  /** A run of several periods (近三个月, year to date). */
  range: boolean;
}

interface YearMonth {
  y: number;
  m: number; // 1–12
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthLabel = ({ y, m }: YearMonth) => `${y}-${pad(m)}`;
const addMonths = ({ y, m }: YearMonth, n: number): YearMonth => {
  const i = y * 12 + (m - 1) + n;
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
};

/** Quarters and years follow the fiscal calendar (fiscalYearStartMonth); labels as the API writes them. */
function quarterOf(ym: YearMonth, cal: CalendarOptions): { fy: number; q: number } {
  const offset = (ym.m - cal.fiscalYearStartMonth + 12) % 12;
  const fy = ym.m >= cal.fiscalYearStartMonth ? ym.y : ym.y - 1;
  return { fy, q: Math.floor(offset / 3) + 1 };
}

const fiscal = (cal: CalendarOptions) => cal.fiscalYearStartMonth !== 1;
export const quarterLabel = (fy: number, q: number, cal: CalendarOptions) =>
  fiscal(cal) ? `FY${fy}-Q${q}` : `${fy}-Q${q}`;
export const yearLabel = (fy: number, cal: CalendarOptions) => (fiscal(cal) ? `FY${fy}` : String(fy));

function shiftQuarter(fy: number, q: number, n: number): { fy: number; q: number } {
  const i = fy * 4 + (q - 1) + n;
  return { fy: Math.floor(i / 4), q: (i % 4) + 1 };
}

/** First month of fiscal year `fy`. */
const fyStart = (fy: number, cal: CalendarOptions): YearMonth => ({ y: fy, m: cal.fiscalYearStartMonth });

/** A relative period (上个月, 近三个月, year to date…) against `today` (ISO date). */
export function resolveRelative(spec: PeriodSpec, today: string, cal: CalendarOptions): ResolvedPeriod {
  const now: YearMonth = { y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) };
  const { fy, q } = quarterOf(now, cal);
  const one = (label: string, grain: GrainName): ResolvedPeriod => ({ from: label, to: label, grain, range: false });
  switch (spec.type) {
    case 'month':
      return one(monthLabel(addMonths(now, spec.offset)), 'MONTH');
    case 'quarter': {
      const s = shiftQuarter(fy, q, spec.offset);
      return one(quarterLabel(s.fy, s.q, cal), 'QUARTER');
    }
    case 'year':
      return one(yearLabel(fy + spec.offset, cal), 'YEAR');
    case 'ytd':
      return { from: monthLabel(fyStart(fy, cal)), to: monthLabel(now), grain: 'ALL', range: true };
    case 'last': {
      // The last n complete periods before the current one (Power BI's "last n calendar months").
      if (spec.unit === 'month')
        return {
          from: monthLabel(addMonths(now, -spec.n)),
          to: monthLabel(addMonths(now, -1)),
          grain: 'ALL',
          range: true,
        };
      if (spec.unit === 'quarter') {
        const a = shiftQuarter(fy, q, -spec.n);
        const b = shiftQuarter(fy, q, -1);
        return { from: quarterLabel(a.fy, a.q, cal), to: quarterLabel(b.fy, b.q, cal), grain: 'ALL', range: true };
      }
      return { from: yearLabel(fy - spec.n, cal), to: yearLabel(fy - 1, cal), grain: 'ALL', range: true };
    }
    case 'quarterOfYear':
      return one(quarterLabel(fy, spec.q, cal), 'QUARTER');
    case 'monthOfYear':
      return one(monthLabel({ y: now.y, m: spec.m }), 'MONTH');
    case 'half': {
      const first = addMonths(fyStart(fy, cal), spec.h === 1 ? 0 : 6);
      return { from: monthLabel(first), to: monthLabel(addMonths(first, 5)), grain: 'ALL', range: true };
    }
  }
}

/** A relative part (一季度, 三月, 上半年) of an explicitly named year (2025年, FY2025). */
export function withinYear(
  spec: PeriodSpec,
  year: number,
  isFiscal: boolean,
  cal: CalendarOptions,
): ResolvedPeriod | null {
  const one = (label: string, grain: GrainName): ResolvedPeriod => ({ from: label, to: label, grain, range: false });
  if (spec.type === 'quarterOfYear')
    return one(isFiscal || fiscal(cal) ? `FY${year}-Q${spec.q}` : `${year}-Q${spec.q}`, 'QUARTER');
  if (spec.type === 'monthOfYear') return one(monthLabel({ y: year, m: spec.m }), 'MONTH');
  if (spec.type === 'half') {
    const first = addMonths(isFiscal ? fyStart(year, cal) : { y: year, m: 1 }, spec.h === 1 ? 0 : 6);
    return { from: monthLabel(first), to: monthLabel(addMonths(first, 5)), grain: 'ALL', range: true };
  }
  return null;
}

/** A year named on its own: 2025, 2025年, FY2025. */
export function wholeYear(year: number, isFiscal: boolean): ResolvedPeriod {
  const label = isFiscal ? `FY${year}` : String(year);
  return { from: label, to: label, grain: 'YEAR', range: false };
}

/** The default when a question names no period: the current (fiscal) year to date. */
export const defaultPeriod = (today: string, cal: CalendarOptions) => resolveRelative({ type: 'ytd' }, today, cal);

/** Months in a resolved period (for choosing a grain that stays within the bucket limit). */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/**
 * The period a comparison compares with: a year earlier (the same labels one year back), or the previous
 * period of the same length (a month, a quarter, a year, or a run of months before the run). Null when the
 * labels are of a kind this does not shift (weeks, days).
 */
export function comparedRange(
  from: string,
  to: string,
  kind: 'year_ago' | 'previous',
): { from: string; to: string } | null {
  const back = (label: string, years: number) => {
    const m = /^(FY)?(\d{4})(.*)$/.exec(label);
    return m && !/W/.test(m[3]!) && m[3]!.length <= 3 ? `${m[1] ?? ''}${Number(m[2]) - years}${m[3]}` : null;
  };
  if (kind === 'year_ago') {
    const a = back(from, 1);
    const b = back(to, 1);
    return a && b ? { from: a, to: b } : null;
  }
  const month = /^(\d{4})-(\d{2})$/;
  const quarter = /^(FY)?(\d{4})-Q([1-4])$/;
  const year = /^(FY)?(\d{4})$/;
  let a: RegExpExecArray | null;
  let b: RegExpExecArray | null;
  if ((a = month.exec(from)) && (b = month.exec(to))) {
    const start = { y: Number(a[1]), m: Number(a[2]) };
    const n = Number(b[1]) * 12 + Number(b[2]) - (start.y * 12 + start.m) + 1;
    return { from: monthLabel(addMonths(start, -n)), to: monthLabel(addMonths(start, -1)) };
  }
  if ((a = quarter.exec(from)) && (b = quarter.exec(to))) {
    const n = Number(b[2]) * 4 + Number(b[3]) - (Number(a[2]) * 4 + Number(a[3])) + 1;
    const s = shiftQuarter(Number(a[2]), Number(a[3]), -n);
    const e = shiftQuarter(Number(a[2]), Number(a[3]), -1);
    const p = a[1] ?? '';
    return { from: `${p}${s.fy}-Q${s.q}`, to: `${p}${e.fy}-Q${e.q}` };
  }
  if ((a = year.exec(from)) && (b = year.exec(to))) {
    const n = Number(b[2]) - Number(a[2]) + 1;
    const p = a[1] ?? '';
    return { from: `${p}${Number(a[2]) - n}`, to: `${p}${Number(a[2]) - 1}` };
  }
  return null;
}
