import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldModel } from '../model/scaffold';
import { openConnection } from '../sources/sql/engines';
import { readLiveCatalog } from '../sources/sql/live-catalog';

/**
 * `npm run model:scaffold -- --source sales --engine mysql --url-env SALES_URL [--schema chinook_sales] [--out models/acme]`
 * Reads the live catalog of one database (information_schema) and drafts a source file and one entity file
 * per table into the model directory, for the engineer to edit. Never overwrites a file: an existing one
 * stops the run before anything is written. The URL is read from the named environment variable and
 * written into the draft as ${VAR}, never as text.
 */
const USAGE = 'usage: npm run model:scaffold -- --source <name> --engine postgres|mysql --url-env <VAR> [--schema <schema>] [--out <model dir>]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      source: { type: 'string' },
      engine: { type: 'string' },
      'url-env': { type: 'string' },
      schema: { type: 'string' },
      out: { type: 'string', default: 'model-draft' },
    },
    strict: true,
  });
  const { source, engine, schema, out } = values;
  const urlEnv = values['url-env'];
  if (!source || !/^[a-z][a-z0-9_]*$/.test(source)) return fail(`--source: expected a lower-case source name such as "sales". ${USAGE}`);
  if (engine !== 'postgres' && engine !== 'mysql') return fail(`--engine: expected postgres or mysql, received ${JSON.stringify(engine)}. ${USAGE}`);
  if (!urlEnv || !/^[A-Z_][A-Z0-9_]*$/.test(urlEnv)) return fail(`--url-env: expected the NAME of an environment variable holding the URL (e.g. SALES_URL). ${USAGE}`);
  const url = process.env[urlEnv];
  if (!url) return fail(`--url-env ${urlEnv}: the environment variable is not set.`);

  const conn = openConnection({ engine, url, schema, pool: { min: 0, max: 1 } }, source);
  let catalog;
  try {
    catalog = await readLiveCatalog(conn);
  } catch {
    return fail(`Could not read the catalog of ${engine} through ${urlEnv}: check the URL, the credentials and that the user may read information_schema.`);
  } finally {
    await conn.close();
  }
  if (catalog.tables.length === 0) return fail(`No tables in ${engine} schema "${catalog.schema}": pass --schema (PostgreSQL schema or MariaDB database).`);

  const result = scaffoldModel(catalog, { source, urlEnv, ...(schema ? { schema } : {}) });
  const dir = resolve(out!);
  const existing = result.files.filter((f) => existsSync(join(dir, f.path)));
  if (existing.length) {
    return fail(`Nothing written: these files exist already (model:scaffold never overwrites):\n${existing.map((f) => `  ${shown(join(dir, f.path))}`).join('\n')}\nChoose another --out and merge by hand.`);
  }
  for (const f of result.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  process.stdout.write(
    `Drafted ${result.files.length} files from ${catalog.tables.length} tables of "${catalog.schema}" into ${shown(dir)}:\n` +
      result.files.map((f) => `  ${shown(join(dir, f.path))}`).join('\n') +
      '\n' +
      (result.skipped.length ? `Skipped:\n${result.skipped.map((s) => `  ${s.table}: ${s.reason}`).join('\n')}\n` : '') +
      'Edit them (names, descriptions, conformed entities, facts), then check the directory against the live databases.\n',
  );
  return 0;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`model:scaffold failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
