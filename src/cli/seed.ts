import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { generatedVersion, loadGenerator } from '../seed/generator';
import { EmbeddedEngine } from '../db/embedded';
import { needsEmbeddedEngine, openConnection } from '../db/open';
import { seedCompany } from '../seed/seed-company';
import { HubStore } from '../store/hub-store';

const USAGE = `npm run seed -- [--scale N] --yes

Loads the model directory's generated company (the demo's generator/) into every source it
generates (embedded, PostgreSQL or MariaDB) and the pairs of its loaded crosswalks into the hub store. Existing tables of the
same names in those schemas are DROPPED first, hence --yes.
Configure targets as for npm start (hub.config.yaml, HUB_SOURCE_<NAME>_ENGINE/_URL/_SCHEMA, HUB_STORE_*).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, yes: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help || !values.yes) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig(process.env, values.scale ? { demo: { scale: Number(values.scale) } } : {});
  const model = config.model;
  const generator = loadGenerator(config.model.dir);
  if (!generator)
    throw new ConfigError(`${config.model.dir} has no data generator (generator/index.ts): nothing to seed.`);
  const targets = Object.keys(generator.sources).map((name) => {
    const settings = config.sources[name];
    if (!settings)
      throw new ConfigError(
        `${config.model.dir}/generator: source "${name}" is not declared in the model (sources/${name}.yaml).`,
      );
    return { name, settings };
  });
  const needsEmbedded = needsEmbeddedEngine([config.store, ...targets.map((t) => t.settings)]);
  const embedded = needsEmbedded ? await EmbeddedEngine.open(config.embedded.dataDir) : undefined;
  const started = Date.now();
  const company = generator.generate(config.demo.scale);
  const store = new HubStore(openConnection(config.store, 'hub', embedded));
  await store.migrate();
  const settingsOf = new Map(targets.map((t) => [t.name, t.settings]));
  const connect = (name: string) => openConnection(settingsOf.get(name)!, name, embedded);
  const rows = await seedCompany({ generator, company, connect, store: { model, store } });
  for (const { name, settings } of targets) process.stdout.write(`${name}: ${rows[name]} rows (${settings.engine})\n`);
  if (embedded) await store.markDemoSeeded(config.demo.scale, generatedVersion(model, generator));
  await store.close();
  await embedded?.close();
  process.stdout.write(
    `generated company at scale ${config.demo.scale} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
