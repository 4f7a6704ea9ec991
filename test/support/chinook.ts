import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection as createMysqlConnection } from 'mysql2/promise';
import { Client as PgClient } from 'pg';
import { serverUrl } from './engines';

/**
 * The Chinook sample database (MIT, test/datasets/chinook) as an outside company: loaded unchanged
 * into a throwaway database (the oracle: SQL on the unsplit data) and split into departmental systems,
 * each its own database holding only its own tables — the shape a hub meets at a real company. The hub
 * never shapes these databases: nothing here is written by the hub, and no view is added.
 *
 * PostgreSQL systems come from the PostgreSQL script (snake_case: invoice_line.unit_price), MariaDB
 * systems from the MySQL script (PascalCase: InvoiceLine.UnitPrice): two naming conventions, one company.
 */
export type ChinookEngine = 'postgres' | 'mysql';

/** Tables by their PostgreSQL (snake_case) names. */
export const CHINOOK_TABLES = [
  'album',
  'artist',
  'customer',
  'employee',
  'genre',
  'invoice',
  'invoice_line',
  'media_type',
  'playlist',
  'playlist_track',
  'track',
] as const;
export type ChinookTable = (typeof CHINOOK_TABLES)[number];

export interface ChinookSystem {
  /** Also the database name suffix: chinook_<name>. */
  name: string;
  engine: ChinookEngine;
  tables: readonly ChinookTable[];
}

/** The split the issue suggests: sales on MariaDB; catalogue and HR on PostgreSQL. */
export const DEFAULT_SPLIT: readonly ChinookSystem[] = [
  { name: 'sales', engine: 'mysql', tables: ['customer', 'invoice', 'invoice_line'] },
  {
    name: 'catalogue',
    engine: 'postgres',
    tables: ['track', 'album', 'artist', 'genre', 'media_type', 'playlist', 'playlist_track'],
  },
  { name: 'hr', engine: 'postgres', tables: ['employee'] },
];

/** Vendored from the public Chinook dataset (MIT, LICENSE.md beside the scripts): a clone alone runs every test. */
const DATASET_DIR = join(__dirname, '..', 'datasets', 'chinook');

/** invoice_line → InvoiceLine (the MySQL script's names). */
export function tableName(engine: ChinookEngine, table: ChinookTable): string {
  return engine === 'postgres' ? table : table.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

/** The script without its own DROP/CREATE DATABASE and `\c`/`USE`: tables and rows only. */
function scriptBody(engine: ChinookEngine): string {
  const file = engine === 'postgres' ? 'Chinook_PostgreSql.sql' : 'Chinook_MySql.sql';
  const text = readFileSync(join(DATASET_DIR, file), 'utf8');
  const marker = engine === 'postgres' ? '\\c chinook;' : 'USE `Chinook`;';
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file}: expected the line "${marker}" (has the dataset changed?)`);
  return text.slice(at + marker.length);
}

export function databaseUrl(engine: ChinookEngine, database: string): string {
  const url = new URL(serverUrl(engine));
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A float copy of every money column, as real companies keep money (issue 23): each beside its exact column,
 * in a binary floating-point type of the engine — single precision for one, double for the other — holding
 * the same values. The model reads them with their declared scale (models/chinook: `storage`), and every
 * money indicator over them must equal the exact column's SQL to the cent.
 */
export const FLOAT_COPIES: ReadonlyArray<{ table: ChinookTable; column: string; type: Record<ChinookEngine, string> }> =
  [
    { table: 'invoice_line', column: 'unit_price', type: { postgres: 'double precision', mysql: 'float' } },
    { table: 'invoice', column: 'total', type: { postgres: 'real', mysql: 'double' } },
    { table: 'track', column: 'unit_price', type: { postgres: 'real', mysql: 'double' } },
  ];

/** unit_price → unit_price_float (PostgreSQL), UnitPrice → UnitPriceFloat (MariaDB). */
export const floatColumn = (engine: ChinookEngine, column: string): string =>
  engine === 'postgres' ? `${column}_float` : `${tableName('mysql', column as ChinookTable)}Float`;

function floatCopies(engine: ChinookEngine, keep: readonly ChinookTable[] | undefined): string {
  const q = (name: string) => (engine === 'postgres' ? name : `\`${name}\``);
  return FLOAT_COPIES.filter((c) => !keep || keep.includes(c.table))
    .map((c) => {
      const table = q(tableName(engine, c.table));
      const exact = q(engine === 'postgres' ? c.column : tableName('mysql', c.column as ChinookTable));
      const copy = q(floatColumn(engine, c.column));
      return `alter table ${table} add column ${copy} ${c.type[engine]}; update ${table} set ${copy} = ${exact};`;
    })
    .join(' ');
}

/** Creates `database` afresh on the engine's test server and loads the whole Chinook script into it. */
export async function loadChinook(
  engine: ChinookEngine,
  database: string,
  keep?: readonly ChinookTable[],
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new Error(`database name "${database}": expected lower-case letters, digits and _`);
  const drop = keep ? CHINOOK_TABLES.filter((t) => !keep.includes(t)) : [];
  if (engine === 'postgres') {
    const admin = new PgClient({ connectionString: serverUrl('postgres') });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${database}`);
      await admin.query(`create database ${database}`);
    } finally {
      await admin.end();
    }
    const client = new PgClient({ connectionString: databaseUrl('postgres', database) });
    await client.connect();
    try {
      await client.query(scriptBody('postgres'));
      for (const t of drop) await client.query(`drop table ${t} cascade`);
      const copies = floatCopies('postgres', keep);
      if (copies) await client.query(copies);
    } finally {
      await client.end();
    }
  } else {
    const conn = await createMysqlConnection({ uri: serverUrl('mysql'), multipleStatements: true });
    try {
      await conn.query(`drop database if exists \`${database}\`; create database \`${database}\`; use \`${database}\``);
      await conn.query(scriptBody('mysql'));
      if (drop.length) {
        await conn.query(
          `set foreign_key_checks = 0; ${drop.map((t) => `drop table \`${tableName('mysql', t)}\`;`).join(' ')} set foreign_key_checks = 1`,
        );
      }
      const copies = floatCopies('mysql', keep);
      if (copies) await conn.query(copies);
    } finally {
      await conn.end();
    }
  }
  return databaseUrl(engine, database);
}

export interface SplitChinook {
  /** The unsplit database per engine: the oracle. */
  unsplit: Record<ChinookEngine, string>;
  /** System name → where it lives. */
  systems: Record<string, { engine: ChinookEngine; url: string; database: string }>;
}

/** Loads the unsplit oracle on both engines and every system of `layout` into its own database. */
export async function splitChinook(
  layout: readonly ChinookSystem[] = DEFAULT_SPLIT,
  prefix = 'chinook',
): Promise<SplitChinook> {
  const owners = new Map<ChinookTable, string>();
  for (const s of layout) {
    for (const t of s.tables) {
      if (owners.has(t)) throw new Error(`table ${t} is in both ${owners.get(t)} and ${s.name}`);
      owners.set(t, s.name);
    }
  }
  const unsplit = {
    postgres: await loadChinook('postgres', prefix),
    mysql: await loadChinook('mysql', prefix),
  };
  const systems: SplitChinook['systems'] = {};
  for (const s of layout) {
    const database = `${prefix}_${s.name}`;
    systems[s.name] = { engine: s.engine, url: await loadChinook(s.engine, database, s.tables), database };
  }
  return { unsplit, systems };
}

/** Runs one read-only statement on a database and returns its rows. */
export async function querySql(
  engine: ChinookEngine,
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  if (engine === 'postgres') {
    const client = new PgClient({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const conn = await createMysqlConnection({ uri: url });
  try {
    const [rows] = await conn.query(sql, params);
    return rows as Record<string, unknown>[];
  } finally {
    await conn.end();
  }
}
