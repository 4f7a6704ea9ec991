import type { EntityName } from '../model/entities';
import type { SourceScope } from '../sources/contract';
import { UNRESTRICTED } from '../sources/contract';

/**
 * Who is asking, resolved once per request (src/auth/principal.ts): identity from the token or API key,
 * roles from the policy, org position and status from the people's home source, and the row rules of the
 * roles resolved into hub ids of the entities they rule. Everything downstream reads this; nothing
 * re-derives it.
 */
export type Operation = 'view' | 'export' | 'approve' | 'edit_definitions' | 'audit';

/** What one group of roles may see: ruled entity → the hub ids visible of it (src/auth/row-rules.ts). */
export type RowGrant = ReadonlyMap<EntityName, ReadonlySet<string>>;

export interface Viewer {
  /** Stable id for audit: a hub id of the model's people entity, or `apikey:<id>`. */
  principal: string;
  kind: 'person' | 'service' | 'anonymous';
  roles: readonly string[];
  /** The person's own organisation unit (hub id), when the model declares one and the person has one. */
  unit: string | null;
  /** `all`, or the grants of the viewer's roles: a row is visible when any grant lets it through. */
  rows: 'all' | readonly RowGrant[];
  operations: ReadonlySet<Operation>;
  /** May see aggregates of personal data over groups smaller than the suppression minimum. */
  individuals: boolean;
  /** A readable summary of the resolved scope for audit records and explain-access. */
  scopeDescription: string;
}

/** No credentials (only used where a request never reaches the schema, e.g. health checks). */
export const ANONYMOUS: Viewer = {
  principal: 'anonymous',
  kind: 'anonymous',
  roles: [],
  unit: null,
  rows: [],
  operations: new Set(),
  individuals: false,
  scopeDescription: 'nothing',
};

/**
 * The members of an entity the viewer may see as such (a dimension member, a figure's owner): `all` when
 * some grant does not rule the entity, else the union of the grants' sets.
 */
export function visibleMembers(viewer: Viewer, entity: EntityName): 'all' | ReadonlySet<string> {
  if (viewer.rows === 'all') return 'all';
  const out = new Set<string>();
  for (const grant of viewer.rows) {
    const ids = grant.get(entity);
    if (!ids) return 'all';
    for (const id of ids) out.add(id);
  }
  return out;
}

/** The viewer's scope in one source's keys (hub ids without a key there drop out). */
export function scopeFor(
  viewer: Viewer,
  toSourceKey: (entity: EntityName, hubId: string) => string | undefined,
): SourceScope {
  if (viewer.rows === 'all') return UNRESTRICTED;
  return {
    any: viewer.rows.map((grant) =>
      Object.fromEntries(
        [...grant].map(([entity, ids]) => [entity, [...ids].flatMap((id) => toSourceKey(entity, id) ?? [])]),
      ),
    ),
  };
}
