import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import { exportDefinitions, shown } from '../governance/yaml-io';
import { startRuntime, type HubRuntime } from '../app/runtime';
import { logger } from '../logger';

const USAGE = `npm run indicators:export -- --out DIR

Writes the published definitions (the latest version of every indicator that is not archived) as
DIR/<domain>/<code>.yaml (DIR relative to where you run the command), in the key order and style of
indicators/. Files already in DIR that are not published are left alone and listed. Configure the
store as for npm start (hub.config.yaml, HUB_STORE_ENGINE / HUB_STORE_URL, HUB_DATA_DIR); with the
embedded store, stop the hub first.

Exit status: 0 written, 1 could not export, 2 wrong usage.`;

/** Exports the runtime's published dictionary; returns the exit status. */
export function runExport(
  runtime: Pick<HubRuntime, 'governance'>,
  out: string,
  print: (line: string) => void,
  cwd = process.cwd(),
): number {
  const definitions = runtime.governance
    .published()
    .all()
    .filter((i) => i.status !== 'archived')
    .map((i) => i.def);
  const { written, untouched } = exportDefinitions(definitions, out);
  print(`exported ${written.length} published indicators to ${shown(out, cwd)}`);
  for (const file of untouched) print(`left alone (not published): ${shown(file, cwd)}`);
  return 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) {
    process.stderr.write(`--out is required: the directory to write to.\n\n${USAGE}\n`);
    return 2;
  }
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const runtime = await startRuntime(loadConfig(process.env));
  try {
    // npm runs scripts in the package's folder; INIT_CWD is where the user typed the command.
    const cwd = process.env.INIT_CWD ?? process.cwd();
    return runExport(runtime, resolve(cwd, values.out), (line) => process.stdout.write(`${line}\n`), cwd);
  } finally {
    await runtime.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`indicators:export failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
