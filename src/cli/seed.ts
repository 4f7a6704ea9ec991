import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { generateCompany } from '../seed/company';
import { demoKeyMap } from '../seed/demo-keymap';
import { demoVersion } from '../seed/version';
import { SOURCES, SOURCE_NAMES } from '../sources/registry';
import { EmbeddedEngine } from '../sources/sql/embedded';
import { ensureSchema, openConnection } from '../sources/sql/engines';
import { seedDemoSource } from '../sources/sql/load';
import { HubStore } from '../store/hub-store';

const USAGE = `npm run seed -- [--scale N] --yes

Loads the demo company into every source the configuration names (embedded, PostgreSQL or MariaDB) and
its key map into the hub store. Existing demo tables in those schemas are DROPPED first, hence --yes.
Configure targets as for npm start (hub.config.yaml, HUB_SOURCE_<NAME>_ENGINE/_URL/_SCHEMA, HUB_STORE_*).`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string' }, yes: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help || !values.yes) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig(process.env, values.scale ? { demo: { scale: Number(values.scale) } } : {});
  const needsEmbedded = config.store.engine === 'embedded' || SOURCE_NAMES.some((n) => config.sources[n].engine === 'embedded');
  const embedded = needsEmbedded ? await EmbeddedEngine.open(config.embedded.dataDir) : undefined;
  const started = Date.now();
  const company = generateCompany(config.demo.scale);
  for (const name of SOURCE_NAMES) {
    const conn = openConnection(config.sources[name], name, embedded);
    await ensureSchema(conn);
    const rows = await seedDemoSource(SOURCES[name], conn, company);
    process.stdout.write(`${name}: ${rows} rows (${config.sources[name].engine})\n`);
    await conn.close();
  }
  const store = new HubStore(openConnection(config.store, 'hub', embedded));
  await store.migrate();
  await store.replaceKeyMap(demoKeyMap(company));
  if (embedded) await store.markDemoSeeded(config.demo.scale, demoVersion());
  await store.close();
  await embedded?.close();
  process.stdout.write(`demo company at scale ${config.demo.scale} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
