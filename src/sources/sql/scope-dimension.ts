import type { EntityName } from '../../model/entities';
import type { SqlFactMapping } from './mapping';

/**
 * The dimension of a fact that carries the row scope: the one its mapping names (`scopeDimension:`), else
 * its dimension of the model's organisation unit (the entity declared `organisation:`), when it has one.
 */
export function scopeDimensionOf(f: Pick<SqlFactMapping, 'scopeDimension' | 'dimensions'>, organisation: EntityName | undefined): string | undefined {
  if (f.scopeDimension) return f.scopeDimension;
  if (!organisation) return undefined;
  return Object.entries(f.dimensions).find(([, d]) => d.entity === organisation)?.[0];
}
