import type { AuditLifecycleEvent } from './record';
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

  deny(field: string, rule: string): void {
    if (!this.denied.has(field)) this.denied.set(field, { field, rule });
  }

  mask(field: string, rule: string): void {
    if (!this.masked.has(field)) this.masked.set(field, { field, rule });
  }

  indicator(code: string, version: string): void {
    this.indicators.set(code, version);
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
