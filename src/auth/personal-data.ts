import { ConfigError } from '../errors';
import type { Dictionary } from '../indicators/dictionary';
import { inputsClosure } from '../indicators/graph';
import type { MeasureCatalog } from '../indicators/validate';
import type { PersonalFact, PolicyBook } from './policy';

/**
 * Personal data by lineage: a value is personal iff a simple input in its closure — over the dictionary
 * the request computes with (published, as-of, pinned or a draft) — reads a fact the policy declares
 * personal. The indicator's code plays no part, so a new code or a draft over the same fact is personal too.
 */
export function personalFactsOf(dict: Dictionary, code: string, policy: PolicyBook): PersonalFact[] {
  const found = new Map<string, PersonalFact>();
  for (const c of [code, ...inputsClosure(dict, code)]) {
    const def = dict.get(c)?.def;
    if (def?.type !== 'simple') continue;
    const personal = policy.personalFact(def.measure.source, def.measure.fact);
    if (personal) found.set(personal.id, personal);
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Codes of the dictionary whose values are personal data (for the permission matrix). */
export function personalCodes(dict: Dictionary, policy: PolicyBook): Array<{ code: string; facts: string[] }> {
  return dict
    .all()
    .map((i) => ({ code: i.def.code, facts: personalFactsOf(dict, i.def.code, policy).map((f) => f.id) }))
    .filter((x) => x.facts.length > 0);
}

/**
 * Start-up check of `personalData` against the source catalogs: each fact exists, its population is a
 * count_distinct measure of that fact and its dimension is one of the fact's dimensions.
 */
export function checkPersonalData(policy: PolicyBook, catalog: MeasureCatalog): void {
  const fail = (path: string, problem: string): never => {
    throw new ConfigError(`${policy.file}: ${path}: ${problem}`);
  };
  for (const [id, entry] of Object.entries(policy.policy.personalData.facts)) {
    const [source, fact] = id.split('.') as [string, string];
    const path = `personalData.facts["${id}"]`;
    const facts = catalog[source];
    if (!facts) fail(path, `unknown source "${source}" (known: ${Object.keys(catalog).sort().join(', ')})`);
    const f = facts![fact];
    if (!f) fail(path, `source ${source} has no fact "${fact}" (known: ${Object.keys(facts!).sort().join(', ')})`);
    if (!f!.measures.includes(entry.population))
      fail(`${path}.population`, `fact ${id} has no measure "${entry.population}" (known: ${f!.measures.join(', ')})`);
    const agg = f!.aggs?.[entry.population];
    if (agg !== undefined && agg !== 'count_distinct')
      fail(
        `${path}.population`,
        `"${entry.population}" is a ${agg}; the people behind a cell are counted by a count_distinct measure`,
      );
    if (!f!.dimensions.includes(entry.dimension))
      fail(
        `${path}.dimension`,
        `fact ${id} has no dimension "${entry.dimension}" (known: ${f!.dimensions.join(', ')})`,
      );
  }
}
