import type { Span } from '@opentelemetry/api';
import { sourceStatementSeconds, sourceStatements } from './metrics';
import { statementSpan } from './tracing';

/** Where an adapter reports each statement it ran (a request's trace, /metrics). */
export interface StatementSink {
  record(event: StatementEvent): void;
}

export interface StatementEvent {
  source: string;
  kind: 'fetch' | 'aggregate' | 'key-pairs' | 'count' | 'health';
  /** Short hash of the SQL text without bindings: lets logs and traces group statements safely. */
  fingerprint: string;
  durationMs: number;
  rows: number;
  ok: boolean;
}

export interface TraceSummary {
  statements: number;
  bySource: Record<string, { statements: number; timeMs: number; rows: number; fingerprints: string[] }>;
}

/** Counts a statement in /metrics (every statement, whether or not a request traces it). */
export function observeStatement(event: StatementEvent): void {
  sourceStatements.inc({ source: event.source, kind: event.kind, outcome: event.ok ? 'ok' : 'error' });
  sourceStatementSeconds.observe({ source: event.source, kind: event.kind }, event.durationMs / 1000);
}

/** The hub's own statements, outside any request (key map builds, member counts): counted in /metrics only. */
export const hubStatements: StatementSink = Object.freeze({ record: observeStatement });

/**
 * Lookups made for access control outside a request (a session re-checked, a snapshot): /metrics only. One
 * made while a request is authenticated goes to that request's trace, passed down by the caller
 * (src/server/guards/credentials.ts → src/auth/principal.ts → src/auth/org-directory.ts).
 */
export const accessStatements: StatementSink = Object.freeze({ record: observeStatement });

/** Per-request record of what each source was asked: shown in `extensions.trace` and counted in /metrics. */
export class RequestTrace implements StatementSink {
  private readonly events: StatementEvent[] = [];
  /** The request's OpenTelemetry span (src/observability/tracing.ts): each statement becomes its child. */
  span: Span | undefined;

  record(event: StatementEvent): void {
    this.events.push(event);
    observeStatement(event);
    if (this.span) statementSpan(this.span, event);
  }

  get statementCount(): number {
    return this.events.length;
  }

  summary(): TraceSummary {
    const bySource: TraceSummary['bySource'] = {};
    for (const e of this.events) {
      const s = (bySource[e.source] ??= { statements: 0, timeMs: 0, rows: 0, fingerprints: [] });
      s.statements += 1;
      s.timeMs = Math.round((s.timeMs + e.durationMs) * 1000) / 1000;
      s.rows += e.rows;
      s.fingerprints.push(e.fingerprint);
    }
    return { statements: this.events.length, bySource };
  }
}
