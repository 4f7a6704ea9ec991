import DataLoader from 'dataloader';
import type { Decimal } from '../values/decimal';
import type { Period } from '../values/period';

/**
 * One value an entity asks for, for one of its members in one period: a dictionary indicator
 * (`<Entity>.indicators`) or one of the entity's figures (a figure is an indicator over one measure,
 * src/engine/member-values.ts).
 */
export type ValueKey = (
  { indicator: string; figure?: undefined } | { figure: { entity: string; name: string }; indicator?: undefined }
) & {
  /** The fact dimension whose members are the entity. */
  dimension: string;
  period: Period;
  /** Hub id of the member. */
  member: string;
};

/** A value, or null with the reason (and the coded error a single field reports, if any). */
export type MemberValue =
  { value: Decimal; reason?: undefined; error?: undefined } | { value: null; reason: string; error?: Error };

/** Computes a group of keys of one (dimension, period) in one go: one answer (or error) per key, in order. */
export type ComputeValues = (keys: readonly ValueKey[]) => Promise<ReadonlyArray<MemberValue | Error>>;

/**
 * Collects every entity value a request asks for in one tick and computes each (dimension, period) group
 * once — indicators and figures together, all members in one filter — so the engine issues one statement
 * per (source, fact) however many members, fields and indicators the query selects. A group of more
 * than `maxMembers` members splits, so no statement carries more members in its IN list.
 */
export function createValuesLoader(
  compute: ComputeValues,
  maxMembers: number,
): DataLoader<ValueKey, MemberValue, string> {
  return new DataLoader<ValueKey, MemberValue, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      const members = new Map<string, Map<string, number>>();
      keys.forEach((key, i) => {
        const group = JSON.stringify([key.dimension, key.period.grain, key.period.label]);
        const seen = members.get(group) ?? new Map<string, number>();
        members.set(group, seen);
        if (!seen.has(key.member)) seen.set(key.member, seen.size);
        const id = JSON.stringify([group, Math.floor(seen.get(key.member)! / maxMembers)]);
        const list = groups.get(id);
        if (list) list.push(i);
        else groups.set(id, [i]);
      });
      const out: Array<MemberValue | Error> = new Array(keys.length);
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          try {
            const answers = await compute(indexes.map((i) => keys[i]!));
            indexes.forEach((i, n) => (out[i] = answers[n]!));
          } catch (error) {
            for (const i of indexes) out[i] = error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
      return out;
    },
    { cacheKeyFn: valueKeyId },
  );
}

const valueKeyId = (k: ValueKey) =>
  JSON.stringify([
    k.indicator ?? null,
    k.figure?.entity ?? null,
    k.figure?.name ?? null,
    k.dimension,
    k.period.grain,
    k.period.label,
    k.member,
  ]);
