import type { EngineContext } from '../../../src/engine/context';
import { decideReleases, type ReleaseCandidate } from '../../../src/engine/release';
import type { WindowKey } from '../../../src/store/disclosure-store';
import { MemoryLog } from './memory-log';

/**
 * The one release check (src/engine/release.ts) against an in-memory disclosure log with the store's
 * contract (`logged`: the sets released for each asked window; `overlapping`: every logged window of the
 * asked facts that overlaps one of them in time). Database-free, so Stryker judges each mutant in seconds;
 * the SQL log itself is covered by test/security/windows-property.test.ts and windows-differencing.test.ts.
 * Expected verdicts are worked out by hand from the people per member (k = 5).
 */
const K = 5;
const FACT = 'hr.payroll';
const JUNE: WindowKey = { fact: FACT, from: '2025-06-01', to: '2025-07-01' };
const JULY: WindowKey = { fact: FACT, from: '2025-07-01', to: '2025-08-01' };
const JUNE_LATE: WindowKey = { fact: FACT, from: '2025-06-02', to: '2025-07-01' };
const Q2: WindowKey = { fact: FACT, from: '2025-04-01', to: '2025-07-01' };
const OTHER_JUNE: WindowKey = { fact: 'sales.orders', from: '2025-06-01', to: '2025-07-01' };

function context(log: MemoryLog, maxSetsPerWindow = 50): EngineContext {
  return {
    viewer: { principal: 'EMP-000001' },
    runtime: {
      policy: { policy: { minimumGroupSize: K } },
      config: { disclosure: { maxSetsPerWindow } },
      disclosure: log,
    },
  } as unknown as EngineContext;
}

/** People per member, the same in every window unless `pop` says otherwise. */
const PEOPLE: Record<string, number> = { D1: 2, D2: 6, D3: 7, D4: 3, D5: 0 };
const population =
  (pop: Record<string, number | undefined> = PEOPLE) =>
  (_w: WindowKey, m: string) =>
    pop[m];

const cell = (key: string, window: WindowKey, members: string[]): ReleaseCandidate => ({
  key,
  sets: [{ window, members }],
});

async function decide(log: MemoryLog, candidates: ReleaseCandidate[], pop = population(), max?: number) {
  return decideReleases(context(log, max), candidates, pop);
}

describe('decideReleases', () => {
  test('nothing to decide: no log transaction at all', async () => {
    const log = new MemoryLog();
    expect((await decide(log, [])).size).toBe(0);
    expect(log.calls).toBe(0);
  });

  test('a set of at least k people is released and logged with its members (sorted, once) and their people', async () => {
    const log = new MemoryLog();
    const refused = await decide(log, [cell('a', JUNE, ['D2', 'D1', 'D2'])]);
    expect(refused.size).toBe(0);
    expect(log.entries).toEqual([{ ...JUNE, members: ['D1', 'D2'], populations: { D1: 2, D2: 6 } }]);
  });

  test('a set of 1..k-1 people is refused, naming the minimum, and not logged', async () => {
    const log = new MemoryLog();
    const refused = await decide(log, [cell('k', JUNE, ['D1', 'D4'])]);
    expect(refused.size).toBe(0); // 2 + 3 = 5 people: exactly k is enough
    const log2 = new MemoryLog();
    const r2 = await decide(log2, [cell('tiny', JUNE, ['D4'])]);
    expect(r2.get('tiny')).toMatch(/covers fewer than 5 people/);
    expect(r2.get('tiny')).toContain(`${FACT}, 2025-06-01 to 2025-07-01`);
    expect(log2.entries).toEqual([]);
    // A set of no one at all is no disclosure: released.
    const log3 = new MemoryLog();
    expect((await decide(log3, [cell('empty', JUNE, ['D5'])])).size).toBe(0);
    expect(log3.entries).toHaveLength(1);
  });

  test('the difference attack of finding 1: {D1, D2} then {D2} in the same window — the second is refused', async () => {
    const log = new MemoryLog();
    expect((await decide(log, [cell('both', JUNE, ['D1', 'D2'])])).size).toBe(0);
    const refused = await decide(log, [cell('one', JUNE, ['D2'])]);
    expect(refused.get('one')).toMatch(/alone or as a difference/);
    expect(log.entries).toHaveLength(1);
    // Within one request the same: the later candidate sees the earlier one's release.
    const fresh = new MemoryLog();
    const r = await decide(fresh, [cell('both', JUNE, ['D1', 'D2']), cell('one', JUNE, ['D2'])]);
    expect([...r.keys()]).toEqual(['one']);
  });

  test('a set released before is released again, without a new log entry and without the atom check', async () => {
    const log = new MemoryLog();
    await decide(log, [cell('a', JUNE, ['D2', 'D3'])]);
    // Populations changed since (D3 left): the logged set is the same set, so no new information.
    const refused = await decide(log, [cell('again', JUNE, ['D3', 'D2'])], population({ D2: 1, D3: 1 }));
    expect(refused.size).toBe(0);
    expect(log.entries).toHaveLength(1);
  });

  test('members missing from the current statement count with the people logged for them before (the most logged)', async () => {
    const log = new MemoryLog();
    log.entries.push(
      { ...JUNE, members: ['D1', 'D2', 'D3'], populations: { D1: 1, D2: 6, D3: 7 } },
      { ...JUNE, members: ['D1', 'D2', 'D3', 'D4'], populations: { D1: 2, D2: 6, D3: 7, D4: 3 } },
    );
    // {D1, D2}: atoms {D1, D2} (in all three sets) = 2 + 6 people with the logged maxima — fine; D3 alone 7; D4 alone 3 < 5.
    const r = await decide(log, [cell('x', JUNE, ['D1', 'D2'])], population({}));
    expect(r.get('x')).toMatch(/covers fewer than 5 people/);
    // The most logged, not the least: {D1} with D1 logged at 1 and at 6 people is 6, and every atom holds.
    const max = new MemoryLog();
    max.entries.push(
      { ...JUNE, members: ['D1', 'D2'], populations: { D1: 1, D2: 6 } },
      { ...JUNE, members: ['D1', 'D2', 'D3'], populations: { D1: 6, D2: 6, D3: 6 } },
    );
    expect((await decide(max, [cell('most', JUNE, ['D1'])], population({}))).size).toBe(0);
    // With no logged people and none in the statement a member counts 0: {D9} alone covers no one.
    const r2 = await decide(new MemoryLog(), [cell('y', JUNE, ['D9'])], population({}));
    expect(r2.size).toBe(0);
    // The logged populations of the released set: from the statement when given, else the logged maximum.
    const log3 = new MemoryLog();
    log3.entries.push(
      { ...JUNE, members: ['D2'], populations: { D2: 4 } },
      { ...JUNE, members: ['D2', 'D3'], populations: { D2: 9, D3: 7 } },
    );
    expect((await decide(log3, [cell('z', JUNE, ['D2', 'D3', 'D6'])], population({ D6: 0 }))).size).toBe(0);
    expect(log3.entries.at(-1)).toEqual({ ...JUNE, members: ['D2', 'D3', 'D6'], populations: { D2: 9, D3: 7, D6: 0 } });
  });

  test('windows tile time: a window partly overlapping one answered before is refused, naming it; equal and disjoint ones are not', async () => {
    const log = new MemoryLog();
    await decide(log, [cell('june', JUNE, ['D2', 'D3'])]);
    const r = await decide(log, [cell('late', JUNE_LATE, ['D2', 'D3']), cell('q2', Q2, ['D2', 'D3'])]);
    expect(r.get('late')).toMatch(/overlaps 2025-06-01 to 2025-07-01 without being that window/);
    expect(r.get('q2')).toMatch(/2025-04-01 to 2025-07-01 overlaps 2025-06-01 to 2025-07-01/);
    const ok = await decide(log, [
      cell('july', JULY, ['D2', 'D3']),
      cell('june', JUNE, ['D2', 'D3']),
      cell('other', OTHER_JUNE, ['D4']),
    ]);
    // JULY only touches JUNE at its end (half-open windows), JUNE is the answered window itself, and a
    // window of another fact is compared with nothing of hr.payroll (its 3 people are refused on their own).
    expect([...ok.keys()]).toEqual(['other']);
    // Same start, another end: overlapping, not equal.
    const half = await decide(log, [cell('half', { fact: FACT, from: '2025-06-01', to: '2025-06-16' }, ['D2', 'D3'])]);
    expect(half.get('half')).toMatch(/overlaps 2025-06-01 to 2025-07-01 without being that window/);
    // Windows of another fact do not tile with hr.payroll's, even when both are asked at once.
    const mixed = await decide(log, [
      cell('june', JUNE, ['D2', 'D3']),
      cell('orders', { fact: 'sales.orders', from: '2025-06-02', to: '2025-07-01' }, ['D2', 'D3']),
    ]);
    expect(mixed.size).toBe(0);
    // A window released in this very request tiles time for the candidates after it.
    const fresh = new MemoryLog();
    const r2 = await decide(fresh, [cell('june', JUNE, ['D2', 'D3']), cell('late', JUNE_LATE, ['D2', 'D3'])]);
    expect([...r2.keys()]).toEqual(['late']);
  });

  test('windows starting before the retention horizon are refused; the horizon day itself is fine', async () => {
    const log = new MemoryLog();
    log.horizonDay = '2025-06-01';
    const r = await decide(log, [
      cell('may', { fact: FACT, from: '2025-05-31', to: '2025-06-30' }, ['D2', 'D3']),
      cell('june', JUNE, ['D2', 'D3']),
    ]);
    expect(r.get('may')).toMatch(/starts before 2025-06-01, further back than the disclosure log keeps/);
    expect(r.has('june')).toBe(false);
  });

  test('maxSetsPerWindow: the (max+1)-th different set of a window is refused, the max-th is not', async () => {
    const log = new MemoryLog();
    const sets = [['D2'], ['D2', 'D3'], ['D3']]; // 6, 13, 7 people; atoms {D2} and {D3} hold
    for (const [i, members] of sets.entries())
      expect((await decide(log, [cell(`s${i}`, JUNE, members)], population(), 3)).size).toBe(0);
    expect(log.entries).toHaveLength(3);
    const r = await decide(log, [cell('fourth', JUNE, ['D2', 'D3', 'D5'])], population(), 3);
    expect(r.get('fourth')).toMatch(/given 3 different groups of hr\.payroll, 2025-06-01 to 2025-07-01 already/);
    // A set released before is still answered at the limit.
    expect((await decide(log, [cell('again', JUNE, ['D3'])], population(), 3)).size).toBe(0);
  });

  test('a cell reading several windows is released only when all of them are; a refused one logs none of its sets', async () => {
    const log = new MemoryLog();
    const both: ReleaseCandidate = {
      key: 'both',
      sets: [
        { window: JUNE, members: ['D2', 'D3'] },
        { window: JULY, members: ['D4'] },
      ],
    };
    expect((await decide(log, [both])).get('both')).toMatch(/2025-07-01 to 2025-08-01/);
    expect(log.entries).toEqual([]);
    const fine: ReleaseCandidate = {
      key: 'fine',
      sets: [
        { window: JUNE, members: ['D2', 'D3'] },
        { window: JULY, members: ['D2'] },
      ],
    };
    expect((await decide(log, [fine])).size).toBe(0);
    expect(log.entries.map((e) => [e.from, e.members])).toEqual([
      ['2025-06-01', ['D2', 'D3']],
      ['2025-07-01', ['D2']],
    ]);
    // One cell naming the same window twice is logged once.
    const twice = new MemoryLog();
    const same: ReleaseCandidate = {
      key: 'same',
      sets: [
        { window: JUNE, members: ['D2'] },
        { window: JUNE, members: ['D3'] },
      ],
    };
    expect((await decide(twice, [same])).size).toBe(0);
    expect(twice.entries.map((e) => e.members)).toEqual([['D2']]);
  });
});
