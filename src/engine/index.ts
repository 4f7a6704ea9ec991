import { badInput, HubError } from '../errors';
import type { HubContext } from '../hub/context';
import type { Dictionary } from '../indicators/dictionary';
import { dimensionsOf } from '../indicators/validate';
import { catalogOfAdapters } from '../indicators/catalog';
import { Decimal } from '../model/decimal';
import type { Period } from '../model/period';
import { Evaluator } from './evaluate';
import type { Value } from './expr';
import { fetchLeaves, TOTAL, type StatementProvenance } from './fetch';
import { regroup } from './regroup';
import type { Cell, ValuesRequest } from './request';
import { requirements } from './requirements';

export type { ValuesRequest, Cell, StatementProvenance };

export interface ValuesTable {
  buckets: Period[];
  /** Member ids (hub ids or attribute values) in order; [""] when not grouped. */
  members: string[];
  /** The value of `code` in the bucket labelled `bucket` for `member`, rounded for display by unit. */
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
  const access = accessFor(ctx, request);
  const codes = access.needsHeadcount && !request.codes.includes('headcount') ? [...request.codes, 'headcount'] : request.codes;
  for (const code of codes) ctx.audit.indicator(code, dict.get(code)!.version);
  const needs = requirements(dict, codes, request.buckets, calendar);
  const fetched = await fetchLeaves(ctx, needs, request);
  const leaves = await regroup(ctx, fetched.leaves, request);
  const evaluator = new Evaluator(dict, leaves, calendar);
  const members = request.groupBy ? [...new Set([...leaves.values()].flatMap((l) => [...l.members]))].sort() : [TOTAL];
  const units = new Map(request.codes.map((c) => [c, dict.get(c)!.def.unit]));
  const table: ValuesTable = {
    buckets: [...request.buckets],
    members,
    statements: fetched.statements,
    failures: fetched.failures,
    cell(code, label, member) {
      const v = table.exact(code, label, member);
      return v.value === null ? { value: null, reason: v.reason } : { value: display(v.value, units.get(code)!) };
    },
    exact(code, label, member) {
      const bucket = request.buckets.find((b) => b.label === label)!;
      return access.check(code, bucket, member, (c) => evaluator.value(c, bucket, member));
    },
  };
  return table;
}

/**
 * Access inside the engine, on every path (tables, Department.indicators, decomposition, alerts):
 * personal-data indicators only for the roles the policy lists, and never over fewer than
 * `minimumGroupSize` people unless a role may see individuals (small-cell suppression).
 */
function accessFor(ctx: HubContext, request: ValuesRequest) {
  const { policy } = ctx.runtime;
  const roles = ctx.viewer.roles;
  const minimum = policy.policy.minimumGroupSize;
  const needsHeadcount = !ctx.viewer.individuals && request.codes.some((c) => policy.isPersonal(c));
  return {
    needsHeadcount,
    check(code: string, _bucket: Period, _member: string, compute: (code: string) => Value): Value {
      if (!policy.mayUseIndicator(code, roles)) return { value: null, reason: `not permitted: ${code} is personal data your roles may not see` };
      const value = compute(code);
      if (value.value === null || !policy.isPersonal(code) || ctx.viewer.individuals) return value;
      const people = compute('headcount');
      if (people.value === null || people.value.compare(Decimal.of(minimum)) < 0) {
        return { value: null, reason: `suppressed: ${code} covers fewer than ${minimum} people` };
      }
      return value;
    },
  };
}

const PLACES: Record<string, number> = { CNY: 2, count: 0, percent: 2, days: 1, ratio: 4, CNY_per_person: 2 };

/** Rounded for display by unit (half-up); counts that are not whole keep two places. */
function display(value: Decimal, unit: string): string {
  const places = PLACES[unit] ?? 4;
  if (unit === 'count' && value.toFixed(2) !== value.toFixed(0) + '.00') return value.toFixed(2);
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
    const verdict = ctx.runtime.policy.field(entity, attribute, ctx.viewer.roles);
    if (verdict.decision !== 'allow') {
      throw new HubError('FORBIDDEN', `Grouping by ${request.groupBy!.dimension}.${attribute} is not permitted: your roles may not see ${entity}.${attribute} unmasked.`, {
        field: `${entity}.${attribute}`,
        rule: verdict.rule,
      });
    }
  }
  if (request.rollup && request.groupBy?.dimension !== 'department') {
    throw badInput('rollup needs groupBy: department (it adds each department\'s subtree).', { argument: 'rollup' });
  }
}
