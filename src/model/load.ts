import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors';
import type { SqlSourceMapping } from './mapping';
import {
  isRef,
  type BridgeDimension,
  type CompanyModel,
  type EntityModel,
  type FieldType,
  type ModelPaths,
  type SourceModel,
} from './entities';
import { resolveConnection } from './connection';
import {
  crosswalkFileSchema,
  entityFileSchema,
  MODEL_FORMAT_VERSION,
  modelFileSchema,
  sourceFileSchema,
  type EntityFile,
  type SourceFile,
} from './schema';
import { crosswalksOf } from './crosswalk';
import { conditionProblems } from './condition-check';
import { expressionProblem } from '../values/expression';
import { didYouMean } from '../values/suggest';
import { RESERVED_PROBLEM, RESERVED_SUFFIX, storageProblems } from './validate-mapping';

/** Every problem of a model directory, one line each: `<file>: <path.inside.file>: <what is wrong>`. */
export class ModelError extends ConfigError {
  constructor(
    readonly dir: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Model directory "${dir}" is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ModelError';
  }
}

export interface LoadOptions {
  /** Resolve `${VAR}` references in connections from this environment (missing variables are refused).
   *  Without it connections are left as written (the runtime takes them from the resolved configuration). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The model directory the hub reads when none is configured (HUB_MODEL_DIR, model.dir, --dir). */
export const DEFAULT_MODEL_DIR = 'models/demo';

/** The file at the root of a model directory: its format version and where its parts live. */
export const MODEL_FILE = 'model.yaml';

/**
 * Loads and validates a model directory:
 *   model.yaml               format version, and where policy, units, indicators and targets live when not
 *                            at their defaults (absent: version 1, every default)
 *   entities/<Entity>.yaml   one file per entity (fields, relations, figures)
 *   sources/<name>.yaml      one file per source: description, connection, mapping of entities and facts
 *   crosswalks/<Entity>.yaml per conformed entity: how each source's key maps to the hub id (./crosswalk.ts)
 *   policy.yaml, indicators/, targets/   read by their own loaders (src/auth, src/indicators)
 * Refuses with every problem found, each naming the file, the path inside it and a "did you mean".
 */
export function loadModel(dir: string, options: LoadOptions = {}): CompanyModel {
  const problems: string[] = [];
  const at = (file: string, path: string, message: string) => problems.push(`${file}: ${path || '(root)'}: ${message}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ModelError(dir, [`${dir}: (root): the model directory does not exist`]);
  const { version, paths } = readModelFile(dir, at);

  const entityFiles = readAll(dir, 'entities', entityFileSchema, at);
  const sourceFiles = readAll(dir, 'sources', sourceFileSchema, at);
  const crosswalkFiles = readAll(dir, 'crosswalks', crosswalkFileSchema, at);
  if (sourceFiles.length === 0 && problems.length === 0)
    at(join(dir, 'sources'), '(root)', 'declare at least one source (sources/<name>.yaml)');

  const entities: Record<string, EntityModel> = {};
  const entityFileOf = new Map<string, string>();
  for (const { file, data } of entityFiles) {
    const earlier = entityFileOf.get(data.name);
    if (earlier) {
      at(file, 'name', `duplicate entity "${data.name}" (also declared in ${earlier})`);
      continue;
    }
    entityFileOf.set(data.name, file);
    entities[data.name] = entityOf(data);
  }
  const sources: Record<string, SourceModel> = {};
  for (const { file, data } of sourceFiles) {
    const expected = basename(file).replace(/\.ya?ml$/, '');
    if (data.name !== expected)
      at(file, 'name', `"${data.name}" differs from the file name: name the file ${data.name}.yaml`);
    if (sources[data.name]) {
      at(file, 'name', `duplicate source "${data.name}" (also declared in ${sources[data.name]!.file})`);
      continue;
    }
    const connection = resolveConnection(data.connection, options.env, (path, message) =>
      at(file, `connection.${path}`, message),
    );
    sources[data.name] = { name: data.name, description: data.description, file, connection, mapping: mappingOf(data) };
  }

  checkEntities(entities, entityFileOf, sources, at);
  checkCompositeKeys(entities, entityFileOf, sources, at);
  checkSources(entities, sources, at);
  for (const s of Object.values(sources)) checkExpressions(s, at);
  const dimensions = dimensionsOf(sources, at);
  const bridges = bridgesOf(entities, sources, dimensions, at);
  checkFigures(entities, entityFileOf, sources, at);
  const crosswalks = crosswalksOf(crosswalkFiles, entities, sources, at);
  if (problems.length) throw new ModelError(dir, problems);
  return { dir, version, paths, entities, sources, dimensions, crosswalks, ...(bridges ? { bridges } : {}) };
}

/** model.yaml: refused like every other model file (unknown keys with a "did you mean"); absent, the defaults. */
function readModelFile(dir: string, at: At): { version: number; paths: ModelPaths } {
  const manifest = join(dir, MODEL_FILE);
  type Given = { version: number; paths: Partial<Omit<ModelPaths, 'manifest'>> };
  let given: Given = { version: MODEL_FORMAT_VERSION, paths: {} };
  if (existsSync(manifest)) {
    let content: unknown;
    try {
      content = parseYaml(readFileSync(manifest, 'utf8'));
    } catch (error) {
      at(manifest, '(root)', `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      content = undefined;
    }
    const parsed = content === undefined ? undefined : modelFileSchema.safeParse(content ?? {});
    if (parsed && !parsed.success) {
      for (const issue of parsed.error.issues) at(manifest, issue.path.join('.'), issue.message);
    } else if (parsed) given = parsed.data;
  }
  const path = (name: keyof Omit<ModelPaths, 'manifest'>, fallback: string) => join(dir, given.paths[name] ?? fallback);
  return {
    version: given.version,
    paths: {
      manifest,
      policy: path('policy', 'policy.yaml'),
      units: path('units', 'units.yaml'),
      indicators: path('indicators', 'indicators'),
      targets: path('targets', 'targets'),
    },
  };
}

type At = (file: string, path: string, message: string) => void;

const isRefField = (type: FieldType | undefined) => typeof type === 'object';
const refTo = (type: FieldType | undefined) => (typeof type === 'object' ? type.ref : undefined);

function readAll<S extends z.ZodType>(
  dir: string,
  folder: string,
  schema: S,
  at: At,
): Array<{ file: string; data: z.output<S> }> {
  const base = join(dir, folder);
  if (!existsSync(base)) return [];
  const out: Array<{ file: string; data: z.output<S> }> = [];
  for (const name of readdirSync(base)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = join(base, name);
    let content: unknown;
    try {
      content = parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      at(file, '(root)', `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const parsed = schema.safeParse(content ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(file, issue.path.join('.'), issue.message);
      continue;
    }
    out.push({ file, data: parsed.data });
  }
  return out;
}

function entityOf(data: EntityFile): EntityModel {
  const fields: Record<string, FieldType> = {};
  const fieldDescriptions: Record<string, string> = {};
  for (const [name, f] of Object.entries(data.fields)) {
    fields[name] = f.ref !== undefined ? { ref: f.ref } : f.type!;
    if (f.description) fieldDescriptions[name] = f.description;
  }
  return {
    name: data.name,
    ...(data.description ? { description: data.description } : {}),
    conformed: data.conformed,
    home: data.home,
    key: { type: data.key.type ?? 'string', ...(data.key.parts ? { parts: data.key.parts } : {}) },
    ...(data.list ? { list: data.list } : {}),
    ...(data.organisation ? { organisation: data.organisation } : {}),
    ...(data.people ? { people: data.people } : {}),
    fields,
    fieldDescriptions,
    relations: data.relations,
    // Figures are completed (source, fact, dimension) by checkFigures once sources are known.
    figures: Object.fromEntries(
      Object.entries(data.figures).map(([name, f]) => {
        const [source, fact, measure] = f.measure.split('.') as [string, string, string];
        return [
          name,
          {
            source,
            fact,
            measure,
            dimension: f.dimension ?? '',
            periodOptional: f.periodOptional,
            ...(f.description ? { description: f.description } : {}),
          },
        ];
      }),
    ),
  };
}

/** The file's mapping in the adapter's shape: `{ sql }` fields become `expressions`. */
function mappingOf(data: SourceFile): SqlSourceMapping {
  const entities = Object.fromEntries(
    Object.entries(data.entities).map(([name, m]) => {
      const fields: Record<string, string> = {};
      const expressions: Record<string, string> = {};
      for (const [field, value] of Object.entries(m.fields)) {
        if (typeof value === 'string') fields[field] = value;
        else expressions[field] = value.sql;
      }
      return [name, { ...m, fields, ...(Object.keys(expressions).length ? { expressions } : {}) }];
    }),
  );
  return { entities, facts: data.facts } as SqlSourceMapping;
}

/** Expressions, qualified columns and measure declarations are checked against the mapping's own tables. */
function checkExpressions(s: SourceModel, at: At): void {
  for (const [entity, m] of Object.entries(s.mapping.entities)) {
    for (const [field, sql] of Object.entries(m!.expressions ?? {})) {
      const problem = expressionProblem(sql, [m!.table]);
      if (problem) at(s.file, `entities.${entity}.fields.${field}.sql`, problem);
    }
  }
  for (const [fact, f] of Object.entries(s.mapping.facts)) {
    const tables = [f.table, ...(f.joins ?? []).map((j) => j.table)];
    for (const [c, declared] of Object.entries(f.storage ?? {})) {
      const problems = storageProblems({ agg: 'sum', column: c, type: 'decimal', storage: declared });
      for (const problem of problems) at(s.file, `facts.${fact}.storage.${c}`, problem);
    }
    for (const [name, m] of Object.entries(f.measures)) {
      if (name.endsWith(RESERVED_SUFFIX)) at(s.file, `facts.${fact}.measures.${name}`, RESERVED_PROBLEM);
      const storage = m.storage ? storageProblems(m) : [];
      for (const problem of storage) at(s.file, `facts.${fact}.measures.${name}.storage`, problem);
      if (m.sql === undefined) continue;
      const problem = expressionProblem(m.sql, tables);
      if (problem) at(s.file, `facts.${fact}.measures.${name}.sql`, problem);
    }
    const columns: Array<[string, string | undefined]> = [
      ['time.column', f.time?.column],
      ['validity.from', f.validity?.from],
      ['validity.to', f.validity?.to],
      ...Object.entries(f.dimensions).map(([d, dim]): [string, string] => [`dimensions.${d}.column`, dim.column]),
      ...Object.entries(f.measures).map(([n, m]): [string, string | undefined] => [`measures.${n}.column`, m.column]),
    ];
    for (const [path, col] of columns) {
      const qualifier = col?.includes('.') ? col.split('.')[0]! : undefined;
      if (qualifier !== undefined && !tables.includes(qualifier))
        at(
          s.file,
          `facts.${fact}.${path}`,
          `"${qualifier}" is not a table of this fact${didYouMean(qualifier, tables)}`,
        );
    }
  }
}

function checkEntities(
  entities: Record<string, EntityModel>,
  fileOf: Map<string, string>,
  sources: Record<string, SourceModel>,
  at: At,
): void {
  const names = Object.keys(entities);
  for (const e of Object.values(entities)) {
    const file = fileOf.get(e.name)!;
    if (!sources[e.home]) at(file, 'home', `unknown source "${e.home}"${didYouMean(e.home, Object.keys(sources))}`);
    else if (!sources[e.home]!.mapping.entities[e.name])
      at(
        file,
        'home',
        `source "${e.home}" does not map ${e.name} (add it under entities: in ${sources[e.home]!.file})`,
      );
    for (const [field, type] of Object.entries(e.fields)) {
      if (typeof type === 'object' && !entities[type.ref])
        at(file, `fields.${field}.ref`, `unknown entity "${type.ref}"${didYouMean(type.ref, names)}`);
    }
    for (const [name, r] of Object.entries(e.relations)) {
      const child = entities[r.entity];
      if (!child) {
        at(file, `relations.${name}.entity`, `unknown entity "${r.entity}"${didYouMean(r.entity, names)}`);
        continue;
      }
      const via = child.fields[r.via];
      if (!via)
        at(
          file,
          `relations.${name}.via`,
          `${r.entity} has no field "${r.via}"${didYouMean(r.via, Object.keys(child.fields))}`,
        );
      else if (typeof via !== 'object' || via.ref !== e.name)
        at(file, `relations.${name}.via`, `${r.entity}.${r.via} does not reference ${e.name}`);
    }
  }
  const organisations = Object.values(entities).filter((e) => e.organisation);
  for (const e of organisations.slice(1))
    at(
      fileOf.get(e.name)!,
      'organisation',
      `only one entity may be the organisation unit (${organisations[0]!.name} already is)`,
    );
  for (const e of organisations) {
    const head = e.organisation!.head;
    if (head !== undefined && !isRefField(e.fields[head]))
      at(
        fileOf.get(e.name)!,
        'organisation.head',
        `expected a reference field of ${e.name}${didYouMean(
          head,
          Object.keys(e.fields).filter((f) => isRefField(e.fields[f])),
        )}`,
      );
    const parent = e.organisation!.parent;
    const selfRefs = Object.keys(e.fields).filter((f) => refTo(e.fields[f]) === e.name);
    if (parent !== undefined && refTo(e.fields[parent]) !== e.name)
      at(
        fileOf.get(e.name)!,
        'organisation.parent',
        `expected a field of ${e.name} referencing ${e.name}${didYouMean(parent, selfRefs)}`,
      );
  }
  const people = Object.values(entities).filter((e) => e.people);
  for (const e of people.slice(1))
    at(fileOf.get(e.name)!, 'people', `only one entity may be the people (${people[0]!.name} already is)`);
  for (const e of people) {
    const file = fileOf.get(e.name)!;
    const { unit, title, active, until } = e.people!;
    const fields = Object.keys(e.fields);
    const org = organisations[0]?.name;
    if (unit !== undefined && (!org || refTo(e.fields[unit]) !== org))
      at(
        file,
        'people.unit',
        org
          ? `expected a field of ${e.name} referencing ${org}${didYouMean(
              unit,
              fields.filter((f) => refTo(e.fields[f]) === org),
            )}`
          : 'no entity is the organisation unit (organisation: in its entity file)',
      );
    if (title !== undefined && e.fields[title] === undefined)
      at(file, 'people.title', `${e.name} has no field "${title}"${didYouMean(title, fields)}`);
    if (until !== undefined && e.fields[until] !== 'date')
      at(
        file,
        'people.until',
        `expected a date field of ${e.name}${didYouMean(
          until,
          fields.filter((f) => e.fields[f] === 'date'),
        )}`,
      );
    if (active !== undefined)
      for (const problem of conditionProblems(active, e, entities)) at(file, 'people.active', problem);
  }
  const lists = new Map<string, string>();
  for (const e of Object.values(entities)) {
    if (!e.list) continue;
    if (lists.has(e.list))
      at(fileOf.get(e.name)!, 'list', `list "${e.list}" is already the list of ${lists.get(e.list)}`);
    lists.set(e.list, e.name);
  }
}

/**
 * Composite keys: the parts are fields of the entity (scalars, or references to one-column keys), every
 * mapping lists one key column per part, and what cannot carry several columns is refused: a reference
 * field, a fact dimension, the key map (conformed) and the organisation unit.
 */
function checkCompositeKeys(
  entities: Record<string, EntityModel>,
  fileOf: Map<string, string>,
  sources: Record<string, SourceModel>,
  at: At,
): void {
  for (const e of Object.values(entities)) {
    const file = fileOf.get(e.name)!;
    const parts = e.key.parts;
    if (!parts) continue;
    const seen = new Set<string>();
    for (const [i, part] of parts.entries()) {
      const type = e.fields[part];
      if (seen.has(part)) at(file, `key.parts.${i}`, `"${part}" is already a part of the key`);
      seen.add(part);
      if (!type)
        at(file, `key.parts.${i}`, `${e.name} has no field "${part}"${didYouMean(part, Object.keys(e.fields))}`);
      else if (type === 'decimal' || type === 'bool')
        at(file, `key.parts.${i}`, `"${part}" is a ${type}: a key part is a string, int or date field, or a reference`);
    }
    if (e.conformed)
      at(file, 'conformed', 'an entity with a composite key cannot be conformed (the key map holds one-column keys)');
    if (e.organisation) at(file, 'organisation', 'the organisation unit needs a one-column key, not a composite key');
  }
  for (const e of Object.values(entities)) {
    for (const [field, type] of Object.entries(e.fields)) {
      const target = isRef(type) ? entities[type.ref] : undefined;
      if (target?.key.parts) {
        at(
          fileOf.get(e.name)!,
          `fields.${field}.ref`,
          `${target.name} has a composite key (${target.key.parts.join(', ')}): a reference is one column; reference its parts instead`,
        );
      }
    }
  }
  for (const s of Object.values(sources)) {
    for (const [entity, m] of Object.entries(s.mapping.entities)) {
      const model = entities[entity];
      if (!model || !m) continue;
      const parts = model.key.parts;
      if (!parts && typeof m.key !== 'string')
        at(
          s.file,
          `entities.${entity}.key`,
          `${entity} has a one-column key: give one column, or declare key.parts in ${fileOf.get(entity)}`,
        );
      if (parts && (typeof m.key === 'string' || m.key.length !== parts.length)) {
        at(
          s.file,
          `entities.${entity}.key`,
          `${entity}'s key has ${parts.length} parts (${parts.join(', ')}): list one column per part, e.g. [${parts.map((p) => `${p}_column`).join(', ')}]`,
        );
      }
    }
    for (const [fact, f] of Object.entries(s.mapping.facts)) {
      for (const [dim, d] of Object.entries(f.dimensions)) {
        const target = d.entity ? entities[d.entity] : undefined;
        if (target?.key.parts) {
          at(
            s.file,
            `facts.${fact}.dimensions.${dim}.entity`,
            `${target.name} has a composite key (${target.key.parts.join(', ')}): a dimension is one column; use one of its parts' entities`,
          );
        }
      }
    }
  }
}

function checkSources(entities: Record<string, EntityModel>, sources: Record<string, SourceModel>, at: At): void {
  const names = Object.keys(entities);
  for (const s of Object.values(sources)) {
    for (const [entity, m] of Object.entries(s.mapping.entities)) {
      const model = entities[entity];
      if (!model) {
        at(s.file, `entities.${entity}`, `unknown entity "${entity}"${didYouMean(entity, names)}`);
        continue;
      }
      for (const field of [...Object.keys(m!.fields), ...Object.keys(m!.expressions ?? {})]) {
        if (!(field in model.fields))
          at(
            s.file,
            `entities.${entity}.fields.${field}`,
            `${entity} has no field "${field}"${didYouMean(field, Object.keys(model.fields))}`,
          );
      }
      if (m!.orderBy && m!.orderBy !== 'key' && !(m!.orderBy in m!.fields) && !(m!.orderBy in (m!.expressions ?? {}))) {
        at(
          s.file,
          `entities.${entity}.orderBy`,
          `"${m!.orderBy}" is not a mapped field${didYouMean(m!.orderBy, ['key', ...Object.keys(m!.fields)])}`,
        );
      }
    }
    for (const [fact, f] of Object.entries(s.mapping.facts)) {
      for (const [dim, d] of Object.entries(f.dimensions)) {
        if (d.entity && !entities[d.entity])
          at(
            s.file,
            `facts.${fact}.dimensions.${dim}.entity`,
            `unknown entity "${d.entity}"${didYouMean(d.entity, names)}`,
          );
      }
    }
  }
}

/**
 * Many-to-many dimensions (facts' `bridges`): each joins `dimensions` with its entity; its `through` must be a
 * dimension of the same fact, and its bridge entity must hold exactly one reference to through's entity and
 * one to the dimension's entity. One name, one bridge across the model.
 */
function bridgesOf(
  entities: Record<string, EntityModel>,
  sources: Record<string, SourceModel>,
  dimensions: Record<string, string>,
  at: At,
): Record<string, BridgeDimension> | undefined {
  const out: Record<string, BridgeDimension> = {};
  for (const s of Object.values(sources)) {
    for (const [fact, f] of Object.entries(s.mapping.facts)) {
      for (const [dim, b] of Object.entries(f.bridges ?? {})) {
        const path = `facts.${fact}.bridges.${dim}`;
        const via = f.dimensions[b.through];
        if (!via?.entity) {
          at(s.file, `${path}.through`, `"${b.through}" is not a dimension of ${fact} with an entity`);
          continue;
        }
        if (dim in f.dimensions) at(s.file, path, `"${dim}" is also a column dimension of ${fact}: one or the other`);
        const bridge = entities[b.bridge];
        if (!bridge || !entities[b.entity]) {
          at(
            s.file,
            path,
            `unknown entity "${!bridge ? b.bridge : b.entity}"${didYouMean(!bridge ? b.bridge : b.entity, Object.keys(entities))}`,
          );
          continue;
        }
        const refsTo = (e: string) =>
          Object.entries(bridge.fields)
            .filter(([, t]) => isRef(t) && t.ref === e)
            .map(([n]) => n);
        const from = refsTo(via.entity);
        const to = refsTo(b.entity);
        if (from.length !== 1 || to.length !== 1 || from[0] === to[0]) {
          at(
            s.file,
            `${path}.bridge`,
            `${b.bridge} must hold one reference to ${via.entity} and one to ${b.entity} (it has ${from.length} and ${to.length})`,
          );
          continue;
        }
        const known = out[dim];
        if (
          (known && (known.through !== b.through || known.bridge !== b.bridge)) ||
          (dimensions[dim] && dimensions[dim] !== b.entity)
        ) {
          at(s.file, path, `dimension "${dim}" is declared differently elsewhere in the model; one name, one meaning`);
          continue;
        }
        dimensions[dim] = b.entity;
        out[dim] = { through: b.through, bridge: b.bridge, from: from[0]!, to: to[0]! };
      }
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Every fact dimension declared with an entity; one dimension name means one entity across the model. */
function dimensionsOf(sources: Record<string, SourceModel>, at: At): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of Object.values(sources)) {
    for (const [fact, f] of Object.entries(s.mapping.facts)) {
      for (const [dim, d] of Object.entries(f.dimensions)) {
        if (!d.entity) continue;
        if (out[dim] && out[dim] !== d.entity)
          at(
            s.file,
            `facts.${fact}.dimensions.${dim}.entity`,
            `dimension "${dim}" is ${out[dim]} elsewhere in the model; one name, one entity`,
          );
        else out[dim] = d.entity;
      }
    }
  }
  return out;
}

function checkFigures(
  entities: Record<string, EntityModel>,
  fileOf: Map<string, string>,
  sources: Record<string, SourceModel>,
  at: At,
): void {
  for (const e of Object.values(entities)) {
    const file = fileOf.get(e.name)!;
    for (const [name, fig] of Object.entries(e.figures)) {
      const path = `figures.${name}.measure`;
      const source = sources[fig.source];
      if (!source) {
        at(file, path, `unknown source "${fig.source}"${didYouMean(fig.source, Object.keys(sources))}`);
        continue;
      }
      const fact = source.mapping.facts[fig.fact];
      if (!fact) {
        at(
          file,
          path,
          `source "${fig.source}" has no fact "${fig.fact}"${didYouMean(fig.fact, Object.keys(source.mapping.facts))}`,
        );
        continue;
      }
      if (!fact.measures[fig.measure]) {
        at(
          file,
          path,
          `fact "${fig.source}.${fig.fact}" has no measure "${fig.measure}"${didYouMean(fig.measure, Object.keys(fact.measures))}`,
        );
        continue;
      }
      const candidates = Object.entries(fact.dimensions)
        .filter(([, d]) => d.entity === e.name)
        .map(([dim]) => dim);
      if (fig.dimension) {
        if (!candidates.includes(fig.dimension))
          at(
            file,
            `figures.${name}.dimension`,
            `fact "${fig.source}.${fig.fact}" has no dimension "${fig.dimension}" of ${e.name}${didYouMean(fig.dimension, candidates)}`,
          );
      } else if (candidates.length === 1) {
        fig.dimension = candidates[0]!;
      } else {
        at(
          file,
          `figures.${name}`,
          candidates.length === 0
            ? `fact "${fig.source}.${fig.fact}" has no dimension of ${e.name}`
            : `fact "${fig.source}.${fig.fact}" has several dimensions of ${e.name} (${candidates.join(', ')}): choose one with "dimension:"`,
        );
      }
    }
  }
}
