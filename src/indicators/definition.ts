import { z } from 'zod';

/**
 * One indicator definition (指标口径), as written in indicators/*.yaml. The file is the contract a
 * finance analyst reads: what is counted, from which system, when, by whom it is owned.
 */
const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected snake_case letters, digits and _ (e.g. gross_margin)');

/**
 * A threshold rule (预警). The metric compared with the bands is the value itself, its percentage of the
 * target (targets/*.yaml) or of another indicator (e.g. budget), or its growth in percent against the
 * previous period or the same period a year earlier. The most severe matching band fires.
 */
const band = z
  .object({
    severity: z.enum(['info', 'warning', 'critical']),
    above: z.number().optional(),
    below: z.number().optional(),
  })
  .strict()
  .refine((b) => b.above !== undefined || b.below !== undefined, { message: 'a band needs "above" or "below"' });

export const alertRuleSchema = z
  .object({
    name: z.string().min(1),
    compare: z.enum(['value', 'target', 'indicator', 'previous', 'year_ago']),
    indicator: code.optional(),
    bands: z.array(band).min(1),
  })
  .strict()
  .refine((r) => (r.compare === 'indicator') === (r.indicator !== undefined), {
    message: '"indicator" is required with compare: indicator, and only then',
    path: ['indicator'],
  });

export type AlertRule = z.infer<typeof alertRuleSchema>;

/** An id as YAML may read it: `person: 3` is the number 3. */
const id = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

/**
 * Who owns a definition: a person (a hub id of the model's people entity) and, optionally, their
 * organisation unit (a hub id of the model's organisation entity); both checked against the company's data
 * when it loads (src/indicators/owners.ts). `department` is the deprecated name of `unit`, read as `unit`.
 */
export const ownerSchema = z
  .object({ unit: id.optional(), person: id, department: id.optional() })
  .strict()
  .refine((o) => o.unit === undefined || o.department === undefined, {
    message: 'give unit, not also department (its deprecated name)',
  })
  .transform(({ unit, department, person }): IndicatorOwner => {
    const named = unit ?? department;
    return named !== undefined ? { unit: named, person } : { person };
  });

export interface IndicatorOwner {
  unit?: string;
  person: string;
}

const common = {
  code,
  name: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
  synonyms: z.array(z.string().min(1)).default([]),
  /** 口径: exactly what is counted and when. */
  definition: z.string().min(20, 'say exactly what is counted and when (at least 20 characters)'),
  owner: ownerSchema,
  /** Owner domain (finance, sales, hr, procurement…): whose editors and approvers govern the definition
   *  (policy.yaml `governance.domains`). */
  domain: z.string().regex(/^[a-z][a-z_]*$/, 'expected a domain name such as finance'),
  /** A unit of the units file (units.yaml: a currency, count, percent…); it gives the default precision. */
  unit: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a unit name from the units file (e.g. count, percent, or a currency)'),
  /** Decimal places the values are shown with (rounded once, half-up); default: the unit's precision. */
  precision: z.number().int().min(0).max(12).optional(),
  /** Display format a dashboard can apply. */
  format: z.enum(['money', 'integer', 'percent', 'decimal']).default('decimal'),
  direction: z.enum(['higher_is_better', 'lower_is_better', 'neutral']).default('neutral'),
  /** Dimensions it can be grouped or filtered by. */
  dimensions: z.array(z.string()).default([]),
  /** additive: sums over time and members; snapshot: a balance taken at period end (never summed over time);
   *  non_additive: ratios and distinct counts, recomputed from their inputs at every grain. */
  additivity: z.enum(['additive', 'snapshot', 'non_additive']).default('additive'),
  tags: z.array(z.string()).default([]),
  /** Declared drivers (指标分解) when they are not the indicator's own inputs: revenue = order_count ×
   *  average_deal_size. Ratios and formulas decompose into their inputs without this. */
  drivers: z
    .object({ method: z.enum(['product', 'sum']), of: z.array(code).min(2).max(6) })
    .strict()
    .optional(),
  /** Threshold rules evaluated by alerts(period). */
  alerts: z.array(alertRuleSchema).default([]),
  /** Overrides the source's cache time to live for statements feeding this indicator (seconds). */
  cacheTtlSeconds: z.number().int().min(0).optional(),
};

const measureRef = z
  .object({
    source: z.string(),
    fact: z.string(),
    measure: z.string(),
  })
  .strict();

export const indicatorSchema = z.discriminatedUnion('type', [
  /** A measure of one source fact, aggregated in the source. */
  z.object({ ...common, type: z.literal('simple'), measure: measureRef }).strict(),
  /** numerator / denominator, each aggregated separately at the requested grain (never an average of ratios). */
  z
    .object({ ...common, type: z.literal('ratio'), numerator: code, denominator: code, scale: z.number().default(1) })
    .strict(),
  /** An arithmetic formula over other indicators: + - * / ( ), numbers, and days() = days in the period. */
  z.object({ ...common, type: z.literal('formula'), formula: z.string().min(1) }).strict(),
  /** Running totals of another indicator: year/quarter to date, the last N periods, or since inception. */
  z
    .object({
      ...common,
      type: z.literal('cumulative'),
      base: code,
      window: z.enum(['ytd', 'qtd', 'rolling', 'to_date']),
      periods: z.number().int().min(2).max(36).optional(),
    })
    .strict()
    .refine((d) => d.window !== 'rolling' || d.periods !== undefined, {
      message: 'rolling needs "periods"',
      path: ['periods'],
    }),
  /** Change against the previous period (环比) or the same period a year earlier (同比). */
  z
    .object({
      ...common,
      type: z.literal('period_over_period'),
      base: code,
      compare: z.enum(['previous', 'year_ago']),
      as: z.enum(['growth', 'difference']),
    })
    .strict(),
]);

export type IndicatorDefinition = z.infer<typeof indicatorSchema>;
export type IndicatorType = IndicatorDefinition['type'];

/** Codes a definition depends on directly. */
export function dependenciesOf(def: IndicatorDefinition, formulaRefs: (formula: string) => string[]): string[] {
  switch (def.type) {
    case 'simple':
      return [];
    case 'ratio':
      return [def.numerator, def.denominator];
    case 'formula':
      return formulaRefs(def.formula);
    case 'cumulative':
    case 'period_over_period':
      return [def.base];
  }
}
