import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { ConnectionSettings, SqlConnection } from '../connection';
import {
  commonFailure,
  pgArrayLiteral,
  type Dialect,
  type DriverFailure,
  type KeyColumnRow,
  type KeyType,
} from '../dialect';
import { knexLog } from '../knex-log';

// pg: DATE stays an ISO string (not a Date in the server's time zone).
pg.types.setTypeParser(1082, (value: string) => value);

const PG_TYPES: Record<KeyType, string> = {
  int: 'bigint',
  text: 'text',
  date: 'date',
  decimal: 'numeric',
  bool: 'boolean',
};

/** PostgreSQL SQL, catalogs and errors: shared by the embedded engine, which is PostgreSQL in the process. */
/** A transaction-scoped advisory lock on a name (released at commit or rollback). */
const ADVISORY_LOCK = 'pg_advisory_xact_lock(hashtext(?))';

export const postgresSql = {
  client: 'pg',
  namespace: 'schema',
  columnsCaseInsensitive: false,

  async ensureSchema(conn: SqlConnection, schema: string): Promise<void> {
    await conn.knex.raw('create schema if not exists ??', [schema]);
  },

  // PostgreSQL compares text binarily already.
  async conformTables(): Promise<void> {},

  // Unconstrained numeric keeps the value's own scale.
  exactDecimal: (expr: string, scale: number | undefined) =>
    scale === undefined ? `cast(${expr} as numeric)` : `cast(${expr} as numeric(38, ${scale}))`,

  rawRows: <T>(result: unknown): T[] => (result as { rows: T[] }).rows,

  // One column: `= any(array)`, its element type inferred from the column. Several: the rows of one JSON
  // array of arrays, each part cast to its column's type.
  keysIn(columns: readonly string[], types: readonly KeyType[], keys: ReadonlyArray<readonly string[]>) {
    if (columns.length === 1)
      return { sql: '?? = any(?)', bindings: [columns[0], pgArrayLiteral(keys.map((k) => k[0]!))] };
    const parts = types.map((t, i) => `(k->>${i})::${PG_TYPES[t]}`).join(', ');
    return {
      sql: `(${columns.map(() => '??').join(', ')}) in (select ${parts} from json_array_elements(?::json) as k)`,
      bindings: [...columns, JSON.stringify(keys)],
    };
  },

  currentSchema: async () => 'public',

  columnTypeSql: 'null',

  /** From pg_catalog: information_schema.table_constraints lists only tables the role owns or holds more than
   *  SELECT on, and the account an integration engineer is given is read-only. */
  async keyColumns(conn: SqlConnection, schema: string): Promise<KeyColumnRow[]> {
    const { rows } = (await conn.knex.raw(
      `select cl.relname as t, a.attname as c, con.conname as name,
              case con.contype when 'p' then 'PRIMARY KEY' else 'FOREIGN KEY' end as type, k.pos as pos,
              fcl.relname as rt, fa.attname as rc
         from pg_catalog.pg_constraint con
         join pg_catalog.pg_class cl on cl.oid = con.conrelid
         join pg_catalog.pg_namespace ns on ns.oid = cl.relnamespace
         cross join lateral unnest(con.conkey, con.confkey) with ordinality as k(attnum, fattnum, pos)
         join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
         left join pg_catalog.pg_class fcl on fcl.oid = con.confrelid
         left join pg_catalog.pg_attribute fa on fa.attrelid = con.confrelid and fa.attnum = k.fattnum
        where ns.nspname = ? and con.contype in ('p', 'f')
        order by cl.relname, con.conname, k.pos`,
      [schema],
    )) as { rows: KeyColumnRow[] };
    return rows;
  },

  /** 57014: statement_timeout; 57P01: the server was shut down under the session; 23505: unique violation;
   *  42P07: the table exists. */
  classify(error: unknown): DriverFailure {
    const code = (error as { code?: unknown } | null | undefined)?.code;
    if (code === '57014') return 'timeout';
    if (code === '57P01') return 'transient';
    if (code === '23505') return 'unique-violation';
    if (code === '42P07') return 'already-exists';
    return commonFailure(error) ?? 'other';
  },

  async transactionLock(trx: Knex, name: string): Promise<void> {
    await trx.raw(`select ${ADVISORY_LOCK}`, [name]);
  },
  transactionLockSql: ADVISORY_LOCK,
} satisfies Partial<Dialect>;

/** A PostgreSQL server reached by URL; `statementTimeoutMs` becomes the session's statement_timeout. */
export const postgres: Dialect = {
  ...postgresSql,
  name: 'postgres',
  inProcess: false,
  open(settings: ConnectionSettings): SqlConnection {
    if (!settings.url) throw new Error('openConnection: a url is required for engine "postgres"');
    const acquireConnectionTimeout = settings.acquireTimeoutMs ?? 5000;
    const timeout = settings.statementTimeoutMs;
    const knex = knexFactory({
      client: 'pg',
      connection: {
        connectionString: settings.url,
        connectionTimeoutMillis: acquireConnectionTimeout,
        ...(timeout ? { statement_timeout: timeout } : {}),
      },
      pool: { min: settings.pool?.min ?? 0, max: settings.pool?.max ?? 10 },
      acquireConnectionTimeout,
      log: knexLog,
    });
    return {
      knex,
      schema: settings.schema ?? 'public',
      dialect: postgres,
      ...(timeout ? { statementTimeoutMs: timeout } : {}),
      close: () => knex.destroy(),
    };
  },
};
