import { visibleMembers } from '../auth/viewer';
import { badInput } from '../errors';
import { listEntities } from '../federation/entities';
import type { EngineContext } from './context';
import { pathText, type ValuesRequest } from './request';

/** Where a page stands among the members of its dimension (IndicatorTable.pageInfo). */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
  totalMembers: number;
}

/**
 * A dashboard over more members than one response may hold, paged as connections page rows: the members of
 * the first grouping path — its entity's members the viewer may see, within the request's filters on that
 * dimension — in order of member id; a page is the first `first` after the cursor. The page becomes a member
 * filter of the request (the existing filter path), so a page costs the statements of the unpaged table, is
 * scoped and row-ruled like it, and the pages together hold exactly its rows (a page shows the members of
 * its slice that have data, as the unpaged table does). The members of a conformed entity are the key
 * map's (no statement); any other entity's are listed once, in its home source within the viewer's scope.
 */
export async function pageOf(
  ctx: EngineContext,
  request: ValuesRequest,
): Promise<{ request: ValuesRequest; info: PageInfo }> {
  const page = request.page!;
  checkPage(request);
  const { dimension } = request.groupBy[0]!;
  const entity = ctx.runtime.model.dimensions[dimension]!;
  const visible = visibleMembers(ctx.viewer, entity);
  const filters = request.filters.filter((f) => f.dimension === dimension).map((f) => new Set(f.ids));
  const universe = [...(await membersOf(ctx, entity))]
    .filter((id) => (visible === 'all' || visible.has(id)) && filters.every((f) => f.has(id)))
    .sort(compareIds);
  let start = 0;
  if (page.after !== undefined && page.after !== null) {
    const last = decodeCursor(page.after);
    const at = last === undefined ? -1 : universe.indexOf(last);
    if (at < 0)
      throw badInput(
        `page.after is not a cursor of this table: pass the endCursor of the previous page unchanged (or leave it out for the first page).`,
        { argument: 'page', reason: 'INVALID_CURSOR' },
      );
    start = at + 1;
  }
  const ids = universe.slice(start, start + page.first);
  return {
    request: { ...request, page: undefined, filters: [...request.filters, { dimension, ids }] },
    info: {
      hasNextPage: start + page.first < universe.length,
      endCursor: ids.length ? encodeCursor(ids[ids.length - 1]!) : null,
      totalMembers: universe.length,
    },
  };
}

/** What a page needs of the request: refused with a coded error before anything runs. */
export function checkPage(request: ValuesRequest): void {
  const page = request.page;
  if (!page) return;
  if (!Number.isInteger(page.first) || page.first < 1)
    throw badInput(`page.first must be a positive integer (got ${page.first}).`, { argument: 'page' });
  const first = request.groupBy[0];
  if (!first)
    throw badInput('page needs a grouping: it pages the members of the first `by` dimension.', { argument: 'page' });
  if (first.attribute)
    throw badInput(
      `page pages the members of a dimension, not of an attribute path (${pathText(first)}): put a plain dimension first in \`by\`.`,
      { argument: 'page' },
    );
  if (request.top)
    throw badInput('page and top cannot be combined: top already keeps at most n members (in rank order).', {
      argument: 'page',
    });
  if (request.rollup)
    throw badInput('page and rollup cannot be combined: a unit adds up its whole subtree, across pages.', {
      argument: 'page',
    });
}

async function membersOf(ctx: EngineContext, entity: string): Promise<Iterable<string>> {
  if (ctx.runtime.model.entities[entity]!.conformed) return ctx.runtime.keyMap.ids(entity);
  const rows = await listEntities(ctx, entity, { limit: ctx.runtime.config.limits.maxStatementRows, offset: 0 });
  return rows.map((r) => r.id);
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Opaque to clients: base64url of the last member id. */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/** The member id of a cursor, or undefined when it is not one this hub wrote (not canonical base64url). */
function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return encodeCursor(id) === cursor ? id : undefined;
}
