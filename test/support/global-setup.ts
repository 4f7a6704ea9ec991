import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generator } from '../../models/demo/generator';
import { generateCompany } from '../../models/demo/generator/company';
import { generatedVersion } from '../../src/seed/generator';
import { DEMO_MODEL } from './demo-model';
import { EmbeddedEngine } from '../../src/db/embedded';
import { openConnection } from '../../src/db/open';
import { seedCompany } from '../../src/seed/seed-company';
import { HubStore } from '../../src/store/hub-store';
import { buildCenter } from '../../web/center/build';
import { EMBEDDED_TEMPLATE_ENV, PG_DATABASE, TEST_SCALE, pgSourcesUrl, settingsFor } from './engines';

/**
 * Once per test run: the same demo company into every engine — a PGlite data directory the tests copy,
 * PostgreSQL and MariaDB (when their URLs are set; `npm test` sets them). Tests then compare the hub's
 * answers with SQL run directly on these databases.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const company = generateCompany(TEST_SCALE);
  // The indicator center's bundle (dist/center), once per run, before any test's hub serves it.
  const tasks: Array<Promise<unknown>> = [seedEmbeddedTemplate(), buildCenter()];
  if (process.env.HUB_TEST_PG_URL) tasks.push(seedPostgres());
  if (process.env.HUB_TEST_MYSQL_URL) tasks.push(seedMysql());
  await Promise.all(tasks);
  console.log(`[global-setup] demo company (scale ${TEST_SCALE}) seeded in ${Date.now() - started} ms`);

  async function seedEmbeddedTemplate() {
    const dir = join(mkdtempSync(join(tmpdir(), 'indicator-hub-template-')), 'data');
    const engine = await EmbeddedEngine.open(dir);
    const store = new HubStore(engine.connection('hub'));
    await store.migrate();
    const connect = (name: string) => engine.connection(name);
    await seedCompany({ generator, company, connect, store: { model: DEMO_MODEL, store } });
    await store.markDemoSeeded(TEST_SCALE, generatedVersion(DEMO_MODEL, generator));
    await store.close();
    await engine.close();
    process.env[EMBEDDED_TEMPLATE_ENV] = dir;
  }

  async function seedPostgres() {
    const admin = openConnection(
      { engine: 'postgres', url: process.env.HUB_TEST_PG_URL, acquireTimeoutMs: 30_000 },
      'public',
    );
    await admin.knex.raw('drop database if exists ?? with (force)', [PG_DATABASE]);
    await admin.knex.raw('create database ??', [PG_DATABASE]);
    await admin.close();
    const store = new HubStore(
      openConnection({ engine: 'postgres', url: pgSourcesUrl(), schema: 'hub', acquireTimeoutMs: 30_000 }, 'hub'),
    );
    await store.migrate();
    const connect = (name: string) => openConnection(settingsFor('postgres', name), name);
    await seedCompany({ generator, company, connect, parallel: true, store: { model: DEMO_MODEL, store } });
    await store.close();
  }

  async function seedMysql() {
    const connect = (name: string) => openConnection(settingsFor('mysql', name), name);
    await seedCompany({ generator, company, connect, parallel: true });
  }
}
