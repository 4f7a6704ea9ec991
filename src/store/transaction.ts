import type { SqlConnection } from '../db/connection';

/**
 * Runs `work` in one transaction of the store: `conn` inside is bound to it, so every write of a
 * lifecycle step (state, version, notice) commits together or not at all.
 */
export async function inTransaction<T>(conn: SqlConnection, work: (trx: SqlConnection) => Promise<T>): Promise<T> {
  return conn.knex.transaction(async (trx) => work({ ...conn, knex: trx, close: async () => undefined }));
}

/** Unique-key violation (a racing writer took the key first), on PostgreSQL / the embedded engine and MariaDB. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number };
  return e?.code === '23505' || e?.errno === 1062;
}
