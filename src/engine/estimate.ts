import type { HubContext } from '../hub/context';
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
 * Estimated before anything runs, without a statement. Members: without grouping 1; with a filter on the
 * grouped dimension its distinct ids; otherwise a bound on the dimension entity's members: for a conformed
 * entity the hub ids the key map knows, for any other its row count in its home source (counted at start:
 * src/hub/member-counts.ts), or limits.maxStatementRows when that count is unknown. Grouping by an
 * attribute that leads to another entity (track.genre) is also bounded by that entity's members. Not
 * narrowed by the viewer's row scope: an upper bound.
 */
export function estimateOutput(ctx: HubContext, request: ValuesRequest): OutputEstimate {
  const periods = request.buckets.length;
  const indicators = request.codes.length;
  let members = 1;
  const groupBy = request.groupBy;
  if (groupBy) {
    const filtered = request.filters.filter((f) => f.dimension === groupBy.dimension).map((f) => new Set(f.ids).size);
    members = filtered.length > 0 ? Math.min(...filtered) : groupBound(ctx, groupBy);
  }
  return { periods, members, indicators, cells: periods * members * indicators };
}

function groupBound(ctx: HubContext, groupBy: NonNullable<ValuesRequest['groupBy']>): number {
  const model = ctx.runtime.model;
  const entity = model.dimensions[groupBy.dimension]!;
  let bound = memberBound(ctx, entity);
  if (groupBy.attribute) {
    const path = resolveGroupPath(model, entity, groupBy.attribute.split('.'));
    if ('target' in path && path.target) bound = Math.min(bound, memberBound(ctx, path.target));
  }
  return Math.max(1, bound);
}

function memberBound(ctx: HubContext, entity: EntityName): number {
  if (ctx.runtime.model.entities[entity]!.conformed) return ctx.runtime.keyMap.count(entity);
  return ctx.runtime.memberCounts?.get(entity) ?? ctx.runtime.config.limits.maxStatementRows;
}
