import { canonicalJson, entryOutsideGraphQL, type AuditEventType, type AuditOutcome, type AuditRecord } from './record';
import { from, type SqlConnection } from '../db/connection';
import { AUDIT_TABLE, migrateAuditLog } from '../store/migrations/audit-log-table';
import { isUniqueViolation, lockUntilCommit, requireTransactionLocks } from '../store/transaction';
import { auditAppendConflicts, auditAppends, auditLockSeconds, auditRecordsAppended } from '../observability/metrics';

/**
 * The SQL side of the audit log (src/audit/audit-log.ts holds the chain logic): table `audit_log` in the
 * hub store's schema, one row per record, JSON-valued fields as canonical JSON text (the form the hash
 * covers; verification parses them back and recomputes it). Appends are ordered by a lock held to commit,
 * so the store's engine must offer one (Dialect.transactionLock: PostgreSQL and the embedded engine).
 */

/** Filters with values already validated and normalised by the caller. */
export interface AuditRowFilter {
  principal?: string | undefined;
  /** ISO instants, inclusive / exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  indicator?: string | undefined;
  field?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** Origination address, exactly. */
  address?: string | undefined;
  /** A role the request was made with. */
  role?: string | undefined;
  requestId?: string | undefined;
  eventType?: AuditEventType | undefined;
  /** Only records where personal data was returned: record ids, masked fields, suppressed cells, or one of
   *  these indicators (the personal ones, decided by lineage by the caller). */
  personalData?: { indicators: readonly string[] } | undefined;
}

/** A stored row decoded back into a record, or the reason it could not be (a column is not valid JSON). */
export type DecodedRow =
  { seq: number; record: AuditRecord; error?: undefined } | { seq: number; record?: undefined; error: string };

type Row = Record<string, unknown>;
/** The transaction handle knex passes to its callback (knex's types may not be imported outside the store). */
type Trx = Parameters<Parameters<SqlConnection['knex']['transaction']>[0]>[0];

export class AuditStore {
  /** Advisory lock id for this store's schema: appends from every hub process on it queue behind it. */
  private readonly lockName: string;
  /** The last record this store appended (its seq and hash), while no failure has made it uncertain. */
  private lastWritten: { seq: number; hash: string } | undefined;
  private readonly appendSqlByCount = new Map<number, string>();

  constructor(readonly conn: SqlConnection) {
    requireTransactionLocks(conn, 'The audit log');
    this.lockName = `indicator-hub:${AUDIT_TABLE}:${conn.schema ?? 'public'}`;
  }

  migrate(): Promise<void> {
    return migrateAuditLog(this.conn);
  }

  async exists(): Promise<boolean> {
    const schema = this.conn.schema ? this.conn.knex.schema.withSchema(this.conn.schema) : this.conn.knex.schema;
    return schema.hasTable(AUDIT_TABLE);
  }

  /**
   * Appends the records `build` chains after the last one, all-or-nothing, in the cheapest way that is safe:
   * - ONE autocommitted statement (appendAfter) that takes the schema's advisory lock, checks that the head it
   *   was built on is still the last record (that seq with that hash, nothing after it) and inserts the records
   *   (seq head + 1, …). seq is the primary key, so a record another process committed after that head makes
   *   the statement write nothing (no row returned, or a unique violation as a whole): never a fork or a gap.
   *   Tried first after the head this store wrote itself (`fast`: one round trip); when another process wrote
   *   meanwhile, the head is read again in one statement and the append retried the same way (`optimistic`:
   *   two round trips, no transaction held open across them), up to OPTIMISTIC_TRIES times;
   * - otherwise (empty log, or the head kept moving): in one transaction, take the lock (held to commit, so
   *   two processes cannot both read the same last row), read the last record, build from it, insert — five
   *   round trips (begin, lock, read, insert, commit), but it cannot lose: every one-statement append takes
   *   the same lock, so none can slip in between the read and the insert.
   * `build` may be called once per attempt; only the records of the attempt that committed are returned.
   */
  async appendChained(build: (last: { seq: number; hash: string } | null) => AuditRecord[]): Promise<AuditRecord[]> {
    let head = this.lastWritten;
    this.lastWritten = undefined;
    if (this.conn.dialect.transactionLockSql) {
      let path: 'fast' | 'optimistic' = 'fast';
      for (let reads = 0; ;) {
        if (!head) {
          if (reads === OPTIMISTIC_TRIES) break;
          reads++;
          path = 'optimistic';
          head = (await this.head()) ?? undefined;
          // An empty log: the first record is written under the lock.
          if (!head) break;
        }
        const records = build(head);
        if (records.length === 0) {
          this.lastWritten = head;
          return records;
        }
        if (await this.tryAppendAfter(head, records, path)) {
          auditAppends.inc({ path });
          auditRecordsAppended.inc(records.length);
          this.lastWritten = headOf(records);
          return records;
        }
        head = undefined;
      }
    }
    let locked = 0;
    const written = await this.conn.knex.transaction(async (trx) => {
      await lockUntilCommit(this.conn, trx, this.lockName);
      locked = performance.now();
      const last = (await this.table(trx).select('seq', 'hash').orderBy('seq', 'desc').first()) as
        { seq: unknown; hash: string } | undefined;
      const current = last ? { seq: Number(last.seq), hash: last.hash } : null;
      const records = build(current);
      if (records.length) await this.table(trx).insert(records.map(toRow));
      return { records, head: records.length ? headOf(records) : current };
    });
    auditLockSeconds.observe({ path: 'locked' }, (performance.now() - locked) / 1000);
    auditAppends.inc({ path: 'locked' });
    auditRecordsAppended.inc(written.records.length);
    this.lastWritten = written.head ?? undefined;
    return written.records;
  }

  /** appendAfter, false when the head moved (a unique violation included: nothing was written either way). */
  private async tryAppendAfter(
    head: { seq: number; hash: string },
    records: AuditRecord[],
    path: 'fast' | 'optimistic',
  ): Promise<boolean> {
    const started = performance.now();
    try {
      const inserted = await this.appendAfter(head, records);
      if (!inserted) auditAppendConflicts.inc({ how: 'checked' });
      return inserted;
    } catch (error) {
      // Another process committed the next seq after this statement's snapshot: nothing was written.
      if (!isUniqueViolation(error)) throw error;
      auditAppendConflicts.inc({ how: 'unique-violation' });
      return false;
    } finally {
      auditLockSeconds.observe({ path }, (performance.now() - started) / 1000);
    }
  }

  /**
   * The records inserted after `head` in one autocommitted statement: the lock first, then only if `head` is
   * still the record of its seq with its hash and no record follows it. False when it is not (nothing
   * inserted). A record committed after the statement's snapshot (while it waited for the lock) is not seen
   * by that check, but the primary key still refuses its seq: a unique violation, nothing inserted either.
   */
  private async appendAfter(head: { seq: number; hash: string }, records: AuditRecord[]): Promise<boolean> {
    const rows = records.map(toRow);
    const bindings: Array<string | number | null> = [];
    for (const row of rows) for (const c of COLUMNS) bindings.push(row[c] as string | number | null);
    bindings.push(this.lockName, head.seq, head.hash, head.seq + 1);
    const result = await this.conn.knex.raw(this.appendSql(rows.length), bindings);
    return this.conn.dialect.rawRows(result).length === records.length;
  }

  /** The statement of appendAfter for `n` records (identifiers quoted once, kept per n). */
  private appendSql(n: number): string {
    let sql = this.appendSqlByCount.get(n);
    if (sql !== undefined) return sql;
    // Standard SQL quoting (the store is PostgreSQL or the embedded engine: requireTransactionLocks).
    const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const table = this.conn.schema ? `${id(this.conn.schema)}.${id(AUDIT_TABLE)}` : id(AUDIT_TABLE);
    const names = COLUMNS.map(id).join(', ');
    const value = (column: string) => (INTEGER_COLUMNS.has(column) ? `cast(? as ${INTEGER_COLUMNS.get(column)})` : '?');
    const tuple = `(${COLUMNS.map(value).join(', ')})`;
    sql =
      `insert into ${table} (${names}) ` +
      `select * from (values ${Array.from({ length: n }, () => tuple).join(', ')}) as v (${names}) ` +
      `where exists (select 1 from ${table} as h, (select ${this.conn.dialect.transactionLockSql!} as locked) as l ` +
      `where h.seq = cast(? as bigint) and h.hash = ?) ` +
      `and not exists (select 1 from ${table} as n where n.seq = cast(? as bigint)) returning seq`;
    this.appendSqlByCount.set(n, sql);
    return sql;
  }

  /** Newest first: up to `limit` records with seq < `before` (all when undefined) matching the filter. */
  async page(filter: AuditRowFilter, limit: number, before: number | undefined): Promise<AuditRecord[]> {
    const q = from(this.conn, AUDIT_TABLE).select('*');
    if (filter.principal !== undefined) q.where('principal', filter.principal);
    if (filter.outcome !== undefined) q.where('outcome', filter.outcome);
    // `at` is ISO 8601 UTC text of one fixed format: text order is time order.
    if (filter.from !== undefined) q.where('at', '>=', filter.from);
    if (filter.to !== undefined) q.where('at', '<', filter.to);
    if (filter.indicator !== undefined)
      q.whereRaw('indicators::jsonb @> ?::jsonb', [JSON.stringify([{ code: filter.indicator }])]);
    if (filter.field !== undefined) {
      const field = filter.field;
      q.where((w) =>
        w
          .whereRaw('fields_requested::jsonb @> ?::jsonb', [JSON.stringify([field])])
          .orWhereRaw('denied::jsonb @> ?::jsonb', [JSON.stringify([{ field }])])
          .orWhereRaw('masked::jsonb @> ?::jsonb', [JSON.stringify([{ field }])]),
      );
    }
    if (filter.address !== undefined) q.where('ip', filter.address);
    if (filter.requestId !== undefined) q.where('request_id', filter.requestId);
    if (filter.role !== undefined) q.whereRaw('roles::jsonb @> ?::jsonb', [JSON.stringify([filter.role])]);
    if (filter.eventType !== undefined) {
      const type = filter.eventType;
      // Records written before event types were kept: classified as eventTypeOf does.
      q.where((w) => {
        w.where('event_type', type);
        if (type === 'authentication') w.orWhere((o) => o.whereNull('event_type').andWhere('outcome', 'refused'));
        if (type === 'write')
          w.orWhere((o) => o.whereNull('event_type').andWhereNot('outcome', 'refused').whereNotNull('events'));
        if (type === 'read')
          w.orWhere((o) => o.whereNull('event_type').andWhereNot('outcome', 'refused').whereNull('events'));
      });
    }
    if (filter.personalData !== undefined) {
      const codes = filter.personalData.indicators;
      q.where((w) => {
        w.whereNotNull('record_ids').orWhereNot('masked', '[]').orWhereNotNull('suppressed');
        for (const code of codes) w.orWhereRaw('indicators::jsonb @> ?::jsonb', [JSON.stringify([{ code }])]);
      });
    }
    if (before !== undefined) q.where('seq', '<', before);
    const rows = (await q.orderBy('seq', 'desc').limit(limit)) as Row[];
    return rows.map((row) => {
      const decoded = decodeRow(row);
      if (decoded.error !== undefined) throw new Error(`audit_log row ${decoded.seq} cannot be read: ${decoded.error}`);
      return decoded.record;
    });
  }

  /** Whether some record names this principal / holds this role / uses this indicator (filters on names
   *  no longer in the policy or the dictionary: a departed person, a removed role). */
  async mentions(what: 'principal' | 'role' | 'indicator', value: string): Promise<boolean> {
    const q = from(this.conn, AUDIT_TABLE).select('seq');
    if (what === 'principal') q.where('principal', value);
    else if (what === 'role') q.whereRaw('roles::jsonb @> ?::jsonb', [JSON.stringify([value])]);
    else q.whereRaw('indicators::jsonb @> ?::jsonb', [JSON.stringify([{ code: value }])]);
    return (await q.first()) !== undefined;
  }

  /** The impact report kept with the decision of change `changeId` (the newest such record), or null. */
  async impactAtDecision(changeId: number): Promise<unknown> {
    const row = (await from(this.conn, AUDIT_TABLE)
      .select('impact')
      .whereRaw('impact::jsonb @> ?::jsonb', [JSON.stringify({ changeId })])
      .orderBy('seq', 'desc')
      .first()) as { impact: string } | undefined;
    return row ? (JSON.parse(row.impact) as { report: unknown }).report : null;
  }

  /** Principals the log names (for did-you-mean), at most `limit`. */
  async principals(limit: number): Promise<string[]> {
    const rows = (await from(this.conn, AUDIT_TABLE).distinct('principal').limit(limit)) as Array<{
      principal: string;
    }>;
    return rows.map((r) => r.principal);
  }

  /** The last record's seq and hash, or null for an empty log. */
  async head(): Promise<{ seq: number; hash: string } | null> {
    const row = (await from(this.conn, AUDIT_TABLE).select('seq', 'hash').orderBy('seq', 'desc').first()) as
      { seq: unknown; hash: string } | undefined;
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  /** The newest record whose operation name is one of `names` (system events are named "system:<kind>"). */
  async lastNamed(names: readonly string[]): Promise<AuditRecord | null> {
    const row = (await from(this.conn, AUDIT_TABLE)
      .select('*')
      .whereIn('operation_name', [...names])
      .orderBy('seq', 'desc')
      .first()) as Row | undefined;
    if (!row) return null;
    const decoded = decodeRow(row);
    return decoded.record ?? null;
  }

  /** The first seq written at or after `from` and the last written before `to` (a period's bounds), or null. */
  async seqBounds(from_: string | undefined, to: string | undefined): Promise<{ first: number; last: number } | null> {
    const first = from(this.conn, AUDIT_TABLE).min('seq as v');
    if (from_ !== undefined) first.where('at', '>=', from_);
    const last = from(this.conn, AUDIT_TABLE).max('seq as v');
    if (to !== undefined) last.where('at', '<', to);
    const [a, b] = (await Promise.all([first.first(), last.first()])) as Array<{ v: unknown } | undefined>;
    if (a?.v === null || a?.v === undefined || b?.v === null || b?.v === undefined) return null;
    const bounds = { first: Number(a.v), last: Number(b.v) };
    return bounds.first <= bounds.last ? bounds : null;
  }

  /** Oldest first: up to `limit` rows with seq > `after`, decoded (for verification, chunk by chunk). */
  async scan(after: number, limit: number): Promise<DecodedRow[]> {
    const rows = (await from(this.conn, AUDIT_TABLE)
      .select('*')
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(limit)) as Row[];
    return rows.map(decodeRow);
  }

  private table(trx: Trx) {
    return this.conn.schema ? trx.withSchema(this.conn.schema).table(AUDIT_TABLE) : trx.table(AUDIT_TABLE);
  }
}

/** One-statement appends after a head read again (another process wrote) before the locked transaction. */
export const OPTIMISTIC_TRIES = 3;

/** Columns that are not text, with their SQL type (a value in a VALUES list is text unless cast). */
const INTEGER_COLUMNS = new Map([
  ['seq', 'bigint'],
  ['row_count', 'integer'],
  ['latency_ms', 'integer'],
]);

/** The table's columns, in the order toRow gives them. */
const COLUMNS = Object.keys(
  toRow({
    ...entryOutsideGraphQL({ requestId: '', principal: '', outcome: 'ok', errorCodes: [] }),
    seq: 0,
    prevHash: '',
    hash: '',
  }),
);

function headOf(records: AuditRecord[]): { seq: number; hash: string } {
  const last = records[records.length - 1]!;
  return { seq: last.seq, hash: last.hash };
}

/** JSON-valued fields are written with the canonical serialisation the hash is computed over. */
function toRow(r: AuditRecord): Row {
  return {
    seq: r.seq,
    at: r.at,
    request_id: r.requestId,
    principal: r.principal,
    roles: json(r.roles),
    scope: r.scope,
    operation_name: r.operationName,
    document_hash: r.documentHash,
    variables: json(r.variables),
    fields_requested: json(r.fieldsRequested),
    denied: json(r.denied),
    masked: json(r.masked),
    indicators: json(r.indicators),
    statements: json(r.statements),
    row_count: r.rows,
    outcome: r.outcome,
    error_codes: json(r.errorCodes),
    latency_ms: r.latencyMs,
    ip: r.ip,
    reason: r.reason,
    events: r.events ? json(r.events) : null,
    refusals: r.refusals ? json(r.refusals) : null,
    event_type: r.eventType ?? null,
    record_ids: r.recordIds ? json(r.recordIds) : null,
    arguments: r.arguments ? json(r.arguments) : null,
    suppressed: r.suppressed ? json(r.suppressed) : null,
    system: r.system ? json(r.system) : null,
    questions: r.questions ? json(r.questions) : null,
    impact: r.impact ? json(r.impact) : null,
    response_cache: r.responseCache ?? null,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

function json(value: unknown): string {
  return canonicalJson(value ?? null);
}

function decodeRow(row: Row): DecodedRow {
  const seq = Number(row.seq);
  try {
    const record: AuditRecord = {
      seq,
      at: String(row.at),
      requestId: String(row.request_id),
      principal: String(row.principal),
      roles: parse(row.roles, 'roles') as AuditRecord['roles'],
      scope: String(row.scope),
      operationName: nullableText(row.operation_name),
      documentHash: nullableText(row.document_hash),
      variables: parse(row.variables, 'variables') as AuditRecord['variables'],
      fieldsRequested: parse(row.fields_requested, 'fields_requested') as AuditRecord['fieldsRequested'],
      denied: parse(row.denied, 'denied') as AuditRecord['denied'],
      masked: parse(row.masked, 'masked') as AuditRecord['masked'],
      indicators: parse(row.indicators, 'indicators') as AuditRecord['indicators'],
      statements: parse(row.statements, 'statements') as AuditRecord['statements'],
      rows: Number(row.row_count),
      outcome: String(row.outcome) as AuditOutcome,
      errorCodes: parse(row.error_codes, 'error_codes') as AuditRecord['errorCodes'],
      latencyMs: Number(row.latency_ms),
      ip: nullableText(row.ip),
      reason: nullableText(row.reason),
      ...(row.events ? { events: parse(row.events, 'events') as NonNullable<AuditRecord['events']> } : {}),
      ...(row.refusals ? { refusals: parse(row.refusals, 'refusals') as NonNullable<AuditRecord['refusals']> } : {}),
      ...(row.event_type ? { eventType: String(row.event_type) as NonNullable<AuditRecord['eventType']> } : {}),
      ...(row.record_ids ? { recordIds: parse(row.record_ids, 'record_ids') as AuditRecord['recordIds'] } : {}),
      ...(row.arguments ? { arguments: parse(row.arguments, 'arguments') as AuditRecord['arguments'] } : {}),
      ...(row.suppressed ? { suppressed: parse(row.suppressed, 'suppressed') as AuditRecord['suppressed'] } : {}),
      ...(row.system ? { system: parse(row.system, 'system') as AuditRecord['system'] } : {}),
      ...(row.questions
        ? { questions: parse(row.questions, 'questions') as NonNullable<AuditRecord['questions']> }
        : {}),
      ...(row.impact ? { impact: parse(row.impact, 'impact') as AuditRecord['impact'] } : {}),
      ...(row.response_cache === 'hit' ? { responseCache: 'hit' as const } : {}),
      prevHash: String(row.prev_hash),
      hash: String(row.hash),
    };
    return { seq, record };
  } catch (error) {
    return { seq, error: (error as Error).message };
  }
}

function parse(value: unknown, column: string): unknown {
  try {
    return JSON.parse(String(value));
  } catch {
    throw new Error(`column ${column} is not valid JSON`);
  }
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
