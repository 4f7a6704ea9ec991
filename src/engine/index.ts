import { badInput, HubError } from '../errors';
import type { HubContext } from '../hub/context';
import type { Dictionary } from '../indicators/dictionary';
import { dimensionsOf } from '../indicators/validate';
import { catalogOfAdapters } from '../indicators/catalog';
import type { IndicatorDefinition } from '../indicators/definition';
import type { UnitBook } from '../indicators/units';
import { Decimal } from '../model/decimal';
import type { Period } from '../model/period';
import { Evaluator } from './evaluate';
import type { Value } from './expr';
import { Disclosure } from './disclosure';
import { TOTAL, type StatementProvenance } from './fetch';
import { regroup } from './regroup';
import { resolveGroupPath } from './group-path';
import type { Cell, ValuesRequest } from './request';
import { requirements } from './requirements';

export type { ValuesRequest, Cell, StatementProvenance };

export interface ValuesTable {
  buckets: Period[];
  /** Member ids (hub ids or attribute values) in order; [""] when not grouped. */
  members: string[];
  /** The value of `code` in the bucket labelled `bucket` for `member`, rounded once at its precision. */
  cell(code: string, bucket: string, member: string): Cell;
  /** The same, unrounded (for further arithmetic such as decomposition). */
  exact(code: string, bucket: string, member: string): Value;
  /** One entry per (source, fact) statement, cached or run. */
  statements: StatementProvenance[];
  /** Sources that failed: their indicators are null with the reason; the rest of the table stands. */
  failures: HubError[];
}

/**
 * Computes indicators × periods × members with one aggregate statement per (source, fact), whatever the
 * number of periods or members: plan the inputs, push the aggregation down, regroup in the hub, evaluate.
 */
export async function computeValues(ctx: HubContext, dict: Dictionary, request: ValuesRequest): Promise<ValuesTable> {
  checkRequest(ctx, dict, request);
  const calendar = ctx.runtime.config.calendar;
  const disclosure = new Disclosure(ctx, dict, request);
  for (const code of request.codes) ctx.audit.indicator(code, dict.get(code)!.version);
  const needs = requirements(dict, request.codes, request.buckets, calendar);
  const fetched = await disclosure.fetch(needs);
  const leaves = await regroup(ctx, fetched.leaves, request);
  const evaluator = new Evaluator(dict, leaves, calendar);
  const members = request.groupBy ? [...new Set([...leaves.values()].flatMap((l) => [...l.members]))].sort() : [TOTAL];
  await disclosure.decide((code, bucket, member) => evaluator.value(code, bucket, member), members, leaves);
  const units = ctx.runtime.units;
  const table: ValuesTable = {
    buckets: [...request.buckets],
    members,
    statements: fetched.statements,
    failures: fetched.failures,
    cell(code, label, member) {
      const v = table.exact(code, label, member);
      return v.value === null ? { value: null, reason: v.reason } : { value: display(v.value, dict.get(code)!.def, units) };
    },
    exact(code, label, member) {
      const bucket = request.buckets.find((b) => b.label === label)!;
      return disclosure.check(code, bucket, member, (c) => evaluator.value(c, bucket, member));
    },
  };
  return table;
}

/**
 * The one rounding of a value: half-up at the indicator's precision (or its unit's, from the units file).
 * Everything before it — source sums, regrouped members, running totals — is exact.
 */
export function display(value: Decimal, def: Pick<IndicatorDefinition, 'unit' | 'precision'>, units: UnitBook): string {
  const { places, fractional } = units.precisionOf(def);
  if (fractional !== undefined && value.toFixed(fractional) !== Decimal.of(value.toFixed(places)).toFixed(fractional)) return value.toFixed(fractional);
  return value.toFixed(places);
}

function checkRequest(ctx: HubContext, dict: Dictionary, request: ValuesRequest): void {
  const byCode = new Map(dict.all().map((i) => [i.def.code, i]));
  const catalog = catalogOfAdapters(ctx.runtime.adapters);
  for (const code of request.codes) {
    const indicator = dict.get(code);
    if (!indicator) throw badInput(`Unknown indicator "${code}": browse the dictionary with { indicators { code } }.`, { argument: 'codes' });
    const available = dimensionsOf(indicator, byCode, catalog);
    const wanted = [request.groupBy?.dimension, ...request.filters.map((f) => f.dimension)].filter((d): d is string => Boolean(d));
    for (const d of wanted) {
      if (!available.has(d)) {
        throw badInput(`Indicator "${code}" cannot be cut by "${d}" (it can by: ${[...available].sort().join(', ') || 'nothing'}).`, {
          argument: 'groupBy',
        });
      }
    }
  }
  const attribute = request.groupBy?.attribute;
  if (attribute) {
    const entity = ctx.runtime.model.dimensions[request.groupBy!.dimension]!;
    const path = resolveGroupPath(ctx.runtime.model, entity, attribute.split('.'));
    // Every field the grouping reads must be visible unmasked (a path: every hop).
    for (const hop of 'hops' in path ? path.hops : [{ entity, field: attribute }]) {
      const verdict = ctx.runtime.policy.field(hop.entity, hop.field, ctx.viewer.roles);
      if (verdict.decision !== 'allow') {
        throw new HubError('FORBIDDEN', `Grouping by ${request.groupBy!.dimension}.${attribute} is not permitted: your roles may not see ${hop.entity}.${hop.field} unmasked.`, {
          field: `${hop.entity}.${hop.field}`,
          rule: verdict.rule,
        });
      }
    }
  }
  if (request.rollup && request.groupBy?.dimension !== 'department') {
    throw badInput('rollup needs groupBy: department (it adds each department\'s subtree).', { argument: 'rollup' });
  }
}
