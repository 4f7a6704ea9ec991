import { conditionText, parseCondition, type Condition, type Value } from '../values/condition';
import type { EntityName } from '../model/entities';
import type { OrgDirectory } from './org-directory';
import type { StatementSink } from '../sources/contract';
import type { RowScope } from './policy-schema';
import type { RowGrant } from './viewer';

/** Who the rules are resolved for: viewer.id and viewer.unit. */
export interface RuleSubject {
  id: string | null;
  unit: string | null;
}

/**
 * The row rules of a viewer's roles resolved into hub ids: per ruled entity, the ids its condition
 * selects (conditions on the key need no statement; one on a field is one statement on the source owning
 * it, e.g. the customers whose support rep is the viewer). Roles ruling the same entities are merged
 * into one grant (their union); `all` wins over everything.
 */
export async function resolveRows(
  scopes: readonly RowScope[],
  who: RuleSubject,
  org: OrgDirectory,
  /** Where the lookups' statements are counted: the request's trace when resolved for one. */
  sink?: StatementSink,
): Promise<{ rows: 'all' | RowGrant[]; description: string }> {
  if (scopes.some((s) => s === 'all')) return { rows: 'all', description: 'all' };
  const grants = new Map<string, Map<EntityName, Set<string>>>();
  const texts: string[] = [];
  for (const scope of scopes as Array<Exclude<RowScope, 'all'>>) {
    const entries = Object.entries(scope).sort(([a], [b]) => a.localeCompare(b));
    texts.push(entries.map(([entity, text]) => `${entity}: ${conditionText(parseCondition(text))}`).join(', '));
    const shape = entries.map(([entity]) => entity).join(',');
    let grant = grants.get(shape);
    if (!grant) grants.set(shape, (grant = new Map(entries.map(([entity]) => [entity, new Set<string>()]))));
    for (const [entity, text] of entries) {
      for (const id of await idsOf(parseCondition(text), entity, who, org, sink)) grant.get(entity)!.add(id);
    }
  }
  const viewerValues = [
    ...(who.id !== null ? [`viewer.id = ${who.id}`] : []),
    ...(who.unit !== null ? [`viewer.unit = ${who.unit}`] : []),
  ];
  const sizes = [...grants.values()].map((g) => [...g].map(([entity, ids]) => `${ids.size} ${entity}`).join(', '));
  return {
    rows: [...grants.values()],
    description: `${[...new Set(texts)].join(' + ')}${viewerValues.length ? ` (${viewerValues.join(', ')})` : ''} → ${sizes.join(' + ')}`,
  };
}

async function idsOf(
  c: Condition,
  entity: EntityName,
  who: RuleSubject,
  org: OrgDirectory,
  sink: StatementSink | undefined,
): Promise<Set<string>> {
  switch (c.kind) {
    case 'none':
      return new Set();
    case 'or': {
      const out = new Set<string>();
      for (const part of c.parts) for (const id of await idsOf(part, entity, who, org, sink)) out.add(id);
      return out;
    }
    case 'and': {
      let out: Set<string> | undefined;
      for (const part of c.parts) {
        const ids = await idsOf(part, entity, who, org, sink);
        out = out ? new Set([...out].filter((id) => ids.has(id))) : ids;
        if (out.size === 0) break;
      }
      return out ?? new Set();
    }
    default: {
      const values = c.kind === 'in' ? c.values.flatMap((v) => valueOf(v, who)) : await subtreeOf(c.of, who, org, sink);
      if (c.field === 'id' || values.length === 0) return new Set(values);
      return org.matching(entity, c.field, values, sink);
    }
  }
}

function valueOf(v: Value, who: RuleSubject): string[] {
  if ('literal' in v) return [v.literal];
  const value = v.viewer === 'id' ? who.id : who.unit;
  return value === null ? [] : [value];
}

async function subtreeOf(
  v: Value,
  who: RuleSubject,
  org: OrgDirectory,
  sink: StatementSink | undefined,
): Promise<string[]> {
  const [root] = valueOf(v, who);
  return root === undefined ? [] : [...(await org.subtree(root, sink))];
}
