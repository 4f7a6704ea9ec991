import type { AlertResolvers, QueryResolvers } from '../generated/graphql';
import { evaluateAlerts, type Alert } from '../engine/alerts';
import { decompose, type DecompositionNode } from '../engine/decompose';
import { badInput } from '../errors';
import type { UnitBook } from '../indicators/units';
import { organisationOf, peopleOf } from '../model/entities';
import { fieldValue, type EntityParent } from '../federation/entities';
import { yearAgo } from '../values/buckets';
import { periodOf } from './args';
import { principalIdProblem } from '../auth/principal-id';

const SEVERITY_RANK = { info: 1, warning: 2, critical: 3 } as const;

export const analysisQueries: Pick<QueryResolvers, 'decomposition' | 'alerts'> = {
  decomposition: async (_p, args, ctx) => {
    if (!ctx.dictionary.get(args.code)) throw badInput(`Unknown indicator "${args.code}".`, { argument: 'code' });
    const period = periodOf(ctx, args.period);
    const base = args.comparedTo ? periodOf(ctx, args.comparedTo) : yearAgo(period, ctx.runtime.config.calendar);
    if (base.grain !== period.grain) {
      throw badInput(`comparedTo (${base.label}) must be a period of the same grain as period (${period.label}).`, {
        argument: 'comparedTo',
      });
    }
    const depth = args.depth ?? 2;
    if (depth < 0 || depth > 5)
      throw badInput(`depth must be between 0 and 5, received ${depth}.`, { argument: 'depth' });
    const unit = newOrDeprecated(args.unit, 'unit', args.department, 'department');
    return toGraphQL(await decompose(ctx, args.code, period, base, unit ?? null, depth), ctx.runtime.units) as never;
  },
  alerts: async (_p, args, ctx) => {
    const min = SEVERITY_RANK[(args.minSeverity ?? 'INFO').toLowerCase() as keyof typeof SEVERITY_RANK];
    const units = newOrDeprecated(args.units, 'units', args.departments, 'departments');
    const alerts = await evaluateAlerts(ctx, periodOf(ctx, args.period), units ?? null);
    return alerts.filter((a) => SEVERITY_RANK[a.severity] >= min) as never;
  },
};

/** An argument given under its name or its deprecated one (accepted for one release), not both. */
function newOrDeprecated<T>(value: T | null | undefined, name: string, old: T | null | undefined, oldName: string) {
  if (value !== undefined && value !== null && old !== undefined && old !== null) {
    throw badInput(`Give ${name} or ${oldName} (its deprecated name), not both.`, { argument: oldName });
  }
  return value ?? old;
}

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
  const show = (v: { value: { toFixed(n: number): string } | null } | null, p: number) =>
    v && v.value ? v.value.toFixed(p) : null;
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
    const model = ctx.runtime.model;
    const org = organisationOf(model);
    const headField = org?.organisation?.head;
    const head =
      org && headField ? await fieldValue(ctx, { entity: org.name, id: alert.unit, rows: {} }, headField) : null;
    // A person is named by their `name` field when their entity has one, else by their id.
    const nameOf = async (person: EntityParent): Promise<unknown> =>
      model.entities[person.entity]?.fields.name ? await fieldValue(ctx, person, 'name') : person.id;
    const headName = head && typeof head === 'object' ? await nameOf(head as EntityParent) : null;
    const people = peopleOf(model);
    const ownerId = alert.indicator.def.owner.person;
    const readable = people && !principalIdProblem(people.key.type, ownerId);
    const ownerName = readable ? await nameOf({ entity: people.name, id: ownerId, rows: {} }) : ownerId;
    return [
      `${typeof ownerName === 'string' ? ownerName : ownerId} (owner of ${alert.indicator.def.code})`,
      ...(typeof headName === 'string' ? [`${headName} (head of ${alert.unit})`] : []),
    ];
  },
};
