import type { CrosswalkModel } from './crosswalk';
import type { SqlSourceMapping } from './mapping';

/**
 * The company model: the hub's own names for the things every source talks about, loaded from a model
 * directory (src/model/load.ts). Sources map their tables and columns onto these names; resolvers only
 * ever see these names, never a source's column names. Nothing here names a company's entities.
 */
export type ScalarType = 'string' | 'int' | 'decimal' | 'date' | 'bool';
export interface RefType {
  ref: EntityName;
}
export type FieldType = ScalarType | RefType;
/** An entity's name as the model declares it (e.g. the demo's "Department"). */
export type EntityName = string;

export interface EntityModel {
  name: EntityName;
  description?: string;
  /** Conformed entities exist in several systems under different keys and go through the key map. */
  conformed: boolean;
  /** The source lists and by-id lookups come from. */
  home: string;
  /** The key: one column of `type`, or with `parts` a composite key over those fields (scalars or
   *  references, in order), its hub id the parts encoded by src/values/composite-key.ts (type string). */
  key: { type: 'string' | 'int'; parts?: readonly string[] };
  /** The Query list field, when the entity has one. */
  list?: string;
  /** The organisation unit (at most one per model): Viewer, Alert and IndicatorOwner reference it in the
   *  schema; `head` is its reference field to the person in charge (named in alerts). */
  organisation?: { head?: string; parent?: string };
  /** The people principals are (at most one per model): see src/auth/org-directory.ts. */
  people?: PeopleModel;
  fields: Record<string, FieldType>;
  fieldDescriptions: Record<string, string>;
  /** Reverse lists: the `entity` rows whose reference field `via` points at this one. */
  relations: Record<string, RelationModel>;
  /** Per-member measures (a department's revenue in a period). */
  figures: Record<string, FigureModel>;
}

export interface PeopleModel {
  /** Reference field to the organisation unit a person belongs to. */
  unit?: string;
  /** Field read by `principals.byTitle`. */
  title?: string;
  /** Condition a person's row must meet to be let in (src/auth/rule.ts), e.g. "status = 'ACTIVE'". */
  active?: string;
  /** Date field: from that day on the person is gone. */
  until?: string;
}

export interface RelationModel {
  entity: EntityName;
  via: string;
  paged: boolean;
  description?: string;
}

export interface FigureModel {
  source: string;
  fact: string;
  measure: string;
  /** The fact's dimension whose members are this entity. */
  dimension: string;
  /** Without a period: state facts at today, event facts refuse. */
  periodOptional: boolean;
  description?: string;
}

export interface SourceModel {
  name: string;
  description: string;
  file: string;
  /** Connection defaults from the source file, environment references resolved (hub.config.yaml overrides). */
  connection: { engine?: 'postgres' | 'mysql' | 'embedded'; url?: string; schema?: string };
  mapping: SqlSourceMapping;
}

/** Where a model directory's other parts live (model.yaml `paths`, else the defaults), joined to its directory. */
export interface ModelPaths {
  /** model.yaml itself (it may be absent: then every default holds). */
  manifest: string;
  policy: string;
  units: string;
  indicators: string;
  targets: string;
}

export interface CompanyModel {
  dir: string;
  /** The format version of the directory (model.yaml `version`). */
  version: number;
  paths: ModelPaths;
  entities: Readonly<Record<EntityName, EntityModel>>;
  sources: Readonly<Record<string, SourceModel>>;
  /** Groupable dimensions: every fact dimension declared with an entity, dimension name → entity. */
  dimensions: Readonly<Record<string, EntityName>>;
  /** Many-to-many dimensions (also in `dimensions`): dimension → the fact dimension it is reached from and the
   *  bridge entity's reference fields to that dimension's entity (`from`) and to this one's (`to`). */
  bridges?: Readonly<Record<string, BridgeDimension>>;
  /** Per conformed entity: how each source's key maps to the hub id (crosswalks/<Entity>.yaml, src/model/crosswalk.ts). */
  crosswalks?: Readonly<Record<EntityName, CrosswalkModel>>;
}

export interface BridgeDimension {
  through: string;
  bridge: EntityName;
  from: string;
  to: string;
}

export function isRef(type: FieldType): type is RefType {
  return typeof type === 'object';
}

export function fieldType(
  model: Pick<CompanyModel, 'entities'>,
  entity: EntityName,
  field: string,
): FieldType | undefined {
  return model.entities[entity]?.fields[field];
}

/** The model's people entity (principals are its hub ids), if it declares one (`people:`). */
export function peopleOf(model: Pick<CompanyModel, 'entities'>): EntityModel | undefined {
  return Object.values(model.entities).find((e) => e.people);
}

/** The model's organisation unit, if it declares one (`organisation:` in an entity file). */
export function organisationOf(model: Pick<CompanyModel, 'entities'>): EntityModel | undefined {
  return Object.values(model.entities).find((e) => e.organisation);
}

/** The fields a composite key is made of, or undefined for a one-column key. */
export function keyParts(model: Pick<CompanyModel, 'entities'>, entity: EntityName): readonly string[] | undefined {
  return model.entities[entity]?.key.parts;
}
