import type { AlertResolvers, QueryResolvers } from '../generated/graphql';
import { evaluateAlerts, type Alert } from '../engine/alerts';
import { decompose, type DecompositionNode } from '../engine/decompose';
import { badInput } from '../errors';
import type { UnitBook } from '../indicators/units';
import { organisationOf } from '../model/entities';
import { fieldValue, type EntityParent } from '../federation/entities';
import { yearAgo } from '../values/buckets';
import { periodOf } from './args';

const SEVERITY_RANK = { info: 1, warning: 2, critical: 3 } as const;

export const analysisQueries: Pick<QueryResolvers, 'decomposition' | 'alerts'> = {
  decomposition: async (_p, args, ctx) => {
    if (!ctx.dictionary.get(args.code)) throw badInput(`Unknown indicator "${args.code}".`, { argument: 'code' });
    const period = periodOf(ctx, args.period);
    const base = args.comparedTo ? periodOf(ctx, args.comparedTo) : yearAgo(period, ctx.runtime.config.calendar);
    if (base.grain !== period.grain) {
      throw badInput(`comparedTo (${base.label}) must be a period of the same grain as period (${period.label}).`, { argument: 'comparedTo' });
    }
    const depth = args.depth ?? 2;
    if (depth < 0 || depth > 5) throw badInput(`depth must be between 0 and 5, received ${depth}.`, { argument: 'depth' });
    return toGraphQL(await decompose(ctx, args.code, period, base, args.department ?? null, depth), ctx.runtime.units) as never;
  },
  alerts: async (_p, args, ctx) => {
    const min = SEVERITY_RANK[(args.minSeverity ?? 'INFO').toLowerCase() as keyof typeof SEVERITY_RANK];
    const alerts = await evaluateAlerts(ctx, periodOf(ctx, args.period), args.departments ?? null);
    return alerts.filter((a) => SEVERITY_RANK[a.severity] >= min) as never;
  },
};

interface NodeOut {
  code: string;
  label: string;
  indicator: DecompositionNode['indicator'];
  value: string | null;
  baseValue: string | null;
  change: string | null;
  contribution: string | null;
  reason: string | null;
  method: string | null;
  residual: string | null;
  drivers: NodeOut[];
}

/** Values shown with the indicator's precision (contributions in the parent's unit). */
function toGraphQL(node: DecompositionNode, units: UnitBook, places = placesOf(node, units)): NodeOut {
  const own = placesOf(node, units);
  const show = (v: { value: { toFixed(n: number): string } | null } | null, p: number) => (v && v.value ? v.value.toFixed(p) : null);
  return {
    code: node.code,
    label: node.label,
    indicator: node.indicator,
    value: show(node.value, own),
    baseValue: show(node.base, own),
    change: show(node.change, own),
    contribution: show(node.contribution, places),
    reason: node.value.reason ?? node.base.reason ?? node.contribution?.reason ?? null,
    method: node.method,
    residual: show(node.residual, own),
    drivers: node.drivers.map((d) => toGraphQL(d, units, own)),
  };
}

/** The indicator's precision, but at least two places: shares of a change are rarely whole. */
function placesOf(node: DecompositionNode, units: UnitBook): number {
  return node.indicator ? Math.max(2, units.precisionOf(node.indicator.def).places) : 2;
}

export const AlertType: AlertResolvers = {
  severity: (a) => (a as unknown as Alert).severity.toUpperCase() as never,
  notify: async (a, _args, ctx) => {
    const alert = a as unknown as Alert;
    const org = organisationOf(ctx.runtime.model);
    const headField = org?.organisation?.head;
    const head = org && headField ? await fieldValue(ctx, { entity: org.name, id: alert.unit, rows: {} }, headField) : null;
    // The head is named by its `name` field when its entity has one, else by its id.
    const headParent = head && typeof head === 'object' ? (head as EntityParent) : null;
    const headName = headParent ? (ctx.runtime.model.entities[headParent.entity]?.fields.name ? await fieldValue(ctx, headParent, 'name') : headParent.id) : null;
    return [
      `${alert.indicator.def.owner.person} (owner of ${alert.indicator.def.code})`,
      ...(typeof headName === 'string' ? [`${headName} (head of ${alert.unit})`] : []),
    ];
  },
};
