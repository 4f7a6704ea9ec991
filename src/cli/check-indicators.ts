import { loadCompany } from '../company/load';
import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { checkDictionary } from '../governance/checks';
import { catalogOfDefinitions } from '../indicators/catalog';

/**
 * `npm run indicators:check`: validates the definition files as the hub would accept them — schema,
 * cross-checks, owners against the model, owner domains and personal data against the policy — without
 * starting it or touching a database (the files are what `indicators:import` and a first start read; the
 * owners' ids are checked against the company's data at start).
 */
try {
  const config = loadConfig();
  const { company, problems } = loadCompany(config.model, { calendar: config.calendar });
  if (problems.length || !company) throw new ConfigError(problems.join('\n'));
  const { dictionary, model, policy, units, targets } = company;
  checkDictionary(dictionary, catalogOfDefinitions(model), policy, units);
  const byType = new Map<string, number>();
  for (const i of dictionary.all()) byType.set(i.def.type, (byType.get(i.def.type) ?? 0) + 1);
  process.stdout.write(
    `${dictionary.size} indicators in ${model.paths.indicators}: ${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}; ${targets.size} targets\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
