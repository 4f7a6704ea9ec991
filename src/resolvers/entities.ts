import type { GraphQLFieldResolver } from 'graphql';
import { HubError } from '../errors';
import type { HubContext } from '../app/context';
import {
  countEntities,
  entityById,
  fieldValue,
  listEntities,
  relatedEntities,
  type EntityParent,
  type ListFilter,
} from '../federation/entities';
import { bucketOf } from '../values/buckets';
import type { Decimal } from '../values/decimal';
import type { CompanyModel, EntityModel, FigureModel } from '../model/entities';
import { isRef } from '../model/entities';
import { lowerFirst, memberDimensions } from '../model/member-dimension';
import { pageOf, periodOf } from './args';
import { BY_KEY } from '../schema/generate';
import { encodeKey } from '../values/composite-key';
import { memberIndicators } from './indicators';

type Resolver = GraphQLFieldResolver<EntityParent, HubContext, Record<string, unknown>>;
type TypeResolvers = Record<string, Resolver>;

/**
 * Resolvers for the model's entity types, from the model alone: `id`, every field (from the row at hand
 * or the source that owns it), every relation (a reverse list, batched per request) and every figure
 * (a per-member measure, batched into one GROUP BY per fact), and `indicators` on the entities that are
 * fact dimensions: exactly the fields src/schema/generate.ts declares.
 */
export function entityTypeResolvers(model: CompanyModel): Record<string, TypeResolvers> {
  const members = memberDimensions(model);
  return Object.fromEntries(
    Object.values(model.entities).map((e) => {
      const own = typeResolvers(e);
      const dimension = members[e.name];
      if (dimension && !('indicators' in own)) own.indicators = memberIndicators(dimension) as unknown as Resolver;
      return [e.name, own];
    }),
  );
}

function typeResolvers(entity: EntityModel): TypeResolvers {
  const out: TypeResolvers = { id: (parent) => parent.id };
  for (const [field, type] of Object.entries(entity.fields))
    out[field] = fieldResolver(entity.name, field, !isRef(type));
  for (const [name, r] of Object.entries(entity.relations)) {
    out[name] = (parent, args, ctx) =>
      relatedEntities(ctx, r.entity, r.via, parent, r.paged ? pageOf(ctx, args) : undefined);
  }
  for (const [name, figure] of Object.entries(entity.figures)) out[name] = figureResolver(entity.name, name, figure);
  return out;
}

/**
 * A field's resolver. A plain column (not a reference) of a row at hand is a property read: its owning
 * source is looked up once per runtime, not per row (a 10,000-row list reads ~100,000 of them); anything
 * else goes through `fieldValue` (a row to load, a reference to map).
 */
function fieldResolver(entity: string, field: string, plain: boolean): Resolver {
  let owner: { runtime: HubContext['runtime']; source: string | undefined } | undefined;
  return (parent, _args, ctx) => {
    if (plain) {
      if (owner?.runtime !== ctx.runtime)
        owner = { runtime: ctx.runtime, source: ctx.runtime.routing.owner(entity, field) };
      const row = owner.source === undefined ? undefined : parent.rows[owner.source];
      if (row) return row[field] ?? null;
    }
    return fieldValue(ctx, parent, field);
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A figure in a period (`period` argument); with `periodOptional`, a state or snapshot fact's figure
 * without one is taken today (an event fact's needs a period). A figure is an indicator over one measure
 * (src/engine/member-values.ts): batched with every figure and `indicators` cell of the request into one
 * computation per (dimension, period), cached like indicator cells, through the one release check for
 * personal data — FORBIDDEN for roles the policy does not grant personal data, exact for roles that may
 * see individuals, otherwise SUPPRESSED unless the group passes the small-cell and differencing rules.
 * A null that has a coded cause (a refusal, a failed source) is that error; otherwise null means no
 * counterpart in the source or out of the viewer's scope.
 */
function figureResolver(entity: string, name: string, figure: FigureModel): Resolver {
  return async (parent, args, ctx) => {
    const raw = typeof args.period === 'string' ? args.period : undefined;
    const fact = ctx.runtime.adapters.get(figure.source)?.catalog.facts[figure.fact];
    const undated = figure.periodOptional && fact?.kind !== 'event';
    if (raw === undefined && !undated) {
      throw new HubError('BAD_USER_INPUT', `A period is required for ${parent.entity}.${name}.`);
    }
    const period = raw === undefined ? bucketOf(today(), 'day', ctx.runtime.config.calendar) : periodOf(ctx, raw);
    const { dimension } = figure;
    const value = await ctx.loaders.values.load({ figure: { entity, name }, dimension, period, member: parent.id });
    if (value.value === null) {
      if (value.error) throw value.error;
      return null;
    }
    return fact?.measures[figure.measure]?.type === 'int' ? Number(value.value.toString()) : decimalText(value.value);
  };
}

/** A decimal figure as its exact text; a zero (no rows) with at least two places, as money is shown. */
const decimalText = (v: Decimal) => (v.isZero() ? v.toFixed(Math.max(2, v.scale)) : v.toString());

/**
 * Query fields from the model: each entity's list (`list:`) with `ids`, `<reference>Id` filters and
 * paging, and its by-id lookup (the entity name in lowerCamel case).
 */
export function entityQueryResolvers(
  model: CompanyModel,
): Record<string, GraphQLFieldResolver<unknown, HubContext, Record<string, unknown>>> {
  const out: Record<string, GraphQLFieldResolver<unknown, HubContext, Record<string, unknown>>> = {};
  for (const e of Object.values(model.entities)) {
    out[lowerFirst(e.name)] = (_p, args, ctx) => entityById(ctx, e.name, String(args.id));
    const parts = e.key.parts;
    if (parts)
      out[`${lowerFirst(e.name)}${BY_KEY}`] = (_p, args, ctx) =>
        entityById(ctx, e.name, encodeKey(parts.map((p) => String(args[p]))));
    if (!e.list) continue;
    const refFilters = Object.entries(e.fields)
      .filter(([, t]) => isRef(t))
      .map(([field]) => field);
    const filterOf = (args: Record<string, unknown>): ListFilter | undefined => {
      if (Array.isArray(args.ids)) return { field: 'key', ids: args.ids.map(String) };
      const field = refFilters.find((f) => args[`${f}Id`] !== undefined && args[`${f}Id`] !== null);
      return field ? { field, ids: [String(args[`${field}Id`])] } : undefined;
    };
    out[e.list] = (_p, args, ctx) => {
      const page = pageOf(ctx, args as { limit?: number | null; offset?: number | null });
      const order = orderOf(ctx, e.name, args.orderBy as SortArg | null | undefined);
      return listEntities(ctx, e.name, page, filterOf(args), order);
    };
    out[`${e.list}Count`] = (_p, args, ctx) => countEntities(ctx, e.name, filterOf(args));
  }
  return out;
}

interface SortArg {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

/**
 * A list's `orderBy`: only by a field the viewer sees unmasked — sorting by a masked or denied field would
 * reveal its order — else FORBIDDEN (FIELD_MASKED / FIELD_DENIED), like grouping by one.
 */
function orderOf(
  ctx: HubContext,
  entity: string,
  arg: SortArg | null | undefined,
): { field: string; direction: 'asc' | 'desc' } | undefined {
  if (!arg) return undefined;
  const verdict = ctx.runtime.policy.field(entity, arg.field, ctx.viewer.roles);
  if (verdict.decision !== 'allow') {
    const masked = verdict.decision.startsWith('mask:');
    throw new HubError(
      'FORBIDDEN',
      `Sorting by ${entity}.${arg.field} is not permitted: your roles ${masked ? 'see it only masked' : 'may not see it'}.`,
      {
        reason: masked ? 'FIELD_MASKED' : 'FIELD_DENIED',
        field: `${entity}.${arg.field}`,
        rule: verdict.rule,
        argument: 'orderBy',
      },
    );
  }
  return { field: arg.field === 'id' ? 'key' : arg.field, direction: arg.direction === 'DESC' ? 'desc' : 'asc' };
}
