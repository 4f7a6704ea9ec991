import type { DecodedRow } from './audit-store';
import { eventTypeOf, type AuditRecord } from './record';

/**
 * Export lines of the audit log. JSONL: one stored record per line exactly as hashed (every field, refused
 * records' address and reason included), so `npm run audit:verify-export` recomputes the chain offline; a
 * row that cannot be decoded is written as {"seq":N,"unreadable":"…"} (and fails verification there).
 * CSV: one row per record for spreadsheets, JSON-valued columns as JSON text, cells that a spreadsheet would
 * run as a formula (=, +, -, @ first) prefixed with an apostrophe.
 */
export function jsonlLine(row: DecodedRow): string {
  return `${JSON.stringify(row.record ?? { seq: row.seq, unreadable: row.error })}\n`;
}

export const CSV_COLUMNS = [
  'seq',
  'at',
  'eventType',
  'principal',
  'roles',
  'address',
  'requestId',
  'operationName',
  'outcome',
  'errorCodes',
  'fieldsRequested',
  'denied',
  'masked',
  'recordIds',
  'arguments',
  'indicators',
  'suppressed',
  'refusalKind',
  'refusalCount',
  'systemEvent',
  'reason',
  'prevHash',
  'hash',
] as const;

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvLine(row: DecodedRow): string {
  if (!row.record) return `${cell(row.seq)},${cell(`unreadable: ${row.error}`)}\r\n`;
  const r: AuditRecord = row.record;
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    seq: r.seq,
    at: r.at,
    eventType: eventTypeOf(r),
    principal: r.principal,
    roles: r.roles.join(' '),
    address: r.ip,
    requestId: r.requestId,
    operationName: r.operationName,
    outcome: r.outcome,
    errorCodes: r.errorCodes.join(' '),
    fieldsRequested: r.fieldsRequested.join(' '),
    denied: r.denied,
    masked: r.masked,
    recordIds: r.recordIds,
    arguments: r.arguments,
    indicators: r.indicators,
    suppressed: r.suppressed,
    refusalKind: r.refusals?.kind,
    refusalCount: r.refusals?.count,
    systemEvent: r.system,
    reason: r.reason,
    prevHash: r.prevHash,
    hash: r.hash,
  };
  return `${CSV_COLUMNS.map((c) => cell(values[c])).join(',')}\r\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
