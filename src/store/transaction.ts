import type { Knex } from 'knex';
import type { SqlConnection } from '../db/connection';
import { DIALECTS } from '../db/dialects';

/**
 * Runs `work` in one transaction of the store: `conn` inside is bound to it, so every write of a
 * lifecycle step (state, version, notice) commits together or not at all.
 */
export async function inTransaction<T>(conn: SqlConnection, work: (trx: SqlConnection) => Promise<T>): Promise<T> {
  return conn.knex.transaction(async (trx) => work({ ...conn, knex: trx, close: async () => undefined }));
}

/** Unique-key violation (a racing writer took the key first), as any engine of the registry reports it. */
export function isUniqueViolation(error: unknown): boolean {
  return Object.values(DIALECTS).some((dialect) => dialect.classify(error) === 'unique-violation');
}

/** Refuses a store whose engine cannot take a lock held until commit (what `what` needs to stay ordered). */
export function requireTransactionLocks(conn: SqlConnection, what: string): void {
  if (!conn.dialect.transactionLock) {
    throw new Error(
      `${what} needs the hub store on an engine with transaction locks (PostgreSQL or the embedded engine), ` +
        `not ${conn.dialect.name}.`,
    );
  }
}

/** Takes a named lock held until `trx` commits or rolls back: writers on the same name, from any hub process, queue. */
export async function lockUntilCommit(conn: SqlConnection, trx: Knex, name: string): Promise<void> {
  requireTransactionLocks(conn, 'This write');
  await conn.dialect.transactionLock!(trx, name);
}
