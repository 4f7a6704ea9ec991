import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { catalogOfDefinitions } from '../indicators/catalog';
import { loadDictionary } from '../indicators/load';
import { loadTargets } from '../indicators/targets';

/** `npm run indicators:check`: validates the dictionary without starting the hub or touching a database. */
try {
  const config = loadConfig();
  const dir = config.indicators.dir;
  const dictionary = loadDictionary(dir, catalogOfDefinitions());
  const targets = loadTargets(config.indicators.targetsDir, dictionary, config.calendar);
  const byType = new Map<string, number>();
  for (const i of dictionary.all()) byType.set(i.def.type, (byType.get(i.def.type) ?? 0) + 1);
  process.stdout.write(`${dictionary.size} indicators in ${dir}: ${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}; ${targets.size} targets\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
