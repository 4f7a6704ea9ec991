import type { Migration } from './index';
import { schemaOf } from './schema-of';

/**
 * Notices of indicator governance (src/notices): one row per lifecycle event, who it is addressed to
 * (inbox), who has read it, the registered interest (subscriptions with their codes and optional webhook)
 * and one webhook delivery per matching subscription with each of its attempts.
 * Instants are ISO 8601 UTC text of one format (Date#toISOString): text order is time order.
 */
export const notices: Migration = {
  name: '003-notices',
  async up(conn) {
    const schema = schemaOf(conn);
    await schema().createTable('notice', (t) => {
      t.increments('id').primary();
      t.string('kind', 16).notNullable();
      t.string('code', 64).notNullable();
      t.string('domain', 40).notNullable();
      t.integer('change_id').notNullable();
      t.integer('version').nullable();
      t.string('actor', 200).notNullable();
      t.text('at').notNullable();
      t.text('note').notNullable();
      // JSON arrays of text: the code and its dependents; the addresses told.
      t.text('affected').notNullable();
      t.text('recipients').notNullable();
    });
    await schema().createTable('notice_inbox', (t) => {
      t.integer('notice_id').notNullable().references('id').inTable(qualified(conn, 'notice'));
      // person:<id>, unit:<id>, role:<name>, principal:<owner of a matching subscription> (src/notices/addresses.ts)
      t.string('address', 200).notNullable();
      t.primary(['notice_id', 'address']);
      t.index(['address', 'notice_id']);
    });
    await schema().createTable('notice_read', (t) => {
      t.integer('notice_id').notNullable().references('id').inTable(qualified(conn, 'notice'));
      t.string('principal', 200).notNullable();
      t.text('read_at').notNullable();
      t.primary(['principal', 'notice_id']);
    });
    await schema().createTable('notice_subscription', (t) => {
      t.increments('id').primary();
      t.string('owner', 200).notNullable();
      // true: every code; false: only those in notice_subscription_code.
      t.boolean('all_codes').notNullable();
      t.text('webhook_url').nullable();
      t.text('secret').nullable();
      t.text('created_at').notNullable();
      t.boolean('active').notNullable().defaultTo(true);
      t.text('cancelled_at').nullable();
      t.index(['owner', 'id']);
    });
    await schema().createTable('notice_subscription_code', (t) => {
      t.integer('subscription_id').notNullable().references('id').inTable(qualified(conn, 'notice_subscription'));
      t.string('code', 64).notNullable();
      t.primary(['subscription_id', 'code']);
      t.index(['code']);
    });
    await schema().createTable('webhook_delivery', (t) => {
      t.increments('id').primary();
      t.integer('notice_id').notNullable().references('id').inTable(qualified(conn, 'notice'));
      t.integer('subscription_id').notNullable().references('id').inTable(qualified(conn, 'notice_subscription'));
      // pending → delivered | failed (attempts used up, URL no longer allowed) | cancelled (subscription cancelled)
      t.string('status', 16).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.integer('last_status_code').nullable();
      t.text('last_error').nullable();
      // Due time while pending; while an attempt runs, the end of its lease (a crash frees it after that).
      t.text('next_attempt_at').nullable();
      t.text('created_at').notNullable();
      t.text('delivered_at').nullable();
      t.index(['status', 'next_attempt_at']);
      t.index(['subscription_id', 'id']);
    });
    await schema().createTable('webhook_attempt', (t) => {
      t.integer('delivery_id').notNullable().references('id').inTable(qualified(conn, 'webhook_delivery'));
      t.integer('attempt').notNullable();
      t.text('at').notNullable();
      t.integer('status_code').nullable();
      t.text('error').nullable();
      t.integer('duration_ms').notNullable();
      t.text('next_attempt_at').nullable();
      t.primary(['delivery_id', 'attempt']);
    });
  },
};

function qualified(conn: { schema: string | undefined }, table: string): string {
  return conn.schema ? `${conn.schema}.${table}` : table;
}
