import type { KeyMapRow } from '../store/hub-store';
import type { DemoTables, ModelGenerator, NativeRow } from '../seed/definition';
import type { SqlConnection } from './connection';

const CHUNK_ROWS = 1000;

/** Inserts rows in chunks inside one transaction per table (fast on every engine, all or nothing). */
export async function insertRows(conn: SqlConnection, table: string, rows: readonly NativeRow[]): Promise<void> {
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


/** The key map of generated data: every source's keys for every conformed entity it holds. */
export function generatedKeyMap<C>(generator: ModelGenerator<C>, company: C): KeyMapRow[] {
  return Object.entries(generator.sources).flatMap(([source, tables]) => tables.keyMap(company).map((pair) => ({ ...pair, source })));
}

/** Creates a source's native tables and loads its part of the generated company (tables dropped first). */
export async function seedDemoSource<C>(tables: DemoTables<C>, conn: SqlConnection, company: C): Promise<number> {
  const rows = tables.rows(company);
  await dropTables(conn, Object.keys(rows));
  await tables.createTables(conn.schema ? conn.knex.schema.withSchema(conn.schema) : conn.knex.schema);
  if (conn.dialect === 'mysql') await useBinaryCollation(conn, Object.keys(rows));
  let count = 0;
  for (const [table, tableRows] of Object.entries(rows)) {
    await insertRows(conn, table, tableRows);
    count += tableRows.length;
  }
  return count;
}

/**
 * knex appends the connection's `charset` to every MySQL CREATE TABLE, and a charset without a collation
 * means that charset's default (utf8mb4_general_ci: case-insensitive order and comparisons). Keep the
 * database's utf8mb4_bin (ensureSchema), so text compares and sorts as on PostgreSQL.
 */
async function useBinaryCollation(conn: SqlConnection, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const name = conn.schema ? `${conn.schema}.${table}` : table;
    await conn.knex.raw('alter table ?? convert to character set utf8mb4 collate utf8mb4_bin', [name]);
  }
}
