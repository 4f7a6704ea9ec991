import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { SqlConnection } from './connection';
import { knexLog } from './knex-log';
import type { EmbeddedEngine } from './embedded';

/** Connection settings of one source (or the hub store), engine-neutral. */
export interface ConnectionSettings {
  engine: 'embedded' | 'postgres' | 'mysql';
  url?: string | undefined;
  schema?: string | undefined;
  pool?: { min: number; max: number } | undefined;
  acquireTimeoutMs?: number | undefined;
  /** Statements longer than this are cancelled by the server itself (PostgreSQL statement_timeout,
   *  MariaDB max_statement_time); the client gives up a second later in any case. */
  statementTimeoutMs?: number | undefined;
}

// pg: DATE stays an ISO string (not a Date in the server's time zone).
pg.types.setTypeParser(1082, (value: string) => value);

/** Opens a pool for a source; `defaultSchema` applies to embedded (and PostgreSQL when none is set). */
export function openConnection(settings: ConnectionSettings, defaultSchema: string, embedded?: EmbeddedEngine): SqlConnection {
  if (settings.engine === 'embedded') {
    if (!embedded) throw new Error('openConnection: the embedded engine is not open');
    return embedded.connection(settings.schema ?? defaultSchema);
  }
  if (!settings.url) throw new Error(`openConnection: a url is required for engine "${settings.engine}"`);
  const pool = { min: settings.pool?.min ?? 0, max: settings.pool?.max ?? 10 };
  const acquireConnectionTimeout = settings.acquireTimeoutMs ?? 5000;
  const timeout = settings.statementTimeoutMs;
  if (settings.engine === 'postgres') {
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: settings.url, connectionTimeoutMillis: acquireConnectionTimeout, ...(timeout ? { statement_timeout: timeout } : {}) },
      pool,
      acquireConnectionTimeout,
      log: knexLog,
    });
    return wrap(knex, settings.schema ?? 'public', 'postgres', 'postgres', timeout);
  }
  const url = new URL(settings.url);
  const database = settings.schema ?? (url.pathname.replace(/^\//, '') || undefined);
  const knex = knexFactory({
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      // DATE as 'YYYY-MM-DD' strings, DECIMAL as exact strings.
      dateStrings: true,
      decimalNumbers: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: 'utf8mb4',
      connectTimeout: acquireConnectionTimeout,
    },
    pool: {
      ...pool,
      // Per session: `||` concatenates, as in standard SQL and on PostgreSQL (model expressions such as
      // 'D' || code are written once for every engine; MariaDB's default reads || as OR); and, with a
      // timeout, a server-side limit (seconds, fractional allowed): the server stops the statement itself.
      afterCreate: (conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) =>
        conn.query(
          `SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',PIPES_AS_CONCAT')${timeout ? `, max_statement_time = ${(timeout / 1000).toFixed(3)}` : ''}`,
          (err) => done(err, conn),
        ),
    },
    acquireConnectionTimeout,
    log: knexLog,
  });
  return wrap(knex, database, 'mysql', 'mysql', timeout);
}

function wrap(knex: Knex, schema: string | undefined, dialect: SqlConnection['dialect'], engine: SqlConnection['engine'], statementTimeoutMs?: number): SqlConnection {
  return { knex, schema, dialect, engine, ...(statementTimeoutMs ? { statementTimeoutMs } : {}), close: () => knex.destroy() };
}

/** Creates the schema (PostgreSQL) or database (MySQL) when missing. */
export async function ensureSchema(conn: SqlConnection): Promise<void> {
  if (!conn.schema) return;
  if (conn.dialect === 'mysql') {
    await conn.knex.raw('create database if not exists ?? character set utf8mb4 collate utf8mb4_bin', [conn.schema]);
  } else {
    await conn.knex.raw('create schema if not exists ??', [conn.schema]);
  }
}
