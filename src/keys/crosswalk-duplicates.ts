import { crosswalkRule } from '../model/crosswalk';
import type { CompanyModel } from '../model/entities';
import type { SourceAdapter, StatementSink } from '../sources/contract';
import { pairConflicts } from './crosswalk-conflicts';
import { readsSource, rulePairs } from './crosswalk-rules';

/**
 * Duplicates in the declared crosswalk rules that read these sources, as `<file>: sources.<source>: <problem>`
 * (at start before the store is touched, and by npm run model:check). A rule whose source fails is skipped
 * here: the live check reports an unreachable source.
 */
export async function crosswalkDuplicates(
  model: CompanyModel,
  adapterOf: (source: string) => SourceAdapter,
  sources: readonly string[],
  trace: StatementSink,
): Promise<string[]> {
  const problems: string[] = [];
  for (const crosswalk of Object.values(model.crosswalks ?? {})) {
    for (const [source, rule] of Object.entries(crosswalk.rules)) {
      const on = readsSource(
        model,
        crosswalk.entity,
        source,
        crosswalkRule(model.crosswalks, crosswalk.entity, source),
      );
      if (on === undefined || !sources.includes(on)) continue;
      const pairs = await rulePairs(model, crosswalk.entity, source, rule, adapterOf, trace).catch(() => undefined);
      if (pairs) problems.push(...pairConflicts(pairs).map((p) => `${crosswalk.file}: sources.${source}: ${p}`));
    }
  }
  return problems;
}
