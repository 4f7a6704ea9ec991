import type { CompanyModel } from './entities';
import { ConfigError } from '../errors';
import { expressionProblem } from '../values/expression';
import type { SqlMeasure, SqlSourceMapping } from './mapping';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A fact's columns may be qualified by the fact's table or a joined one. */
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** Checks a mapping once at start-up; errors name the source, the entry and what to fix. */
export function validateMapping(
  source: string,
  mapping: SqlSourceMapping,
  model: Pick<CompanyModel, 'entities'>,
): void {
  const entities = model.entities;
  const fail = (where: string, problem: string) => {
    throw new ConfigError(`Source "${source}" mapping ${where}: ${problem}`);
  };
  const identifier = (where: string, value: string | undefined) => {
    if (value === undefined || !IDENTIFIER.test(value)) {
      fail(where, `expected a SQL identifier (letters, digits, _), received ${JSON.stringify(value)}`);
    }
  };
  const column = (where: string, value: string | undefined) => {
    if (value === undefined || !COLUMN.test(value)) {
      fail(where, `expected a column (letters, digits, _; optionally table.column), received ${JSON.stringify(value)}`);
    }
  };
  for (const [entity, m] of Object.entries(mapping.entities)) {
    if (!m) continue;
    const known = entities[entity];
    if (!known) fail(`entities.${entity}`, `unknown entity (known: ${Object.keys(entities).join(', ')})`);
    identifier(`entities.${entity}.table`, m.table);
    if (typeof m.key === 'string') identifier(`entities.${entity}.key`, m.key);
    else m.key.forEach((col, i) => identifier(`entities.${entity}.key.${i}`, col));
    for (const [field, column] of Object.entries(m.fields)) {
      if (!(field in known!.fields)) {
        fail(`entities.${entity}.fields.${field}`, `unknown field (known: ${Object.keys(known!.fields).join(', ')})`);
      }
      identifier(`entities.${entity}.fields.${field}`, column);
    }
    for (const [field, sql] of Object.entries(m.expressions ?? {})) {
      if (!(field in known!.fields))
        fail(`entities.${entity}.fields.${field}`, `unknown field (known: ${Object.keys(known!.fields).join(', ')})`);
      const problem = expressionProblem(sql, [m.table]);
      if (problem) fail(`entities.${entity}.fields.${field}.sql`, problem);
    }
  }
  for (const [fact, f] of Object.entries(mapping.facts)) {
    identifier(`facts.${fact}`, fact);
    identifier(`facts.${fact}.table`, f.table);
    if (f.time && f.validity)
      fail(`facts.${fact}`, 'give "time" (event fact), "validity" (state fact) or neither (snapshot), not both');
    for (const [i, j] of (f.joins ?? []).entries()) {
      identifier(`facts.${fact}.joins.${i}.table`, j.table);
      for (const [l, r] of Object.entries(j.on)) {
        identifier(`facts.${fact}.joins.${i}.on`, l);
        identifier(`facts.${fact}.joins.${i}.on.${l}`, r);
      }
    }
    for (const [dim, d] of Object.entries(f.dimensions)) {
      identifier(`facts.${fact}.dimensions`, dim);
      column(`facts.${fact}.dimensions.${dim}.column`, d.column);
    }
    for (const [name, m] of Object.entries(f.measures)) {
      identifier(`facts.${fact}.measures`, name);
      if (name.endsWith(RESERVED_SUFFIX)) fail(`facts.${fact}.measures.${name}`, RESERVED_PROBLEM);
      if (m.agg !== 'count' && !m.column && !m.sql)
        fail(`facts.${fact}.measures.${name}`, `"${m.agg}" needs a column or sql`);
      if (m.column) column(`facts.${fact}.measures.${name}.column`, m.column);
      const problem =
        m.sql === undefined ? undefined : expressionProblem(m.sql, [f.table, ...(f.joins ?? []).map((j) => j.table)]);
      if (problem) fail(`facts.${fact}.measures.${name}.sql`, problem);
      for (const c of Object.keys(m.filter ?? {})) column(`facts.${fact}.measures.${name}.filter`, c);
      if (m.storage) storageProblems(m).forEach((problem) => fail(`facts.${fact}.measures.${name}.storage`, problem));
    }
    for (const [c, storage] of Object.entries(f.storage ?? {})) {
      column(`facts.${fact}.storage`, c);
      const problems = storageProblems({ agg: 'sum', column: c, type: 'decimal', storage });
      problems.forEach((problem) => fail(`facts.${fact}.storage.${c}`, problem));
    }
  }
}

const STORAGE_KINDS = ['decimal', 'float', 'cents', 'text'];
/** A measure name the adapter keeps for itself: the count beside an average. */
export const RESERVED_SUFFIX = '__count';
export const RESERVED_PROBLEM = 'names ending in "__count" are reserved (the count beside an average)';

/** What is wrong with a measure's `storage` declaration (the model loader and the adapter both ask). */
export function storageProblems(m: SqlMeasure): string[] {
  const { kind, scale } = m.storage!;
  if (!STORAGE_KINDS.includes(kind))
    return [`unknown kind ${JSON.stringify(kind)} (known: ${STORAGE_KINDS.join(', ')})`];
  if (m.type !== 'decimal') return ['only decimal measures declare a storage (an int measure is summed as it is)'];
  if (!m.column && m.sql === undefined) return ['a storage needs a column or an expression (sql) to read'];
  if (scale === undefined)
    return kind === 'decimal'
      ? []
      : [`"${kind}" needs "scale": the decimal places of the stored values (e.g. scale: 2)`];
  if (!Number.isInteger(scale) || scale < 0 || scale > 12)
    return [`scale must be an integer from 0 to 12, received ${JSON.stringify(scale)}`];
  return [];
}
