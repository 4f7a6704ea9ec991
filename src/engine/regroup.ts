import type { EngineContext } from './context';
import { fieldValue, listEntities, type FieldValue } from '../federation/entities';
import { Decimal } from '../values/decimal';
import { isRef, organisationOf, type EntityModel } from '../model/entities';
import { factDimensions, type LeafData } from './fetch';
import { joinMember, NONE, splitMember } from './members';
import { bridgeOf, bridgePairs, statementDimension } from './bridges';
import { pathText, type ValuesRequest } from './request';

/** Aggregates whose members' values combine into a regrouped member's: sums and counts add, minima and maxima
 *  take the least and the greatest. */
const COMBINE: Partial<Record<LeafData['agg'], (a: Decimal, b: Decimal) => Decimal>> = {
  sum: (a, b) => a.add(b),
  count: (a, b) => a.add(b),
  count_distinct: (a, b) => a.add(b),
  min: (a, b) => (a.compare(b) <= 0 ? a : b),
  max: (a, b) => (a.compare(b) >= 0 ? a : b),
};

/** A leaf that cannot be regrouped (distinct counts, averages) carries the reason instead of values.
 *  A regrouped leaf says which members each of its members adds up (`parts`: the disclosure check's query sets). */
export type Leaf = LeafData & { parts?: ReadonlyMap<string, readonly string[]> };

/**
 * Hub-side regrouping of per-member values: by attributes or reference paths of the members (several
 * paths give a member per combination of their values) and/or up the org tree (each organisation unit
 * also counts its subtree). Only sums and counts can be added up; a distinct
 * count (unless of the dimension's own key) or an average would be wrong: such leaves are null with the reason.
 */
export async function regroup(
  ctx: EngineContext,
  leaves: Map<string, LeafData>,
  request: ValuesRequest,
): Promise<Map<string, Leaf>> {
  const paths = request.groupBy;
  const dimensions = factDimensions(request, ctx);
  const bridged = paths.some((g) => bridgeOf(ctx, g.dimension));
  // Each path is its own fact dimension, no attribute, no bridge, no roll-up: the statement's members are the answer's.
  if (
    paths.length === 0 ||
    (!request.rollup && !bridged && paths.length === dimensions.length && paths.every((g) => !g.attribute))
  )
    return leaves;
  const members = new Set([...leaves.values()].flatMap((l) => [...l.members]));
  const targets = new Map<string, string[]>();
  if (request.rollup) {
    const ancestors = await ancestorsOf(ctx);
    for (const m of new Set([...members, ...ancestors.keys()])) targets.set(m, [m, ...(ancestors.get(m) ?? [])]);
  } else {
    // Per path, the values of each distinct id of its fact dimension; then each member is the tuple of its
    // paths' values. Hop by hop along an attribute path (`a`, `a.b`): all ids advance together, so each hop
    // is one batched load of the next entity (per source DataLoader), however many members. A bridge path
    // gives every member its `through` id reaches (several: the member fans out), or NONE when it reaches none.
    const parts = [...members].map((m) => splitMember(m));
    const valuesByPath = await Promise.all(
      paths.map(async (path) => {
        const index = dimensions.indexOf(statementDimension(ctx, path.dimension));
        const ids = [...new Set(parts.map((p) => p[index]!))];
        const entity = ctx.runtime.model.dimensions[path.dimension]!;
        const pairs = bridgeOf(ctx, path.dimension) ? await bridgePairs(ctx, path.dimension) : undefined;
        const only = request.filters.find((f) => f.dimension === path.dimension && pairs);
        const values = new Map<string, string[]>();
        const valueOf = async (id: string): Promise<string> => {
          if (!path.attribute || id === NONE) return id;
          let value: FieldValue = { entity, id, rows: {} };
          for (const field of path.attribute.split('.')) {
            if (value === null || typeof value !== 'object') break;
            value = await fieldValue(ctx, value, field);
          }
          // A reference regroups by the referenced entity's id; a scalar by its value.
          return value === null ? NONE : typeof value === 'object' ? value.id : String(value);
        };
        await Promise.all(
          ids.map(async (id) => {
            const reached = !pairs ? [id] : id === NONE ? [NONE] : (pairs.get(id) ?? [NONE]);
            // Filtered on the bridge dimension: only the members asked for (the row reached them).
            const kept = only ? reached.filter((r) => only.ids.includes(r)) : reached;
            values.set(id, [...new Set(await Promise.all(kept.map(valueOf)))]);
          }),
        );
        return { index, values };
      }),
    );
    for (const [i, m] of [...members].entries()) {
      const lists = valuesByPath.map(({ index, values }) => values.get(parts[i]![index]!)!);
      targets.set(m, product(lists).map(joinMember));
    }
  }
  /** Regrouped member → the members it adds up. */
  const partsOf = new Map<string, string[]>();
  for (const [m, ts] of targets) for (const t of ts) partsOf.set(t, [...(partsOf.get(t) ?? []), m]);
  const out = new Map<string, Leaf>();
  for (const [code, leaf] of leaves) {
    if (leaf.unavailable) {
      out.set(code, leaf);
      continue;
    }
    const combine = COMBINE[leaf.agg];
    if (!combine || (leaf.agg === 'count_distinct' && !disjointDistinct(leaf, request, dimensions))) {
      // Not computable for this grouping: every member the grouping gives is still a row, null with the reason
      // (never an empty table).
      const how = request.rollup ? 'rolled up the org tree' : `regrouped by ${paths.map(pathText).join(' × ')}`;
      const advice =
        leaf.agg === 'count_distinct' ? ': one value may belong to several members, so their counts do not add up' : '';
      out.set(code, {
        ...leaf,
        values: new Map(),
        members: new Set([...leaf.members].flatMap((m) => targets.get(m) ?? [m])),
        hasCounterpart: undefined,
        inScope: undefined,
        unavailable: `a ${leaf.agg} cannot be ${how}${advice}`,
      });
      continue;
    }
    const values = new Map<string, Map<string, Decimal>>();
    const regrouped = new Set<string>();
    for (const [label, byMember] of leaf.values) {
      const sums = new Map<string, Decimal>();
      for (const [member, value] of byMember) {
        for (const target of targets.get(member) ?? [member]) {
          const prev = sums.get(target);
          sums.set(target, prev === undefined ? value : combine(prev, value));
          regrouped.add(target);
        }
      }
      values.set(label, sums);
    }
    // Regrouped members are sums over their parts (a division's revenue is its teams'). One has a counterpart
    // when a part has: revenue of a division without any sales team stays null ("no counterpart"), not 0.
    const has = leaf.hasCounterpart;
    out.set(code, {
      ...leaf,
      values,
      members: regrouped,
      hasCounterpart: has && ((t: string) => (partsOf.get(t) ?? [t]).some(has)),
      parts: partsOf,
      // Rolled-up members are organisation units (in scope); attribute values (a region) are not.
      inScope: request.rollup ? leaf.inScope : undefined,
    });
  }
  return out;
}

/** Every tuple taking one value from each list: [[a], [x, y]] → [[a, x], [a, y]]. */
function product(lists: ReadonlyArray<readonly string[]>): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((t) => list.map((v) => [...t, v])), [[]]);
}

/**
 * A distinct count of a fact dimension's own key (distinct customers, grouped by the customer's country)
 * adds up like a count: each counted value is one member of that dimension, so two members regrouped into
 * one never share a value — provided every other fact dimension of the grouping keeps its own members (is
 * grouped by itself), or one value could reach the same target through two members.
 */
function disjointDistinct(leaf: LeafData, request: ValuesRequest, dimensions: readonly string[]): boolean {
  const own = leaf.distinctOf;
  if (own === undefined || !dimensions.includes(own)) return false;
  return dimensions.every((d) => d === own || request.groupBy.some((g) => g.dimension === d && !g.attribute));
}

/**
 * Organisation unit hub id → its ancestors, from the organisation entity's reference to itself (its
 * parent; one statement). The listing is row-scoped, so only units the viewer may see are known; the chain
 * stops at the first ancestor outside the scope: an out-of-scope unit never becomes a member carrying a
 * partial figure (a unit head's subtree is not its division's total).
 */
async function ancestorsOf(ctx: EngineContext): Promise<Map<string, string[]>> {
  const org = organisationOf(ctx.runtime.model)!;
  const parentField = parentFieldOf(org)!;
  const units = await listEntities(ctx, org.name, { limit: 1_000_000, offset: 0 });
  const parent = new Map<string, string | null>();
  for (const d of units) {
    const p = await fieldValue(ctx, d, parentField);
    parent.set(d.id, p && typeof p === 'object' ? p.id : null);
  }
  const out = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const chain: string[] = [];
    for (let p = parent.get(id); p && parent.has(p) && chain.length < 64; p = parent.get(p)) chain.push(p);
    out.set(id, chain);
  }
  return out;
}

/** The organisation entity's reference to itself (its parent unit), if it declares one. */
export function parentFieldOf(org: EntityModel): string | undefined {
  return Object.entries(org.fields).find(([, t]) => isRef(t) && t.ref === org.name)?.[0];
}

export { NONE };
