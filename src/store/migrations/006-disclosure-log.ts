import type { Migration } from './index';
import { schemaOf } from './schema-of';

/**
 * The disclosure log (src/engine/disclosure.ts): per principal, personal fact and exact time window, the
 * query sets (base members a released cell adds up) already released, with the people behind each member
 * at release. Kept across restarts and shared by every hub process on the store.
 */
export const disclosureLog: Migration = {
  name: '006-disclosure-log',
  async up(conn) {
    const schema = schemaOf(conn);
    await schema().createTable('disclosure_log', (t) => {
      t.increments('id').primary();
      t.string('principal', 200).notNullable();
      t.string('fact', 200).notNullable();
      t.string('window_from', 10).notNullable();
      t.string('window_to', 10).notNullable();
      // sha256 of the sorted member list; the list and populations as JSON text.
      t.string('set_hash', 64).notNullable();
      t.text('members').notNullable();
      t.text('populations').notNullable();
      t.text('released_at').notNullable();
      t.unique(['principal', 'fact', 'window_from', 'window_to', 'set_hash']);
      t.index(['principal', 'released_at']);
    });
  },
};
