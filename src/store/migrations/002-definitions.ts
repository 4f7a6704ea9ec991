import type { Migration } from './index';
import { schemaOf } from './schema-of';

/**
 * Indicator governance (src/governance): one head row per indicator, its immutable published versions,
 * and the change requests that propose, review and decide them. Definitions are stored as JSON text.
 */
export const definitions: Migration = {
  name: '002-definitions',
  async up(conn) {
    const schema = schemaOf(conn);
    await schema().createTable('indicator_head', (t) => {
      t.string('code', 64).primary();
      t.string('domain', 40).notNullable();
      t.string('status', 16).notNullable();
      t.integer('current_version').nullable();
      t.string('successor', 64).nullable();
      t.text('archived_at').nullable();
      t.integer('revision').notNullable().defaultTo(0);
    });
    await schema().createTable('indicator_change', (t) => {
      t.increments('id').primary();
      t.string('code', 64).notNullable();
      t.string('domain', 40).notNullable();
      t.string('kind', 16).notNullable();
      t.string('state', 16).notNullable();
      t.text('definition').nullable();
      t.integer('base_version').nullable();
      t.string('author', 80).notNullable();
      t.text('reason').notNullable();
      t.string('successor', 64).nullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      t.string('reviewer', 80).nullable();
      t.text('comment').nullable();
      t.text('decided_at').nullable();
      t.integer('revision').notNullable().defaultTo(0);
      t.integer('result_version').nullable();
      t.index(['code', 'state']);
      t.index(['state']);
    });
    await schema().createTable('indicator_version', (t) => {
      t.string('code', 64).notNullable();
      t.integer('version').notNullable();
      t.text('definition').notNullable();
      t.string('fingerprint', 12).notNullable();
      t.string('author', 80).notNullable();
      t.string('approved_by', 80).notNullable();
      t.text('reason').notNullable();
      t.text('published_at').notNullable();
      t.text('in_force_from').notNullable();
      t.integer('change_id').nullable();
      t.text('diff').notNullable();
      // Two approvals racing for the same number: the second insert fails, nothing is overwritten.
      t.primary(['code', 'version']);
    });
  },
};
