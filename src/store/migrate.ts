import type { Knex } from 'knex';
import type { SqlConnection } from '../db/connection';
import { ensureSchema } from '../db/open';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Brings the hub store's schema up to date with knex's migrator (`hub_migrations` records what ran, a lock
 * table keeps two processes from migrating at once). Each migration runs in its own transaction: a failed
 * one leaves nothing half-created.
 */
export async function migrateStore(conn: SqlConnection): Promise<string[]> {
  await ensureSchema(conn);
  const config = {
    migrationSource: sourceOf(conn),
    tableName: 'hub_migrations',
    ...(conn.schema ? { schemaName: conn.schema } : {}),
  };
  // Several hub processes (or test workers) starting on one store: the loser of the lock race waits its turn.
  for (let attempt = 1; ; attempt++) {
    try {
      const [, applied] = (await conn.knex.migrate.latest(config)) as [number, string[]];
      return applied;
    } catch (error) {
      if (attempt >= 60 || !racedAnotherMigrator(conn, error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 250));
    }
  }
}

/** knex's lock is taken, or its bookkeeping tables were being created by someone else at the same moment. */
function racedAnotherMigrator(conn: SqlConnection, error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  const failure = conn.dialect.classify(error);
  if (e?.name === 'MigrationLocked' || /already locked/i.test(e?.message ?? '')) return true;
  return failure === 'unique-violation' || failure === 'already-exists';
}

function sourceOf(conn: SqlConnection): Knex.MigrationSource<Migration> {
  // knex types getMigration as returning a Promise; it accepts the object itself.
  return {
    getMigrations: async () => [...MIGRATIONS],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => ({
      up: (trx: Knex) => m.up({ ...conn, knex: trx, close: async () => undefined }),
      down: async () => {
        throw new Error(`Migration ${m.name} cannot be undone: restore the store from a backup instead.`);
      },
    }),
  };
}
