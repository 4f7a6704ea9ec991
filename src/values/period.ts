import { badInput } from '../errors';

/**
 * Periods as the API accepts them, resolved to a half-open date window [from, to).
 *   2025          calendar year          FY2025      fiscal year (named by the year it starts in)
 *   2025-Q4       calendar quarter       FY2025-Q1   fiscal quarter
 *   2025-11       month                  2025-W03    ISO week
 *   2025-11-05    day
 * With the fiscal year starting in January, FY2025 = 2025 and FY2025-Q1 = 2025-Q1.
 * Grain "all" is one bucket over a whole requested range (src/values/buckets.ts wholeRange): it has no
 * label form of its own and no neighbours.
 */
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'all';

export interface Period {
  label: string;
  grain: Grain;
  /** First day, ISO date. */
  from: string;
  /** Day after the last day, ISO date (exclusive bound). */
  to: string;
}

export interface CalendarOptions {
  /** 1 = January. */
  fiscalYearStartMonth: number;
}

const FORMS = 'YYYY, YYYY-Qn (n = 1–4), YYYY-MM (01–12), YYYY-MM-DD, YYYY-Www (01–53), FYyyyy or FYyyyy-Qn';

/** The years a period given to the API may name (checked by parseApiPeriod; computed periods — a year
 *  earlier, the bucket after — may step just outside). */
export const SUPPORTED_YEARS = { min: 1900, max: 2999 } as const;

export function parsePeriod(input: string, calendar: CalendarOptions = { fiscalYearStartMonth: 1 }): Period {
  const label = input.trim();
  const period = knownForm(label, calendar.fiscalYearStartMonth);
  if (!period) {
    throw badInput(
      `Invalid period "${shown(input)}": expected ${FORMS}, with a year from ${SUPPORTED_YEARS.min} to ${SUPPORTED_YEARS.max} (for example "2025-Q4" or "2025-11").`,
      {
        argument: 'period',
      },
    );
  }
  return period;
}

/**
 * parseForms, remembered: a request names a handful of periods and walks the same months again (buckets,
 * the one before, a year ago), each a few Date objects and ISO strings to build. A pure function of the
 * label and the fiscal year's start, so kept (bounded) and handed out as a copy — a caller may change its own.
 */
function knownForm(label: string, fiscalYearStartMonth: number): Period | null {
  const key = `${fiscalYearStartMonth}|${label}`;
  let period = parsedForms.get(key);
  if (period === undefined) {
    const parsed = parseForms(label, fiscalYearStartMonth);
    if (!parsed) return null; // not kept: a refused label is not worth memory
    if (parsedForms.size >= MAX_FORMS_KEPT) parsedForms.clear();
    parsedForms.set(key, (period = parsed));
  }
  return { ...period };
}

const MAX_FORMS_KEPT = 10_000;
const parsedForms = new Map<string, Period>();

/** A period as a client sends it: one of the forms, in a year of SUPPORTED_YEARS; else BAD_USER_INPUT saying which. */
export function parseApiPeriod(input: string, calendar: CalendarOptions = { fiscalYearStartMonth: 1 }): Period {
  const period = parsePeriod(input, calendar);
  const year = Number(/^(?:FY)?(\d{4})/.exec(period.label)?.[1]);
  if (year < SUPPORTED_YEARS.min || year > SUPPORTED_YEARS.max) {
    throw badInput(
      `Period "${period.label}" names the year ${year}, outside the supported years ${SUPPORTED_YEARS.min}–${SUPPORTED_YEARS.max}: give ${FORMS} with a year in that range (for example "2025-Q4" or "2025-11").`,
      { argument: 'period', minYear: SUPPORTED_YEARS.min, maxYear: SUPPORTED_YEARS.max },
    );
  }
  return period;
}

/** Input as a message quotes it: at most 40 characters. */
const shown = (input: string): string => (input.length > 40 ? `${input.slice(0, 40)}…` : input);

function parseForms(label: string, fyStart: number): Period | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(label))) return monthSpan(label, 'year', year(m[1]), 1, 12);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(label)))
    return monthSpan(label, 'quarter', year(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  if ((m = /^(\d{4})-(\d{2})$/.exec(label))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthSpan(label, 'month', year(m[1]), month, 1) : null;
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label))) return day(label, year(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{4})-W(\d{2})$/.exec(label))) return isoWeek(label, year(m[1]), Number(m[2]));
  if ((m = /^FY(\d{4})$/.exec(label))) return monthSpan(label, 'year', year(m[1]), fyStart, 12);
  if ((m = /^FY(\d{4})-Q([1-4])$/.exec(label))) {
    return monthSpan(label, 'quarter', year(m[1]), fyStart + (Number(m[2]) - 1) * 3, 3);
  }
  return null;
}

const year = (text: string | undefined): number => Number(text);

/** `count` months starting at (year, month); month may exceed 12 and rolls into later years. */
function monthSpan(label: string, grain: Grain, y: number, month: number, count: number): Period {
  const start = utcDate(y, month - 1, 1);
  const end = utcDate(y, month - 1 + count, 1);
  return { label, grain, from: isoDate(start), to: isoDate(end) };
}

function day(label: string, y: number, month: number, d: number): Period | null {
  const start = utcDate(y, month - 1, d);
  if (start.getUTCMonth() !== month - 1 || start.getUTCDate() !== d) return null;
  return { label, grain: 'day', from: isoDate(start), to: isoDate(addDays(start, 1)) };
}

function isoWeek(label: string, y: number, week: number): Period | null {
  const jan4 = utcDate(y, 0, 4);
  const week1Monday = addDays(jan4, -((jan4.getUTCDay() + 6) % 7));
  const start = addDays(week1Monday, (week - 1) * 7);
  const weeksInYear = isoWeekYear(addDays(week1Monday, 52 * 7)) === y ? 53 : 52;
  if (week < 1 || week > weeksInYear) return null;
  return { label, grain: 'week', from: isoDate(start), to: isoDate(addDays(start, 7)) };
}

function isoWeekYear(date: Date): number {
  const thursday = addDays(date, 3 - ((date.getUTCDay() + 6) % 7));
  return thursday.getUTCFullYear();
}

/** Midnight UTC; month and day roll over like Date.UTC, but years 0–99 stay themselves (Date.UTC reads them as 1900–1999). */
function utcDate(y: number, monthIndex: number, d: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, monthIndex, d);
  return date;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last day inside a period (for point-in-time measures such as headcount at period end). */
export function lastDay(period: Period): string {
  return isoDate(addDays(new Date(`${period.to}T00:00:00Z`), -1));
}
