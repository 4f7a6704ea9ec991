import type { CompanyModel, EntityName } from '../model/entities';
import type { CrosswalkRule } from '../model/crosswalk';
import { from, type SqlConnection } from '../db/connection';

export interface KeyPairOf {
  sourceKey: string;
  hubId: string;
}

/** A rule that runs a statement on a source (same over a mapped table, expression, table); loaded pairs come from the store. */
export function readsSource(model: Pick<CompanyModel, 'sources'>, entity: EntityName, source: string, rule: CrosswalkRule): string | undefined {
  if (rule.kind === 'table') return rule.in;
  if (rule.kind === 'expression') return source;
  if (rule.kind === 'same' && model.sources[source]?.mapping.entities[entity]) return source;
  return undefined;
}

/**
 * The pairs one rule gives, by ONE statement on the source that holds them. Expressions come from the
 * validated model only (src/values/expression.ts), never from a request. Rows with a null side are skipped.
 */
export async function rulePairs(
  model: Pick<CompanyModel, 'sources'>,
  entity: EntityName,
  source: string,
  rule: CrosswalkRule,
  connOf: (source: string) => SqlConnection,
): Promise<KeyPairOf[]> {
  const on = readsSource(model, entity, source, rule);
  if (on === undefined) return [];
  const conn = connOf(on);
  const raw = (sql: string, bindings: readonly string[]) => conn.knex.raw(sql, bindings);
  let query;
  if (rule.kind === 'table') {
    query = from(conn, rule.table).distinct(raw('?? as source_key', [rule.sourceKey]), raw('?? as hub_id', [rule.hubId]));
  } else {
    const m = model.sources[source]!.mapping.entities[entity]!;
    // Conformed entities have one-column keys (a composite key is refused for them at load).
    const key = typeof m.key === 'string' ? m.key : m.key[0]!;
    const hub = rule.kind === 'expression' ? raw(`(${rule.sql}) as hub_id`, []) : raw('?? as hub_id', [key]);
    query = from(conn, m.table).select(raw('?? as source_key', [key]), hub);
  }
  if (conn.statementTimeoutMs) query.timeout(conn.statementTimeoutMs + 1000, { cancel: true });
  const rows = (await query) as Array<{ source_key: unknown; hub_id: unknown }>;
  const out: KeyPairOf[] = [];
  for (const r of rows) {
    if (r.source_key === null || r.source_key === undefined || r.hub_id === null || r.hub_id === undefined) continue;
    out.push({ sourceKey: String(r.source_key), hubId: String(r.hub_id) });
  }
  return out;
}
