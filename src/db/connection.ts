import type { Knex } from 'knex';
import type { Dialect, EngineName } from './dialect';

/** Connection settings of one source (or the hub store), engine-neutral. */
export interface ConnectionSettings {
  engine: EngineName;
  url?: string | undefined;
  schema?: string | undefined;
  pool?: { min: number; max: number } | undefined;
  acquireTimeoutMs?: number | undefined;
  /** Statements longer than this are cancelled by the server itself (PostgreSQL statement_timeout,
   *  MariaDB max_statement_time); the client gives up a second later in any case. */
  statementTimeoutMs?: number | undefined;
}

/** An open SQL connection (pool) a source adapter runs its statements on. */
export interface SqlConnection {
  readonly knex: Knex;
  /** Schema (PostgreSQL, embedded) or database (MySQL/MariaDB) that holds the source's tables. */
  readonly schema: string | undefined;
  /** What differs between engines (SQL, catalogs, driver errors, sessions): src/db/dialects. */
  readonly dialect: Dialect;
  /** Client-side limit per statement (ms), on top of the server-side one set per session; none for embedded. */
  readonly statementTimeoutMs?: number;
  close(): Promise<void>;
}

/** A table of the source, schema-qualified when the connection names one. */
export function from(conn: SqlConnection, table: string): Knex.QueryBuilder {
  const builder = conn.knex.queryBuilder();
  return conn.schema ? builder.withSchema(conn.schema).from(table) : builder.from(table);
}
