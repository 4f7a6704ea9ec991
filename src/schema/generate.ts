import { ConfigError } from '../errors';
import type { CompanyModel, EntityModel, FieldType, FigureModel, ScalarType } from '../model/entities';
import { isRef, organisationOf } from '../model/entities';
import { lowerFirst, memberDimensions } from '../model/member-dimension';
import { dimensionPaths } from '../model/dimension-paths';

export interface EntitySdlOptions {
  /**
   * Fields some role sees masked: published as String, whatever their model type, because a mask returns
   * text (a salary band "10000-20000", a phone "138****1234") that Int or Decimal could not carry.
   */
  masked?: (type: string, field: string) => boolean;
  /** Query fields the hand-written SDL already declares: a generated list or lookup must not reuse them. */
  reservedQueryFields?: ReadonlySet<string>;
}

/** The suffix of a composite-key entity's by-key lookup (`playlistTrackByKey(playlist: ID!, track: ID!)`). */
export const BY_KEY = 'ByKey';

const SCALARS: Record<ScalarType, string> = {
  string: 'String',
  int: 'Int',
  decimal: 'Decimal',
  date: 'Date',
  bool: 'Boolean',
};

/**
 * The model's part of the GraphQL schema, as SDL: one type per entity (id, fields, references, reverse
 * lists, figures), `indicators` on the entities that are fact dimensions, the organisation unit's field (`unit`) on
 * Viewer, Alert and IndicatorOwner, and the Query lists and by-id lookups. Every field is nullable: a denied or failing
 * field nulls only itself. Company-independent types
 * (IndicatorCell, Decimal, Date…) come from the hand-written SDL of src/schema.
 */
export function entitySdl(model: CompanyModel, options: EntitySdlOptions = {}): string {
  const masked = options.masked ?? (() => false);
  const entities = Object.values(model.entities).sort((a, b) => a.name.localeCompare(b.name));
  const parts = entities.map((e) => typeSdl(model, e, masked));
  const members = memberDimensions(model);
  for (const e of entities) {
    const dimension = members[e.name];
    if (!dimension || fieldNames(e).includes('indicators')) continue;
    parts.push(
      `extend type ${e.name} {\n` +
        `  ${str(`Indicator values of this ${e.name} (dimension "${dimension}") for one period, batched across ${e.name} rows: one statement per source fact.`)}\n` +
        `  indicators(codes: [String!]!, period: String!): [IndicatorCell!]\n}`,
    );
  }
  const org = organisationOf(model);
  if (org) {
    const named = organisationFieldNames(model).filter((f) => f !== 'unit');
    for (const [type, what] of [
      ['Viewer', `The viewer's ${org.name} (the organisation unit).`],
      ['Alert', `The ${org.name} the rule fired for.`],
      ['IndicatorOwner', `The owning ${org.name}.`],
    ] as const) {
      const deprecated = named.map((f) => `  ${f}: ${org.name} @deprecated(reason: ${str('Use `unit`.')})`);
      const fields = [`  ${str(what)}`, `  unit: ${org.name}`, ...deprecated];
      parts.push(`extend type ${type} {\n${fields.join('\n')}\n}`);
    }
  }
  for (const e of entities) if (e.list) parts.push(...sortTypesSdl(model, e));
  parts.push(dimensionEnumSdl(model));
  const queries = queryFields(model, entities, options.reservedQueryFields ?? new Set());
  if (queries.length) parts.push(`extend type Query {\n${queries.join('\n')}\n}`);
  return `${parts.join('\n\n')}\n`;
}

/**
 * The fields of Viewer, Alert and IndicatorOwner that hold the organisation unit: `unit`, and the entity's
 * name in lower camel case (`department` for a Department entity), deprecated for one release.
 */
export function organisationFieldNames(model: CompanyModel): string[] {
  const org = organisationOf(model);
  return org ? [...new Set(['unit', lowerFirst(org.name)])] : [];
}

/** indicatorValues' `by:` values: every groupable path of the model (src/model/dimension-paths.ts). */
function dimensionEnumSdl(model: CompanyModel): string {
  const paths = dimensionPaths(model);
  const values = paths.length
    ? paths.map((p) => `  ${str(p.description)}\n  ${p.value}`)
    : [`  ${str('This model declares no groupable dimension (no fact dimension with an entity).')}\n  NONE`];
  return `${str('A dimension path indicatorValues can group by (argument `by`): a fact dimension of the model, an attribute of its entity or a path through its references, "." spelled "_".')}\nenum IndicatorDimension {\n${values.join('\n')}\n}`;
}

function typeSdl(model: CompanyModel, e: EntityModel, masked: (type: string, field: string) => boolean): string {
  const lines = ['  id: ID!'];
  for (const [name, type] of Object.entries(e.fields)) {
    lines.push(
      ...described(
        e.fieldDescriptions[name],
        `${name}: ${masked(e.name, name) && !isRef(type) ? 'String' : graphqlType(type)}`,
      ),
    );
  }
  for (const [name, r] of Object.entries(e.relations)) {
    lines.push(...described(r.description, `${name}${r.paged ? '(limit: Int, offset: Int)' : ''}: [${r.entity}!]`));
  }
  for (const [name, f] of Object.entries(e.figures)) {
    const type = masked(e.name, name) ? 'String' : figureType(model, f);
    lines.push(...described(f.description, `${name}(period: String${f.periodOptional ? '' : '!'}): ${type}`));
  }
  return `${e.description ? `${str(e.description)}\n` : ''}type ${e.name} {\n${lines.join('\n')}\n}`;
}

function queryFields(model: CompanyModel, entities: EntityModel[], reserved: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  const taken = new Map<string, string>([...reserved].map((f) => [f, "the hub's own Query fields"]));
  const claim = (field: string, entity: string, what: string) => {
    const owner = taken.get(field);
    if (owner)
      throw new ConfigError(
        `Model directory ${model.dir}: entity ${entity}: its ${what} "Query.${field}" is already taken by ${owner}; rename the entity or its list.`,
      );
    taken.set(field, `entity ${entity}`);
  };
  for (const e of entities) {
    const byId = lowerFirst(e.name);
    claim(byId, e.name, 'by-id lookup');
    lines.push(
      `  ${str(`One ${e.name} by its hub id (null when absent or outside the viewer's rows).`)}`,
      `  ${byId}(id: ID!): ${e.name}`,
    );
    if (e.key.parts) {
      claim(`${byId}${BY_KEY}`, e.name, 'by-key lookup');
      const args = e.key.parts.map((p) => {
        const type = e.fields[p]!;
        return `${p}: ${isRef(type) ? 'ID' : SCALARS[type]}!`;
      });
      lines.push(
        `  ${str(`One ${e.name} by the parts of its key (${e.key.parts.join(', ')}; references by their hub id), null when absent or outside the viewer's rows.`)}`,
        `  ${byId}${BY_KEY}(${args.join(', ')}): ${e.name}`,
      );
    }
    if (!e.list) continue;
    claim(e.list, e.name, 'list');
    const refs = Object.entries(e.fields)
      .filter(([, t]) => isRef(t))
      .map(([f]) => `${f}Id: ID`);
    const sortable = sortFields(model, e).length > 0;
    const args = ['ids: [ID!]', ...refs, ...(sortable ? [`orderBy: ${e.name}Order`] : []), 'limit: Int', 'offset: Int'];
    const filters = refs.length
      ? `, or those whose ${refs.map((r) => r.replace(/Id: ID$/, '')).join(' / ')} is the given id`
      : '';
    const counted = `${e.list}Count`;
    claim(counted, e.name, 'list count');
    lines.push(
      `  ${str(`${e.name} rows, paged: optionally only the given ids${filters}; sorted by \`orderBy\` (a field the viewer sees unmasked), else by key. \`${counted}\` gives the total.`)}`,
      `  ${e.list}(${args.join(', ')}): [${e.name}!]`,
      `  ${str(`How many ${e.name} rows \`${e.list}\` has for the viewer with the same filters (its row rules applied): a table's total.`)}`,
      `  ${counted}(${['ids: [ID!]', ...refs].join(', ')}): Int`,
    );
  }
  return lines;
}

function graphqlType(type: FieldType): string {
  return isRef(type) ? type.ref : SCALARS[type];
}

function figureType(model: CompanyModel, f: FigureModel): string {
  const measure = model.sources[f.source]?.mapping.facts[f.fact]?.measures[f.measure];
  return measure?.type === 'int' ? 'Int' : 'Decimal';
}

const fieldNames = (e: EntityModel) => [
  ...Object.keys(e.fields),
  ...Object.keys(e.relations),
  ...Object.keys(e.figures),
];

const described = (description: string | undefined, line: string) =>
  description ? [`  ${str(description)}`, `  ${line}`] : [`  ${line}`];

/** A GraphQL string literal (JSON's escapes are GraphQL's). */
const str = (text: string) => JSON.stringify(text);

/**
 * The fields a list can be sorted by: `id` (the key) and the scalar fields its home source maps (a column
 * or an expression) — the sort runs in the source's statement, before the page is cut. References and
 * fields from other sources are not sortable.
 */
export function sortFields(model: CompanyModel, e: EntityModel): string[] {
  const mapping = model.sources[e.home]?.mapping.entities[e.name];
  if (!mapping) return [];
  const mapped = new Set([...Object.keys(mapping.fields), ...Object.keys(mapping.expressions ?? {})]);
  const fields = Object.entries(e.fields)
    .filter(([name, type]) => !isRef(type) && mapped.has(name) && name !== 'id')
    .map(([name]) => name);
  return typeof mapping.key === 'string' ? ['id', ...fields] : fields;
}

function sortTypesSdl(model: CompanyModel, e: EntityModel): string[] {
  const fields = sortFields(model, e);
  if (!fields.length) return [];
  return [
    `${str(`A field ${e.list} can be sorted by (its home source maps it).`)}\nenum ${e.name}SortField {\n${fields.map((f) => `  ${f}`).join('\n')}\n}`,
    `${str(`How to sort ${e.list}: ties are broken by key.`)}\ninput ${e.name}Order {\n  field: ${e.name}SortField!\n  direction: SortDirection = ASC\n}`,
  ];
}
