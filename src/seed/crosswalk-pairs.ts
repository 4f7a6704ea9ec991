import { loadCrosswalkPairs } from '../keys/crosswalk-load';
import type { CompanyModel } from '../model/entities';
import type { ModelGenerator } from './definition';
import type { HubStore } from '../store/hub-store';
import { generatedKeyMap } from './demo-source';

/**
 * A generated company's pairs for the crosswalks its model declares `loaded: true`, loaded into the store
 * through the same checks and single transaction as `npm run crosswalk:load` (as if from a CSV the
 * generator wrote). Every other rule is read from the sources by the hub itself. Returns the pairs written.
 */
export async function seedLoadedCrosswalks<C>(
  model: CompanyModel,
  store: HubStore,
  generator: ModelGenerator<C>,
  company: C,
): Promise<number> {
  const generated = generatedKeyMap(generator, company);
  await store.replaceKeyMap([]);
  let written = 0;
  for (const crosswalk of Object.values(model.crosswalks ?? {})) {
    for (const [source, rule] of Object.entries(crosswalk.rules)) {
      if (rule.kind !== 'loaded') continue;
      const pairs = generated
        .filter((p) => p.entity === crosswalk.entity && p.source === source)
        .map((p, i) => ({ line: i + 2, sourceKey: p.sourceKey, hubId: p.hubId }));
      written += await loadCrosswalkPairs(model, store, {
        entity: crosswalk.entity,
        source,
        file: `${model.dir}/generator (${crosswalk.entity}, ${source})`,
        pairs,
        replace: true,
      });
    }
  }
  return written;
}
