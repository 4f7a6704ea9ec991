import { InMemoryResultCache } from '../../../src/cache/result-cache';

/** A cache on a hand-driven clock (milliseconds). */
function cacheAt(start = 1_000_000, maxEntries = 2000) {
  const clock = { now: start };
  const cache = new InMemoryResultCache({ maxEntries, now: () => clock.now, purgeIntervalMs: 0 });
  return { clock, cache };
}

const AS_OF = '2025-11-05T09:30:00.000Z';

describe('InMemoryResultCache: expiry on the injected clock', () => {
  const cases: Array<[ttlMs: number, elapsedMs: number, hit: boolean]> = [
    [1000, 0, true],
    [1000, 1, true],
    [1000, 999, true],
    [1000, 1000, false], // expires exactly at set + ttl
    [1000, 1001, false],
    [1, 0, true],
    [1, 1, false],
    [60_000, 59_999, true],
    [60_000, 3_600_000, false],
  ];

  test.each(cases)('ttl %d ms, read %d ms later: hit = %s', (ttlMs, elapsedMs, hit) => {
    const { clock, cache } = cacheAt();
    cache.set('k', { rows: [1, 2] }, ttlMs, AS_OF);
    clock.now += elapsedMs;
    const got = cache.get<{ rows: number[] }>('k');
    if (hit) expect(got).toEqual({ value: { rows: [1, 2] }, asOf: AS_OF });
    else expect(got).toBeUndefined();
  });

  test('an expired entry is dropped when read (it no longer counts towards the size)', () => {
    const { clock, cache } = cacheAt();
    cache.set('a', 1, 100, AS_OF);
    cache.set('b', 2, 1000, AS_OF);
    clock.now += 500;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.get('b')).toEqual({ value: 2, asOf: AS_OF });
  });

  test('setting a key again replaces its value and restarts its time to live', () => {
    const { clock, cache } = cacheAt();
    cache.set('k', 'old', 100, '2025-01-01T00:00:00.000Z');
    clock.now += 90;
    cache.set('k', 'new', 100, AS_OF);
    clock.now += 90; // 180 ms after the first set, 90 after the second
    expect(cache.get('k')).toEqual({ value: 'new', asOf: AS_OF });
    expect(cache.size).toBe(1);
  });

  test('a read does not extend the time to live', () => {
    const { clock, cache } = cacheAt();
    cache.set('k', 1, 100, AS_OF);
    clock.now += 60;
    expect(cache.get('k')).toBeDefined();
    clock.now += 60;
    expect(cache.get('k')).toBeUndefined();
  });

  test('a key never set is a miss', () => {
    expect(cacheAt().cache.get('nothing')).toBeUndefined();
  });
});

describe('InMemoryResultCache: a time to live of 0 (or less) means "do not cache"', () => {
  test.each([0, -1, -60_000])('ttl %d ms: nothing is stored', (ttlMs) => {
    const { cache } = cacheAt();
    cache.set('k', 'v', ttlMs, AS_OF);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('InMemoryResultCache: values and as-of come back as stored', () => {
  test('the same object (no copy) and the as-of string given to set, not the clock', () => {
    const { clock, cache } = cacheAt(Date.parse('2030-01-01T00:00:00Z'));
    const rows = [{ period: '2025-Q4', revenue: '1234.50' }];
    cache.set('k', rows, 60_000, AS_OF);
    clock.now += 30_000;
    const got = cache.get<typeof rows>('k')!;
    expect(got.value).toBe(rows);
    expect(got.asOf).toBe(AS_OF);
  });

  test('falsy values are still hits', () => {
    const { cache } = cacheAt();
    cache.set('zero', 0, 100, AS_OF);
    cache.set('empty', '', 100, AS_OF);
    cache.set('null', null, 100, AS_OF);
    expect([cache.get('zero'), cache.get('empty'), cache.get('null')]).toEqual([
      { value: 0, asOf: AS_OF },
      { value: '', asOf: AS_OF },
      { value: null, asOf: AS_OF },
    ]);
  });

  test('keys are exact strings', () => {
    const { cache } = cacheAt();
    cache.set('abc', 1, 100, AS_OF);
    expect([cache.get('ABC'), cache.get('abc '), cache.get('ab')]).toEqual([undefined, undefined, undefined]);
  });
});

describe('InMemoryResultCache: LRU eviction at maxEntries keeps the most recently used entries', () => {
  /** Operations: "set x" or "get x", on a cache of `max` entries; then which of a…e are still there. */
  const cases: Array<[max: number, ops: string[], kept: string[]]> = [
    [3, ['set a', 'set b', 'set c', 'set d'], ['b', 'c', 'd']],
    [3, ['set a', 'set b', 'set c', 'get a', 'set d'], ['a', 'c', 'd']],
    [3, ['set a', 'set b', 'set c', 'get a', 'get b', 'set d'], ['a', 'b', 'd']],
    [3, ['set a', 'set b', 'set c', 'get c', 'get b', 'get a', 'set d', 'set e'], ['a', 'd', 'e']],
    [3, ['set a', 'set b', 'set c', 'set a', 'set d'], ['a', 'c', 'd']], // setting again also counts as use
    [3, ['set a', 'set b', 'set c', 'get x', 'set d'], ['b', 'c', 'd']], // a miss changes nothing
    [2, ['set a', 'set b', 'get a', 'set c', 'get a', 'set d'], ['a', 'd']],
    [1, ['set a', 'set b'], ['b']],
    [5, ['set a', 'set b', 'set c', 'set d', 'set e'], ['a', 'b', 'c', 'd', 'e']],
  ];

  test.each(cases)('max %d after %j keeps %j', (max, ops, kept) => {
    const { cache } = cacheAt(0, max);
    for (const op of ops) {
      const [verb, key] = op.split(' ') as ['set' | 'get', string];
      if (verb === 'set') cache.set(key, key.toUpperCase(), 60_000, AS_OF);
      else cache.get(key);
    }
    expect(cache.size).toBe(kept.length);
    // reads reorder entries but never evict, so probing every key does not change which are present
    const present = ['a', 'b', 'c', 'd', 'e'].filter((k) => cache.get(k) !== undefined);
    expect(present).toEqual(kept);
  });

  test('never holds more than maxEntries', () => {
    const { cache } = cacheAt(0, 10);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i, 60_000, AS_OF);
    expect(cache.size).toBe(10);
    expect(cache.get('k89')).toBeUndefined();
    expect(cache.get('k90')).toEqual({ value: 90, asOf: AS_OF });
  });
});

describe('InMemoryResultCache.clear', () => {
  test('drops every entry; the cache works afterwards', () => {
    const { cache } = cacheAt();
    for (const k of ['a', 'b', 'c']) cache.set(k, k, 60_000, AS_OF);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(['a', 'b', 'c'].map((k) => cache.get(k))).toEqual([undefined, undefined, undefined]);
    cache.set('a', 'again', 60_000, AS_OF);
    expect(cache.get('a')).toEqual({ value: 'again', asOf: AS_OF });
  });
});

describe('InMemoryResultCache: bounded in estimated bytes', () => {
  const rowsOf = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      dimensions: { period: `2025-01-${i}`, customer: `C${i}` },
      measures: { revenue: `${i}.00` },
    }));

  test('many large entries never hold more than maxBytes; the most recent ones stay', () => {
    const maxBytes = 200_000;
    const cache = new InMemoryResultCache({ maxEntries: 10_000, maxBytes, purgeIntervalMs: 0 });
    for (let i = 0; i < 200; i++) {
      cache.set(`k${i}`, { rows: rowsOf(100) }, 60_000, AS_OF);
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.stats().entries).toBeLessThan(200);
    expect(cache.get('k199')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  test('an entry larger than maxBytes is not kept, and does not leave an older value under its key', () => {
    const cache = new InMemoryResultCache({ maxBytes: 10_000, purgeIntervalMs: 0 });
    cache.set('k', { rows: rowsOf(1) }, 60_000, AS_OF);
    cache.set('k', { rows: rowsOf(1000) }, 60_000, AS_OF);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  test('purgeStale drops expired entries nobody reads again, giving their bytes back', () => {
    const clock = { now: 1_000_000 };
    const cache = new InMemoryResultCache({ now: () => clock.now, purgeIntervalMs: 0 });
    cache.set('short', { rows: rowsOf(50) }, 1000, AS_OF);
    cache.set('long', { rows: rowsOf(50) }, 60_000, AS_OF);
    const before = cache.stats().bytes;
    clock.now += 5000;
    cache.purgeStale();
    expect(cache.stats().entries).toBe(1);
    expect(cache.stats().bytes).toBeLessThan(before);
    expect(cache.get('long')).toBeDefined();
  });

  test('maxBytes 0 or maxEntries 0: nothing is cached', () => {
    for (const options of [{ maxBytes: 0 }, { maxEntries: 0 }]) {
      const cache = new InMemoryResultCache({ ...options, purgeIntervalMs: 0 });
      cache.set('k', 1, 60_000, AS_OF);
      expect(cache.get('k')).toBeUndefined();
    }
  });
});
