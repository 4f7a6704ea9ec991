import { crm } from './crm';
import type { SourceDefinition } from './definition';
import { erp } from './erp';
import { hr } from './hr';
import { procurement } from './procurement';

/** Every source the hub knows, by name. Adding a source = one folder + one line here. */
export const SOURCES = { crm, erp, hr, procurement } as const satisfies Record<string, SourceDefinition>;
export type SourceName = keyof typeof SOURCES;
export const SOURCE_NAMES = Object.keys(SOURCES) as SourceName[];

export function sourceDefinition(name: string): SourceDefinition {
  const def = (SOURCES as Record<string, SourceDefinition>)[name];
  if (!def) throw new Error(`Unknown source "${name}" (known: ${SOURCE_NAMES.join(', ')})`);
  return def;
}
