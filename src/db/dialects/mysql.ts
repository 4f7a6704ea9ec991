import knexFactory from 'knex';
import type { ConnectionSettings, SqlConnection } from '../connection';
import { commonFailure, type Dialect, type DriverFailure, type KeyColumnRow, type KeyType } from '../dialect';
import { knexLog } from '../knex-log';

const MYSQL_TYPES: Record<KeyType, string> = {
  int: 'bigint',
  text: 'varchar(2048)',
  date: 'date',
  decimal: 'decimal(65, 30)',
  bool: 'boolean',
};

/** MySQL and MariaDB (mysql2): a source reached by URL; the URL's path names the database. */
export const mysql: Dialect = {
  name: 'mysql',
  client: 'mysql2',
  inProcess: false,
  namespace: 'database',
  columnsCaseInsensitive: true,

  open(settings: ConnectionSettings): SqlConnection {
    if (!settings.url) throw new Error('openConnection: a url is required for engine "mysql"');
    const url = new URL(settings.url);
    const database = settings.schema ?? (url.pathname.replace(/^\//, '') || undefined);
    const acquireConnectionTimeout = settings.acquireTimeoutMs ?? 5000;
    const timeout = settings.statementTimeoutMs;
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
        min: settings.pool?.min ?? 0,
        max: settings.pool?.max ?? 10,
        // Per session: `||` concatenates, as in standard SQL and on PostgreSQL (model expressions such as
        // 'D' || code are written once for every engine; MariaDB's default reads || as OR); and, with a
        // timeout, a server-side limit (seconds, fractional allowed): the server stops the statement itself.
        afterCreate: (
          conn: { query(sql: string, cb: (err: Error | null) => void): void },
          done: (err: Error | null, c: unknown) => void,
        ) =>
          conn.query(
            `SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',PIPES_AS_CONCAT')${timeout ? `, max_statement_time = ${(timeout / 1000).toFixed(3)}` : ''}`,
            (err) => done(err, conn),
          ),
      },
      acquireConnectionTimeout,
      log: knexLog,
    });
    return {
      knex,
      schema: database,
      dialect: mysql,
      ...(timeout ? { statementTimeoutMs: timeout } : {}),
      close: () => knex.destroy(),
    };
  },

  async ensureSchema(conn: SqlConnection, schema: string): Promise<void> {
    await conn.knex.raw('create database if not exists ?? character set utf8mb4 collate utf8mb4_bin', [schema]);
  },

  /**
   * knex appends the connection's `charset` to every MySQL CREATE TABLE, and a charset without a collation
   * means that charset's default (utf8mb4_general_ci: case-insensitive order and comparisons). Keep the
   * database's utf8mb4_bin (ensureSchema), so text compares and sorts as on PostgreSQL.
   */
  async conformTables(conn: SqlConnection, tables: readonly string[]): Promise<void> {
    for (const table of tables) {
      const name = conn.schema ? `${conn.schema}.${table}` : table;
      await conn.knex.raw('alter table ?? convert to character set utf8mb4 collate utf8mb4_bin', [name]);
    }
  },

  // An exact DECIMAL column without a declared scale is summed as stored.
  exactDecimal: (expr: string, scale: number | undefined) =>
    scale === undefined ? expr : `cast(${expr} as decimal(38, ${scale}))`,

  rawRows: <T>(result: unknown): T[] => (result as [T[]])[0],

  // No array type: the keys are one JSON array read as rows by json_table (MariaDB 10.6+, MySQL 8), each
  // part typed as its column so a text key compares as text (with the column's collation) and an integer as
  // an integer.
  keysIn(columns: readonly string[], types: readonly KeyType[], keys: ReadonlyArray<readonly string[]>) {
    const single = columns.length === 1;
    const defs = types.map((t, i) => `k${i} ${MYSQL_TYPES[t]} path '$${single ? '' : `[${i}]`}'`).join(', ');
    const picks = types.map((_, i) => `k${i}`).join(', ');
    const target = single ? '??' : `(${columns.map(() => '??').join(', ')})`;
    return {
      sql: `${target} in (select ${picks} from json_table(?, '$[*]' columns (${defs})) as hub_keys)`,
      bindings: [...columns, JSON.stringify(single ? keys.map((k) => k[0]) : keys)],
    };
  },

  async currentSchema(conn: SqlConnection): Promise<string> {
    const [rows] = (await conn.knex.raw('select database() as db')) as [Array<{ db: unknown }>];
    return String(rows[0]!.db);
  },

  columnTypeSql: 'c.column_type',

  /** key_column_usage alone (table_constraints lists nothing to a SELECT-only account on MariaDB): the
   *  constraint named PRIMARY is the primary key, a row with a referenced table a foreign key. */
  async keyColumns(conn: SqlConnection, schema: string): Promise<KeyColumnRow[]> {
    const [rows] = (await conn.knex.raw(
      `select table_name as t, column_name as c, constraint_name as name, ordinal_position as pos,
              case when constraint_name = 'PRIMARY' then 'PRIMARY KEY' else 'FOREIGN KEY' end as type,
              referenced_table_name as rt, referenced_column_name as rc
         from information_schema.key_column_usage
        where table_schema = ? and (constraint_name = 'PRIMARY' or referenced_table_name is not null)
        order by table_name, constraint_name, ordinal_position`,
      [schema],
    )) as [KeyColumnRow[]];
    return rows;
  },

  /** errno 1969: max_statement_time; PROTOCOL_CONNECTION_LOST: the server closed the session; 1062: duplicate
   *  key; 1050: the table exists. */
  classify(error: unknown): DriverFailure {
    const e = error as { code?: unknown; errno?: unknown } | null | undefined;
    if (e?.errno === 1969) return 'timeout';
    if (e?.code === 'PROTOCOL_CONNECTION_LOST') return 'transient';
    if (e?.errno === 1062) return 'unique-violation';
    if (e?.errno === 1050) return 'already-exists';
    return commonFailure(error) ?? 'other';
  },
};
