import { createHash } from 'node:crypto';
import { SOURCES } from '../sources/registry';

/** Bump when the demo company's data changes without a mapping change. */
const DEMO_DATA_REVISION = 2;

/**
 * Identifies the demo company's shape: a data directory seeded by an older version (other tables,
 * columns or mappings) is reseeded on start instead of failing on a missing column.
 */
export function demoVersion(): string {
  const mappings = Object.fromEntries(Object.entries(SOURCES).map(([name, def]) => [name, def.mapping]));
  return createHash('sha256').update(JSON.stringify({ DEMO_DATA_REVISION, mappings })).digest('hex').slice(0, 16);
}
