import type { Knex } from 'knex';
import type { SqlConnection } from './connection';

const CHUNK_ROWS = 1000;

/** A row as it is inserted: column → value. */
export type TableRow = Record<string, string | number | boolean | null>;

/** Inserts rows in chunks inside one transaction per table (fast on every engine, all or nothing). */
export async function insertRows(conn: SqlConnection, table: string, rows: readonly TableRow[]): Promise<void> {
  if (rows.length === 0) return;
  await conn.knex.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const chunk = rows.slice(i, i + CHUNK_ROWS);
      const target = conn.schema ? trx.withSchema(conn.schema).table(table) : trx.table(table);
      await target.insert(chunk);
    }
  });
}

/** Drops the given tables when present (reseeding a test database). */
export async function dropTables(conn: SqlConnection, tables: readonly string[]): Promise<void> {
  for (const table of [...tables].reverse()) {
    const schema = conn.schema ? conn.knex.schema.withSchema(conn.schema) : conn.knex.schema;
    await schema.dropTableIfExists(table);
  }
}

/**
 * Creates tables and fills them (the tables of `rows` dropped first, in reverse order): `createTables` builds
 * them with knex's schema builder, in dependency order; text compares as on PostgreSQL on every engine.
 * Returns the rows inserted.
 */
export async function loadTables(
  conn: SqlConnection,
  createTables: (schema: Knex.SchemaBuilder) => Knex.SchemaBuilder,
  rows: Readonly<Record<string, readonly TableRow[]>>,
): Promise<number> {
  const tables = Object.keys(rows);
  await dropTables(conn, tables);
  await createTables(conn.schema ? conn.knex.schema.withSchema(conn.schema) : conn.knex.schema);
  await conn.dialect.conformTables(conn, tables);
  let count = 0;
  for (const [table, tableRows] of Object.entries(rows)) {
    await insertRows(conn, table, tableRows);
    count += tableRows.length;
  }
  return count;
}
