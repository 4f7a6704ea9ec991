import type { HubContext } from '../hub/context';
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
 * over the dimension paths of each one's member count — the distinct ids of a filter on its dimension, else
 * the number of hub ids the key map knows for the dimension's entity (an upper bound for every mapped
 * member, also for an attribute path, and not narrowed by the viewer's row scope) — and at most N for a
 * top-N request. Members a source has that the key map does not know are bounded by the statement row cap
 * (limits.maxStatementRows) instead.
 */
export function estimateOutput(ctx: HubContext, request: ValuesRequest): OutputEstimate {
  const periods = request.buckets.length;
  const indicators = request.codes.length;
  let members = 1;
  for (const g of request.groupBy) {
    const filtered = request.filters.filter((f) => f.dimension === g.dimension).map((f) => new Set(f.ids).size);
    members *= filtered.length > 0 ? Math.min(...filtered) : Math.max(1, ctx.runtime.keyMap.count(ctx.runtime.model.dimensions[g.dimension]!));
  }
  if (request.top) members = Math.min(members, Math.max(1, request.top.n));
  return { periods, members, indicators, cells: periods * members * indicators };
}
