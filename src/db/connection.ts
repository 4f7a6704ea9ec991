import type { Knex } from 'knex';

/** An open SQL connection (pool) a source adapter runs its statements on. */
export interface SqlConnection {
  readonly knex: Knex;
  /** Schema (PostgreSQL, embedded) or database (MySQL/MariaDB) that holds the source's tables. */
  readonly schema: string | undefined;
  readonly dialect: 'postgres' | 'mysql';
  readonly engine: 'embedded' | 'postgres' | 'mysql';
  /** Client-side limit per statement (ms), on top of the server-side one set per session; none for embedded. */
  readonly statementTimeoutMs?: number;
  close(): Promise<void>;
}

/** A table of the source, schema-qualified when the connection names one. */
export function from(conn: SqlConnection, table: string): Knex.QueryBuilder {
  const builder = conn.knex.queryBuilder();
  return conn.schema ? builder.withSchema(conn.schema).from(table) : builder.from(table);
}
