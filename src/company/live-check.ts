import { dialectOf } from '../db/dialects';
import type { ColumnKind, LiveCatalog, LiveColumn, LiveTable } from '../db/live-catalog';
import type { SqlFactMapping, SqlMeasure } from '../model/mapping';
import type { SourceModel } from '../model/entities';
import { expressionColumns } from '../values/expression';
import { didYouMean } from '../values/suggest';

/**
 * Checks one source's mapping against what its database really holds (src/db/live-catalog.ts):
 * every table, joined table and column the mapping names exists, and the types fit what is done with them
 * (a time column is a date or timestamp — text or integer for `yyyymm` —, validity columns are dates, a sum
 * or average reads a number unless the measure declares how the value is stored). Returns one line per
 * problem, `<file>: <path.inside.file>: <problem>`, with a "did you mean" on the closest name.
 * Table names compare exactly; column names as the engine compares them (Dialect.columnsCaseInsensitive).
 */
export function liveCatalogProblems(source: Pick<SourceModel, 'file' | 'mapping'>, catalog: LiveCatalog): string[] {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${source.file}: ${path}: ${message}`);
  const tables = new Map(catalog.tables.map((t) => [t.name, t]));
  const dialect = dialectOf(catalog.engine);
  const where = `${catalog.engine} ${dialect.namespace} "${catalog.schema}"`;
  const ci = dialect.columnsCaseInsensitive;
  const columnOf = (t: LiveTable, name: string) =>
    t.columns.find((c) => (ci ? c.name.toLowerCase() === name.toLowerCase() : c.name === name));

  const table = (path: string, name: string): LiveTable | undefined => {
    const t = tables.get(name);
    if (!t) at(path, `table "${name}" does not exist in ${where}${didYouMean(name, tables.keys())}`);
    return t;
  };
  /** A column of one table (entities) — unqualified, or qualified by that table. */
  const ownColumn = (path: string, t: LiveTable | undefined, name: string | undefined): LiveColumn | undefined => {
    if (!t || name === undefined) return undefined;
    const [q, c] = name.includes('.') ? (name.split('.') as [string, string]) : [undefined, name];
    if (q !== undefined && q !== t.name) {
      at(path, `"${q}" is not this mapping's table "${t.name}"`);
      return undefined;
    }
    const col = columnOf(t, c);
    if (!col)
      at(
        path,
        `column "${c}" does not exist in table "${t.name}"${didYouMean(
          c,
          t.columns.map((x) => x.name),
        )}`,
      );
    return col;
  };

  for (const [entity, m] of Object.entries(source.mapping.entities)) {
    if (!m) continue;
    const base = `entities.${entity}`;
    const t = table(`${base}.table`, m.table);
    if (!t) continue;
    if (typeof m.key === 'string') ownColumn(`${base}.key`, t, m.key);
    else m.key.forEach((col, i) => ownColumn(`${base}.key.${i}`, t, col));
    for (const [field, col] of Object.entries(m.fields)) ownColumn(`${base}.fields.${field}`, t, col);
    for (const [field, sql] of Object.entries(m.expressions ?? {})) {
      for (const col of expressionColumns(sql)) ownColumn(`${base}.fields.${field}.sql`, t, col);
    }
  }

  for (const [fact, f] of Object.entries(source.mapping.facts)) {
    const base = `facts.${fact}`;
    const main = table(`${base}.table`, f.table);
    const joined = (f.joins ?? []).map((j, i) => {
      const t = table(`${base}.joins.${i}.table`, j.table);
      for (const [left, right] of Object.entries(j.on)) {
        ownColumn(`${base}.joins.${i}.on.${left}`, main, left);
        ownColumn(`${base}.joins.${i}.on.${left}`, t, right);
      }
      return t;
    });
    if (!main || joined.includes(undefined)) continue;
    const factTables = [main, ...(joined as LiveTable[])];
    const col = (path: string, name: string | undefined) =>
      name === undefined ? undefined : factColumn(path, factTables, name, columnOf, at);

    if (f.time) {
      const c = col(`${base}.time.column`, f.time.column);
      const format = f.time.format ?? 'date';
      const fits: ColumnKind[] = format === 'yyyymm' ? ['string', 'int'] : ['date', 'timestamp'];
      if (c && !fits.includes(c.kind)) {
        at(
          `${base}.time.column`,
          `column "${c.name}" is ${c.dataType}; a ${format === 'yyyymm' ? 'yyyymm period needs text or an integer' : 'time column needs a date or timestamp (or declare format: yyyymm for periods such as 202511)'}`,
        );
      }
    }
    if (f.validity) {
      for (const end of ['from', 'to'] as const) {
        const c = col(`${base}.validity.${end}`, f.validity[end]);
        if (c && c.kind !== 'date' && c.kind !== 'timestamp')
          at(`${base}.validity.${end}`, `column "${c.name}" is ${c.dataType}; validity needs a date or timestamp`);
      }
    }
    for (const [dim, d] of Object.entries(f.dimensions)) col(`${base}.dimensions.${dim}.column`, d.column);
    for (const [name, m] of Object.entries(f.measures)) {
      const path = `${base}.measures.${name}`;
      const c = col(`${path}.column`, m.column);
      if (c) measureTypeProblem(m, c, (message) => at(`${path}.column`, message));
      if (c) floatProblem(m, c, f, m.column!, (message) => at(`${path}.column`, message), path);
      for (const x of m.sql === undefined ? [] : expressionColumns(m.sql)) {
        const read = col(`${path}.sql`, x);
        if (read) floatProblem(m, read, f, x, (message) => at(`${path}.sql`, message), path);
      }
      for (const x of Object.keys(m.filter ?? {})) col(`${path}.filter.${x}`, x);
    }
  }
  return problems;
}

/** A fact's column: `table.column` of the fact's tables, or a name exactly one of them holds. */
function factColumn(
  path: string,
  tables: readonly LiveTable[],
  name: string,
  columnOf: (t: LiveTable, name: string) => LiveColumn | undefined,
  at: (path: string, message: string) => void,
): LiveColumn | undefined {
  const [q, c] = name.includes('.') ? (name.split('.') as [string, string]) : [undefined, name];
  const candidates = q === undefined ? tables : tables.filter((t) => t.name === q);
  if (candidates.length === 0) {
    at(
      path,
      `"${q}" is not a table of this fact${didYouMean(
        q!,
        tables.map((t) => t.name),
      )}`,
    );
    return undefined;
  }
  const found = candidates.flatMap((t) => {
    const col = columnOf(t, c);
    return col ? [{ t, col }] : [];
  });
  if (found.length === 1) return found[0]!.col;
  if (found.length > 1) {
    at(
      path,
      `column "${c}" is in ${found.map((x) => x.t.name).join(' and ')}: write it as ${found.map((x) => `${x.t.name}.${c}`).join(' or ')}`,
    );
    return undefined;
  }
  const known = candidates.flatMap((t) => t.columns.map((x) => x.name));
  at(
    path,
    `column "${c}" does not exist in ${candidates.map((t) => `"${t.name}"`).join(' or ')}${didYouMean(c, known)}`,
  );
  return undefined;
}

const NUMERIC: readonly ColumnKind[] = ['int', 'decimal', 'float'];

/** A sum or an average reads a number, unless the measure declares how the value is stored (text, cents…). */
function measureTypeProblem(m: SqlMeasure, c: LiveColumn, problem: (message: string) => void): void {
  if ((m.agg === 'sum' || m.agg === 'avg') && !NUMERIC.includes(c.kind) && !m.storage) {
    problem(
      `column "${c.name}" is ${c.dataType}, not a number: ${m.agg} needs a numeric column, or declare how it is stored (storage: { kind: text, scale: 2 })`,
    );
  }
}

/**
 * Money in a binary float column (REAL, FLOAT, DOUBLE) read by an exact decimal measure: without its scale the
 * values cannot be summed exactly (21.35 is 21.349999…), so the mapping must say how many places they hold.
 * The message gives the YAML line to write.
 */
function floatProblem(
  m: SqlMeasure,
  c: LiveColumn,
  f: SqlFactMapping,
  name: string,
  problem: (message: string) => void,
  path: string,
): void {
  if (c.kind !== 'float' || m.type !== 'decimal' || m.agg === 'count' || m.agg === 'count_distinct') return;
  const bare = (x: string) => x.slice(x.lastIndexOf('.') + 1);
  const declared =
    m.storage ?? f.storage?.[name] ?? Object.entries(f.storage ?? {}).find(([k]) => bare(k) === bare(name))?.[1];
  if (declared?.scale !== undefined) return;
  if (declared && declared.kind !== 'decimal') return; // the loader already says its scale is missing
  const line =
    m.sql === undefined
      ? `${path}.storage: { kind: float, scale: 2 }`
      : `${path.replace(/\.measures\..*$/, '')}.storage: { ${name}: { kind: float, scale: 2 } }`;
  problem(
    `column "${c.name}" is ${c.dataType} (binary floating point) but the measure is an exact decimal without its scale: write ${line} (the decimal places its values really have)`,
  );
}

/** Tables, columns and facts of a mapping, for a one-line summary. */
export function mappingSize(mapping: { entities: Record<string, unknown>; facts: Record<string, SqlFactMapping> }): {
  entities: number;
  facts: number;
} {
  return { entities: Object.values(mapping.entities).filter(Boolean).length, facts: Object.keys(mapping.facts).length };
}
