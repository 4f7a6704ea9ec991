import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { startRuntime } from '../../src/app/runtime';
import { loadConfig } from '../../src/config/load';
import { openConnection } from '../../src/db/open';
import { ConfigError } from '../../src/errors';
import { ModelError } from '../../src/model/load';
import { BAD_MODELS, MORE_BAD_MODELS, type BadModel } from '../support/bad-models';
import { SOURCE_NAMES } from '../support/demo-model';
import { ALL_POSTGRES, pgSourcesUrl, settingsFor, startTestRuntime } from '../support/engines';
import { copyDemoModel, type ModelCopy } from '../support/model-copy';

/**
 * Anything start-up refuses, `npm run model:check` refuses first, with the same line: for every bad
 * configuration (test/support/bad-models.ts), the CLI as a child process and start-up in process on the same
 * broken copy, every problem start-up names printed by the CLI too (the CLI shows paths relative to where it
 * was called). A model scaffolded source by source is accepted by both, and refused by both once a type is
 * left without a rule. Every start shares one store schema (a refused start writes nothing to it).
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const STORE = `hub_svc_${randomBytes(4).toString('hex')}`;
const CASES = [...BAD_MODELS, ...MORE_BAD_MODELS];

interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run model:check -- --dir <dir>` as an operator runs it from the checkout. */
function modelCheck(dir: string, env: Record<string, string>): Promise<Cli> {
  return run(TSX, ['src/cli/model-check.ts', '--dir', dir], {
    cwd: ROOT,
    env: { ...process.env, ...env, INIT_CWD: ROOT },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** HUB_SOURCE_<NAME>_* for every demo source on PostgreSQL, as an operator would set them for model:check. */
const SOURCE_ENV: Record<string, string> = Object.fromEntries(
  SOURCE_NAMES.flatMap((source) => {
    const s = settingsFor('postgres', source);
    const prefix = `HUB_SOURCE_${source.toUpperCase()}`;
    return [
      [`${prefix}_ENGINE`, s.engine],
      [`${prefix}_URL`, s.url!],
      [`${prefix}_SCHEMA`, source],
    ];
  }),
);

/** The problem lines of a refused start (each line of a ConfigError that is not a model's). */
async function refusedStart(start: () => Promise<{ dispose(): Promise<void> }>): Promise<string[]> {
  const error = await start().then(
    async (started) => {
      await started.dispose();
      return undefined;
    },
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error('start-up accepted the configuration');
  if (error instanceof ModelError) return [...error.problems];
  if (error instanceof ConfigError) return error.message.split('\n');
  throw error;
}

/** The CLI's problem lines, with `dir` written back as an absolute path. */
function cliProblems(cli: Cli, dir: string): string[] {
  const shown = `${relative(ROOT, dir)}/`;
  return cli.stderr
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(shown).join(`${dir}/`))
    .filter(Boolean);
}

/** Runs at most `n` tasks at once, the others as earlier ones end. */
function limited(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

async function dropStore(): Promise<void> {
  const admin = openConnection({ engine: 'postgres', url: pgSourcesUrl() }, 'hub');
  try {
    await admin.knex.raw('drop schema if exists ?? cascade', [STORE]);
  } finally {
    await admin.close();
  }
}

afterAll(dropStore);

describe('every bad configuration: model:check (the CLI) and start-up refuse it with the same line', () => {
  const copies = new Map<string, ModelCopy>();
  const checks = new Map<string, Promise<Cli>>();

  beforeAll(() => {
    for (const c of CASES) {
      const copy = copyDemoModel();
      copy.edit(c.file, c.from, c.to);
      copies.set(c.name, copy);
    }
    // The CLI runs are child processes: three at a time, started now, each case awaits its own.
    const limit = limited(3);
    for (const c of CASES)
      checks.set(
        c.name,
        limit(() => modelCheck(copies.get(c.name)!.dir, SOURCE_ENV)),
      );
  });
  afterAll(() => {
    for (const copy of copies.values()) copy.dispose();
  });

  test.each(CASES)('$name', async (c: BadModel) => {
    const copy = copies.get(c.name)!;
    const prefix = `${join(copy.dir, c.file)}: `;
    const started = await refusedStart(() =>
      startTestRuntime(ALL_POSTGRES, {
        model: { dir: copy.dir },
        store: { engine: 'postgres', url: pgSourcesUrl(), schema: STORE },
      }),
    );
    const line = started.find((p) => p.startsWith(prefix) && c.problem.test(p.slice(prefix.length)));
    expect(line).toBeDefined();

    const checked = await checks.get(c.name)!;
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/^\d+ problems? in /);
    const printed = cliProblems(checked, copy.dir);
    for (const problem of started) expect(printed).toContain(problem);
  });
});

describe('a model scaffolded source by source', () => {
  const name = `svc_${randomBytes(4).toString('hex')}`;
  const schemas = { catalog: `${name}_catalog`, shop: `${name}_shop` };
  const home = mkdtempSync(join(tmpdir(), 'indicator-hub-scaffolded-'));
  const dir = join(home, 'acme');
  const env = { CATALOG_URL: pgSourcesUrl(), SHOP_URL: pgSourcesUrl() };
  const admin = () => openConnection({ engine: 'postgres', url: pgSourcesUrl() }, 'scaffolded');
  const start = () => {
    const config = loadConfig(env, {
      model: { dir },
      auth: { jwt: { secret: 'scaffolded-secret-0123456789abcdef0123456789' } },
      store: { engine: 'postgres', url: pgSourcesUrl(), schema: STORE },
      embedded: { dataDir: ':memory:' },
      demo: { seed: false },
    });
    return startRuntime(config).then((runtime) => ({ dispose: () => runtime.close() }));
  };

  beforeAll(async () => {
    const conn = admin();
    try {
      await conn.knex.raw(`create schema ${schemas.catalog}`);
      await conn.knex.raw(
        `create table ${schemas.catalog}.categories (id integer primary key, name varchar(40) not null)`,
      );
      await conn.knex.raw(`insert into ${schemas.catalog}.categories values (1, 'Books'), (2, 'Music')`);
      await conn.knex.raw(`create schema ${schemas.shop}`);
      await conn.knex.raw(
        `create table ${schemas.shop}.products (code varchar(10) primary key, name varchar(40) not null, price numeric(10,2))`,
      );
      await conn.knex.raw(`insert into ${schemas.shop}.products values ('P1', 'Atlas', 12.50)`);
    } finally {
      await conn.close();
    }
    for (const [source, schema] of [
      ['shop', schemas.shop],
      ['catalog', schemas.catalog],
    ] as const) {
      const args = [
        'src/cli/model-scaffold.ts',
        '--source',
        source,
        '--engine',
        'postgres',
        '--url-env',
        `${source.toUpperCase()}_URL`,
        '--schema',
        schema,
        '--out',
        dir,
      ];
      await run(TSX, args, { cwd: ROOT, env: { ...process.env, ...env } });
    }
  });
  afterAll(async () => {
    const conn = admin();
    try {
      for (const schema of Object.values(schemas)) await conn.knex.raw(`drop schema if exists ${schema} cascade`);
    } finally {
      await conn.close();
    }
    rmSync(home, { recursive: true, force: true });
  });

  test('the second scaffold gives its entities a rule in the policy: model:check and start-up both accept the model', async () => {
    expect(readdirSync(join(dir, 'entities')).sort()).toEqual(['Category.yaml', 'Product.yaml']);
    expect(readFileSync(join(dir, 'model.yaml'), 'utf8')).toMatch(/^version: 1$/m);
    expect(readFileSync(join(dir, 'policy.yaml'), 'utf8')).toMatch(/^ {2}Category\.\*: \{ "\*": allow \}$/m);
    const checked = await modelCheck(dir, env);
    expect(checked.stderr).toBe('');
    expect(checked.stdout).toMatch(/^catalog: postgres schema "[^"]+" matches \(1 entity, 0 facts, 1 table read\)$/m);
    expect(checked.code).toBe(0);
    const started = await start();
    await started.dispose();
  });

  test('without that rule, both refuse with the same line: the id no role may see', async () => {
    const file = join(dir, 'policy.yaml');
    const policy = readFileSync(file, 'utf8');
    writeFileSync(file, policy.replace(/^ {2}Category\.\*: .*\n/m, ''));
    try {
      const started = await refusedStart(start);
      const line = `${file}: fields.Category.id: denied to admin, dashboard_service, but an id is never null: allow or mask it for every role (a rule for Category.id or Category.*)`;
      expect(started).toContain(line);
      const checked = await modelCheck(dir, env);
      expect(checked.code).toBe(1);
      for (const problem of started) expect(cliProblems(checked, dir)).toContain(problem);
    } finally {
      writeFileSync(file, policy);
    }
  });
});
