import { loadPolicy, type PolicyBook } from '../auth/policy';
import { ConfigError } from '../errors';
import { catalogOfDefinitions } from '../indicators/catalog';
import type { Dictionary } from '../indicators/dictionary';
import { loadDictionary } from '../indicators/load';
import { ownerShapeProblems } from '../indicators/owners';
import { loadTargets, type TargetBook } from '../indicators/targets';
import { loadUnits, type UnitBook } from '../indicators/units';
import type { CompanyModel } from '../model/entities';
import { loadModel, ModelError } from '../model/load';
import { organisationDimension } from '../model/member-dimension';
import type { CalendarOptions } from '../values/period';

/**
 * One company: everything a model directory holds, each part read once from where model.yaml says it lives
 * (src/model/load.ts readModelFile): the model (entities, sources, mappings, crosswalks), the policy, the
 * units, the indicator definition files and the targets.
 */
export interface Company {
  dir: string;
  model: CompanyModel;
  policy: PolicyBook;
  units: UnitBook;
  /** The indicator definition files, checked against the model's facts and the units (imported as v1 of
   *  every indicator into an empty store; the store's published dictionary is what the hub serves). */
  dictionary: Dictionary;
  targets: TargetBook;
}

export interface LoadedCompany {
  /** Undefined when a part could not be read; `problems` then says why. A company with problems (an
   *  unresolved connection) is still returned, for the checks that do not need what is missing. */
  company: Company | undefined;
  /** Every problem found, one line each, naming the file (`<file>: <path>: <problem>` for model files). */
  problems: string[];
}

export interface LoadCompanyOptions {
  /** Resolve `${VAR}` references in the sources' connections (missing variables are problems). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The calendar targets' periods are read in (configuration `calendar`). */
  calendar?: CalendarOptions;
}

/**
 * Reads a model directory — or completes a model already loaded with the configuration (src/config/load.ts
 * loads it once, its sources deciding which `sources.<name>` settings exist) — into a Company. Collects every
 * problem it can: with a missing environment variable the rest is still read, without it. Cross-checks
 * between the parts and against the live databases are checkCompany's (./check.ts).
 */
export function loadCompany(from: string | CompanyModel, options: LoadCompanyOptions = {}): LoadedCompany {
  const problems: string[] = [];
  const collect = (error: unknown) => {
    if (error instanceof ModelError) problems.push(...error.problems);
    else if (error instanceof ConfigError) problems.push(error.message);
    else throw error;
  };
  let model: CompanyModel | undefined = typeof from === 'string' ? undefined : from;
  if (typeof from === 'string') {
    try {
      model = loadModel(from, { env: options.env ?? {} });
    } catch (error) {
      collect(error);
      // Only unresolved connections? The structure still loads without them, for the other parts' checks.
      try {
        model = loadModel(from);
      } catch {
        return { company: undefined, problems };
      }
    }
  }
  const m = model!;
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      collect(error);
      return undefined;
    }
  };
  const policy = attempt(() => loadPolicy(m.paths.policy));
  const units = attempt(() => loadUnits(m.paths.units));
  const dictionary = units && attempt(() => loadDictionary(m.paths.indicators, catalogOfDefinitions(m), units));
  const calendar = options.calendar ?? { fiscalYearStartMonth: 1 };
  const targets =
    dictionary && attempt(() => loadTargets(m.paths.targets, dictionary, calendar, organisationDimension(m)));
  // Owners as the model alone can tell (ids against the data are checked at start: src/app/runtime.ts).
  if (dictionary) problems.push(...ownerShapeProblems(dictionary.all(), m));
  const complete = policy && units && dictionary && targets;
  return { company: complete ? { dir: m.dir, model: m, policy, units, dictionary, targets } : undefined, problems };
}
