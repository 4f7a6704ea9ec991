import type { EngineContext } from './context';
import { fieldValue, listEntities } from '../federation/entities';
import type { BridgeDimension } from '../model/entities';
import type { ValuesRequest } from './request';

/**
 * Many-to-many dimensions (a fact's `bridges`): a playlist is reached from an invoice line's track through
 * the PlaylistTrack pairs. The fact's one statement groups (and filters) by the `through` dimension; the hub
 * then fans each member out to every member of the bridge dimension it reaches (src/engine/regroup.ts). So a
 * line whose track is on two playlists counts once in each, and once in any total: sums are never
 * multiplied by the join, because the join never happens in SQL.
 */
export const bridgeOf = (ctx: Pick<EngineContext, 'runtime'>, dimension: string): BridgeDimension | undefined =>
  ctx.runtime.model.bridges?.[dimension];

/** The dimension a statement groups or filters by for `dimension`: itself, or a bridge's `through`. */
export const statementDimension = (ctx: Pick<EngineContext, 'runtime'>, dimension: string): string =>
  bridgeOf(ctx, dimension)?.through ?? dimension;

const memo = new WeakMap<object, Map<string, Promise<Map<string, string[]>>>>();

/**
 * through member (hub id) → the bridge dimension's members it reaches (hub ids), from every pair of the bridge
 * entity (one listing of it, in its home source, within the viewer's scope). Read once per request.
 */
export function bridgePairs(ctx: EngineContext, dimension: string): Promise<Map<string, string[]>> {
  const bridge = bridgeOf(ctx, dimension)!;
  let perRequest = memo.get(ctx.loaders);
  if (!perRequest) memo.set(ctx.loaders, (perRequest = new Map()));
  let pairs = perRequest.get(dimension);
  if (!pairs) {
    pairs = (async () => {
      const rows = await listEntities(ctx, bridge.bridge, { limit: 10_000_000, offset: 0 });
      const out = new Map<string, string[]>();
      for (const row of rows) {
        const [from, to] = await Promise.all([fieldValue(ctx, row, bridge.from), fieldValue(ctx, row, bridge.to)]);
        if (!from || typeof from !== 'object' || !to || typeof to !== 'object') continue;
        const list = out.get(from.id) ?? [];
        if (!list.includes(to.id)) list.push(to.id);
        out.set(from.id, list);
      }
      return out;
    })();
    perRequest.set(dimension, pairs);
  }
  return pairs;
}

/**
 * The request's filters in statement dimensions: a filter on a bridge dimension becomes the `through`
 * members reaching any of its ids (several filters on one statement dimension intersect).
 */
export async function statementFilters(
  ctx: EngineContext,
  request: Pick<ValuesRequest, 'filters'>,
): Promise<Array<{ dimension: string; ids: readonly string[] }>> {
  const out = new Map<string, string[]>();
  for (const f of request.filters) {
    let ids: string[] = [...f.ids];
    const bridge = bridgeOf(ctx, f.dimension);
    if (bridge) {
      const wanted = new Set(f.ids);
      const pairs = await bridgePairs(ctx, f.dimension);
      ids = [...pairs].filter(([, targets]) => targets.some((t) => wanted.has(t))).map(([through]) => through);
    }
    const dimension = bridge?.through ?? f.dimension;
    const prev = out.get(dimension);
    out.set(dimension, prev ? prev.filter((id) => ids.includes(id)) : ids);
  }
  return [...out].map(([dimension, ids]) => ({ dimension, ids }));
}
