import {
  MAX_RECORD_IDS,
  MAX_SUPPRESSED,
  type AuditLifecycleEvent,
  type AuditSuppressed,
  type JsonValue,
} from './record';
/**
 * What one request did, collected while it runs (permission layer, masking, indicator engine) and written
 * as one audit record before the response leaves (src/server/audit-plugin.ts).
 */
export interface FieldDecision {
  /** Type.field, e.g. Employee.idCardNo */
  field: string;
  /** The policy rule that decided, e.g. `fields["Employee.idCardNo"].auditor = mask:id_card`. */
  rule: string;
}

export class AuditTrail {
  readonly denied = new Map<string, FieldDecision>();
  readonly masked = new Map<string, FieldDecision>();
  /** Indicator code → definition version used. */
  readonly indicators = new Map<string, string>();
  /** Indicator code → its inputs' codes and versions (the closure it was computed from). */
  readonly inputs = new Map<string, Map<string, string>>();
  /** Personal-data field → ids of the records it was returned for. */
  readonly recordIds = new Map<string, { ids: Set<string>; more: number }>();
  /** Cells withheld by the disclosure rules. */
  readonly suppressed: AuditSuppressed[] = [];
  suppressedMore = 0;
  private readonly suppressedKeys = new Set<string>();
  /** The impact report of the change this request decides, as it stood before the decision. */
  impact: { changeId: number; report: JsonValue } | null = null;
  /** The client address (origination), set by the transport. */
  address: string | null = null;

  deny(field: string, rule: string): void {
    if (!this.denied.has(field)) this.denied.set(field, { field, rule });
  }

  mask(field: string, rule: string): void {
    if (!this.masked.has(field)) this.masked.set(field, { field, rule });
  }

  indicator(code: string, version: string, inputs: ReadonlyArray<{ code: string; version: string }> = []): void {
    this.indicators.set(code, version);
    if (inputs.length === 0) return;
    const known = this.inputs.get(code) ?? new Map<string, string>();
    for (const i of inputs) known.set(i.code, i.version);
    this.inputs.set(code, known);
  }

  /** A personal-data field returned for record `id` (masked or not). */
  returned(field: string, id: unknown): void {
    if (id === null || id === undefined || (typeof id !== 'string' && typeof id !== 'number')) return;
    let entry = this.recordIds.get(field);
    if (!entry) this.recordIds.set(field, (entry = { ids: new Set(), more: 0 }));
    const key = String(id);
    if (entry.ids.has(key)) return;
    if (entry.ids.size < MAX_RECORD_IDS) entry.ids.add(key);
    else entry.more += 1;
  }

  /** A cell withheld by the disclosure rules. */
  suppress(cell: AuditSuppressed): void {
    const key = `${cell.indicator}|${cell.period}|${cell.member}`;
    if (this.suppressedKeys.has(key)) return;
    this.suppressedKeys.add(key);
    if (this.suppressed.length < MAX_SUPPRESSED) this.suppressed.push(cell);
    else this.suppressedMore += 1;
  }

  /** Questions asked in words (`ask`), as typed: the audit record keeps their text. */
  readonly questions: string[] = [];

  question(text: string): void {
    this.questions.push(text);
  }

  /** Indicator lifecycle steps (proposed, approved, …) this request made. */
  readonly events: AuditLifecycleEvent[] = [];

  lifecycle(event: { kind: string; code: string; changeId: number; version: number | null; note: string }): void {
    this.events.push({
      kind: event.kind,
      code: event.code,
      changeId: event.changeId,
      version: event.version,
      note: event.note,
    });
  }
}
