import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors';
import type { ModelGenerator } from './definition';
import type { CompanyModel } from '../model/entities';

/** The model directory's data generator (`<dir>/generator/index.ts` exporting `generator`), when it has one. */
export function loadGenerator(dir: string): ModelGenerator | undefined {
  const base = resolve(dir, 'generator');
  if (!existsSync(join(base, 'index.ts')) && !existsSync(join(base, 'index.js'))) return undefined;
  const loaded = requireGenerator(base) as { generator?: ModelGenerator };
  if (!loaded.generator) throw new ConfigError(`${join(dir, 'generator')}: (root): exports no "generator"`);
  return loaded.generator;
}

/**
 * A model directory is data, not part of the build: its generator stays TypeScript. Under tsx (`npm start`,
 * the tests) require() reads it; the built hub (`npm run start:prod`, plain node) loads it through tsx's
 * require API.
 */
function requireGenerator(base: string): unknown {
  // Run from TypeScript (tsx, ts-jest): this very file is .ts and require() reads TypeScript.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (existsSync(join(base, 'index.js')) || !__filename.endsWith('.js')) return require(base);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsx = require('tsx/cjs/api') as { require(id: string, from: string): unknown };
  return tsx.require(join(base, 'index.ts'), __filename);
}

/**
 * Identifies the generated data's shape: a data directory seeded by an older version (other tables,
 * columns or mappings) is reseeded on start instead of failing on a missing column.
 */
export function generatedVersion(model: CompanyModel, generator: ModelGenerator): string {
  const mappings = Object.fromEntries(Object.entries(model.sources).map(([name, s]) => [name, s.mapping]));
  // Crosswalks too: a rule becoming `loaded` needs its pairs seeded.
  const crosswalks = Object.fromEntries(Object.entries(model.crosswalks ?? {}).map(([entity, c]) => [entity, c.rules]));
  return createHash('sha256')
    .update(JSON.stringify({ revision: generator.revision, mappings, crosswalks }))
    .digest('hex')
    .slice(0, 16);
}
