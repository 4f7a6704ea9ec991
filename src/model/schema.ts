import { z } from 'zod';
import { didYouMean } from '../values/suggest';

/**
 * The shapes of a model directory's files (close to Cube's data model and Hasura's metadata habits).
 * Cross-file checks — a reference to an entity, a source, a fact — are the loader's (src/model/load.ts).
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const identifier = z.string().regex(IDENTIFIER, 'expected a name of letters, digits and _, not starting with a digit');
/** A column, optionally qualified by one of the mapping's tables (`invoice.invoice_date`). */
const column = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/,
    'expected a column name (letters, digits, _), optionally table.column',
  );
/** A column, or `{ sql: "<expression>" }` (checked by the loader). */
const columnOrExpression = z.union([column, z.strictObject({ sql: z.string() })], {
  error: 'expected a column name or { sql: "<expression>" }',
});

/** A strict object whose unknown keys are refused with a "did you mean". */
function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => `unknown key "${k}"${didYouMean(k, Object.keys(shape))}`).join('; ')
        : undefined,
  });
}

const scalarType = z.enum(['string', 'int', 'decimal', 'date', 'bool']);

const fieldSchema = strict({
  type: scalarType.optional(),
  ref: identifier.optional(),
  description: z.string().optional(),
}).refine(
  (f) => (f.type === undefined) !== (f.ref === undefined),
  'give either "type" (string, int, decimal, date, bool) or "ref" (an entity name)',
);

export const entityFileSchema = strict({
  name: identifier,
  description: z.string().optional(),
  conformed: z.boolean().default(false),
  home: identifier,
  /** One key column (`type`), or a composite key: `parts` names two or more of the entity's fields (scalars
   *  or references), whose columns the source mappings list in the same order (`key: [a_id, b_id]`). */
  key: strict({
    type: z.enum(['string', 'int']).optional(),
    parts: z.array(identifier).min(2, 'a composite key names at least two fields').optional(),
  })
    .refine(
      (k) => k.type === undefined || k.parts === undefined,
      'give "type" (one key column) or "parts" (a composite key), not both',
    )
    .prefault({}),
  list: identifier.optional(),
  /** The organisation unit (at most one entity): viewers belong to one, indicators are owned by one,
   *  alerts are raised per one; `head` names its reference field to the person in charge. */
  organisation: strict({ head: identifier.optional(), parent: identifier.optional() }).optional(),
  /** The people (at most one entity): principals are its hub ids. `unit`: their organisation unit (a
   *  reference field); `title`: the field `principals.byTitle` reads; `active`: a condition a person must
   *  meet to be let in (e.g. "status = 'ACTIVE'"); `until`: a date field, gone from that day. All optional. */
  people: strict({
    unit: identifier.optional(),
    title: identifier.optional(),
    active: z.string().min(1).optional(),
    until: identifier.optional(),
  }).optional(),
  fields: z.record(identifier, fieldSchema).default({}),
  relations: z
    .record(
      identifier,
      strict({
        entity: identifier,
        via: identifier,
        paged: z.boolean().default(false),
        description: z.string().optional(),
      }),
    )
    .default({}),
  figures: z
    .record(
      identifier,
      strict({
        /** source.fact.measure */
        measure: z.string().regex(/^[A-Za-z_]\w*\.[A-Za-z_]\w*\.[A-Za-z_]\w*$/, 'expected <source>.<fact>.<measure>'),
        /** The fact's dimension for this entity; default: the one dimension declared with this entity. */
        dimension: identifier.optional(),
        periodOptional: z.boolean().default(false),
        description: z.string().optional(),
      }),
    )
    .default({}),
});
export type EntityFile = z.output<typeof entityFileSchema>;

const entityMappingSchema = strict({
  table: identifier,
  /** The key column, or the key columns of a composite key in the order of the entity's key.parts. */
  key: z.union([identifier, z.array(identifier).min(2)], {
    error: 'expected a column name, or a list of columns for a composite key',
  }),
  fields: z.record(identifier, columnOrExpression).default({}),
  orderBy: identifier.optional(),
});

const storageSchema = strict({
  kind: z.enum(['decimal', 'float', 'cents', 'text']),
  scale: z.number().int().min(0).max(12).optional(),
});

const measureSchema = strict({
  agg: z.enum(['sum', 'count', 'count_distinct', 'avg', 'min', 'max']),
  column: column.optional(),
  /** An expression over the fact's row instead of a column (checked by the loader). */
  sql: z.string().optional(),
  filter: z.record(column, z.array(z.union([z.string(), z.number()])).min(1)).optional(),
  type: z.enum(['decimal', 'int']),
  description: z.string().optional(),
  /** How a decimal column is stored when it is not an exact number (see SqlMeasure.storage). */
  storage: storageSchema.optional(),
})
  .refine((m) => m.agg === 'count' || m.column !== undefined || m.sql !== undefined, {
    message: 'needs a column or sql (only count may omit both)',
    path: ['column'],
  })
  .refine((m) => m.column === undefined || m.sql === undefined, {
    message: 'give a column or sql, not both',
    path: ['sql'],
  });

const factSchema = strict({
  table: identifier,
  joins: z
    .array(
      strict({
        table: identifier,
        on: z
          .record(identifier, identifier)
          .refine((on) => Object.keys(on).length > 0, 'name at least one column pair'),
      }),
    )
    .optional(),
  time: strict({ column, format: z.enum(['date', 'yyyymm']).optional() }).optional(),
  validity: strict({ from: column, to: column }).optional(),
  dimensions: z.record(identifier, strict({ column, entity: identifier.optional() })).default({}),
  measures: z.record(identifier, measureSchema),
  /** Many-to-many dimensions through a bridge entity (see SqlFactMapping.bridges). */
  bridges: z.record(identifier, strict({ through: identifier, bridge: identifier, entity: identifier })).optional(),
  /** Column → how it is stored, for every measure and expression reading it (see SqlFactMapping.storage). */
  storage: z.record(column, storageSchema).optional(),
  description: z.string().optional(),
}).refine(
  (f) => f.time === undefined || f.validity === undefined,
  'give "time" (event fact), "validity" (state fact) or neither (snapshot), not both',
);

export const sourceFileSchema = strict({
  name: identifier,
  description: z.string().default(''),
  connection: strict({
    engine: z.enum(['postgres', 'mysql', 'embedded']).optional(),
    /** ${ENV_VAR} references only for anything secret: a password written here is refused. */
    url: z.string().optional(),
    schema: z.string().optional(),
  }).prefault({}),
  entities: z.record(identifier, entityMappingSchema).default({}),
  facts: z.record(identifier, factSchema).default({}),
});
export type SourceFile = z.output<typeof sourceFileSchema>;

/**
 * crosswalks/<Entity>.yaml: how each source's key of a conformed entity maps to the hub id, one rule per
 * source (src/model/crosswalk.ts). Exactly one kind per rule; a source without a rule keeps `same`.
 */
const crosswalkRuleSchema = strict({
  /** The source's key is the hub id. */
  same: z.literal(true).optional(),
  /** An expression over the entity's mapped table in that source giving the hub id (checked like other expressions). */
  expression: z.string().optional(),
  /** A crosswalk table: one row per pair, in this source or another (`in`). */
  table: identifier.optional(),
  sourceKey: identifier.optional(),
  hubId: identifier.optional(),
  in: identifier.optional(),
  /** Pairs loaded into the hub's store by `npm run crosswalk:load`. */
  loaded: z.literal(true).optional(),
}).superRefine((r, ctx) => {
  const kinds = (['same', 'expression', 'table', 'loaded'] as const).filter((k) => r[k] !== undefined);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: `give exactly one of { same: true }, { expression: "<sql>" }, { table, sourceKey, hubId, in? } or { loaded: true }${kinds.length ? ` (found: ${kinds.join(', ')})` : ''}`,
    });
    return;
  }
  if (kinds[0] === 'table') {
    for (const key of ['sourceKey', 'hubId'] as const)
      if (r[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `a crosswalk table needs "${key}" (a column name)` });
  } else {
    for (const key of ['sourceKey', 'hubId', 'in'] as const)
      if (r[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" belongs to a crosswalk table (table: …)` });
  }
});

export const crosswalkFileSchema = strict({
  entity: identifier,
  description: z.string().optional(),
  sources: z.record(identifier, crosswalkRuleSchema).default({}),
});
export type CrosswalkFile = z.output<typeof crosswalkFileSchema>;

/** A path inside the model directory: relative, and not climbing out of it. */
const insidePath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'),
    'expected a path inside the model directory (relative, no "..")',
  );

/**
 * model.yaml at the root of a model directory: the format version of the directory, and where its parts
 * live when not at their default places (paths relative to the directory).
 */
export const MODEL_FORMAT_VERSION = 1;
export const modelFileSchema = strict({
  version: z.literal(MODEL_FORMAT_VERSION, {
    error: `expected version: ${MODEL_FORMAT_VERSION} (the only format this hub reads)`,
  }),
  description: z.string().optional(),
  paths: strict({
    /** Roles, principals, field rules, API keys. Default: policy.yaml. */
    policy: insidePath.optional(),
    /** The units file. Default: units.yaml. */
    units: insidePath.optional(),
    /** The folder of indicator definition files. Default: indicators. */
    indicators: insidePath.optional(),
    /** The folder of target files. Default: targets. */
    targets: insidePath.optional(),
  }).prefault({}),
});
export type ModelFile = z.output<typeof modelFileSchema>;
