import type { SqlConnection } from './connection';

/**
 * What a live database holds, read from information_schema (PostgreSQL, the embedded engine and MariaDB
 * alike): tables, columns with their types, primary keys and foreign keys. Used to draft a mapping
 * (model:scaffold) and to check a model's identifiers against the real tables.
 */
export interface LiveCatalog {
  engine: SqlConnection['engine'];
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
  const knex = conn.knex;
  const schema = conn.schema ?? (conn.dialect === 'postgres' ? 'public' : String((await knex.raw('select database() as db'))[0][0].db));
  const rows = <T>(result: unknown): T[] => (conn.dialect === 'postgres' ? (result as { rows: T[] }).rows : (result as [T[]])[0]);

  const columns = rows<Record<string, unknown>>(
    await knex.raw(
      `select c.table_name as t, c.column_name as c, c.data_type as dt, ${conn.dialect === 'mysql' ? 'c.column_type' : 'null'} as ct,
              c.is_nullable as n, c.numeric_precision as p, c.numeric_scale as s
         from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = ? and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`,
      [schema],
    ),
  );
  const keys = rows<Record<string, unknown>>(
    await knex.raw(
      `select k.table_name as t, k.column_name as c, k.constraint_name as name, tc.constraint_type as type, k.ordinal_position as pos
         from information_schema.table_constraints tc
         join information_schema.key_column_usage k
           on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name and k.table_name = tc.table_name
        where tc.table_schema = ? and tc.constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')
        order by k.table_name, k.constraint_name, k.ordinal_position`,
      [schema],
    ),
  );
  const references = await foreignKeyTargets(conn, schema);

  const tables = new Map<string, LiveTable>();
  for (const r of columns) {
    const name = String(r.t);
    const table = tables.get(name) ?? { name, columns: [], primaryKey: [], foreignKeys: [] };
    const column: LiveColumn = { name: String(r.c), dataType: String(r.dt), kind: kindOf(String(r.dt), r.ct ? String(r.ct) : undefined), nullable: r.n === 'YES' };
    if (r.p !== null && r.p !== undefined && (column.kind === 'decimal' || column.kind === 'int')) column.precision = Number(r.p);
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
      const target = references.get(`${id}.${String(k.c)}`);
      if (!target) continue;
      const fk = fks.get(id) ?? { owner: String(k.t), columns: [], table: target.table, references: [] };
      fk.columns.push(String(k.c));
      fk.references.push(target.column);
      fks.set(id, fk);
    }
  }
  for (const { owner, ...fk } of fks.values()) tables.get(owner)!.foreignKeys.push(fk);
  return { engine: conn.engine, schema, tables: [...tables.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** "<table>.<constraint>.<column>" → the referenced table and column. */
async function foreignKeyTargets(conn: SqlConnection, schema: string): Promise<Map<string, { table: string; column: string }>> {
  const out = new Map<string, { table: string; column: string }>();
  if (conn.dialect === 'mysql') {
    const [rows] = (await conn.knex.raw(
      `select table_name as t, constraint_name as name, column_name as c, referenced_table_name as rt, referenced_column_name as rc
         from information_schema.key_column_usage where table_schema = ? and referenced_table_name is not null`,
      [schema],
    )) as [Record<string, unknown>[]];
    for (const r of rows) out.set(`${String(r.t)}.${String(r.name)}.${String(r.c)}`, { table: String(r.rt), column: String(r.rc) });
    return out;
  }
  // PostgreSQL: the referenced column is the unique constraint's column at the same position.
  const { rows } = (await conn.knex.raw(
    `select k.table_name as t, k.constraint_name as name, k.column_name as c, u.table_name as rt, u.column_name as rc
       from information_schema.referential_constraints rc
       join information_schema.key_column_usage k
         on k.constraint_schema = rc.constraint_schema and k.constraint_name = rc.constraint_name
       join information_schema.key_column_usage u
         on u.constraint_schema = rc.unique_constraint_schema and u.constraint_name = rc.unique_constraint_name
        and u.ordinal_position = k.position_in_unique_constraint
      where k.table_schema = ?`,
    [schema],
  )) as { rows: Record<string, unknown>[] };
  for (const r of rows) out.set(`${String(r.t)}.${String(r.name)}.${String(r.c)}`, { table: String(r.rt), column: String(r.rc) });
  return out;
}
