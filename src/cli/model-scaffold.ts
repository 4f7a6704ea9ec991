import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Kind, parse } from 'graphql';
import { draftCompanyFiles, policyWithEntities } from '../company/scaffold-company';
import { scaffoldModel, type DraftFile } from '../company/scaffold';
import { handWrittenTypeDefs } from '../schema/assemble';
import { DIALECTS } from '../db/dialects';
import { openConnection } from '../db/open';
import { readLiveCatalog } from '../db/live-catalog';

/**
 * `npm run model:scaffold -- --source sales --engine mysql --url-env SALES_URL [--schema chinook_sales] [--out
 * models/acme]`
 * Reads the live catalog of one database (information_schema) and drafts a source file and one entity file
 * per table into the model directory, for the engineer to edit. Never overwrites a file: an existing one
 * stops the run before anything is written. The URL is read from the named environment variable and
 * written into the draft as ${VAR}, never as text. When the directory has no policy.yaml yet, it also drafts a
 * deny-by-default policy.yaml (with a generated service API key, printed once), a units.yaml and a model.yaml.
 * When it has one (a second source), the entities drafted now get an allow rule in it, to be narrowed.
 */
/** The engines reached by URL (the in-process engine has no catalog of a company's own). */
const SERVERS = Object.values(DIALECTS).filter((d) => !d.inProcess);
const USAGE =
  `usage: npm run model:scaffold -- --source <name> --engine ${SERVERS.map((d) => d.name).join('|')} --url-env <VAR> ` +
  '[--schema <schema>] [--out <model dir>]';

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
  if (!source || !/^[a-z][a-z0-9_]*$/.test(source))
    return fail(`--source: expected a lower-case source name such as "sales". ${USAGE}`);
  const dialect = SERVERS.find((d) => d.name === engine);
  const expected = SERVERS.map((d) => d.name).join(' or ');
  if (!dialect) return fail(`--engine: expected ${expected}, received ${JSON.stringify(engine)}. ${USAGE}`);
  if (!urlEnv || !/^[A-Z_][A-Z0-9_]*$/.test(urlEnv))
    return fail(`--url-env: expected the NAME of an environment variable holding the URL (e.g. SALES_URL). ${USAGE}`);
  const url = process.env[urlEnv];
  if (!url) return fail(`--url-env ${urlEnv}: the environment variable is not set.`);

  const conn = openConnection({ engine: dialect.name, url, schema, pool: { min: 0, max: 1 } }, source);
  let catalog;
  try {
    catalog = await readLiveCatalog(conn);
  } catch {
    return fail(
      `Could not read the catalog of ${engine} through ${urlEnv}: check the URL, the credentials and that the user may read information_schema.`,
    );
  } finally {
    await conn.close();
  }
  if (catalog.tables.length === 0)
    return fail(
      `No tables in ${engine} schema "${catalog.schema}": pass --schema (PostgreSQL schema or MariaDB database).`,
    );

  const result = scaffoldModel(catalog, { source, urlEnv, ...(schema ? { schema } : {}) });
  const dir = resolve(out!);
  const existing = result.files.filter((f) => existsSync(join(dir, f.path)));
  if (existing.length) {
    return fail(
      `Nothing written: these files exist already (model:scaffold never overwrites):\n${existing.map((f) => `  ${shown(join(dir, f.path))}`).join('\n')}\nChoose another --out and merge by hand.`,
    );
  }
  let apiKey: string | undefined;
  const files: DraftFile[] = [...result.files];
  if (!existsSync(join(dir, 'policy.yaml'))) {
    apiKey = `ihk_${randomBytes(24).toString('hex')}`;
    const company = draftCompanyFiles({
      entities: entityNames(dir, result.files),
      hubTypes: hubObjectTypes(),
      apiKeySha256: createHash('sha256').update(apiKey).digest('hex'),
    });
    files.push(...company.filter((f) => !existsSync(join(dir, f.path))));
  }
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  let ruled: string[] = [];
  if (!apiKey) {
    const policy = policyWithEntities(readFileSync(join(dir, 'policy.yaml'), 'utf8'), draftedEntities(result.files));
    ruled = policy.added;
    if (ruled.length) writeFileSync(join(dir, 'policy.yaml'), policy.text);
  }
  process.stdout.write(
    `Drafted ${files.length} files from ${catalog.tables.length} tables of "${catalog.schema}" into ${shown(dir)}:\n` +
      files.map((f) => `  ${shown(join(dir, f.path))}`).join('\n') +
      '\n' +
      (ruled.length
        ? `Added to ${shown(join(dir, 'policy.yaml'))}, to be narrowed: ${ruled.map((e) => `"${e}.*": { "*": allow }`).join(', ')}\n`
        : '') +
      (result.skipped.length
        ? `Skipped:\n${result.skipped.map((s) => `  ${s.table}: ${s.reason}`).join('\n')}\n`
        : '') +
      'Edit them (names, descriptions, conformed entities, facts), then check the directory against the live databases.\n' +
      (apiKey
        ? `API key of the "first-service" account (role dashboard_service), shown only now — keep it in your secret store:\n  ${apiKey}\n`
        : ''),
  );
  return 0;
}

/** Entity names: the drafted files' and those already in the directory. */
function entityNames(dir: string, drafted: readonly DraftFile[]): string[] {
  const existing = existsSync(join(dir, 'entities'))
    ? readdirSync(join(dir, 'entities')).filter((f) => f.endsWith('.yaml'))
    : [];
  return [...new Set([...existing.map((f) => f.replace(/\.yaml$/, '')), ...draftedEntities(drafted)])];
}

/** The entities of the drafted files. */
function draftedEntities(drafted: readonly DraftFile[]): string[] {
  return drafted
    .filter((f) => f.path.startsWith('entities/'))
    .map((f) => f.path.slice('entities/'.length).replace(/\.yaml$/, ''));
}

/** The hub's own object types, read from its hand-written SDL (Query, Mutation and Subscription included). */
function hubObjectTypes(): string[] {
  const names = new Set<string>();
  for (const d of parse(handWrittenTypeDefs().join('\n')).definitions) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) names.add(d.name.value);
  }
  return [...names];
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
