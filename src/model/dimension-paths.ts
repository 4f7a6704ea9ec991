import { ConfigError } from '../errors';
import { isRef, type CompanyModel, type EntityName } from './entities';

/** Attribute hops a grouping path may take after its dimension (`a.b.c` after the dimension takes three). */
export const MAX_GROUP_DEPTH = 3;

/** One groupable path as the API's IndicatorDimension enum publishes it. */
export interface DimensionPath {
  /** The enum value: the path with "." spelled "_" (`track_album_artist`). */
  value: string;
  /** The path as groupBy text: `dimension` or `dimension.attribute.path`. */
  path: string;
  description: string;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Every path indicatorValues may group by: each fact dimension declared with an entity, then each field of
 * its entity — a scalar other than `name`, or a reference, followed up to MAX_GROUP_DEPTH hops (the paths
 * src/engine/group-path.ts resolves). Two paths spelling the same enum value are refused at start, the
 * model directory named.
 */
export function dimensionPaths(
  model: Pick<CompanyModel, 'dir' | 'dimensions' | 'entities' | 'sources'>,
): DimensionPath[] {
  const out: DimensionPath[] = [];
  const walk = (dimension: string, entity: EntityName, path: string[], via: string): void => {
    const text = [dimension, ...path].join('.');
    out.push({ value: [dimension, ...path].join('_'), path: text, description: `${text}: ${via}` });
    if (path.length >= MAX_GROUP_DEPTH) return;
    for (const [field, type] of Object.entries(model.entities[entity]?.fields ?? {})) {
      if (isRef(type)) walk(dimension, type.ref, [...path, field], `members are ${type.ref} rows (${entity}.${field})`);
      else if (field !== 'name') leaf(dimension, [...path, field], `members are the values of ${entity}.${field}`);
    }
  };
  const leaf = (dimension: string, path: string[], via: string) => {
    const text = [dimension, ...path].join('.');
    out.push({ value: [dimension, ...path].join('_'), path: text, description: `${text}: ${via}` });
  };
  for (const [dimension, entity] of Object.entries(model.dimensions).sort(([a], [b]) => a.localeCompare(b))) {
    walk(dimension, entity, [], `members are ${entity} rows`);
  }
  // The source files declaring a dimension: where a colliding name can be changed.
  const filesOf = (path: string) => {
    const dimension = path.split('.')[0]!;
    const files = Object.values(model.sources)
      .filter((src) => Object.values(src.mapping.facts).some((f) => dimension in f.dimensions))
      .map((src) => src.file);
    return files.length ? ` (declared in ${[...new Set(files)].join(', ')})` : '';
  };
  const taken = new Map<string, string>();
  for (const p of out) {
    if (!NAME.test(p.value) || ['true', 'false', 'null'].includes(p.value)) {
      throw new ConfigError(
        `Model directory ${model.dir}: the grouping path ${p.path}${filesOf(p.path)} cannot be a GraphQL enum value ("${p.value}"): rename the dimension or field.`,
      );
    }
    const earlier = taken.get(p.value);
    if (earlier) {
      throw new ConfigError(
        `Model directory ${model.dir}: the grouping paths ${earlier}${filesOf(earlier)} and ${p.path}${filesOf(p.path)} both spell IndicatorDimension.${p.value}: rename a dimension or field.`,
      );
    }
    taken.set(p.value, p.path);
  }
  return out;
}
