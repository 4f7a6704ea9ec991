import type { HubConfig } from '../config/schema';
import { logger } from '../logger';
import { SOURCES, SOURCE_NAMES } from '../sources/registry';
import type { EmbeddedEngine } from '../sources/sql/embedded';
import { ensureSchema } from '../sources/sql/engines';
import { seedDemoSource } from '../sources/sql/load';
import type { HubStore } from '../store/hub-store';
import { generateCompany } from './company';
import { demoKeyMap } from './demo-keymap';
import { demoVersion } from './version';

/**
 * First start on the embedded engine: load the demo company into every embedded source and the key map
 * into the store, once. Later starts find the marker and reopen the data directory in well under a second.
 * Only embedded sources are ever written; external databases are never touched.
 */
export async function seedEmbeddedDemo(config: HubConfig, store: HubStore, embedded: EmbeddedEngine): Promise<void> {
  const scale = config.demo.scale;
  const version = demoVersion();
  const seeded = await store.demoSeed();
  if (seeded?.scale === scale && seeded.version === version) return;
  const started = performance.now();
  const company = generateCompany(scale);
  let rows = 0;
  for (const name of SOURCE_NAMES) {
    if (config.sources[name].engine !== 'embedded') continue;
    const conn = embedded.connection(config.sources[name].schema ?? name);
    await ensureSchema(conn);
    rows += await seedDemoSource(SOURCES[name], conn, company);
    await conn.close();
  }
  await store.replaceKeyMap(demoKeyMap(company));
  await store.markDemoSeeded(scale, version);
  logger.info({ scale, rows, ms: Math.round(performance.now() - started) }, 'demo company loaded into the embedded engine');
}
