import { loadPolicy } from '../auth/policy';
import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { checkDictionary } from '../governance/checks';
import { catalogOfDefinitions } from '../indicators/catalog';
import { loadDictionary } from '../indicators/load';
import { ownerShapeProblems } from '../indicators/owners';
import { loadTargets } from '../indicators/targets';
import { loadUnits } from '../indicators/units';
import { loadModel } from '../model/load';
import { organisationDimension } from '../model/member-dimension';

/**
 * `npm run indicators:check`: validates the definition files as the hub would accept them — schema,
 * cross-checks, owners against the model, owner domains and personal data against the policy — without
 * starting it or touching a database (the files are what `indicators:import` and a first start read; the
 * owners' ids are checked against the company's data at start).
 */
try {
  const config = loadConfig();
  const dir = config.indicators.dir;
  const model = loadModel(config.model.dir);
  const catalog = catalogOfDefinitions(model);
  const units = loadUnits(config.indicators.unitsFile);
  const dictionary = loadDictionary(dir, catalog, units);
  checkDictionary(dictionary, catalog, loadPolicy(config.auth.policyFile), units);
  const owners = ownerShapeProblems(dictionary.all(), model);
  if (owners.length) throw new ConfigError(owners.join('\n'));
  const targets = loadTargets(config.indicators.targetsDir, dictionary, config.calendar, organisationDimension(model));
  const byType = new Map<string, number>();
  for (const i of dictionary.all()) byType.set(i.def.type, (byType.get(i.def.type) ?? 0) + 1);
  process.stdout.write(`${dictionary.size} indicators in ${dir}: ${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}; ${targets.size} targets\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
