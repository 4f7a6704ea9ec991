import { badInput } from '../errors';
import type { SqlConnection } from '../db/connection';
import { AuditStore, type AuditRowFilter } from './audit-store';
import { GroupCommit } from './group-commit';
import {
  AUDIT_EVENT_TYPES,
  AUDIT_OUTCOMES,
  GENESIS_HASH,
  hashOf,
  normaliseEntry,
  type AuditEntry,
  type AuditRecord,
} from './record';

/**
 * What auditors filter by: principal; `from` (inclusive) / `to` (exclusive) on `at`, any date-time Date
 * parses (ISO 8601 recommended); an indicator code; a "Type.field" requested, denied or masked; an outcome.
 * The same shape the store queries with, once query() has validated and normalised the values.
 */
export type AuditFilter = AuditRowFilter;

export interface AuditPageArgs {
  /** Page size, 1..500 (default 100); larger values are refused, not clamped. */
  first?: number | undefined;
  /** The `nextCursor` of the previous page: records with a smaller seq. */
  after?: number | null | undefined;
}

export interface AuditPage {
  /** Newest first (descending seq). */
  records: AuditRecord[];
  /** Pass as `after` for the next (older) page; null when this is the last page. */
  nextCursor: number | null;
}

export type BreakReason = 'hash mismatch' | 'broken link to previous' | 'missing sequence number';

export interface VerifyResult {
  ok: boolean;
  /** Records whose hash was recomputed (up to and including the first broken one). */
  checked: number;
  /** The last record of an intact chain: write it down somewhere else and pass it back as `anchor`. */
  head: { seq: number; hash: string } | null;
  firstBroken?: { seq: number; reason: BreakReason };
}

export interface VerifyOptions {
  /** Rows read per statement (default 1000): memory stays flat however long the log is. */
  chunkSize?: number;
  /**
   * A head recorded earlier (from a previous verify, the CLI or a log line). The chain must still hold
   * a record with this seq and hash: this catches what a chain alone cannot — records deleted from the
   * end, or the whole chain recomputed by someone who can write to the store.
   */
  anchor?: { seq: number; hash: string } | undefined;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
const VERIFY_CHUNK = 1000;

/** Runs tasks one after another; a failed task does not stop the ones queued behind it. */
class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/**
 * All embedded connections share one PGlite session (one engine per process, and its transactions are
 * not isolated from each other's statements), so every embedded audit log of the process appends through
 * one queue. On PostgreSQL each AuditLog has its own queue and the advisory lock orders them.
 */
const embeddedQueue = new SerialQueue();

/**
 * The tamper-evident audit log: one hash-chained record per request in the hub's store (table
 * `audit_log`, same schema as the key map). Appends are serialised — in process by a promise queue and
 * across processes by a PostgreSQL advisory lock held by the appending transaction — so the chain never
 * forks. Appends arriving while a transaction is written are group-committed in the next one
 * (src/audit/group-commit.ts): concurrent requests share one transaction, each still resolving only once
 * its record is committed. `verify()` recomputes the chain in seq order, chunk by chunk.
 */
export class AuditLog {
  private readonly store: AuditStore;
  private readonly group: GroupCommit;

  constructor(readonly conn: SqlConnection) {
    this.store = new AuditStore(conn);
    const queue = conn.dialect.inProcess ? embeddedQueue : new SerialQueue();
    this.group = new GroupCommit(
      (batch) => queue.run(batch),
      (build) => this.store.appendChained(build),
    );
  }

  /** Creates the table when missing (HubStore.migrate does too). */
  migrate(): Promise<void> {
    return this.store.migrate();
  }

  /** Whether the store has an audit log table at all. */
  exists(): Promise<boolean> {
    return this.store.exists();
  }

  /**
   * Appends one record after the current last one (with the other appends waiting then, in one
   * transaction). Resolves once the row is committed; rejects (and writes nothing of its batch) when it
   * cannot be — the caller must then not answer the request.
   */
  async append(entry: AuditEntry): Promise<{ seq: number; hash: string }> {
    const record = await this.group.append(normaliseEntry(entry));
    return { seq: record.seq, hash: record.hash };
  }

  /** Whether some record names this principal, role or indicator. */
  mentions(what: 'principal' | 'role' | 'indicator', value: string): Promise<boolean> {
    return this.store.mentions(what, value);
  }

  /** The impact report kept with the decision of a change request, or null (decided before it was kept). */
  impactAtDecision(changeId: number): Promise<unknown> {
    return this.store.impactAtDecision(changeId);
  }

  /** Principals the log names, at most `limit` (for did-you-mean). */
  principals(limit = 10_000): Promise<string[]> {
    return this.store.principals(limit);
  }

  /** The chain's head (last seq and hash), or null when the log is empty. */
  head(): Promise<{ seq: number; hash: string } | null> {
    return this.store.head();
  }

  /** The newest record whose operation name is one of `names` ("system:start", "system:stop"…). */
  lastNamed(names: readonly string[]): Promise<AuditRecord | null> {
    return this.store.lastNamed(names);
  }

  /**
   * A period as an unbroken run of the chain: from the first record written at or after `from` to the
   * last written before `to` (a record straddling the edge by its request time is included, so the run has
   * no gap and re-verifies on its own). Null when the period holds none.
   */
  periodBounds(from: string | undefined, to: string | undefined): Promise<{ first: number; last: number } | null> {
    return this.store.seqBounds(instant(from, 'from'), instant(to, 'to'));
  }

  /** Oldest first: up to `limit` decoded rows with seq > `after` (exports and verification, chunk by chunk). */
  scan(after: number, limit: number) {
    return this.store.scan(after, limit);
  }

  /**
   * Records matching every given filter, **newest first** (descending seq), paged by keyset on seq:
   * pages stay stable while new records are appended (they land before the first page, never inside a
   * later one). Invalid arguments are refused with BAD_USER_INPUT.
   */
  async query(filter: AuditFilter = {}, page: AuditPageArgs = {}): Promise<AuditPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw badInput(`first must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}.`, { argument: 'first' });
    }
    const after = page.after ?? undefined;
    if (after !== undefined && (!Number.isSafeInteger(after) || after < 1)) {
      throw badInput(`after must be a cursor (a positive record number) from a previous page, got ${after}.`, {
        argument: 'after',
      });
    }
    if (filter.outcome !== undefined && !AUDIT_OUTCOMES.includes(filter.outcome)) {
      throw badInput(`Unknown outcome "${filter.outcome}" (known: ${AUDIT_OUTCOMES.join(', ')}).`, {
        argument: 'outcome',
      });
    }
    if (filter.eventType !== undefined && !AUDIT_EVENT_TYPES.includes(filter.eventType)) {
      throw badInput(`Unknown event type "${filter.eventType}" (known: ${AUDIT_EVENT_TYPES.join(', ')}).`, {
        argument: 'eventType',
      });
    }
    const rowFilter: AuditRowFilter = {
      ...filter,
      from: instant(filter.from, 'from'),
      to: instant(filter.to, 'to'),
    };
    const rows = await this.store.page(rowFilter, first + 1, after);
    const records = rows.slice(0, first);
    return { records, nextCursor: rows.length > first ? records[records.length - 1]!.seq : null };
  }

  /**
   * Recomputes every hash in seq order and reports the first record where the chain breaks:
   * - `missing sequence number`: the numbers are not 1, 2, 3, … (a record was deleted; seq = the first missing)
   * - `hash mismatch`: the record's content no longer gives its stored hash (edited, reordered, unreadable)
   * - `broken link to previous`: its prevHash is not the previous record's hash (the previous one was
   *   replaced by a record with a recomputed hash)
   * A chain alone cannot show records removed from its end: pass an `anchor` for that.
   */
  async verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    const chunkSize = options.chunkSize ?? VERIFY_CHUNK;
    const anchor = options.anchor;
    let prev = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    const broken = (seq: number, reason: BreakReason): VerifyResult => ({
      ok: false,
      checked,
      head: null,
      firstBroken: { seq, reason },
    });
    // From below 1: a row with seq ≤ 0 is an anomaly too.
    let cursor = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = await this.store.scan(cursor, chunkSize);
      for (const row of rows) {
        const expected = prev.seq + 1;
        if (row.seq !== expected) return broken(Math.min(row.seq, expected), 'missing sequence number');
        checked += 1;
        if (row.error !== undefined || hashOf(row.record) !== row.record.hash) return broken(row.seq, 'hash mismatch');
        if (row.record.prevHash !== prev.hash) return broken(row.seq, 'broken link to previous');
        if (anchor && row.seq === anchor.seq && row.record.hash !== anchor.hash)
          return broken(row.seq, 'hash mismatch');
        prev = { seq: row.seq, hash: row.record.hash };
      }
      if (rows.length < chunkSize) break;
      cursor = prev.seq;
    }
    if (anchor && prev.seq < anchor.seq) return broken(prev.seq + 1, 'missing sequence number');
    return { ok: true, checked, head: checked > 0 ? prev : null };
  }
}

function instant(value: string | undefined, argument: 'from' | 'to'): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`${argument} is not a date-time: "${value}".`, { argument });
  return date.toISOString();
}
