/** Dates as whole days since 1970-01-01 (UTC), so date arithmetic never meets a time zone. */
export type Day = number;

export const day = (iso: string): Day => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
export const iso = (d: Day): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The demo company's history: 24 months, and "today" is the last day of it. */
export const HISTORY_START = day('2024-01-01');
export const HISTORY_END = day('2025-12-31');
export const TODAY = HISTORY_END;

/** The months of the history as [year, month] pairs. */
export function historyMonths(): Array<[number, number]> {
  const months: Array<[number, number]> = [];
  for (let y = 2024; y <= 2025; y++) for (let m = 1; m <= 12; m++) months.push([y, m]);
  return months;
}

export const monthDay = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / 86_400_000;
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Money is generated as integer cents and written as an exact decimal string. */
export const money = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
