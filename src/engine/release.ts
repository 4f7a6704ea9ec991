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
 * A window of the same fact in `tiles` that overlaps `window` in time without being it. Windows of one fact
 * answered to a principal tile time: equal or disjoint, never partly overlapping (src/engine/query-sets.ts
 * says why that makes the member-set control hold across windows and grains).
 */
function crossing(tiles: ReadonlyMap<string, WindowKey>, window: WindowKey): WindowKey | undefined {
  for (const t of tiles.values()) {
    if (t.fact !== window.fact || (t.from === window.from && t.to === window.to)) continue;
    if (t.from < window.to && window.from < t.to) return t;
  }
  return undefined;
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
  const horizon = ctx.runtime.disclosure.horizon();
  return ctx.runtime.disclosure.withLog(ctx.viewer.principal, [...windows.values()], (logged, overlapping) => {
    const released: Array<WindowKey & LoggedSet> = [];
    // Every window of a fact ever answered for this principal (in the log or released just now).
    const tiles = new Map<string, WindowKey>(overlapping.map((w) => [windowId(w), w]));
    for (const c of candidates) {
      const fresh: Array<WindowKey & LoggedSet> = [];
      let reason: string | null = null;
      for (const { window, members } of c.sets) {
        const where = `${window.fact}, ${window.from} to ${window.to}`;
        if (horizon && window.from < horizon) {
          reason = `suppressed: ${where} starts before ${horizon}, further back than the disclosure log keeps (disclosure.retentionDays)`;
          break;
        }
        const clash = crossing(tiles, window);
        if (clash) {
          reason = `suppressed: ${where} overlaps ${clash.from} to ${clash.to} without being that window, and you have been given values of ${window.fact} for it; the difference could isolate people — ask for ${clash.from} to ${clash.to} or for windows that do not overlap it`;
          break;
        }
        const log = logged.get(windowId(window))!;
        const key = setKey(members);
        if (log.some((e) => setKey(e.members) === key) || fresh.some((f) => windowId(f) === windowId(window))) continue;
        const people = (m: string) => population(window, m) ?? Math.max(0, ...log.map((e) => e.populations[m] ?? 0));
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
      for (const f of fresh) {
        logged.get(windowId(f))!.push(f);
        tiles.set(windowId(f), { fact: f.fact, from: f.from, to: f.to });
      }
      released.push(...fresh);
    }
    return { result: refused, released };
  });
}
