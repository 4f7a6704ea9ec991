import type { KeyPair } from '../sources/contract';

/**
 * Duplicates among one entity's pairs in one source: a source key given two hub ids, or a hub id given two
 * keys of that source. Identical pairs repeated are not a conflict. One message per offending key (its
 * first clash), capped so a wholly wrong rule does not flood the log.
 */
export function pairConflicts(pairs: readonly KeyPair[], limit = 10): string[] {
  const byKey = new Map<string, string>();
  const byHub = new Map<string, string>();
  const problems: string[] = [];
  const reported = new Set<string>();
  let more = 0;
  const report = (offending: string, message: string) => {
    if (reported.has(offending)) return;
    reported.add(offending);
    if (problems.length < limit) problems.push(message);
    else more++;
  };
  for (const p of pairs) {
    const hub = byKey.get(p.sourceKey);
    const key = byHub.get(p.hubId);
    if (hub !== undefined && hub !== p.hubId)
      report(
        `key ${p.sourceKey}`,
        `duplicate: source key "${p.sourceKey}" gives two hub ids, "${hub}" and "${p.hubId}"`,
      );
    else if (key !== undefined && key !== p.sourceKey)
      report(
        `hub ${p.hubId}`,
        `duplicate: hub id "${p.hubId}" is given by two source keys, "${key}" and "${p.sourceKey}"`,
      );
    else {
      byKey.set(p.sourceKey, p.hubId);
      byHub.set(p.hubId, p.sourceKey);
    }
  }
  if (more) problems.push(`… and ${more} more duplicate${more === 1 ? '' : 's'}`);
  return problems;
}
