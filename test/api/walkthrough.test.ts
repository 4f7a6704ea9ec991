import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config/load';
import { startRuntime, type HubRuntime } from '../../src/app/runtime';
import { startServer } from '../../src/server/app';
import { openConnection } from '../../src/db/open';
import type { SqlConnection } from '../../src/db/connection';
import { pgSourcesUrl, serverUrl } from '../support/engines';
import { isolatedPostgresStore } from '../support/isolated-store';

/**
 * README "From your databases to the first indicator value", step by step, as a new integration engineer
 * runs it: a warehouse database they own (created here with plain SQL), reached through a READ-ONLY
 * account (the account such an engineer is given); `model:scaffold` and `model:check` run as the README's
 * commands in child processes; the only edit is the indicator file the README shows; the hub starts on that
 * directory and the API key the scaffold printed answers `indicatorValues` and the drafted list — compared
 * with SQL on the warehouse database.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ENGINES = ['postgres', 'mysql'] as const;
type Engine = (typeof ENGINES)[number];

const INDICATOR = `code: stock_moved
name: { zh: 出入库数量, en: Stock moved }
definition: >-
  Quantity of items moved in or out of a warehouse in the period, by movement date.
owner: { person: Li Na }
domain: logistics
unit: count
format: integer
direction: higher_is_better
type: simple
measure: { source: warehouse, fact: stockMovement, measure: quantity }
dimensions: [warehouse]
additivity: additive
tags: [logistics]
`;

interface System {
  /** The read-only account's URL (what the engineer exports as WAREHOUSE_URL). */
  readerUrl: string;
  schema: string;
  oracle: SqlConnection;
  drop(): Promise<void>;
}

async function createSystem(engine: Engine, name: string): Promise<System> {
  const adminUrl = engine === 'postgres' ? pgSourcesUrl() : serverUrl('mysql');
  const admin = openConnection({ engine, url: adminUrl, acquireTimeoutMs: 30_000 }, name);
  const reader = `${name}_reader`;
  const password = randomBytes(8).toString('hex');
  await admin.knex.raw(engine === 'postgres' ? `create schema ${name}` : `create database ${name}`);
  await admin.knex.raw(
    `create table ${name}.warehouse (code varchar(10) primary key, name varchar(80) not null, city varchar(40))`,
  );
  await admin.knex.raw(
    `create table ${name}.stock_movement (id integer primary key, item varchar(20) not null, warehouse varchar(10) not null references ${name}.warehouse (code), quantity integer not null, moved_on date not null)`,
  );
  await admin.knex.raw(
    `insert into ${name}.warehouse values ('SH1', 'Shanghai North', 'Shanghai'), ('GZ2', 'Guangzhou South', 'Guangzhou')`,
  );
  for (let i = 1; i <= 120; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 90) * 86_400_000).toISOString().slice(0, 10);
    await admin.knex.raw(`insert into ${name}.stock_movement values (?, ?, ?, ?, ?)`, [
      i,
      `ITEM-${i % 7}`,
      i % 3 === 0 ? 'GZ2' : 'SH1',
      (i % 11) + 1,
      day,
    ]);
  }
  const url = new URL(adminUrl);
  if (engine === 'postgres') {
    await admin.knex.raw(`create role ${reader} login password '${password}'`);
    await admin.knex.raw(`grant usage on schema ${name} to ${reader}`);
    await admin.knex.raw(`grant select on all tables in schema ${name} to ${reader}`);
  } else {
    await admin.knex.raw(`create user '${reader}'@'%' identified by '${password}'`);
    await admin.knex.raw(`grant select on ${name}.* to '${reader}'@'%'`);
    url.pathname = `/${name}`;
  }
  url.username = reader;
  url.password = password;
  return {
    readerUrl: url.toString(),
    schema: name,
    oracle: admin,
    async drop() {
      await admin.knex.raw(engine === 'postgres' ? `drop schema ${name} cascade` : `drop database ${name}`);
      await admin.knex.raw(engine === 'postgres' ? `drop role ${reader}` : `drop user '${reader}'@'%'`);
      await admin.close();
    },
  };
}

async function rows<T>(conn: SqlConnection, sql: string): Promise<T[]> {
  const result = await conn.knex.raw(sql);
  return (conn.dialect.name === 'postgres' ? (result as { rows: T[] }).rows : (result as [T[]])[0]) as T[];
}

describe.each(ENGINES)('the README walkthrough on %s, through a read-only account', (engine) => {
  const name = `wt_${randomBytes(4).toString('hex')}`;
  const home = mkdtempSync(join(tmpdir(), 'indicator-hub-walkthrough-'));
  const modelDir = join(home, 'models', 'acme');
  let system: System;
  let store: Awaited<ReturnType<typeof isolatedPostgresStore>>;
  let runtime: HubRuntime | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let apiKey: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    system = await createSystem(engine, name);
    env = { ...process.env, WAREHOUSE_URL: system.readerUrl };
  });
  afterAll(async () => {
    await server?.stop();
    await runtime?.close();
    await store?.drop();
    await system?.drop();
    rmSync(home, { recursive: true, force: true });
  });

  test('1. model:scaffold drafts the source, the entities, a policy and units, and prints an API key once', async () => {
    const { stdout } = await run(
      TSX,
      [
        'src/cli/model-scaffold.ts',
        '--source',
        'warehouse',
        '--engine',
        engine,
        '--url-env',
        'WAREHOUSE_URL',
        '--schema',
        system.schema,
        '--out',
        modelDir,
      ],
      { cwd: ROOT, env },
    );
    for (const file of [
      'sources/warehouse.yaml',
      'entities/Warehouse.yaml',
      'entities/StockMovement.yaml',
      'policy.yaml',
      'units.yaml',
    ]) {
      expect(existsSync(join(modelDir, file))).toBe(true);
    }
    // The read-only account sees the primary and foreign keys: nothing was skipped, the reference is drafted.
    expect(stdout).not.toContain('Skipped');
    expect(readFileSync(join(modelDir, 'entities', 'StockMovement.yaml'), 'utf8')).toMatch(
      /warehouse:\n\s+ref: Warehouse/,
    );
    apiKey = /\n {2}(ihk_[0-9a-f]{48})\n/.exec(stdout)![1]!;
    const policy = readFileSync(join(modelDir, 'policy.yaml'), 'utf8');
    expect(policy).not.toContain(apiKey);
    expect(readFileSync(join(modelDir, 'sources', 'warehouse.yaml'), 'utf8')).toContain('url: ${WAREHOUSE_URL}');
  });

  test('3–4. with the indicator file of the README, model:check passes against the live database', async () => {
    mkdirSync(join(modelDir, 'indicators', 'logistics'), { recursive: true });
    writeFileSync(join(modelDir, 'indicators', 'logistics', 'stock_moved.yaml'), INDICATOR);
    const { stdout } = await run(TSX, ['src/cli/model-check.ts', '--dir', modelDir], { cwd: ROOT, env });
    expect(stdout).toMatch(/^warehouse: \w+ (schema|database) "[^"]+" matches \(2 entities, 1 fact, 2 tables read\)$/m);
  });

  test('5–6. the hub on that directory answers with the printed key, as SQL computes', async () => {
    store = await isolatedPostgresStore();
    const config = loadConfig(
      { WAREHOUSE_URL: system.readerUrl },
      {
        ...store.overrides,
        model: { dir: modelDir },
        auth: { jwt: { secret: 'walkthrough-secret-0123456789abcdef0123456789' } },
        embedded: { dataDir: ':memory:' },
        demo: { seed: false },
      },
    );
    runtime = await startRuntime(config);
    server = await startServer(runtime, { host: '127.0.0.1', port: 0 });
    const ask = async (query: string) => {
      const res = await fetch(server!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { data?: Record<string, any>; errors?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const values = await ask(
      `{ indicatorValues(codes: ["stock_moved"], from: "2025-01", to: "2025-03", grain: MONTH, groupBy: "warehouse") { rows { period member { id } cells { code value } } } }`,
    );
    expect(values.errors).toBeUndefined();
    const actual = Object.fromEntries(
      (
        values.data!.indicatorValues.rows as Array<{
          period: string;
          member: { id: string };
          cells: Array<{ value: string }>;
        }>
      ).map((r) => [`${r.period} ${r.member.id}`, Number(r.cells[0]!.value)]),
    );
    const month = engine === 'postgres' ? `to_char(moved_on, 'YYYY-MM')` : `date_format(moved_on, '%Y-%m')`;
    const expected = await rows<{ p: string; k: string; v: string | number }>(
      system.oracle,
      `select ${month} as p, warehouse as k, sum(quantity) as v from ${name}.stock_movement group by 1, 2`,
    );
    expect(expected.length).toBe(6);
    expect(actual).toEqual(Object.fromEntries(expected.map((r) => [`${r.p} ${r.k}`, Number(r.v)])));

    const list = await ask(`{ warehouses { id name city } }`);
    expect(list.errors).toBeUndefined();
    const warehouses = await rows<{ code: string; name: string; city: string }>(
      system.oracle,
      `select code, name, city from ${name}.warehouse`,
    );
    expect([...list.data!.warehouses].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))).toEqual(
      warehouses.map((w) => ({ id: w.code, name: w.name, city: w.city })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});
