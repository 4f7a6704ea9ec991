import { isoDate, lastDay, parsePeriod, type CalendarOptions, type Grain, type Period } from './period';

/**
 * Periods as buckets of a grain: the bucket containing a date, the one before, the one a year earlier,
 * the run between two buckets. Quarters and years follow the fiscal calendar: with a fiscal year
 * starting in April they are labelled FY2025-Q1 (April–June 2025) and FY2025.
 */
export function bucketOf(date: string, grain: Grain, calendar: CalendarOptions): Period {
  const d = new Date(`${date}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const fy = calendar.fiscalYearStartMonth;
  const fiscalYear = m >= fy ? y : y - 1;
  const fiscal = fy !== 1;
  const yyyy = (year: number) => String(year).padStart(4, '0');
  switch (grain) {
    case 'day':
      return parsePeriod(date, calendar);
    case 'week':
      return parsePeriod(isoWeekLabel(d), calendar);
    case 'month':
      return parsePeriod(`${yyyy(y)}-${String(m).padStart(2, '0')}`, calendar);
    case 'quarter': {
      const q = Math.floor(((m - fy + 12) % 12) / 3) + 1;
      return parsePeriod(fiscal ? `FY${yyyy(fiscalYear)}-Q${q}` : `${yyyy(y)}-Q${q}`, calendar);
    }
    case 'year':
      return parsePeriod(fiscal ? `FY${yyyy(fiscalYear)}` : yyyy(y), calendar);
    case 'all':
      throw new RangeError('a whole-range bucket (grain "all") has no bucket before or after it');
  }
}

/** One bucket from the start of `first` to the end of `last` (grain "all"), labelled "first..last". */
export function wholeRange(first: Period, last: Period): Period {
  return {
    label: first.label === last.label ? first.label : `${first.label}..${last.label}`,
    grain: 'all',
    from: first.from,
    to: last.to,
  };
}

export const previousBucket = (p: Period, calendar: CalendarOptions): Period =>
  bucketOf(addDays(p.from, -1), p.grain, calendar);
export const nextBucket = (p: Period, calendar: CalendarOptions): Period => bucketOf(p.to, p.grain, calendar);

/** The same bucket one year earlier (a week by its ISO number, a day by its date; 29 Feb → 28 Feb). */
export function yearAgo(p: Period, calendar: CalendarOptions): Period {
  if (p.grain === 'week') {
    const [y, w] = p.label.split('-W').map(Number) as [number, number];
    const label = `${String(y - 1).padStart(4, '0')}-W${String(w).padStart(2, '0')}`;
    try {
      return parsePeriod(label, calendar);
    } catch {
      return parsePeriod(`${String(y - 1).padStart(4, '0')}-W52`, calendar);
    }
  }
  const d = new Date(`${p.from}T00:00:00Z`);
  const shifted = utcDate(d.getUTCFullYear() - 1, d.getUTCMonth(), Math.min(d.getUTCDate(), 28));
  if (p.grain === 'day' && d.getUTCDate() > 28) shifted.setUTCDate(Math.min(d.getUTCDate(), daysInMonth(shifted)));
  return bucketOf(isoDate(shifted), p.grain, calendar);
}

/** Periods one request (and one aggregate statement) may cover at most: each is a CASE branch of the statement. */
export const MAX_BUCKETS = 400;

/** Buckets from the one containing the start of `first` to the one containing the last day of `last`,
 *  inclusive; a RangeError beyond `max`. `to` names a whole period at any grain: from 2022 to 2024 by
 *  quarter ends at 2024-Q4, not 2024-Q1. Ends finer than the grain round out to the buckets holding them
 *  (from 2024-02-15 to 2024-05 by quarter is 2024-Q1..2024-Q2): a bucket is always whole.
 *  Grain "all": the one bucket from the start of `first` to the end of `last`. */
export function bucketsBetween(
  first: Period,
  last: Period,
  grain: Grain,
  calendar: CalendarOptions,
  max = MAX_BUCKETS,
): Period[] {
  if (grain === 'all') return [wholeRange(first, last)];
  const out: Period[] = [];
  const end = bucketOf(lastDay(last), grain, calendar);
  for (let b = bucketOf(first.from, grain, calendar); b.from <= end.from; b = nextBucket(b, calendar)) {
    out.push(b);
    if (out.length > max)
      throw new RangeError(`more than ${max} ${grain} buckets between ${first.label} and ${last.label}`);
  }
  return out;
}

/** First bucket of the (fiscal) year or quarter that contains `p`. A week belongs to the span of its Thursday
 *  (as ISO weeks belong to years), so the first week is the first whose Thursday lies in the span: 2025-W01
 *  (from 2024-12-30) starts 2025, and 2020-W53 (holding 2021-01-01) is not part of 2021. */
export function startOf(p: Period, span: 'year' | 'quarter', calendar: CalendarOptions): Period {
  if (p.grain === 'week')
    return bucketOf(addDays(bucketOf(addDays(p.from, 3), span, calendar).from, 3), 'week', calendar);
  return bucketOf(bucketOf(p.from, span, calendar).from, p.grain, calendar);
}

export function daysIn(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000);
}

function isoWeekLabel(d: Date): string {
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = utcDate(year, 0, 4);
  const week1Monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  const week = Math.floor((thursday.getTime() - week1Monday.getTime()) / (7 * 86_400_000)) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

function daysInMonth(d: Date): number {
  return utcDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 0).getUTCDate();
}

/** Midnight UTC like Date.UTC, but years 0–99 stay themselves (Date.UTC reads them as 1900–1999). */
function utcDate(y: number, monthIndex: number, d: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, monthIndex, d);
  return date;
}
