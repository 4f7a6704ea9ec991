import { isRef, type EntityName } from '../model/entities';
import { compositeHubId, compositeSourceKey } from '../keys/composite-ids';
import type { NeutralRow } from '../sources/contract';
import type { FederationContext } from './context';
import { sourceFailure } from '../sources/errors';
import { badInput } from '../errors';

/**
 * Federation: entities as the API sees them, assembled from whichever sources hold their fields.
 * An EntityParent carries its hub id and the rows already fetched, by source; fields another source
 * owns are loaded on demand through the key map and that source's DataLoader (one statement per batch).
 */
export interface EntityParent {
  entity: EntityName;
  id: string;
  rows: Partial<Record<string, NeutralRow>>;
}

export type FieldValue = string | number | boolean | null | EntityParent;

/** Hub id → source key. Conformed entities go through the key map; rows the map does not know keep
 *  their source key as "source:key", so nothing a source returns is dropped. An entity that is not
 *  conformed has one key everywhere (its home's): another source that refers to it (a fact's dimension, a
 *  reference column) holds that same key, as hubIdOf reads it. */
const INTEGER = /^-?\d{1,15}$/;

export function sourceKeyOf(
  ctx: FederationContext,
  entity: EntityName,
  source: string,
  id: string,
): string | undefined {
  const model = ctx.runtime.model.entities[entity]!;
  if (model.key.parts)
    return compositeSourceKey(ctx.runtime.model, entity, id, (ref, part) => sourceKeyOf(ctx, ref, source, part));
  // An integer key asked for with text that is no integer is the caller's mistake, answered before any
  // statement (the database would refuse the comparison and the source would look unavailable).
  if (model.key.type === 'int' && !INTEGER.test(id) && !id.startsWith(`${source}:`)) {
    throw badInput(`Invalid ${entity} id ${JSON.stringify(id)}: ${entity} ids are integers.`, { entity });
  }
  if (!model.conformed) return id;
  const mapped = ctx.runtime.keyMap.toSource(entity, source, id);
  if (mapped !== undefined) return mapped;
  const prefix = `${source}:`;
  if (id.startsWith(prefix)) return id.slice(prefix.length);
  // The source's crosswalk has not been read (it has not answered since start): its fields are unavailable,
  // as its statements would be — not silently "no counterpart".
  if (ctx.runtime.keyMap.unanswered(entity, source))
    throw sourceFailure(source, 'crosswalk', new Error(`the ${entity} crosswalk of ${source} has not been read`));
  return undefined;
}

export function hubIdOf(ctx: FederationContext, entity: EntityName, source: string, key: string): string {
  const model = ctx.runtime.model.entities[entity]!;
  if (model.key.parts)
    return compositeHubId(ctx.runtime.model, entity, key, (ref, part) => hubIdOf(ctx, ref, source, part));
  if (!model.conformed) return key;
  return ctx.runtime.keyMap.toHub(entity, source, key) ?? `${source}:${key}`;
}

function parentFromRow(ctx: FederationContext, entity: EntityName, source: string, row: NeutralRow): EntityParent {
  return { entity, id: hubIdOf(ctx, entity, source, row.key), rows: { [source]: row } };
}

export async function entityById(ctx: FederationContext, entity: EntityName, id: string): Promise<EntityParent | null> {
  const source = ctx.runtime.routing.home(entity);
  // A hub id its home source has no key for may be new there (a department created since the last
  // crosswalk read): the crosswalks are read again soon (throttled by crosswalks.missRefreshSeconds).
  if (ctx.runtime.model.entities[entity]!.conformed && sourceKeyOf(ctx, entity, source, id) === undefined)
    ctx.runtime.crosswalks?.noticeMiss();
  const row = await rowOf(ctx, entity, source, id);
  return row ? { entity, id, rows: { [source]: row } } : null;
}

export interface ListFilter {
  field: string;
  ids: readonly string[];
}

export async function listEntities(
  ctx: FederationContext,
  entity: EntityName,
  page: { limit: number; offset: number },
  where?: ListFilter,
  orderBy?: { field: string; direction: 'asc' | 'desc' },
): Promise<EntityParent[]> {
  const source = ctx.runtime.routing.home(entity);
  const adapter = ctx.runtime.adapters.get(source)!;
  const filter = where ? sourceFilter(ctx, entity, source, where) : undefined;
  if (filter === null) return [];
  const rows = await adapter.fetch(
    {
      entity,
      ...(filter ? { where: filter } : {}),
      ...(orderBy ? { orderBy } : {}),
      limit: page.limit,
      offset: page.offset,
    },
    callOf(ctx, source),
  );
  // Later lookups of these rows by key (a name, a parent) are answered from the request's known rows.
  const known = ctx.loaders.known(source, entity);
  const out: EntityParent[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!known.has(row.key)) known.set(row.key, row);
    out[i] = parentFromRow(ctx, entity, source, row);
  }
  return out;
}

/** How many rows `listEntities` has for the viewer with the same filter: one `count(*)` in the home source, scoped. */
export async function countEntities(ctx: FederationContext, entity: EntityName, where?: ListFilter): Promise<number> {
  const source = ctx.runtime.routing.home(entity);
  const filter = where ? sourceFilter(ctx, entity, source, where) : undefined;
  if (filter === null) return 0;
  return ctx.runtime.adapters.get(source)!.count({ entity, ...(filter ? { where: filter } : {}) }, callOf(ctx, source));
}

/** A list's filter in the source's keys; null when no asked id has a key there (nothing can match). */
function sourceFilter(
  ctx: FederationContext,
  entity: EntityName,
  source: string,
  where: ListFilter,
): { field: string; keys: string[] } | null {
  const type = where.field === 'key' ? { ref: entity } : ctx.runtime.model.entities[entity]!.fields[where.field];
  const keys = where.ids.flatMap((id) => {
    const key = type && isRef(type) ? sourceKeyOf(ctx, type.ref, source, id) : id;
    return key === undefined ? [] : [key];
  });
  return keys.length === 0 ? null : { field: where.field, keys };
}

/**
 * A field of an entity, from the row already at hand or from the source that owns the field. Synchronous
 * when the row is at hand (the common case in lists): a promise per field per row was a large share of a
 * 10,000-row list's time and garbage. Callers await it either way.
 */
export function fieldValue(
  ctx: FederationContext,
  parent: EntityParent,
  field: string,
): FieldValue | Promise<FieldValue> {
  const source = ctx.runtime.routing.owner(parent.entity, field);
  if (!source) return null;
  const row = parent.rows[source];
  if (row) return valueOf(ctx, parent, source, row, field);
  return rowOf(ctx, parent.entity, source, parent.id).then((loaded) => {
    if (!loaded) return null;
    parent.rows[source] = loaded;
    return valueOf(ctx, parent, source, loaded, field);
  });
}

function valueOf(
  ctx: FederationContext,
  parent: EntityParent,
  source: string,
  row: NeutralRow,
  field: string,
): FieldValue {
  const value = row[field];
  if (value === null || value === undefined) return null;
  const type = ctx.runtime.model.entities[parent.entity]!.fields[field]!;
  if (!isRef(type)) return value;
  return { entity: type.ref, id: hubIdOf(ctx, type.ref, source, String(value)), rows: {} };
}

/** Entities whose reference field points at the parent (a customer's contracts, a department's employees). */
export async function relatedEntities(
  ctx: FederationContext,
  child: EntityName,
  refField: string,
  parent: EntityParent,
  page?: { limit: number; offset: number },
): Promise<EntityParent[]> {
  const source = ctx.runtime.routing.owner(child, refField);
  if (!source) return [];
  // The parent's own row from that source carries its key there: mapped once, when the row was read.
  const own = ctx.runtime.model.entities[parent.entity]!.key.parts ? undefined : parent.rows[source]?.key;
  const key = own ?? sourceKeyOf(ctx, parent.entity, source, parent.id);
  if (key === undefined) return [];
  const rows = await ctx.loaders.rows(source, child, refField).load(key);
  const slice = page ? rows.slice(page.offset, page.offset + page.limit) : rows;
  const out: EntityParent[] = new Array(slice.length);
  for (let i = 0; i < slice.length; i++) out[i] = parentFromRow(ctx, child, source, slice[i]!);
  return out;
}

async function rowOf(
  ctx: FederationContext,
  entity: EntityName,
  source: string,
  id: string,
): Promise<NeutralRow | null> {
  const key = sourceKeyOf(ctx, entity, source, id);
  if (key === undefined) return null;
  const known = ctx.loaders.known(source, entity).get(key);
  if (known) return known;
  const rows = await ctx.loaders.rows(source, entity, 'key').load(key);
  return rows[0] ?? null;
}

export function callOf(ctx: FederationContext, source: string) {
  return ctx.callFor(source);
}
