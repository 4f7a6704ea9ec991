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
  /** Every statement the request caused, the access lookups included. */
  statements: number;
  bySource: Record<string, { statements: number; timeMs: number; rows: number; fingerprints: string[] }>;
  /**
   * Of those, the lookups made to authenticate the viewer (people directory, row scopes): they depend on
   * the people cache's age (auth.personStatusCacheSeconds), not on what the request asks for.
   */
  access: { statements: number; bySource: Record<string, number> };
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
  /** The access lookups among `events`, counted apart in the summary. */
  private readonly accessEvents: StatementEvent[] = [];
  /** The request's OpenTelemetry span (src/observability/tracing.ts): each statement becomes its child. */
  span: Span | undefined;
  /**
   * Where authentication counts its lookups for this request (src/server/guards/credentials.ts): in the
   * request's statements, and apart as `access` — so what the request asks for is told from who asks.
   */
  readonly access: StatementSink = Object.freeze({
    record: (event: StatementEvent) => {
      this.accessEvents.push(event);
      this.record(event);
    },
  });

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
    const access: TraceSummary['access'] = { statements: this.accessEvents.length, bySource: {} };
    for (const e of this.accessEvents) access.bySource[e.source] = (access.bySource[e.source] ?? 0) + 1;
    return { statements: this.events.length, bySource, access };
  }
}
