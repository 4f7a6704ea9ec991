import { relative, resolve, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { logger } from '../logger';
import { checkModelDirectory } from '../company/check-directory';
import { DEFAULT_MODEL_DIR } from '../model/load';

/**
 * `npm run model:check [-- --dir <model dir>]`: validates a whole model directory as the hub would at
 * start — files, cross-references, the policy against the model, the indicators against the facts, and
 * every source against its live catalog — without starting the hub or writing anywhere. Prints every
 * problem as `<file>: <path>: <problem>`; exit status 1 when there is any, 0 and one line per source when
 * clean, 2 on wrong usage. Connections come from the environment (${VAR} in the source files,
 * HUB_SOURCE_<NAME>_*) and hub.config.yaml, as for npm start. Default directory: HUB_MODEL_DIR or DEFAULT_MODEL_DIR.
 */
const USAGE = 'usage: npm run model:check [-- --dir <model dir>]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  logger.level = process.env.LOG_LEVEL ?? 'silent';
  // npm runs scripts in the package's folder; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const dir = values.dir ? resolve(cwd, values.dir) : (process.env.HUB_MODEL_DIR ?? DEFAULT_MODEL_DIR);
  const shown = (line: string) => line.split(`${dir}/`).join(`${relative(cwd, dir) || '.'}/`);
  const { problems, summary } = await checkModelDirectory(dir, process.env);
  if (problems.length) {
    process.stderr.write(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${isAbsolute(dir) ? relative(cwd, dir) || '.' : dir}:\n${problems.map((p) => `  ${shown(p)}`).join('\n')}\n`,
    );
    return 1;
  }
  process.stdout.write(`${summary.join('\n')}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`model:check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
