import type { TimeFormat } from '../../model/mapping';

/** An ISO date bound rendered in the source's own time format (e.g. ERP's CHAR(6) fiscal periods). */
export function timeBound(isoDate: string, format: TimeFormat): string {
  if (format === 'yyyymm') {
    // First day of month → that month; any later day → the next month, so [from, to) stays half-open.
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    const monthIndex = y * 12 + (m - 1) + (d > 1 ? 1 : 0);
    return `${Math.floor(monthIndex / 12)}${String((monthIndex % 12) + 1).padStart(2, '0')}`;
  }
  return isoDate;
}
