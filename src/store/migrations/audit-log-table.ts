import type { SqlConnection } from '../../db/connection';
import { ensureSchema } from '../../db/open';
import { requireTransactionLocks } from '../transaction';

/** The audit log's table in the hub store's schema (src/audit/audit-store.ts reads and appends to it). */
export const AUDIT_TABLE = 'audit_log';

/** Columns added for auditors (migration 007): JSON text, null when the record has none. */
export const AUDITOR_COLUMNS = ['event_type', 'record_ids', 'arguments', 'suppressed', 'system', 'impact'] as const;

/** Creates `audit_log` and its indexes when missing (called by HubStore.migrate and AuditLog.migrate). */
export async function migrateAuditLog(conn: SqlConnection): Promise<void> {
  requireTransactionLocks(conn, 'The audit log');
  await ensureSchema(conn);
  const schema = () => (conn.schema ? conn.knex.schema.withSchema(conn.schema) : conn.knex.schema);
  if (await schema().hasTable(AUDIT_TABLE)) {
    // Added with indicator governance: lifecycle steps of the request (null for records without any).
    if (!(await schema().hasColumn(AUDIT_TABLE, 'events')))
      await schema().alterTable(AUDIT_TABLE, (t) => t.text('events').nullable());
    // Added with aggregated refusals: kind, count, first and last arrival (null for records of one request).
    if (!(await schema().hasColumn(AUDIT_TABLE, 'refusals')))
      await schema().alterTable(AUDIT_TABLE, (t) => t.text('refusals').nullable());
    // Added for auditors (issue 21): event type, record ids, literal arguments, suppressed cells, system events.
    for (const column of AUDITOR_COLUMNS)
      if (!(await schema().hasColumn(AUDIT_TABLE, column)))
        await schema().alterTable(AUDIT_TABLE, (t) => t.text(column).nullable());
    // Added with questions in words (ask): the questions' text (null for records without any).
    if (!(await schema().hasColumn(AUDIT_TABLE, 'questions')))
      await schema().alterTable(AUDIT_TABLE, (t) => t.text('questions').nullable());
    // Added with the response cache: "hit" when the answer was served from it (null otherwise).
    if (!(await schema().hasColumn(AUDIT_TABLE, 'response_cache')))
      await schema().alterTable(AUDIT_TABLE, (t) => t.text('response_cache').nullable());
    return;
  }
  await schema().createTable(AUDIT_TABLE, (t) => {
    t.bigInteger('seq').primary();
    t.text('at').notNullable();
    t.text('request_id').notNullable();
    t.text('principal').notNullable();
    t.text('roles').notNullable();
    t.text('scope').notNullable();
    t.text('operation_name').nullable();
    t.text('document_hash').nullable();
    t.text('variables').notNullable();
    t.text('fields_requested').notNullable();
    t.text('denied').notNullable();
    t.text('masked').notNullable();
    t.text('indicators').notNullable();
    t.text('statements').notNullable();
    t.integer('row_count').notNullable();
    t.text('outcome').notNullable();
    t.text('error_codes').notNullable();
    t.integer('latency_ms').notNullable();
    t.text('ip').nullable();
    t.text('reason').nullable();
    t.text('events').nullable();
    t.text('refusals').nullable();
    for (const column of AUDITOR_COLUMNS) t.text(column).nullable();
    t.text('questions').nullable();
    t.text('response_cache').nullable();
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable();
    t.index(['principal', 'seq']);
    t.index(['at']);
    t.index(['outcome', 'seq']);
  });
}
