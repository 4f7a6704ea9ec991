import { migrateAuditLog } from './audit-log-table';
import type { Migration } from './index';
import { schemaOf } from './schema-of';

/** Key map, demo seed marker and audit log (created when missing: stores from before migrations have them). */
export const base: Migration = {
  name: '001-base',
  async up(conn) {
    const schema = schemaOf(conn);
    if (!(await schema().hasTable('key_map'))) {
      await schema().createTable('key_map', (t) => {
        t.string('entity', 40).notNullable();
        t.string('source', 40).notNullable();
        t.string('source_key', 64).notNullable();
        t.string('hub_id', 64).notNullable();
        t.primary(['entity', 'source', 'source_key']);
        t.unique(['entity', 'source', 'hub_id']);
      });
    }
    if (!(await schema().hasTable('demo_seed'))) {
      await schema().createTable('demo_seed', (t) => {
        t.integer('scale').notNullable();
        t.string('seeded_at', 40).notNullable();
        t.string('version', 64).nullable();
      });
    } else if (!(await schema().hasColumn('demo_seed', 'version'))) {
      await schema().alterTable('demo_seed', (t) => t.string('version', 64).nullable());
    }
    await migrateAuditLog(conn);
  },
};
