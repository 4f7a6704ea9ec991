import DataLoader from 'dataloader';
import type { CallContext, SourceAdapter } from '../sources/contract';

/** One measure of one member (e.g. revenue of team T-EAST-2 in 2025-Q4), in the source's keys. */
export interface AggregateKey {
  source: string;
  fact: string;
  measure: string;
  dimension: string;
  member: string;
  window?: { from: string; to: string } | undefined;
  asOf?: string | undefined;
}

export type MeasureValue = string | number | null;

/**
 * Collects every measure a request asks for in one tick and issues ONE grouped statement per
 * (source, fact, dimension, window): all measures of that fact, all members in one IN list.
 * Members with no rows get null; the caller decides what "no rows" means for its measure.
 */
export function createAggregateLoader(
  adapters: ReadonlyMap<string, SourceAdapter>,
  callFor: (source: string) => CallContext,
  maxMembersPerStatement: number,
): DataLoader<AggregateKey, MeasureValue, string> {
  return new DataLoader<AggregateKey, MeasureValue, string>(
    async (keys) => {
      const groups = new Map<string, AggregateKey[]>();
      for (const key of keys) {
        const group = groupKey(key);
        const list = groups.get(group);
        if (list) list.push(key);
        else groups.set(group, [key]);
      }
      const answers = new Map<string, MeasureValue | Error>();
      const statements = [...groups.values()].flatMap((group) => chunkByMembers(group, maxMembersPerStatement));
      await Promise.all(statements.map((group) => runGroup(adapters, callFor, group, answers)));
      return keys.map((key) => answers.get(cacheKey(key)) ?? null);
    },
    // No batch cap here: the cap is on members per statement, so a request's statement count does
    // not grow with the number of measures it asks for.
    { cacheKeyFn: cacheKey },
  );
}

async function runGroup(
  adapters: ReadonlyMap<string, SourceAdapter>,
  callFor: (source: string) => CallContext,
  group: AggregateKey[],
  answers: Map<string, MeasureValue | Error>,
): Promise<void> {
  const first = group[0]!;
  const adapter = adapters.get(first.source);
  if (!adapter) throw new Error(`Unknown source "${first.source}"`);
  const measures = [...new Set(group.map((k) => k.measure))];
  const members = [...new Set(group.map((k) => k.member))];
  try {
    const rows = await adapter.aggregate(
      {
        fact: first.fact,
        measures,
        groupBy: [first.dimension],
        where: { [first.dimension]: members },
        ...(first.window ? { window: first.window } : {}),
        ...(first.asOf ? { asOf: first.asOf } : {}),
      },
      callFor(first.source),
    );
    const byMember = new Map(rows.map((r) => [r.dimensions[first.dimension], r.measures]));
    for (const key of group) answers.set(cacheKey(key), byMember.get(key.member)?.[key.measure] ?? null);
  } catch (error) {
    for (const key of group) answers.set(cacheKey(key), error as Error);
  }
}

/** Splits a group so no statement carries more than `max` members in its IN list. */
function chunkByMembers(group: AggregateKey[], max: number): AggregateKey[][] {
  const members = [...new Set(group.map((k) => k.member))];
  if (members.length <= max) return [group];
  const chunkOf = new Map(members.map((m, i) => [m, Math.floor(i / max)]));
  const chunks: AggregateKey[][] = [];
  for (const key of group) (chunks[chunkOf.get(key.member)!] ??= []).push(key);
  return chunks;
}

const groupKey = (k: AggregateKey) => JSON.stringify([k.source, k.fact, k.dimension, k.window?.from, k.window?.to, k.asOf]);
const cacheKey = (k: AggregateKey) => JSON.stringify([k.source, k.fact, k.dimension, k.window?.from, k.window?.to, k.asOf, k.measure, k.member]);
