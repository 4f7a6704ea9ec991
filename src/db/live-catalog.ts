import type { SqlConnection } from './connection';
import type { EngineName } from './dialect';

/**
 * What a live database holds, read from information_schema (PostgreSQL, the embedded engine and MariaDB
 * alike): tables, columns with their types, primary keys and foreign keys. Used to draft a mapping
 * (model:scaffold) and to check a model's identifiers against the real tables.
 */
export interface LiveCatalog {
  engine: EngineName;
  /** The schema (PostgreSQL) or database (MariaDB) that was read. */
  schema: string;
  tables: LiveTable[];
}

export interface LiveTable {
  name: string;
  columns: LiveColumn[];
  /** Column names in key order; empty when the table has none. */
  primaryKey: string[];
  foreignKeys: LiveForeignKey[];
}

/** The hub's view of a column type: what a mapping may do with it. */
export type ColumnKind = 'string' | 'int' | 'decimal' | 'float' | 'date' | 'timestamp' | 'bool' | 'other';

export interface LiveColumn {
  name: string;
  /** The database's own type name, e.g. "numeric", "character varying", "decimal". */
  dataType: string;
  kind: ColumnKind;
  nullable: boolean;
  /** Numeric precision and scale when the type has them (DECIMAL(10,2) → 10, 2). */
  precision?: number;
  scale?: number;
}

export interface LiveForeignKey {
  columns: string[];
  table: string;
  references: string[];
}

const KINDS: Array<[RegExp, ColumnKind]> = [
  [/^(tinyint\(1\)|boolean|bool)$/, 'bool'],
  [/^(smallint|integer|int|bigint|tinyint|mediumint|int[248]|serial|bigserial)/, 'int'],
  [/^(numeric|decimal)/, 'decimal'],
  [/^(real|double|float|double precision)/, 'float'],
  [/^date$/, 'date'],
  [/^(timestamp|datetime)/, 'timestamp'],
  [/^(character|char|varchar|text|tinytext|mediumtext|longtext|enum|uuid|citext|nvarchar|nchar)/, 'string'],
];

/** "numeric" → decimal, "character varying" → string, "tinyint(1)" → bool… */
export function kindOf(dataType: string, columnType?: string): ColumnKind {
  const type = (columnType ?? dataType).toLowerCase();
  for (const [pattern, kind] of KINDS) if (pattern.test(type)) return kind;
  for (const [pattern, kind] of KINDS) if (pattern.test(dataType.toLowerCase())) return kind;
  return 'other';
}

/** Reads the connection's schema (PostgreSQL default "public") or database. */
export async function readLiveCatalog(conn: SqlConnection): Promise<LiveCatalog> {
  const dialect = conn.dialect;
  const schema = conn.schema ?? (await dialect.currentSchema(conn));
  const columns = dialect.rawRows<Record<string, unknown>>(
    await conn.knex.raw(
      `select c.table_name as t, c.column_name as c, c.data_type as dt, ${dialect.columnTypeSql} as ct,
              c.is_nullable as n, c.numeric_precision as p, c.numeric_scale as s
         from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = ? and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`,
      [schema],
    ),
  );
  // Keys are read so that a read-only account — the one an integration engineer is given — sees them.
  const keys = await dialect.keyColumns(conn, schema);

  const tables = new Map<string, LiveTable>();
  for (const r of columns) {
    const name = String(r.t);
    const table = tables.get(name) ?? { name, columns: [], primaryKey: [], foreignKeys: [] };
    const column: LiveColumn = {
      name: String(r.c),
      dataType: String(r.dt),
      kind: kindOf(String(r.dt), r.ct ? String(r.ct) : undefined),
      nullable: r.n === 'YES',
    };
    if (r.p !== null && r.p !== undefined && (column.kind === 'decimal' || column.kind === 'int'))
      column.precision = Number(r.p);
    if (r.s !== null && r.s !== undefined && column.kind === 'decimal') column.scale = Number(r.s);
    table.columns.push(column);
    tables.set(name, table);
  }
  const fks = new Map<string, LiveForeignKey & { owner: string }>();
  for (const k of keys) {
    const table = tables.get(String(k.t));
    if (!table) continue;
    if (k.type === 'PRIMARY KEY') table.primaryKey.push(String(k.c));
    else {
      const id = `${String(k.t)}.${String(k.name)}`;
      if (k.rt === null || k.rt === undefined || k.rc === null || k.rc === undefined) continue;
      const fk = fks.get(id) ?? { owner: String(k.t), columns: [], table: String(k.rt), references: [] };
      fk.columns.push(String(k.c));
      fk.references.push(String(k.rc));
      fks.set(id, fk);
    }
  }
  for (const { owner, ...fk } of fks.values()) tables.get(owner)!.foreignKeys.push(fk);
  return { engine: dialect.name, schema, tables: [...tables.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
