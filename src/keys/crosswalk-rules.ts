import type { CompanyModel, EntityName } from '../model/entities';
import type { CrosswalkRule } from '../model/crosswalk';
import { UNRESTRICTED, type KeyPair, type SourceAdapter, type StatementSink } from '../sources/contract';

/** A rule that runs a statement on a source (same over a mapped table, expression, table); loaded pairs come from the store. */
export function readsSource(
  model: Pick<CompanyModel, 'sources'>,
  entity: EntityName,
  source: string,
  rule: CrosswalkRule,
): string | undefined {
  if (rule.kind === 'table') return rule.in;
  if (rule.kind === 'expression') return source;
  if (rule.kind === 'same' && model.sources[source]?.mapping.entities[entity]) return source;
  return undefined;
}

/**
 * The pairs one rule gives, by ONE statement of the adapter of the source that holds them (SourceAdapter.keyPairs:
 * through its breaker, timeout and statement trace, recorded in `trace`). Rows with a null side are skipped.
 */
export async function rulePairs(
  model: Pick<CompanyModel, 'sources'>,
  entity: EntityName,
  source: string,
  rule: CrosswalkRule,
  adapterOf: (source: string) => SourceAdapter,
  trace: StatementSink,
): Promise<KeyPair[]> {
  const on = readsSource(model, entity, source, rule);
  if (on === undefined || rule.kind === 'loaded') return [];
  return adapterOf(on).keyPairs({ entity, rule }, { scope: UNRESTRICTED, trace });
}
