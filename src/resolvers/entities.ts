import type { GraphQLFieldResolver } from 'graphql';
import { HubError } from '../errors';
import type { HubContext } from '../app/context';
import { entityById, fieldValue, listEntities, relatedEntities, type EntityParent } from '../federation/entities';
import { releasedMeasure } from '../engine/release';
import { measureOf } from '../federation/measures';
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
  for (const field of Object.keys(entity.fields)) out[field] = (parent, _args, ctx) => fieldValue(ctx, parent, field);
  for (const [name, r] of Object.entries(entity.relations)) {
    out[name] = (parent, args, ctx) => relatedEntities(ctx, r.entity, r.via, parent, r.paged ? pageOf(ctx, args) : undefined);
  }
  for (const [name, figure] of Object.entries(entity.figures)) out[name] = figureResolver(figure, entity.figures);
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A figure in a period (`period` argument); with `periodOptional`, without one: today. Figures over
 * personal data go through the one release check of indicator cells (src/engine/release.ts): refused for
 * roles the policy does not grant personal data, exact for roles that may see individuals, otherwise
 * released only if the group passes the small-cell and differencing rules against what this principal
 * was given before.
 */
function figureResolver(figure: FigureModel, figures: Record<string, FigureModel>): Resolver {
  return async (parent, args, ctx) => {
    const raw = typeof args.period === 'string' ? args.period : undefined;
    const period = raw === undefined ? undefined : periodOf(ctx, raw);
    if (!period && !figure.periodOptional) throw new HubError('BAD_USER_INPUT', `A period is required for ${parent.entity}.${figureName(figure, figures)}.`);
    const value = period ? await releasedMeasure(ctx, parent, figure, period) : await measureOf(ctx, parent, figure, { asOf: today() });
    if (value === null) return null;
    const type = ctx.runtime.adapters.get(figure.source)?.catalog.facts[figure.fact]?.measures[figure.measure]?.type;
    return type === 'int' ? Number(value) : String(value);
  };
}

const figureName = (figure: FigureModel, figures: Record<string, FigureModel>) => Object.keys(figures).find((k) => figures[k] === figure) ?? figure.measure;


/**
 * Query fields from the model: each entity's list (`list:`) with `ids`, `<reference>Id` filters and
 * paging, and its by-id lookup (the entity name in lowerCamel case).
 */
export function entityQueryResolvers(model: CompanyModel): Record<string, GraphQLFieldResolver<unknown, HubContext, Record<string, unknown>>> {
  const out: Record<string, GraphQLFieldResolver<unknown, HubContext, Record<string, unknown>>> = {};
  for (const e of Object.values(model.entities)) {
    out[lowerFirst(e.name)] = (_p, args, ctx) => entityById(ctx, e.name, String(args.id));
    const parts = e.key.parts;
    if (parts) out[`${lowerFirst(e.name)}${BY_KEY}`] = (_p, args, ctx) => entityById(ctx, e.name, encodeKey(parts.map((p) => String(args[p]))));
    if (!e.list) continue;
    const refFilters = Object.entries(e.fields).filter(([, t]) => isRef(t)).map(([field]) => field);
    out[e.list] = (_p, args, ctx) => {
      const page = pageOf(ctx, args as { limit?: number | null; offset?: number | null });
      if (Array.isArray(args.ids)) return listEntities(ctx, e.name, page, { field: 'key', ids: args.ids.map(String) });
      const field = refFilters.find((f) => args[`${f}Id`] !== undefined && args[`${f}Id`] !== null);
      return listEntities(ctx, e.name, page, field ? { field, ids: [String(args[`${field}Id`])] } : undefined);
    };
  }
  return out;
}
