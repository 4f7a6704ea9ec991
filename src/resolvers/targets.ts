import type { IndicatorResolvers } from '../generated/graphql';
import { visibleMembers } from '../auth/viewer';
import { organisationOf } from '../model/entities';
import { badInput } from '../errors';
import { parsePeriod } from '../values/period';
import { periodOf } from './args';

/** Indicator.targets: the target book's entries of one indicator in a range, within the viewer's row scope. */
export const IndicatorTargets: Pick<IndicatorResolvers, 'targets'> = {
  targets: (indicator, args, ctx) => {
    const from = periodOf(ctx, args.from);
    const to = periodOf(ctx, args.to);
    if (to.to <= from.from) throw badInput(`to (${to.label}) must not end before from (${from.label}) starts.`);
    const org = organisationOf(ctx.runtime.model);
    const visible = org ? visibleMembers(ctx.viewer, org.name) : 'all';
    const precision = ctx.runtime.units.precisionOf(indicator.def).places;
    return ctx.runtime.targets
      .of(indicator.def.code)
      .filter((t) => {
        const p = parsePeriod(t.period, ctx.runtime.config.calendar);
        if (p.from < from.from || p.to > to.to) return false;
        if (visible === 'all') return true;
        return t.unit !== null && visible.has(t.unit);
      })
      .map((t) => ({ period: t.period, unit: t.unit, value: t.value.toFixed(precision) })) as never;
  },
};
