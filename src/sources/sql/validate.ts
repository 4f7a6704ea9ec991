import { ENTITIES, type EntityName } from '../../model/entities';
import { ConfigError } from '../../errors';
import type { SqlMeasure, SqlSourceMapping } from './mapping';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a mapping once at start-up; errors name the source, the entry and what to fix. */
export function validateMapping(source: string, mapping: SqlSourceMapping): void {
  const fail = (where: string, problem: string) => {
    throw new ConfigError(`Source "${source}" mapping ${where}: ${problem}`);
  };
  const identifier = (where: string, value: string | undefined) => {
    if (value === undefined || !IDENTIFIER.test(value)) {
      fail(where, `expected a SQL identifier (letters, digits, _), received ${JSON.stringify(value)}`);
    }
  };
  for (const [entity, m] of Object.entries(mapping.entities)) {
    if (!m) continue;
    const model = ENTITIES[entity as EntityName];
    if (!model) fail(`entities.${entity}`, `unknown entity (known: ${Object.keys(ENTITIES).join(', ')})`);
    identifier(`entities.${entity}.table`, m.table);
    identifier(`entities.${entity}.key`, m.key);
    for (const [field, column] of Object.entries(m.fields)) {
      if (!(field in model.fields)) {
        fail(`entities.${entity}.fields.${field}`, `unknown field (known: ${Object.keys(model.fields).join(', ')})`);
      }
      identifier(`entities.${entity}.fields.${field}`, column);
    }
  }
  for (const [fact, f] of Object.entries(mapping.facts)) {
    identifier(`facts.${fact}`, fact);
    identifier(`facts.${fact}.table`, f.table);
    if (!f.time && !f.validity) fail(`facts.${fact}`, 'needs either "time" (event fact) or "validity" (state fact)');
    for (const [dim, d] of Object.entries(f.dimensions)) {
      identifier(`facts.${fact}.dimensions`, dim);
      identifier(`facts.${fact}.dimensions.${dim}.column`, d.column);
    }
    for (const [name, m] of Object.entries(f.measures)) {
      identifier(`facts.${fact}.measures`, name);
      if (name.endsWith('__count')) fail(`facts.${fact}.measures.${name}`, 'names ending in "__count" are reserved (the count beside an average)');
      if (m.agg !== 'count' && !m.column) fail(`facts.${fact}.measures.${name}`, `"${m.agg}" needs a column`);
      if (m.column) identifier(`facts.${fact}.measures.${name}.column`, m.column);
      for (const column of Object.keys(m.filter ?? {})) identifier(`facts.${fact}.measures.${name}.filter`, column);
      if (m.storage) storageProblems(m).forEach((problem) => fail(`facts.${fact}.measures.${name}.storage`, problem));
    }
  }
}

const STORAGE_KINDS = ['decimal', 'float', 'cents', 'text'];

function storageProblems(m: SqlMeasure): string[] {
  const { kind, scale } = m.storage!;
  if (!STORAGE_KINDS.includes(kind)) return [`unknown kind ${JSON.stringify(kind)} (known: ${STORAGE_KINDS.join(', ')})`];
  if (m.type !== 'decimal') return ['only decimal measures declare a storage (an int measure is summed as it is)'];
  if (!m.column) return ['a storage needs a column'];
  if (scale === undefined) return kind === 'decimal' ? [] : [`"${kind}" needs "scale": the decimal places of the stored values (e.g. scale: 2)`];
  if (!Number.isInteger(scale) || scale < 0 || scale > 12) return [`scale must be an integer from 0 to 12, received ${JSON.stringify(scale)}`];
  return [];
}
