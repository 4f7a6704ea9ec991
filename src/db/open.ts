import knexFactory from 'knex';
import type { ConnectionSettings, SqlConnection } from './connection';
import type { EngineName } from './dialect';
import { DIALECTS, dialectOf } from './dialects';
import type { EmbeddedEngine } from './embedded';

export type { ConnectionSettings } from './connection';

/**
 * Opens a pool for a source or the hub store through its engine's dialect (src/db/dialects): the one place a
 * connection is opened. `defaultSchema` applies to embedded (PostgreSQL defaults to "public", MariaDB to the
 * URL's database); an embedded connection needs the open `embedded` engine.
 */
export function openConnection(
  settings: ConnectionSettings,
  defaultSchema: string,
  embedded?: EmbeddedEngine,
): SqlConnection {
  return dialectOf(settings.engine).open(settings, defaultSchema, embedded);
}

/** Whether any of these connections runs on the in-process engine (which must then be opened first). */
export function needsEmbeddedEngine(settings: ReadonlyArray<{ engine: EngineName } | undefined>): boolean {
  return settings.some((s) => s !== undefined && dialectOf(s.engine).inProcess);
}

/** Creates the schema (PostgreSQL) or database (MySQL) when missing. */
export async function ensureSchema(conn: SqlConnection): Promise<void> {
  if (conn.schema) await conn.dialect.ensureSchema(conn, conn.schema);
}

/** A connection that only compiles statements in an engine's SQL: knex without a connection never opens a
 *  socket (DB-less SQL tests). */
export function offlineConnection(engine: EngineName, schema: string | undefined): SqlConnection {
  const knex = knexFactory({ client: DIALECTS[engine].client });
  return { knex, schema, dialect: DIALECTS[engine], close: () => knex.destroy() };
}
