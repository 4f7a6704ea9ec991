import { z } from 'zod';
import { didYouMean } from './suggest';

/**
 * The shapes of a model directory's files (close to Cube's data model and Hasura's metadata habits).
 * Cross-file checks — a reference to an entity, a source, a fact — are the loader's (src/model/load.ts).
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const identifier = z.string().regex(IDENTIFIER, 'expected a name of letters, digits and _, not starting with a digit');

/** A strict object whose unknown keys are refused with a "did you mean". */
function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => `unknown key "${k}"${didYouMean(k, Object.keys(shape))}`).join('; ') : undefined,
  });
}

const scalarType = z.enum(['string', 'int', 'decimal', 'date', 'bool']);

const fieldSchema = strict({ type: scalarType.optional(), ref: identifier.optional(), description: z.string().optional() }).refine(
  (f) => (f.type === undefined) !== (f.ref === undefined),
  'give either "type" (string, int, decimal, date, bool) or "ref" (an entity name)',
);

export const entityFileSchema = strict({
  name: identifier,
  description: z.string().optional(),
  conformed: z.boolean().default(false),
  home: identifier,
  // TODO(issue 11 part 2): composite keys, e.g. key: { columns: [order, product] }.
  key: strict({ type: z.enum(['string', 'int']) }).prefault({ type: 'string' }),
  list: identifier.optional(),
  fields: z.record(identifier, fieldSchema).default({}),
  relations: z
    .record(identifier, strict({ entity: identifier, via: identifier, paged: z.boolean().default(false), description: z.string().optional() }))
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
        suppressBelow: identifier.optional(),
        description: z.string().optional(),
      }),
    )
    .default({}),
});
export type EntityFile = z.output<typeof entityFileSchema>;

const scopeSchema = z.union([
  strict({ column: identifier }),
  strict({ through: strict({ table: identifier, localColumn: identifier, foreignKey: identifier, column: identifier }) }),
]);

const entityMappingSchema = strict({
  table: identifier,
  key: identifier,
  fields: z.record(identifier, identifier).default({}),
  scope: scopeSchema.optional(),
  owner: strict({ column: identifier }).optional(),
  orderBy: identifier.optional(),
});

const measureSchema = strict({
  agg: z.enum(['sum', 'count', 'count_distinct', 'avg', 'min', 'max']),
  column: identifier.optional(),
  filter: z.record(identifier, z.array(z.union([z.string(), z.number()])).min(1)).optional(),
  type: z.enum(['decimal', 'int']),
  description: z.string().optional(),
}).refine((m) => m.agg === 'count' || m.column !== undefined, { message: 'needs a column (only count may omit it)', path: ['column'] });

const factSchema = strict({
  table: identifier,
  time: strict({ column: identifier, format: z.enum(['date', 'yyyymm']).optional() }).optional(),
  validity: strict({ from: identifier, to: identifier }).optional(),
  dimensions: z.record(identifier, strict({ column: identifier, entity: identifier.optional() })).default({}),
  measures: z.record(identifier, measureSchema),
  scopeDimension: identifier.optional(),
  description: z.string().optional(),
}).refine((f) => f.time !== undefined || f.validity !== undefined, 'needs either "time" (event fact) or "validity" (state fact)');

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
