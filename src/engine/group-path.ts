import type { CompanyModel, EntityName } from '../model/entities';
import { MAX_GROUP_DEPTH } from '../model/dimension-paths';

/** One step of a grouping path: a field of an entity. */
export interface GroupHop {
  entity: EntityName;
  field: string;
}

/**
 * A grouping attribute as a path from a dimension's entity through its references: `country` (a scalar
 * of the entity), `supportRep` (a reference: members regroup by the referenced entity's id) or
 * `album.artist` (references followed hop by hop, each hop one batched load of the next entity). Every hop
 * but the last must be a reference; at most MAX_GROUP_DEPTH hops; the last may be a scalar other than `name` or a
 * reference.
 * `target` is the entity the members become (null when they become scalar values).
 */
export type GroupPath = { hops: GroupHop[]; target: EntityName | null } | { problem: string };

export function resolveGroupPath(model: CompanyModel, entity: EntityName, path: readonly string[]): GroupPath {
  if (path.length > MAX_GROUP_DEPTH)
    return { problem: `at most ${MAX_GROUP_DEPTH} attributes may follow a dimension (got ${path.length})` };
  const hops: GroupHop[] = [];
  let current: EntityName | null = entity;
  for (const [i, field] of path.entries()) {
    if (current === null) return { problem: `"${path.slice(0, i).join('.')}" is not a reference: nothing follows it` };
    const fields: CompanyModel['entities'][string]['fields'] = model.entities[current]?.fields ?? {};
    const type = fields[field];
    const last = i === path.length - 1;
    if (type === undefined || (field === 'name' && last)) {
      const known = Object.entries(fields)
        .filter(([f, t]) => (last ? f !== 'name' : typeof t === 'object'))
        .map(([f]) => f);
      return { problem: `unknown attribute "${field}" of ${current} (known: ${known.join(', ') || 'none'})` };
    }
    hops.push({ entity: current, field });
    current = typeof type === 'object' ? type.ref : null;
  }
  return { hops, target: current };
}
