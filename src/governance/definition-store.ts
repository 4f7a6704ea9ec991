import type { ChangeRequest, DiffEntry, IndicatorHead, PublishedVersion } from './types';
import type { IndicatorDefinition } from '../indicators/definition';
import { from, type SqlConnection } from '../db/connection';

/**
 * The SQL side of indicator governance (src/governance/service.ts holds the rules): heads, immutable
 * versions and change requests in the hub store. Every write takes the connection it is given, so the
 * service runs a whole lifecycle step — state change, version, notice — in one transaction.
 */
type Row = Record<string, unknown>;

export interface StoredSnapshot {
  heads: IndicatorHead[];
  versions: PublishedVersion[];
}

export async function readSnapshot(conn: SqlConnection): Promise<StoredSnapshot> {
  const [heads, versions] = await Promise.all([
    from(conn, 'indicator_head').select('*').orderBy('code') as Promise<Row[]>,
    from(conn, 'indicator_version').select('*').orderBy(['code', 'version']) as Promise<Row[]>,
  ]);
  return { heads: heads.map(headOf), versions: versions.map(versionOf) };
}

export async function readHead(conn: SqlConnection, code: string): Promise<IndicatorHead | undefined> {
  const row = (await from(conn, 'indicator_head').where({ code }).first()) as Row | undefined;
  return row ? headOf(row) : undefined;
}

export async function insertHead(conn: SqlConnection, head: IndicatorHead): Promise<void> {
  await from(conn, 'indicator_head').insert({
    code: head.code,
    domain: head.domain,
    status: head.status,
    current_version: head.currentVersion,
    successor: head.successor,
    archived_at: head.archivedAt,
    revision: head.revision,
  });
}

/**
 * Moves a head from the revision the caller read to the next one; false when someone else moved it first
 * (the caller turns that into a CONFLICT naming the current version).
 */
export async function advanceHead(
  conn: SqlConnection,
  code: string,
  expectedRevision: number,
  next: Partial<Pick<IndicatorHead, 'status' | 'currentVersion' | 'successor' | 'archivedAt' | 'domain'>>,
): Promise<boolean> {
  const changes: Row = { revision: expectedRevision + 1 };
  if (next.status !== undefined) changes.status = next.status;
  if (next.currentVersion !== undefined) changes.current_version = next.currentVersion;
  if (next.successor !== undefined) changes.successor = next.successor;
  if (next.archivedAt !== undefined) changes.archived_at = next.archivedAt;
  if (next.domain !== undefined) changes.domain = next.domain;
  const updated = await from(conn, 'indicator_head').where({ code, revision: expectedRevision }).update(changes);
  return Number(updated) === 1;
}

export async function insertVersion(conn: SqlConnection, v: PublishedVersion): Promise<void> {
  await from(conn, 'indicator_version').insert({
    code: v.code,
    version: v.version,
    definition: JSON.stringify(v.definition),
    fingerprint: v.fingerprint,
    author: v.author,
    approved_by: v.approvedBy,
    reason: v.reason,
    published_at: v.publishedAt,
    in_force_from: v.inForceFrom,
    change_id: v.changeId,
    diff: JSON.stringify(v.diff),
  });
}

export async function insertChange(conn: SqlConnection, c: Omit<ChangeRequest, 'id'>): Promise<number> {
  const rows = (await from(conn, 'indicator_change')
    .insert({
      code: c.code,
      domain: c.domain,
      kind: c.kind,
      state: c.state,
      definition: c.definition ? JSON.stringify(c.definition) : null,
      base_version: c.baseVersion,
      author: c.author,
      reason: c.reason,
      successor: c.successor,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      reviewer: c.reviewer,
      comment: c.comment,
      decided_at: c.decidedAt,
      revision: c.revision,
      result_version: c.resultVersion,
    })
    .returning('id')) as Array<{ id: number } | number>;
  const first = rows[0]!;
  return Number(typeof first === 'object' ? first.id : first);
}

/** Applies `next` to change `id` only if it is still at `expectedRevision` in one of `fromStates`. */
export async function advanceChange(
  conn: SqlConnection,
  id: number,
  expectedRevision: number,
  fromStates: readonly ChangeRequest['state'][],
  next: Partial<Omit<ChangeRequest, 'id' | 'code' | 'kind' | 'author' | 'createdAt' | 'revision'>>,
): Promise<boolean> {
  const changes: Row = { revision: expectedRevision + 1 };
  const columns: Record<string, string> = {
    state: 'state',
    domain: 'domain',
    baseVersion: 'base_version',
    reason: 'reason',
    successor: 'successor',
    updatedAt: 'updated_at',
    reviewer: 'reviewer',
    comment: 'comment',
    decidedAt: 'decided_at',
    resultVersion: 'result_version',
  };
  for (const [key, value] of Object.entries(next)) {
    if (key === 'definition') changes.definition = value ? JSON.stringify(value) : null;
    else if (columns[key]) changes[columns[key]] = value;
  }
  const updated = await from(conn, 'indicator_change')
    .where({ id, revision: expectedRevision })
    .whereIn('state', [...fromStates])
    .update(changes);
  return Number(updated) === 1;
}

export async function readChange(conn: SqlConnection, id: number): Promise<ChangeRequest | undefined> {
  const row = (await from(conn, 'indicator_change').where({ id }).first()) as Row | undefined;
  return row ? changeOf(row) : undefined;
}

export interface ChangeFilter {
  code?: string | undefined;
  states?: readonly ChangeRequest['state'][] | undefined;
  limit: number;
  offset: number;
}

export async function listChanges(conn: SqlConnection, filter: ChangeFilter): Promise<ChangeRequest[]> {
  let q = from(conn, 'indicator_change').select('*');
  if (filter.code) q = q.where({ code: filter.code });
  if (filter.states?.length) q = q.whereIn('state', [...filter.states]);
  const rows = (await q.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset)) as Row[];
  return rows.map(changeOf);
}

export async function countPublished(conn: SqlConnection): Promise<number> {
  const row = (await from(conn, 'indicator_head').count({ n: '*' }).first()) as { n: string | number } | undefined;
  return Number(row?.n ?? 0);
}

function headOf(r: Row): IndicatorHead {
  return {
    code: String(r.code),
    domain: String(r.domain),
    status: r.status as IndicatorHead['status'],
    currentVersion: r.current_version === null ? null : Number(r.current_version),
    successor: (r.successor as string | null) ?? null,
    archivedAt: (r.archived_at as string | null) ?? null,
    revision: Number(r.revision),
  };
}

function versionOf(r: Row): PublishedVersion {
  return {
    code: String(r.code),
    version: Number(r.version),
    definition: definitionOf(r.definition),
    fingerprint: String(r.fingerprint),
    author: String(r.author),
    approvedBy: String(r.approved_by),
    reason: String(r.reason),
    publishedAt: String(r.published_at),
    inForceFrom: String(r.in_force_from),
    changeId: r.change_id === null ? null : Number(r.change_id),
    diff: JSON.parse(String(r.diff)) as DiffEntry[],
  };
}

function changeOf(r: Row): ChangeRequest {
  return {
    id: Number(r.id),
    code: String(r.code),
    domain: String(r.domain),
    kind: r.kind as ChangeRequest['kind'],
    state: r.state as ChangeRequest['state'],
    definition: r.definition ? definitionOf(r.definition) : null,
    baseVersion: r.base_version === null ? null : Number(r.base_version),
    author: String(r.author),
    reason: String(r.reason),
    successor: (r.successor as string | null) ?? null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    reviewer: (r.reviewer as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    decidedAt: (r.decided_at as string | null) ?? null,
    revision: Number(r.revision),
    resultVersion: r.result_version === null ? null : Number(r.result_version),
  };
}

/** Has any person used governance on this store (a change request, or a version not authored by `system`)? */
export async function governanceUsed(conn: SqlConnection, system: string): Promise<boolean> {
  const changes = (await from(conn, 'indicator_change').count({ n: '*' }).first()) as
    { n: string | number } | undefined;
  if (Number(changes?.n ?? 0) > 0) return true;
  const versions = (await from(conn, 'indicator_version').whereNot({ author: system }).count({ n: '*' }).first()) as
    { n: string | number } | undefined;
  return Number(versions?.n ?? 0) > 0;
}

/**
 * A stored definition. Definitions stored before owners named an organisation unit carry
 * `owner.department`: it is read as `owner.unit` (one release; src/indicators/definition.ts ownerSchema).
 */
function definitionOf(text: unknown): IndicatorDefinition {
  const def = JSON.parse(String(text)) as IndicatorDefinition & { owner?: { department?: string; unit?: string } };
  const owner = def.owner;
  if (owner && owner.department !== undefined) {
    const { department, ...rest } = owner;
    def.owner = { ...rest, unit: rest.unit ?? department };
  }
  return def;
}
