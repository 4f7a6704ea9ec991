import * as net from 'node:net';
import { InMemoryResultCache } from '../../src/cache/result-cache';
import { SharedResultCache } from '../../src/cache/shared-result-cache';
import { RedisSharedState } from '../../src/replicas/shared-state';
import { SharedRateStore } from '../../src/server/guards/shared-rate-store';

/**
 * The replicas' shared state against the test command's Redis (HUB_TEST_REDIS_URL): two "replicas" in one
 * process, each with its own connections — channels reach the other and not the sender, the rate count
 * and the cache are shared; and against a port where nothing listens, every part falls back to local.
 */
const url = () => {
  const u = process.env.HUB_TEST_REDIS_URL;
  if (!u) throw new Error('HUB_TEST_REDIS_URL is not set: run the suite with `npm test` (it starts Redis too).');
  return u;
};
const prefix = `test-${Date.now()}-${Math.random().toString(36).slice(2)}:`;
const settings = (redisUrl: string) => ({ url: redisUrl, keyPrefix: prefix, commandTimeoutMs: 5000 });

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two replicas on one Redis', () => {
  let a: RedisSharedState;
  let b: RedisSharedState;
  beforeAll(async () => {
    a = new RedisSharedState(settings(url()));
    b = new RedisSharedState(settings(url()));
    await until(() => a.up() && b.up());
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  test('a message reaches the other replica, not its sender', async () => {
    const heardByA: unknown[] = [];
    const heardByB: unknown[] = [];
    a.subscribe('news', (m) => heardByA.push(m));
    b.subscribe('news', (m) => heardByB.push(m));
    await new Promise((r) => setTimeout(r, 200)); // SUBSCRIBE acknowledged
    a.publish('news', { n: 1 });
    await until(() => heardByB.length === 1);
    expect(heardByB).toEqual([{ n: 1 }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(heardByA).toEqual([]);
  });

  test('the rate count is one for both: together they admit the burst, no more', async () => {
    const limit = { burst: 7, perMinute: 1 };
    const ra = new SharedRateStore(limit, a);
    const rb = new SharedRateStore(limit, b);
    const takes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ra : rb).take('someone')));
    expect(takes.filter((t) => t.ok)).toHaveLength(7);
    const refused = takes.find((t) => !t.ok) as { ok: false; retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  test("a result one replica cached is the other's hit; an invalidation drops the other's memory tier", async () => {
    const localB = new InMemoryResultCache();
    const ca = new SharedResultCache(new InMemoryResultCache(), a);
    const cb = new SharedResultCache(localB, b);
    await new Promise((r) => setTimeout(r, 200));
    ca.set('k1', { rows: [1, 2] }, 60_000, '2026-01-01T00:00:00.000Z');
    let hit: Awaited<ReturnType<typeof cb.get>> | undefined;
    const deadline = Date.now() + 3000;
    while (!hit && Date.now() < deadline) hit = await cb.get('k1');
    expect(hit).toEqual({ value: { rows: [1, 2] }, asOf: '2026-01-01T00:00:00.000Z' });
    expect(localB.get('k1')).toBeDefined(); // copied into B's memory
    ca.invalidate();
    await until(() => localB.get('k1') === undefined);
    ca.close();
    cb.close();
  });
});

describe('Redis unreachable', () => {
  test('every part falls back to this process: local limits, memory cache, messages stay here', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const down = new RedisSharedState(settings(`redis://127.0.0.1:${port}`));
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(down.up()).toBe(false);
      expect(down.commands()).toBeUndefined();
      const store = new SharedRateStore({ burst: 3, perMinute: 1 }, down);
      const takes = await Promise.all(Array.from({ length: 5 }, () => store.take('someone')));
      expect(takes.map((t) => t.ok)).toEqual([true, true, true, false, false]);
      const cache = new SharedResultCache(new InMemoryResultCache(), down);
      cache.set('k', 1, 60_000, 'now');
      expect(await cache.get('k')).toEqual({ value: 1, asOf: 'now' });
      expect(() => down.publish('news', {})).not.toThrow();
    } finally {
      await down.close();
    }
  });
});
