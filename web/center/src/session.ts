import type { HubApi } from './api';

export interface Session {
  api: HubApi;
  me: { principal: string; roles: string[]; scope: string; operations: string[] };
  /** The period the screens show (alerts, decomposition, the trend's year): 2025-Q4, 2025-12, 2025… */
  period: string;
  canExport: boolean;
  /** The policy lets the viewer read the audit trail (Query.auditLog allowed): the audit screen exists. */
  mayAudit: boolean;
  /** The indicator code picked in the dictionary, charted by the charts screen. */
  selected?: string;
  /** The question typed in the ask box, answered by the ask screen. */
  question?: string;
  show(screen: string, arg?: string): void;
}

/** The year of a period label ("2025-Q4" → 2025). */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/**
 * The date relative periods of a question (上个月, last quarter) are read against: the last day of the
 * header's period, or today when that is later than today (the default period is the current quarter).
 */
export function askToday(period: string, now = new Date()): string {
  const today = now.toISOString().slice(0, 10);
  const last = (y: number, month: number) => new Date(Date.UTC(y, month, 0)).toISOString().slice(0, 10);
  let end: string | undefined;
  let m: RegExpMatchArray | null;
  if ((m = /^(\d{4})$/.exec(period))) end = last(Number(m[1]), 12);
  else if ((m = /^(\d{4})-Q([1-4])$/i.exec(period))) end = last(Number(m[1]), Number(m[2]) * 3);
  else if ((m = /^(\d{4})-H([12])$/i.exec(period))) end = last(Number(m[1]), Number(m[2]) * 6);
  else if ((m = /^(\d{4})-(\d{2})$/.exec(period)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    end = last(Number(m[1]), Number(m[2]));
  return end && end < today ? end : today;
}
