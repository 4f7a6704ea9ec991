import type { HubConfig } from '../config/schema';
import { logger } from '../logger';
import type { CompanyModel } from '../model/entities';
import { generatedVersion, loadGenerator } from './generator';
import type { EmbeddedEngine } from '../db/embedded';
import { dialectOf } from '../db/dialects';
import { openConnection } from '../db/open';
import { seedCompany } from './seed-company';
import type { HubStore } from '../store/hub-store';

/**
 * First start on the embedded engine: when the model directory has a data generator (the demo company
 * does), load its data into every embedded source and the pairs of its `loaded` crosswalks into the store, once. Later
 * starts find
 * the marker and reopen the data directory in well under a second. Only embedded sources are ever
 * written; external databases are never touched.
 */
export async function seedEmbeddedDemo(
  config: HubConfig,
  model: CompanyModel,
  store: HubStore,
  embedded: EmbeddedEngine,
): Promise<void> {
  const generator = loadGenerator(config.model.dir);
  if (!generator) return;
  const scale = config.demo.scale;
  const version = generatedVersion(model, generator);
  const seeded = await store.demoSeed();
  if (seeded?.scale === scale && seeded.version === version) return;
  const started = performance.now();
  const company = generator.generate(scale);
  const connect = (name: string) => {
    const settings = config.sources[name];
    return settings && dialectOf(settings.engine).inProcess ? openConnection(settings, name, embedded) : undefined;
  };
  const loaded = await seedCompany({ generator, company, connect, store: { model, store } });
  const rows = Object.values(loaded).reduce((a, b) => a + b, 0);
  await store.markDemoSeeded(scale, version);
  logger.info(
    { scale, rows, ms: Math.round(performance.now() - started) },
    'generated company loaded into the embedded engine',
  );
}
