import { lastDay, type Period } from '../values/period';
import { visibleMembers } from '../auth/viewer';
import type { MeasureValue } from '../loaders';
import type { HubContext } from '../app/context';
import { sourceKeyOf, type EntityParent } from './entities';

/** A measure of a source fact, cut by one of its dimensions (e.g. CRM orders.revenue by department). */
export interface MeasureRef {
  source: string;
  fact: string;
  measure: string;
  dimension: string;
}

/**
 * The measure for one entity (department, customer, supplier…) in a period: batched with every other
 * measure of the same fact in the request into one GROUP BY statement.
 * - null: the entity has no counterpart in that source (e.g. a non-sales department in the CRM);
 * - zero: it has one, but no rows in the period (sums and counts; averages stay null).
 * Event facts use the period window; state facts (headcount) are taken on the period's last day.
 */
export async function measureOf(
  ctx: HubContext,
  parent: EntityParent,
  ref: MeasureRef,
  time: { period?: Period | undefined; asOf?: string | undefined },
): Promise<MeasureValue> {
  // A member of a ruled entity outside the viewer's rules (reached through a reference) has no figures for them.
  const visible = visibleMembers(ctx.viewer, parent.entity);
  if (visible !== 'all' && !visible.has(parent.id)) return null;
  const member = sourceKeyOf(ctx, parent.entity, ref.source, parent.id);
  if (member === undefined) return null;
  const fact = ctx.runtime.adapters.get(ref.source)?.catalog.facts[ref.fact];
  const measure = fact?.measures[ref.measure];
  if (!fact || !measure) throw new Error(`Unknown measure ${ref.source}.${ref.fact}.${ref.measure}`);
  const window = fact.kind === 'event' && time.period ? { from: time.period.from, to: time.period.to } : undefined;
  const asOf = fact.kind === 'state' ? (time.asOf ?? (time.period ? lastDay(time.period) : undefined)) : undefined;
  const value = await ctx.loaders.aggregate.load({ source: ref.source, fact: ref.fact, measure: ref.measure, dimension: ref.dimension, member, window, asOf });
  if (value !== null) return value;
  if (measure.agg === 'sum') return measure.type === 'decimal' ? '0.00' : 0;
  if (measure.agg === 'count' || measure.agg === 'count_distinct') return 0;
  return null;
}
