import { join } from 'node:path';
import { DEMO_SOURCES, generator, type DemoSource } from '../../models/demo/generator';
import type { Company } from '../../models/demo/generator/company';
import { loadModel } from '../../src/model/load';
import type { DemoTables } from '../../src/seed/definition';
import type { SqlSourceMapping } from '../../src/model/mapping';

/** The demo company's model directory, loaded as the hub loads it, and its generator: what tests run on. */
export const DEMO_MODEL_DIR = join(__dirname, '..', '..', 'models', 'demo');
export const DEMO_MODEL = loadModel(DEMO_MODEL_DIR);
export const ENTITIES = DEMO_MODEL.entities;

export type SourceName = DemoSource;
export const SOURCE_NAMES: readonly SourceName[] = DEMO_SOURCES;

export interface DemoSourceDefinition {
  name: SourceName;
  description: string;
  mapping: SqlSourceMapping;
  demo: DemoTables<Company>;
}

export const SOURCES = Object.fromEntries(
  DEMO_SOURCES.map((name) => {
    const source = DEMO_MODEL.sources[name]!;
    return [name, { name, description: source.description, mapping: source.mapping, demo: generator.sources[name] }];
  }),
) as Record<SourceName, DemoSourceDefinition>;
