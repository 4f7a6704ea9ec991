import type { HubContext } from '../hub/context';
import { fieldValue, listEntities, type FieldValue } from '../hub/entities';
import { Decimal } from '../model/decimal';
import type { LeafData } from './fetch';
import type { ValuesRequest } from './request';

const ADDITIVE = new Set(['sum', 'count']);

/** A leaf that cannot be regrouped (distinct counts, averages) carries the reason instead of values.
 *  A regrouped leaf says which members each of its members adds up (`parts`: the disclosure check's query sets). */
export type Leaf = LeafData & { parts?: ReadonlyMap<string, readonly string[]> };

/**
 * Hub-side regrouping of per-member values: by an attribute of the member (department → region) and/or up
 * the org tree (each department also counts its subtree). Only sums and counts can be added up; a distinct
 * count or an average would be wrong, so such leaves become unavailable with the reason.
 */
export async function regroup(ctx: HubContext, leaves: Map<string, LeafData>, request: ValuesRequest): Promise<Map<string, Leaf>> {
  const groupBy = request.groupBy;
  if (!groupBy || (!groupBy.attribute && !request.rollup)) return leaves;
  const members = new Set([...leaves.values()].flatMap((l) => [...l.members]));
  const targets = new Map<string, string[]>();
  if (request.rollup) {
    const ancestors = await ancestorsOf(ctx);
    for (const m of new Set([...members, ...ancestors.keys()])) targets.set(m, [m, ...(ancestors.get(m) ?? [])]);
  } else {
    // Hop by hop along the attribute's path (`genre`, `album.artist`): all members advance together, so
    // each hop is one batched load of the next entity (per source DataLoader), however many members.
    const entity = ctx.runtime.model.dimensions[groupBy.dimension]!;
    await Promise.all(
      [...members].map(async (id) => {
        let value: FieldValue = { entity, id, rows: {} };
        for (const field of groupBy.attribute!.split('.')) {
          if (value === null || typeof value !== 'object') break;
          value = await fieldValue(ctx, value, field);
        }
        // A reference regroups by the referenced entity's id; a scalar by its value.
        targets.set(id, [value === null ? '(none)' : typeof value === 'object' ? value.id : String(value)]);
      }),
    );
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
    if (!ADDITIVE.has(leaf.agg)) {
      const how = request.rollup ? 'rolled up the org tree' : `regrouped by ${groupBy.dimension}.${groupBy.attribute}`;
      out.set(code, { ...leaf, values: new Map(), members: new Set(), hasCounterpart: undefined, inScope: undefined, unavailable: `a ${leaf.agg} cannot be ${how}` });
      continue;
    }
    const values = new Map<string, Map<string, Decimal>>();
    const regrouped = new Set<string>();
    for (const [label, byMember] of leaf.values) {
      const sums = new Map<string, Decimal>();
      for (const [member, value] of byMember) {
        for (const target of targets.get(member) ?? [member]) {
          sums.set(target, (sums.get(target) ?? Decimal.ZERO).add(value));
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
      // Rolled-up members are departments (in scope); attribute values (a region) are not departments.
      inScope: request.rollup ? leaf.inScope : undefined,
    });
  }
  return out;
}

/**
 * Department hub id → its ancestors, from the HR org tree (one statement). The listing is row-scoped, so
 * only departments the viewer may see are known; the chain stops at the first ancestor outside the scope:
 * an out-of-scope department never becomes a member carrying a partial figure (a department head's
 * subtree is not its division's total).
 */
async function ancestorsOf(ctx: HubContext): Promise<Map<string, string[]>> {
  const departments = await listEntities(ctx, 'Department', { limit: 1_000_000, offset: 0 });
  const parent = new Map<string, string | null>();
  for (const d of departments) {
    const p = await fieldValue(ctx, d, 'parent');
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
