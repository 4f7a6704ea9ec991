import { checkPersonalData } from '../auth/personal-data';
import type { LiveCatalog } from '../db/live-catalog';
import { ConfigError } from '../errors';
import { checkDictionary } from '../governance/checks';
import { catalogOfDefinitions } from '../indicators/catalog';
import { crosswalkDuplicates } from '../keys/crosswalk-duplicates';
import { hubStatements } from '../observability/trace';
import type { SourceAdapter } from '../sources/contract';
import type { Company } from './load';
import { crosswalkLiveProblems } from './crosswalk-live-check';
import { liveCatalogProblems } from './live-check';
import { policyModelProblems } from './policy-check';

/** One source as it answers now: its live catalog, and the adapter crosswalk rules run through. */
export interface LiveSource {
  catalog: LiveCatalog;
  adapter: SourceAdapter;
}

/**
 * THE check of a company, run by start-up (src/app/runtime.ts) before the hub's store is touched and by
 * `npm run model:check` (./check-directory.ts): the parts against each other — the policy against the
 * schema the hub serves for this model (rules on names that exist, no non-null field denied, row rules,
 * principals), the personal-data facts and the indicator files' domains against the policy — and every
 * source in `live` against the model: its mapping against its live catalog, the crosswalk rules' tables and
 * columns, and duplicates the rules give. Sources not in `live` (unreachable, or filled later by the demo
 * generator) are checked when they answer: checkLiveSources. Every problem, one line each.
 */
export async function checkCompany(company: Company, live: ReadonlyMap<string, LiveSource>): Promise<string[]> {
  return [...companyProblems(company), ...(await checkLiveSources(company, live))];
}

/** The parts against each other (no database needed). */
function companyProblems(company: Company): string[] {
  const { model, policy, units, dictionary } = company;
  const problems = policyModelProblems(policy, model);
  const catalog = catalogOfDefinitions(model);
  for (const check of [
    () => checkPersonalData(policy, catalog),
    () => checkDictionary(dictionary, catalog, policy, units),
  ]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!problems.includes(error.message)) problems.push(error.message);
    }
  }
  return problems;
}

/** The sources in `live` against the model: mappings and crosswalk rules against the catalogs, then duplicates. */
export async function checkLiveSources(company: Company, live: ReadonlyMap<string, LiveSource>): Promise<string[]> {
  const { model } = company;
  const problems: string[] = [];
  for (const [name, { catalog }] of live) problems.push(...liveSourceProblems(company, name, catalog));
  const names = [...live.keys()];
  problems.push(...(await crosswalkDuplicates(model, (name) => live.get(name)!.adapter, names, hubStatements)));
  return problems;
}

/** One source's mapping and the crosswalk rules reading it, against its live catalog. */
export function liveSourceProblems(company: Company, name: string, catalog: LiveCatalog): string[] {
  return [
    ...liveCatalogProblems(company.model.sources[name]!, catalog),
    ...crosswalkLiveProblems(company.model, name, catalog),
  ];
}
