import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepMerge, loadConfig } from '../../src/config/load';
import type { HubConfig } from '../../src/config/schema';
import { startRuntime, type HubRuntime } from '../../src/app/runtime';
import { generateCompany, type Company } from '../../models/demo/generator/company';
import type { SourceName } from './demo-model';
import type { SqlConnection } from '../../src/db/connection';
import { EmbeddedEngine } from '../../src/db/embedded';
import { openConnection, type ConnectionSettings } from '../../src/db/open';

/**
 * The engines every integration test runs on, and how to reach the demo company seeded into each
 * (by global-setup.ts, once per run): embedded (a copy of a seeded PGlite directory), PostgreSQL
 * (database hub_sources, one schema per source, schema "hub" for the store) and MariaDB (one
 * database per source).
 */
export type TestEngine = 'embedded' | 'postgres' | 'mysql';
export const TEST_ENGINES: readonly TestEngine[] = ['embedded', 'postgres', 'mysql'];
export const TEST_SCALE = 1;
export const PG_DATABASE = 'hub_sources';
export const EMBEDDED_TEMPLATE_ENV = 'HUB_TEST_EMBEDDED_TEMPLATE';
/** HS256 secret of every test hub (tests sign their own tokens with it). */
export const TEST_JWT_SECRET = 'test-secret-for-indicator-hub-tests-0123456789';

let company: Company | undefined;
/** The demo company the databases were seeded with (deterministic, so regenerating gives the same). */
export function testCompany(): Company {
  return (company ??= generateCompany(TEST_SCALE));
}

const URL_ENV: Record<'postgres' | 'mysql', string> = { postgres: 'HUB_TEST_PG_URL', mysql: 'HUB_TEST_MYSQL_URL' };

export function serverUrl(engine: 'postgres' | 'mysql'): string {
  const url = process.env[URL_ENV[engine]];
  if (!url) {
    throw new Error(
      `${URL_ENV[engine]} is not set: run the suite with \`npm test\` (it starts PostgreSQL and MariaDB), ` +
        'or start them with `npm run databases` and export the variables it prints.',
    );
  }
  return url;
}

/** postgres://…/postgres → postgres://…/hub_sources */
export function pgSourcesUrl(): string {
  const url = new URL(serverUrl('postgres'));
  url.pathname = `/${PG_DATABASE}`;
  return url.toString();
}

export function settingsFor(engine: TestEngine, source: string): ConnectionSettings {
  if (engine === 'embedded') return { engine, schema: source };
  // Generous acquire timeouts: the suite shares two cores with two database servers and jest workers.
  if (engine === 'postgres')
    return { engine, url: pgSourcesUrl(), schema: source, pool: { min: 0, max: 4 }, acquireTimeoutMs: 30_000 };
  return { engine, url: serverUrl('mysql'), schema: source, pool: { min: 0, max: 4 }, acquireTimeoutMs: 30_000 };
}

/** A private copy of the seeded embedded data directory (PGlite must not be opened twice). */
export async function openEmbeddedCopy(): Promise<{ engine: EmbeddedEngine; dir: string; dispose(): Promise<void> }> {
  const dir = copyEmbeddedTemplate();
  const engine = await EmbeddedEngine.open(dir);
  return {
    engine,
    dir,
    async dispose() {
      await engine.close();
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}

export function copyEmbeddedTemplate(): string {
  const template = process.env[EMBEDDED_TEMPLATE_ENV];
  if (!template)
    throw new Error(`${EMBEDDED_TEMPLATE_ENV} is not set: jest's global setup seeds it (see jest.config.js).`);
  const dir = join(mkdtempSync(join(tmpdir(), 'indicator-hub-embedded-')), 'data');
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** A connection to one source's seeded tables on one engine. */
export function openSourceConnection(engine: TestEngine, source: string, embedded?: EmbeddedEngine): SqlConnection {
  return openConnection(settingsFor(engine, source), source, embedded);
}

export type Layout = Record<SourceName, TestEngine>;
export const ALL_EMBEDDED: Layout = { crm: 'embedded', erp: 'embedded', hr: 'embedded', procurement: 'embedded' };
/** A realistic federation: CRM and HR on PostgreSQL, ERP and procurement on MariaDB, store on PostgreSQL. */
export const MIXED: Layout = { crm: 'postgres', erp: 'mysql', hr: 'postgres', procurement: 'mysql' };
/** Every source on PostgreSQL (one schema each), store on PostgreSQL. */
export const ALL_POSTGRES: Layout = { crm: 'postgres', erp: 'postgres', hr: 'postgres', procurement: 'postgres' };
/** Every source on MariaDB (one database each), store on PostgreSQL. */
export const ALL_MYSQL: Layout = { crm: 'mysql', erp: 'mysql', hr: 'mysql', procurement: 'mysql' };

/** A hub runtime over the seeded sources in the given layout. */
export async function startTestRuntime(
  layout: Layout,
  overrides: Record<string, unknown> = {},
  /** The environment the configuration reads (a model's ${VAR} references); default none. */
  env: Record<string, string | undefined> = {},
): Promise<{ runtime: HubRuntime; config: HubConfig; dispose(): Promise<void> }> {
  const allEmbedded = Object.values(layout).every((e) => e === 'embedded');
  const dir = Object.values(layout).includes('embedded') || allEmbedded ? copyEmbeddedTemplate() : undefined;
  const sources = Object.fromEntries(
    Object.entries(layout).map(([source, engine]) => [source, { ...settingsFor(engine, source), schema: source }]),
  );
  const base = {
    auth: { jwt: { secret: TEST_JWT_SECRET } },
    sources,
    store: allEmbedded ? { engine: 'embedded' } : { engine: 'postgres', url: pgSourcesUrl(), schema: 'hub' },
    embedded: { dataDir: dir ?? ':memory:' },
    demo: { seed: allEmbedded, scale: TEST_SCALE },
  };
  const config = loadConfig(env, deepMerge(base, overrides));
  const runtime = await startRuntime(config).catch((error: unknown) => {
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
    throw error;
  });
  return {
    runtime,
    config,
    async dispose() {
      await runtime.close();
      if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}
