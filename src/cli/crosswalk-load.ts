import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { parsePairsCsv } from '../keys/crosswalk-csv';
import { loadCrosswalkPairs } from '../keys/crosswalk-load';
import { logger } from '../logger';
import { DEFAULT_MODEL_DIR } from '../model/load';
import { EmbeddedEngine } from '../db/embedded';
import { needsEmbeddedEngine, openConnection } from '../db/open';
import { HubStore } from '../store/hub-store';

const USAGE = `usage: npm run crosswalk:load -- [--model <dir>] --entity <Entity> --source <source> [--replace] <file.csv>

Loads hub id ↔ source key pairs for a conformed entity and a source whose crosswalk declares
"loaded: true" (crosswalks/<Entity>.yaml) into the hub's store. The CSV has the header source_key,hub_id.
The whole file is checked first (duplicates, pairs already stored, unknown entity or source: every problem
named with its line); then it is written in ONE transaction, or nothing is. --replace replaces the
entity's and source's earlier pairs instead of adding to them. A running hub picks the pairs up at its next
crosswalk refresh (crosswalks.refreshSeconds). The store is configured as for npm start (HUB_STORE_*,
hub.config.yaml); an embedded store is the stopped hub's data directory (HUB_DATA_DIR).`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        model: { type: 'string' },
        entity: { type: 'string' },
        source: { type: 'string' },
        replace: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.entity || !values.source || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  logger.level = process.env.LOG_LEVEL ?? 'silent';
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const dir = values.model ? resolve(cwd, values.model) : (process.env.HUB_MODEL_DIR ?? DEFAULT_MODEL_DIR);
  const file = resolve(cwd, positionals[0]!);
  const { pairs, problems } = parsePairsCsv(readFileSync(file, 'utf8'));
  const config = loadConfig({ ...process.env, HUB_MODEL_DIR: dir });
  const model = config.model;
  const embedded = needsEmbeddedEngine([config.store]) ? await EmbeddedEngine.open(config.embedded.dataDir) : undefined;
  const store = new HubStore(openConnection(config.store, 'hub', embedded));
  try {
    await store.migrate();
    const written = await loadCrosswalkPairs(model, store, {
      entity: values.entity,
      source: values.source,
      file: positionals[0]!,
      pairs,
      readProblems: problems,
      replace: values.replace ?? false,
    });
    process.stdout.write(
      `${values.entity} ${values.source}: ${written} pair${written === 1 ? '' : 's'} written (${pairs.length - written} already stored)\n`,
    );
    return 0;
  } finally {
    await store.close();
    await embedded?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `crosswalk:load failed: ${String(error)}`}\n`,
    );
    process.exit(1);
  },
);
