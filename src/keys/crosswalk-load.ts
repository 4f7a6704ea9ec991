import { ConfigError } from '../errors';
import { crosswalkRule } from '../model/crosswalk';
import type { CompanyModel } from '../model/entities';
import { didYouMean } from '../values/suggest';
import type { HubStore } from '../store/hub-store';
import type { CsvPair } from './crosswalk-csv';

/** Every problem of a crosswalk load, one line each (`<file>: line N: CODE: message`); nothing was written. */
export class CrosswalkLoadError extends ConfigError {
  constructor(readonly problems: readonly string[]) {
    super(
      `Crosswalk pairs refused, nothing written (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CrosswalkLoadError';
  }
}

export interface PairLoad {
  entity: string;
  source: string;
  /** Named in messages (the CSV file). */
  file: string;
  pairs: readonly CsvPair[];
  /** Replace the entity's and source's earlier pairs instead of adding to them. */
  replace?: boolean;
  /** Problems found while reading the file (parsePairsCsv): reported with the others. */
  readProblems?: readonly string[];
}

/**
 * Validates loaded crosswalk pairs — the entity and source are known, the model declares `loaded: true` for
 * them, no source key or hub id appears twice, none contradicts a pair already stored (unless replacing) —
 * and writes them in ONE transaction, or refuses with every problem and writes nothing. Pairs already
 * stored identically are skipped. Returns how many pairs were written. (npm run crosswalk:load, the seed.)
 */
export async function loadCrosswalkPairs(model: CompanyModel, store: HubStore, load: PairLoad): Promise<number> {
  const { entity, source, file } = load;
  const fail = (problems: readonly string[]) => new CrosswalkLoadError(problems.map((p) => `${file}: ${p}`));
  const e = model.entities[entity];
  if (!e)
    throw fail([
      `CROSSWALK_UNKNOWN_ENTITY: unknown entity "${entity}"${didYouMean(entity, Object.keys(model.entities))}`,
    ]);
  if (!e.conformed)
    throw fail([`CROSSWALK_NOT_CONFORMED: ${entity} is not conformed: its key is the same in every source`]);
  if (!model.sources[source])
    throw fail([
      `CROSSWALK_UNKNOWN_SOURCE: unknown source "${source}"${didYouMean(source, Object.keys(model.sources))}`,
    ]);
  if (crosswalkRule(model.crosswalks, entity, source).kind !== 'loaded') {
    throw fail([
      `CROSSWALK_NOT_LOADED: the model does not declare loaded pairs for ${entity} in ${source}: add "${source}: { loaded: true }" under sources: in crosswalks/${entity}.yaml`,
    ]);
  }
  const problems = [...(load.readProblems ?? [])];
  const existing = load.replace ? [] : (await store.keyMap()).filter((r) => r.entity === entity && r.source === source);
  const byKey = new Map<string, { hubId: string; where: string }>(
    existing.map((r) => [r.sourceKey, { hubId: r.hubId, where: 'the store' }]),
  );
  const byHub = new Map<string, { sourceKey: string; where: string }>(
    existing.map((r) => [r.hubId, { sourceKey: r.sourceKey, where: 'the store' }]),
  );
  const fresh: CsvPair[] = [];
  for (const p of load.pairs) {
    const hub = byKey.get(p.sourceKey);
    const key = byHub.get(p.hubId);
    if (hub?.hubId === p.hubId && key?.sourceKey === p.sourceKey) continue; // the same pair again
    const code = (where: string) => (where === 'the store' ? 'CROSSWALK_CONFLICT_EXISTING' : 'CROSSWALK_DUPLICATE');
    if (hub !== undefined)
      problems.push(
        `line ${p.line}: ${code(hub.where)}: source key "${p.sourceKey}" → "${p.hubId}", but ${hub.where} maps it to "${hub.hubId}"`,
      );
    else if (key !== undefined)
      problems.push(
        `line ${p.line}: ${code(key.where)}: hub id "${p.hubId}" ← "${p.sourceKey}", but ${key.where} gives it to source key "${key.sourceKey}"`,
      );
    else {
      byKey.set(p.sourceKey, { hubId: p.hubId, where: `line ${p.line}` });
      byHub.set(p.hubId, { sourceKey: p.sourceKey, where: `line ${p.line}` });
      fresh.push(p);
    }
  }
  if (problems.length) throw fail(problems);
  await store.writePairs(entity, source, fresh, load.replace ?? false);
  return fresh.length;
}
