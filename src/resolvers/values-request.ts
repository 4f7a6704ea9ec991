import type { QueryIndicatorValuesArgs } from '../generated/graphql';
import type { ValuesRequest } from '../engine';
import type { GroupBy } from '../engine/request';
import { badInput } from '../errors';
import type { HubContext } from '../app/context';
import { bucketsBetween, MAX_BUCKETS } from '../values/buckets';
import type { CompanyModel } from '../model/entities';
import type { Grain } from '../values/period';
import { resolveGroupPath } from '../engine/group-path';
import { periodOf } from './args';
import { dimensionPaths } from '../model/dimension-paths';

/**
 * indicatorValues' arguments as an engine request: periods parsed, the run of buckets (at most
 * MAX_BUCKETS), grouping and filters checked. Shared by the resolver and the output limit, which estimates
 * the request before anything executes.
 */
export function valuesRequestOf(ctx: HubContext, args: QueryIndicatorValuesArgs): ValuesRequest {
  const grain = args.grain.toLowerCase() as Grain;
  const first = periodOf(ctx, args.from);
  const last = periodOf(ctx, args.to ?? args.from);
  if (last.to <= first.from)
    throw badInput(`"to" (${last.label}) must not be before "from" (${first.label}).`, { argument: 'to' });
  let buckets;
  try {
    buckets = bucketsBetween(first, last, grain, ctx.runtime.config.calendar, MAX_BUCKETS);
  } catch {
    throw badInput(`At most ${MAX_BUCKETS} periods per request: use a coarser grain or a shorter run.`, {
      argument: 'grain',
    });
  }
  return {
    codes: [...new Set(args.codes)],
    buckets,
    grain,
    groupBy: groupingOf(ctx.runtime.model, args),
    filters: (args.filters ?? []).map((f) => {
      const dimensions = ctx.runtime.model.dimensions;
      if (!(f.dimension in dimensions))
        throw badInput(`Unknown filter dimension "${f.dimension}" (known: ${Object.keys(dimensions).join(', ')}).`);
      return { dimension: f.dimension, ids: f.ids };
    }),
    rollup: args.rollup ?? false,
    ...(args.page ? { page: { first: args.page.first, after: args.page.after ?? undefined } } : {}),
    ...(args.top
      ? {
          top: {
            indicator: args.top.indicator,
            n: args.top.n,
            direction: (args.top.direction ?? 'DESC') === 'ASC' ? ('asc' as const) : ('desc' as const),
            ...(args.top.per ? { per: perOf(ctx.runtime.model, args.top.per) } : {}),
          },
        }
      : {}),
  };
}

/** top.per (a value of IndicatorDimension) as the path text of the grouping it names. */
function perOf(model: CompanyModel, value: string): string {
  const path = pathsOf(model).get(value);
  if (!path) throw badInput(`Unknown dimension "${value}" for top.per.`, { argument: 'top' });
  return path;
}

/** `by` (enum values of IndicatorDimension) or the deprecated `groupBy` text, never both. */
function groupingOf(model: CompanyModel, args: QueryIndicatorValuesArgs): GroupBy[] {
  if (args.by && args.groupBy) throw badInput('Give `by` or the deprecated `groupBy`, not both.', { argument: 'by' });
  if (args.groupBy) return [parseGroupBy(model, args.groupBy)];
  const paths = pathsOf(model);
  return (args.by ?? []).map((value) => {
    const path = paths.get(value);
    if (!path)
      throw badInput(`Unknown dimension "${value}" (known: ${[...paths.keys()].join(', ') || 'none'}).`, {
        argument: 'by',
      });
    return parseGroupBy(model, path);
  });
}

const cachedPaths = new WeakMap<CompanyModel, Map<string, string>>();

/** IndicatorDimension value → path text, computed once per model. */
function pathsOf(model: CompanyModel): Map<string, string> {
  let paths = cachedPaths.get(model);
  if (!paths) cachedPaths.set(model, (paths = new Map(dimensionPaths(model).map((p) => [p.value, p.path]))));
  return paths;
}

/** A dimension of the model (any fact dimension declared with an entity), optionally `.attribute` of its
 *  entity or a path through its references (`.album.artist`: src/engine/group-path.ts). */
function parseGroupBy(model: CompanyModel, text: string): GroupBy {
  const [dimension, ...path] = text.split('.');
  const entity = dimension === undefined ? undefined : model.dimensions[dimension];
  if (!entity) {
    const example = Object.entries(model.dimensions)
      .map(([d, e]) => [
        d,
        Object.entries(model.entities[e]?.fields ?? {}).find(([f, t]) => typeof t === 'string' && f !== 'name')?.[0],
      ])
      .find(([, a]) => a);
    throw badInput(
      `Unknown groupBy "${text}": expected one of ${Object.keys(model.dimensions).join(', ')}, optionally with an attribute${example ? ` (${example[0]}.${example[1]})` : ''}.`,
      {
        argument: 'groupBy',
      },
    );
  }
  if (path.length > 0) {
    const resolved = resolveGroupPath(model, entity, path);
    if ('problem' in resolved)
      throw badInput(`Unknown attribute "${path.join('.')}" of ${dimension}: ${resolved.problem}.`, {
        argument: 'groupBy',
      });
  }
  return { dimension: dimension!, ...(path.length ? { attribute: path.join('.') } : {}) };
}
