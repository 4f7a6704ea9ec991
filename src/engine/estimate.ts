import type { EngineContext } from './context';
import type { EntityName } from '../model/entities';
import { resolveGroupPath } from './group-path';
import type { ValuesRequest } from './request';

/** What an indicator table will hold: periods × members × indicators cells. */
export interface OutputEstimate {
  periods: number;
  members: number;
  indicators: number;
  cells: number;
}

/**
 * Estimated before anything runs, without a statement. Members: without grouping 1; grouped, the product
 * over the dimension paths of each one's bound — the distinct ids of a filter on its dimension, otherwise a
 * bound on the dimension entity's members: for a conformed entity the hub ids the key map knows, for any
 * other its row count in its home source (counted at start: src/federation/member-counts.ts), or
 * limits.maxStatementRows when that count is unknown; a path that leads to another entity (track.genre) is
 * also bounded by that entity's members — at most `page.first` for the first path of a paged request, and
 * at most N for a top-N request. Not narrowed by the viewer's
 * row scope: an upper bound.
 */
export function estimateOutput(ctx: EngineContext, request: ValuesRequest): OutputEstimate {
  const periods = request.buckets.length;
  const indicators = request.codes.length;
  let members = 1;
  request.groupBy.forEach((g, i) => {
    const filtered = request.filters.filter((f) => f.dimension === g.dimension).map((f) => new Set(f.ids).size);
    const bound = filtered.length > 0 ? Math.min(...filtered) : groupBound(ctx, g);
    // A page holds at most `first` members of the first path (src/engine/member-page.ts).
    members *= i === 0 && request.page ? Math.min(bound, Math.max(1, request.page.first)) : bound;
  });
  if (request.top) members = Math.min(members, Math.max(1, request.top.n));
  return { periods, members, indicators, cells: periods * members * indicators };
}

function groupBound(ctx: EngineContext, groupBy: ValuesRequest['groupBy'][number]): number {
  const model = ctx.runtime.model;
  const entity = model.dimensions[groupBy.dimension]!;
  let bound = memberBound(ctx, entity);
  if (groupBy.attribute) {
    const path = resolveGroupPath(model, entity, groupBy.attribute.split('.'));
    if ('target' in path && path.target) bound = Math.min(bound, memberBound(ctx, path.target));
  }
  return Math.max(1, bound);
}

function memberBound(ctx: EngineContext, entity: EntityName): number {
  if (ctx.runtime.model.entities[entity]!.conformed) return ctx.runtime.keyMap.count(entity);
  return ctx.runtime.memberCounts?.get(entity) ?? ctx.runtime.config.limits.maxStatementRows;
}
