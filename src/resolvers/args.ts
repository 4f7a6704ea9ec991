import { badInput } from '../errors';
import type { HubContext } from '../app/context';
import { parseApiPeriod, type Period } from '../values/period';

export interface Page {
  limit: number;
  offset: number;
}

/** limit/offset with the configured default and maximum; out-of-range values are refused, not clamped. */
export function pageOf(ctx: HubContext, args: { limit?: number | null; offset?: number | null }): Page {
  const { defaultPageSize, maxPageSize } = ctx.runtime.config.limits;
  const limit = args.limit ?? defaultPageSize;
  const offset = args.offset ?? 0;
  if (limit < 1 || limit > maxPageSize) {
    throw badInput(`limit must be between 1 and ${maxPageSize}, received ${limit}; page with offset for more rows.`, {
      argument: 'limit',
    });
  }
  if (offset < 0) throw badInput(`offset must be 0 or more, received ${offset}.`, { argument: 'offset' });
  return { limit, offset };
}

/** A period argument: the accepted forms within the supported years (src/values/period.ts). */
export function periodOf(ctx: HubContext, period: string): Period {
  return parseApiPeriod(period, ctx.runtime.config.calendar);
}
