import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy, type PolicyBook } from '../auth/policy';
import { loadConfig } from '../config/load';
import type { HubConfig } from '../config/schema';
import { ConfigError } from '../errors';
import { checkDictionary } from '../governance/checks';
import { catalogOfDefinitions } from '../indicators/catalog';
import { loadDictionary } from '../indicators/load';
import { ownerShapeProblems } from '../indicators/owners';
import { loadTargets } from '../indicators/targets';
import { organisationDimension } from '../model/member-dimension';
import { loadUnits } from '../indicators/units';
import { EmbeddedEngine } from '../db/embedded';
import { openConnection } from '../db/open';
import { readLiveCatalog } from '../db/live-catalog';
import type { CompanyModel } from '../model/entities';
import { liveCatalogProblems, mappingSize } from './live-check';
import { crosswalkLiveProblems } from './crosswalk-live-check';
import { crosswalkDuplicates } from '../keys/crosswalk-duplicates';
import type { SqlConnection } from '../db/connection';
import { loadModel, ModelError } from '../model/load';
import { policyModelProblems } from './policy-check';

export interface DirectoryCheck {
  /** `<file>: <path>: <problem>`, every one found. */
  problems: string[];
  /** One line per source whose live catalog matched. */
  summary: string[];
}

type Env = Record<string, string | undefined>;

/**
 * Everything the hub checks at start, without starting it: the files and their cross-references
 * (src/model/load.ts), the policy against the model, the indicator dictionary and targets against the
 * model's facts, and every source's mapping against its live catalog. Collects every problem; nothing is
 * written anywhere (the hub's store is not opened).
 */
export async function checkModelDirectory(dir: string, env: Env): Promise<DirectoryCheck> {
  const problems: string[] = [];
  const collect = (error: unknown) => {
    if (error instanceof ModelError) problems.push(...error.problems);
    else if (error instanceof ConfigError) problems.push(error.message);
    else throw error;
  };
  // With the environment: missing variables are problems too. Without: the structure, for the other checks.
  try {
    loadModel(dir, { env });
  } catch (error) {
    collect(error);
  }
  let model: CompanyModel;
  try {
    model = loadModel(dir);
  } catch {
    return { problems, summary: [] };
  }
  let config: HubConfig | undefined;
  try {
    config = loadConfig({ ...env, HUB_MODEL_DIR: dir });
  } catch (error) {
    if (!(error instanceof ModelError)) collect(error);
  }
  // Without a configuration (e.g. a variable not set) the files are still checked, at their default places.
  const paths = config
    ? { policy: config.auth.policyFile, units: config.indicators.unitsFile, indicators: config.indicators.dir, targets: config.indicators.targetsDir }
    : { policy: join(dir, 'policy.yaml'), units: join(dir, 'units.yaml'), indicators: join(dir, 'indicators'), targets: join(dir, 'targets') };

  let policy: PolicyBook | undefined;
  try {
    policy = loadPolicy(paths.policy);
    problems.push(...policyModelProblems(policy, model));
  } catch (error) {
    collect(error);
  }
  try {
    const catalog = catalogOfDefinitions(model);
    const units = loadUnits(paths.units);
    const dictionary = loadDictionary(paths.indicators, catalog, units);
    if (policy) checkDictionary(dictionary, catalog, policy, units);
    problems.push(...ownerShapeProblems(dictionary.all(), model));
    loadTargets(paths.targets, dictionary, config?.calendar ?? { fiscalYearStartMonth: 1 }, organisationDimension(model));
  } catch (error) {
    collect(error);
  }
  // Live catalogs need every connection resolved.
  return { problems, summary: config ? await checkSources(model, config, problems) : [] };
}

/** Every source against its live catalog; an embedded source needs its (stopped) hub's data directory. */
async function checkSources(model: CompanyModel, config: HubConfig, problems: string[]): Promise<string[]> {
  const summary: string[] = [];
  const names = Object.keys(model.sources);
  const needsEmbedded = names.some((n) => config.sources[n]!.engine === 'embedded');
  const dataDir = config.embedded.dataDir;
  const embedded = needsEmbedded && dataDir !== ':memory:' && existsSync(dataDir) ? await EmbeddedEngine.open(dataDir) : undefined;
  const conns = new Map<string, SqlConnection>();
  const matched: string[] = [];
  try {
    for (const name of names) {
      const source = model.sources[name]!;
      const settings = config.sources[name]!;
      if (settings.engine === 'embedded' && !embedded) {
        problems.push(`${source.file}: connection: embedded source, but the data directory ${dataDir} does not exist yet (start the hub once, or npm run seed)`);
        continue;
      }
      const conn = openConnection({ ...settings, pool: { min: 0, max: 1 } }, name, embedded);
      conns.set(name, conn);
      try {
        const catalog = await readLiveCatalog(conn);
        const found = [...liveCatalogProblems(source, catalog), ...crosswalkLiveProblems(model, name, catalog)];
        problems.push(...found);
        if (found.length === 0) {
          matched.push(name);
          const size = mappingSize(source.mapping);
          summary.push(`${name}: ${catalog.engine} ${catalog.engine === 'mysql' ? 'database' : 'schema'} "${catalog.schema}" matches (${count(size.entities, 'entity', 'entities')}, ${count(size.facts, 'fact', 'facts')}, ${count(catalog.tables.length, 'table', 'tables')} read)`);
        }
      } catch {
        problems.push(`${source.file}: connection: could not read the live catalog (${settings.engine}): check that the database is up, the URL and credentials, and that the user may read information_schema`);
      }
    }
    // Duplicates in the crosswalk rules of the sources that matched (loaded pairs are checked when loaded).
    problems.push(...(await crosswalkDuplicates(model, (name) => conns.get(name)!, matched)));
  } finally {
    await Promise.allSettled([...conns.values()].map((c) => c.close()));
    await embedded?.close();
  }
  return summary;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
