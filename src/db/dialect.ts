import type { Knex } from 'knex';
import type { ConnectionSettings, SqlConnection } from './connection';
import type { EmbeddedEngine } from './embedded';

/** The engines a source or the hub store may run on: the `engine` of a connection's configuration. */
export type EngineName = 'postgres' | 'mysql' | 'embedded';

/**
 * What a failed statement was, as far as the hub acts on it: a timeout is reported as such and never
 * retried (the statement may still run), a transient connection failure may be tried once more, a unique
 * violation means a racing writer took the key first, an object that already exists that a racing writer
 * created it.
 */
export type DriverFailure = 'timeout' | 'transient' | 'unique-violation' | 'already-exists' | 'other';

/** The type a key column's values are bound as (src/sources/sql: from the model's field types). */
export type KeyType = 'int' | 'text' | 'date' | 'decimal' | 'bool';

/** A `where` fragment: SQL with `??` for each column and one `?`, and its bindings. */
export interface KeysIn {
  sql: string;
  bindings: unknown[];
}

/** One PostgreSQL array literal of text elements, each quoted (`{"a","b\\"c"}`): bound as one parameter whose
 *  element type the server infers from the column it is compared with. */
export const pgArrayLiteral = (values: readonly string[]): string =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** One row per (constraint, column) of a primary or foreign key, in key order: table, column, constraint
 *  name, its type, and for a foreign key the referenced table and column. */
export interface KeyColumnRow {
  t: unknown;
  c: unknown;
  name: unknown;
  type: 'PRIMARY KEY' | 'FOREIGN KEY';
  rt?: unknown;
  rc?: unknown;
}

/**
 * Everything that differs between the engines the hub connects to, in one place per engine
 * (src/db/dialects/<engine>.ts, found through the registry in src/db/dialects/index.ts). A required core
 * every engine implements, plus optional capabilities the caller checks before relying on one.
 * Nothing outside src/db branches on an engine's name.
 */
export interface Dialect {
  readonly name: EngineName;
  /** The knex client whose SQL this engine speaks: statements compiled without a connection use it. */
  readonly client: 'pg' | 'mysql2';
  /** The engine runs inside the hub's process (opened from `embedded.dataDir`), one session shared by every
   *  connection of the process, so its statements are serialised and nobody else writes to it. */
  readonly inProcess: boolean;
  /** What holds a source's tables, for messages: a schema (PostgreSQL) or a database (MariaDB). */
  readonly namespace: 'schema' | 'database';
  /** Column names compare case-insensitively (MariaDB), not exactly (PostgreSQL). */
  readonly columnsCaseInsensitive: boolean;

  /** Opens a pool with this engine's session setup (`||` concatenates, the server-side statement timeout);
   *  `defaultSchema` applies when the settings name none; the in-process engine needs `embedded`. */
  open(settings: ConnectionSettings, defaultSchema: string, embedded: EmbeddedEngine | undefined): SqlConnection;
  /** Creates the connection's schema (PostgreSQL) or database (MariaDB) when missing, comparing text binarily. */
  ensureSchema(conn: SqlConnection, schema: string): Promise<void>;
  /** After knex created tables: make their text compare and sort as on PostgreSQL (binary collation). */
  conformTables(conn: SqlConnection, tables: readonly string[]): Promise<void>;

  /** A numeric SQL expression as an exact decimal of `scale` places, or at its own scale when undefined. */
  exactDecimal(expr: string, scale: number | undefined): string;
  /**
   * `columns in <keys>` with the keys in ONE bound parameter, so a lookup is one statement of one shape
   * whatever the number of keys (no IN list of n placeholders, no batch cap): `?? = any(?)` with an array
   * on PostgreSQL, a JSON array through `json_table` on MariaDB. `types` are the columns' key types (a text
   * key never compares as a number); each key holds one value per column.
   */
  keysIn(columns: readonly string[], types: readonly KeyType[], keys: ReadonlyArray<readonly string[]>): KeysIn;
  /** The rows of a `knex.raw` result (drivers shape it differently). */
  rawRows<T>(result: unknown): T[];

  /** The schema or database a connection without one reads (PostgreSQL "public", MariaDB the URL's database). */
  currentSchema(conn: SqlConnection): Promise<string>;
  /** The select expression of a column's full type in information_schema.columns `c` (e.g. tinyint(1)), or null. */
  readonly columnTypeSql: string;
  /** Primary and foreign key columns of a schema, readable by a SELECT-only account. */
  keyColumns(conn: SqlConnection, schema: string): Promise<KeyColumnRow[]>;

  /** What a driver error means to the hub. */
  classify(error: unknown): DriverFailure;

  /** Optional: takes a named lock held until the transaction ends (PostgreSQL advisory lock). The hub store's
   *  audit log and disclosure ledger need it; an engine without it cannot hold them. */
  transactionLock?(trx: Knex, name: string): Promise<void>;
  /** The same lock as an SQL expression with one binding (the name), to take it inside another statement. */
  readonly transactionLockSql?: string;
}

/** Failures every engine shares: knex's client-side timeout (it tags the error with `timeout`, whether or not
 *  cancelling on the server worked) and the socket's own connection failures. */
export function commonFailure(error: unknown): DriverFailure | undefined {
  const e = error as { code?: unknown; timeout?: unknown } | null | undefined;
  if (typeof e?.timeout === 'number') return 'timeout';
  if (e?.code === 'ECONNRESET' || e?.code === 'ECONNREFUSED' || e?.code === 'EPIPE') return 'transient';
  return undefined;
}
