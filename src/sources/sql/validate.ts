import type { CompanyModel } from '../../model/entities';
import { ConfigError } from '../../errors';
import type { SqlSourceMapping } from './mapping';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a mapping once at start-up; errors name the source, the entry and what to fix. */
export function validateMapping(source: string, mapping: SqlSourceMapping, model: Pick<CompanyModel, 'entities'>): void {
  const entities = model.entities;
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
    const known = entities[entity];
    if (!known) fail(`entities.${entity}`, `unknown entity (known: ${Object.keys(entities).join(', ')})`);
    identifier(`entities.${entity}.table`, m.table);
    identifier(`entities.${entity}.key`, m.key);
    for (const [field, column] of Object.entries(m.fields)) {
      if (!(field in known!.fields)) {
        fail(`entities.${entity}.fields.${field}`, `unknown field (known: ${Object.keys(known!.fields).join(', ')})`);
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
      if (m.agg !== 'count' && !m.column) fail(`facts.${fact}.measures.${name}`, `"${m.agg}" needs a column`);
      if (m.column) identifier(`facts.${fact}.measures.${name}.column`, m.column);
      for (const column of Object.keys(m.filter ?? {})) identifier(`facts.${fact}.measures.${name}.filter`, column);
    }
  }
}
