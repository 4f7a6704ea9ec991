import type { EngineContext } from './context';
import { windowId, type LoggedSet, type WindowKey } from '../store/disclosure-store';
import { atomsHold, setKey } from './query-sets';

/** A cell about to be released to a viewer without `individuals`: per (personal fact, window) it reads,
 *  the base members it adds up (its query set S). */
export interface ReleaseCandidate {
  key: string;
  sets: Array<{ window: WindowKey; members: readonly string[] }>;
}

/**
 * The one release check for personal data (indicator tables, entities' figures and indicators alike): candidates are
 * decided in the order given (callers put larger sets first) against the principal's log and the sets
 * released before them; a released set is logged, a refused one is not. `population(window, member)`
 * gives the people behind a member from the current statement (undefined: not in it — the population
 * logged with an earlier release counts, else 0). Returns the refused keys with their reasons.
 */
export async function decideReleases(
  ctx: EngineContext,
  candidates: readonly ReleaseCandidate[],
  population: (window: WindowKey, member: string) => number | undefined,
): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  if (candidates.length === 0) return refused;
  const minimum = ctx.runtime.policy.policy.minimumGroupSize;
  const max = ctx.runtime.config.disclosure.maxSetsPerWindow;
  const windows = new Map<string, WindowKey>();
  for (const c of candidates) for (const s of c.sets) windows.set(windowId(s.window), s.window);
  return ctx.runtime.disclosure.withLog(ctx.viewer.principal, [...windows.values()], (logged) => {
    const released: Array<WindowKey & LoggedSet> = [];
    for (const c of candidates) {
      const fresh: Array<WindowKey & LoggedSet> = [];
      let reason: string | null = null;
      for (const { window, members } of c.sets) {
        const log = logged.get(windowId(window))!;
        const key = setKey(members);
        if (log.some((e) => setKey(e.members) === key) || fresh.some((f) => windowId(f) === windowId(window))) continue;
        const people = (m: string) => population(window, m) ?? Math.max(0, ...log.map((e) => e.populations[m] ?? 0));
        const where = `${window.fact}, ${window.from} to ${window.to}`;
        if (log.length >= max) {
          reason = `suppressed: you have been given ${max} different groups of ${where} already (the most the disclosure log keeps); ask for groups released before`;
          break;
        }
        if (
          !atomsHold(
            log.map((e) => e.members),
            members,
            people,
            minimum,
          ).ok
        ) {
          reason = `suppressed: it covers fewer than ${minimum} people, alone or as a difference with values released to you before (${where})`;
          break;
        }
        fresh.push({
          ...window,
          members: [...new Set(members)].sort(),
          populations: Object.fromEntries([...new Set(members)].map((m) => [m, people(m)])),
        });
      }
      if (reason) {
        refused.set(c.key, reason);
        continue;
      }
      for (const f of fresh) logged.get(windowId(f))!.push(f);
      released.push(...fresh);
    }
    return { result: refused, released };
  });
}
