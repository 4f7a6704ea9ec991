import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineContext } from '../../src/engine/context';
import { decideReleases } from '../../src/engine/release';
import { EmbeddedEngine } from '../../src/db/embedded';
import { DisclosureStore, type WindowKey } from '../../src/store/disclosure-store';
import { HubStore } from '../../src/store/hub-store';

/**
 * Issue 22, finding 1, as a property: for a personal fact, random requests — each a random time window
 * (any start, any length, days) and a random member subset — go through the one release check with the
 * real disclosure log (embedded store). The oracle is brute force over member × day: every −1/0/+1
 * combination of the cells released to the principal; a combination that singles out a group (net weight
 * 0 or 1 on every (member, day)) must cover no one or at least K distinct people, counted from the
 * generated pay rows themselves — never through the hub's atoms.
 */
const K = 5;
const MEMBERS = ['D1', 'D2', 'D3', 'D4', 'D5'];
const DAYS = 40;
const day = (i: number) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
const FACT = 'hr.payroll';

/** Pay rows: person, member, day. */
type Row = { person: number; member: string; day: number };

const rowsArb = fc
  .array(
    fc.record({
      member: fc.constantFrom(...MEMBERS),
      size: fc.integer({ min: 1, max: 7 }),
      days: fc.uniqueArray(fc.integer({ min: 0, max: DAYS - 1 }), { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 2, maxLength: 6 },
  )
  .map((groups) => {
    const rows: Row[] = [];
    let person = 0;
    for (const g of groups)
      for (let p = 0; p < g.size; p++, person++)
        for (const d of g.days) rows.push({ person, member: g.member, day: d });
    return rows;
  });

const requestArb = fc.record({
  from: fc.integer({ min: 0, max: DAYS - 1 }),
  length: fc.integer({ min: 1, max: DAYS }),
  members: fc.subarray(MEMBERS, { minLength: 1 }),
});

function people(rows: readonly Row[], cells: (member: string, d: number) => boolean): number {
  return new Set(rows.filter((r) => cells(r.member, r.day)).map((r) => r.person)).size;
}

/** The smallest positive group a −1/0/+1 combination of released cells singles out, or null. */
function smallestIsolated(rows: readonly Row[], released: Array<{ from: number; to: number; members: string[] }>) {
  let best: number | null = null;
  for (let code = 1; code < 3 ** released.length; code++) {
    const weight = new Map<string, number>();
    let c = code;
    for (let i = 0; i < released.length; i++, c = Math.floor(c / 3)) {
      const w = (c % 3) - 1;
      if (w === 0) continue;
      const r = released[i]!;
      for (const m of r.members)
        for (let d = r.from; d < r.to; d++) weight.set(`${m}|${d}`, (weight.get(`${m}|${d}`) ?? 0) + w);
    }
    if ([...weight.values()].some((w) => w !== 0 && w !== 1)) continue;
    const n = people(rows, (m, d) => weight.get(`${m}|${d}`) === 1);
    if (n > 0 && (best === null || n < best)) best = n;
  }
  return best;
}

describe('issue 22: suppression across windows and member sets (property)', () => {
  let engine: EmbeddedEngine;
  let dir: string;
  let disclosure: DisclosureStore;
  let store: HubStore;
  let run = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'indicator-hub-windows-'));
    engine = await EmbeddedEngine.open(join(dir, 'data'));
    store = new HubStore(engine.connection('hub'));
    await store.migrate();
    disclosure = new DisclosureStore(store.conn, 0);
  });
  afterAll(async () => {
    // The store's knex pool first (it keeps the process alive), then the engine it reads.
    await store?.conn.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no combination of released cells isolates 1…K−1 people', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.array(requestArb, { minLength: 2, maxLength: 6 }), async (rows, requests) => {
        const principal = `p${run++}`; // a fresh log per run
        const ctx = {
          viewer: { principal },
          runtime: {
            policy: { policy: { minimumGroupSize: K } },
            config: { disclosure: { maxSetsPerWindow: 500 } },
            disclosure,
          },
        } as unknown as EngineContext;
        const released: Array<{ from: number; to: number; members: string[] }> = [];
        for (const r of requests) {
          const to = Math.min(DAYS, r.from + r.length);
          const window: WindowKey = { fact: FACT, from: day(r.from), to: day(to) };
          const population = (_w: WindowKey, m: string) => people(rows, (mm, d) => mm === m && d >= r.from && d < to);
          const refused = await decideReleases(
            ctx,
            [{ key: 'cell', sets: [{ window, members: r.members }] }],
            population,
          );
          if (!refused.has('cell')) released.push({ from: r.from, to, members: r.members });
        }
        const smallest = smallestIsolated(rows, released);
        expect({ released, smallest }).toEqual({ released, smallest: smallest === null ? null : expect.any(Number) });
        if (smallest !== null) expect(smallest).toBeGreaterThanOrEqual(K);
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  test('the finding as a property instance: {A,B} over a month, then {B} over the month less a day, is refused', async () => {
    const ctx = {
      viewer: { principal: 'finding' },
      runtime: {
        policy: { policy: { minimumGroupSize: K } },
        config: { disclosure: { maxSetsPerWindow: 500 } },
        disclosure,
      },
    } as unknown as EngineContext;
    const pop = (_w: WindowKey, m: string) => (m === 'A' ? 2 : 14);
    const june = { fact: FACT, from: '2025-06-01', to: '2025-07-01' };
    const rest = { fact: FACT, from: '2025-06-02', to: '2025-07-01' };
    expect((await decideReleases(ctx, [{ key: 'ab', sets: [{ window: june, members: ['A', 'B'] }] }], pop)).size).toBe(
      0,
    );
    const refused = await decideReleases(ctx, [{ key: 'b', sets: [{ window: rest, members: ['B'] }] }], pop);
    expect(refused.get('b')).toMatch(/^suppressed: .* overlaps 2025-06-01 to 2025-07-01/);
    // The same window again, and a disjoint one, are decided by the member-set control as before.
    expect((await decideReleases(ctx, [{ key: 'b', sets: [{ window: june, members: ['B'] }] }], pop)).get('b')).toMatch(
      /fewer than 5 people/,
    );
    const july = { fact: FACT, from: '2025-07-01', to: '2025-08-01' };
    expect((await decideReleases(ctx, [{ key: 'b', sets: [{ window: july, members: ['B'] }] }], pop)).size).toBe(0);
  });

  test('limits.disclosure.maxSetsPerWindow: exactly that many different groups of one window, then the next new one is suppressed', async () => {
    const MAX = 3;
    const ctx = {
      viewer: { principal: 'max-sets' },
      runtime: {
        policy: { policy: { minimumGroupSize: K } },
        config: { disclosure: { maxSetsPerWindow: MAX } },
        disclosure,
      },
    } as unknown as EngineContext;
    const pop = () => 10; // every member 10 people: only the count can refuse
    const june = { fact: FACT, from: '2025-06-01', to: '2025-07-01' };
    const ask = (members: string[]) => decideReleases(ctx, [{ key: 'c', sets: [{ window: june, members }] }], pop);
    for (const m of ['A', 'B', 'C']) expect((await ask([m])).size).toBe(0);
    expect((await ask(['D'])).get('c')).toMatch(/^suppressed: you have been given 3 different groups of hr\.payroll/);
    // A group released before is still answered; another window has its own count.
    expect((await ask(['B'])).size).toBe(0);
    const july = { fact: FACT, from: '2025-07-01', to: '2025-08-01' };
    expect((await decideReleases(ctx, [{ key: 'c', sets: [{ window: july, members: ['D'] }] }], pop)).size).toBe(0);
  });
});
