import { basename } from 'node:path';
import type { EntityModel, EntityName, SourceModel } from './entities';
import { expressionProblem } from '../values/expression';
import type { CrosswalkFile } from './schema';
import { didYouMean } from '../values/suggest';

/**
 * How one source's key of a conformed entity becomes the hub id (crosswalks/<Entity>.yaml):
 * - same: the source's key is the hub id (the default for a source without a rule);
 * - expression: a SQL expression over the entity's mapped table in that source gives the hub id;
 * - table: a crosswalk table (in this source or another) holds the pairs;
 * - loaded: the pairs were loaded into the hub's store from CSV (npm run crosswalk:load).
 */
export type CrosswalkRule =
  | { kind: 'same' }
  | { kind: 'expression'; sql: string }
  | { kind: 'table'; table: string; sourceKey: string; hubId: string; in: string }
  | { kind: 'loaded' };

export interface CrosswalkModel {
  entity: EntityName;
  file: string;
  /** Source name → its rule; a source of the model without one keeps `same`. */
  rules: Readonly<Record<string, CrosswalkRule>>;
}

type At = (file: string, path: string, message: string) => void;

/** The rule for an entity and a source: the declared one, else `same`. */
export function crosswalkRule(
  crosswalks: Readonly<Record<string, CrosswalkModel>> | undefined,
  entity: EntityName,
  source: string,
): CrosswalkRule {
  return crosswalks?.[entity]?.rules[source] ?? { kind: 'same' };
}

/** Checks the crosswalk files against the entities and sources (cross-file), returning the valid ones. */
export function crosswalksOf(
  files: ReadonlyArray<{ file: string; data: CrosswalkFile }>,
  entities: Readonly<Record<string, EntityModel>>,
  sources: Readonly<Record<string, SourceModel>>,
  at: At,
): Record<EntityName, CrosswalkModel> {
  const out: Record<EntityName, CrosswalkModel> = {};
  const sourceNames = Object.keys(sources);
  for (const { file, data } of files) {
    const entity = entities[data.entity];
    if (!entity) {
      at(file, 'entity', `unknown entity "${data.entity}"${didYouMean(data.entity, Object.keys(entities))}`);
      continue;
    }
    if (!entity.conformed) {
      at(
        file,
        'entity',
        `${data.entity} is not conformed (its key is the same in every source): declare conformed: true in its entity file, or remove this crosswalk`,
      );
      continue;
    }
    const expected = basename(file).replace(/\.ya?ml$/, '');
    if (expected !== data.entity)
      at(file, 'entity', `"${data.entity}" differs from the file name: name the file ${data.entity}.yaml`);
    if (out[data.entity]) {
      at(file, 'entity', `duplicate crosswalk for ${data.entity} (also declared in ${out[data.entity]!.file})`);
      continue;
    }
    const rules: Record<string, CrosswalkRule> = {};
    for (const [name, r] of Object.entries(data.sources)) {
      const path = `sources.${name}`;
      const source = sources[name];
      if (!source) {
        at(file, path, `unknown source "${name}"${didYouMean(name, sourceNames)}`);
        continue;
      }
      if (r.same) rules[name] = { kind: 'same' };
      else if (r.loaded) rules[name] = { kind: 'loaded' };
      else if (r.expression !== undefined) {
        const mapping = source.mapping.entities[data.entity];
        if (!mapping) {
          at(
            file,
            `${path}.expression`,
            `source "${name}" does not map ${data.entity}: an expression reads the entity's table there; use a crosswalk table (table:) or loaded pairs (loaded: true)`,
          );
          continue;
        }
        const problem = expressionProblem(r.expression, [mapping.table]);
        if (problem) at(file, `${path}.expression`, problem);
        else rules[name] = { kind: 'expression', sql: r.expression };
      } else if (r.table !== undefined) {
        const home = r.in ?? name;
        if (!sources[home]) at(file, `${path}.in`, `unknown source "${home}"${didYouMean(home, sourceNames)}`);
        else rules[name] = { kind: 'table', table: r.table, sourceKey: r.sourceKey!, hubId: r.hubId!, in: home };
      }
    }
    out[data.entity] = { entity: data.entity, file, rules };
  }
  return out;
}
