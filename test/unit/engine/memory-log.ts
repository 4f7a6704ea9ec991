import { windowId, type LoggedSet, type WindowKey } from '../../../src/store/disclosure-store';

/**
 * The disclosure log with the SQL store's contract (src/store/disclosure-store.ts), in memory, for
 * database-free tests of the release check: `logged` holds the sets released for each asked window,
 * `overlapping` every logged window of the asked facts that overlaps one of them in time.
 */
type Entry = WindowKey & LoggedSet;

export class MemoryLog {
  readonly entries: Entry[] = [];
  horizonDay: string | undefined;
  calls = 0;
  horizon(): string | undefined {
    return this.horizonDay;
  }
  async withLog<T>(
    _principal: string,
    windows: readonly WindowKey[],
    decide: (logged: Map<string, LoggedSet[]>, overlapping: readonly WindowKey[]) => { result: T; released: Entry[] },
  ): Promise<T> {
    this.calls += 1;
    const logged = new Map<string, LoggedSet[]>(windows.map((w) => [windowId(w), []]));
    const overlapping = new Map<string, WindowKey>();
    for (const e of this.entries) {
      logged.get(windowId(e))?.push({ members: [...e.members], populations: { ...e.populations } });
      if (windows.some((w) => w.fact === e.fact && e.from < w.to && w.from < e.to))
        overlapping.set(windowId(e), { fact: e.fact, from: e.from, to: e.to });
    }
    const { result, released } = decide(logged, [...overlapping.values()]);
    this.entries.push(...released);
    return result;
  }
}
