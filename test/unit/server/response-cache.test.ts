import type { Request } from 'express';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { Viewer } from '../../../src/auth/viewer';
import { freshnessScope } from '../../../src/cache/freshness';
import { InMemoryResultCache } from '../../../src/cache/result-cache';
import { Dictionary, type Indicator } from '../../../src/indicators/dictionary';
import { keepsAnswer, ResponseCache } from '../../../src/server/response-cache';
import { ResponseSlot } from '../../../src/server/response-slot';

/** The response cache's key, eligibility and freshness, without a server. */
const viewer = (principal: string, over: Partial<Viewer> = {}): Viewer => ({
  principal,
  kind: 'person',
  roles: ['sales_rep'],
  unit: 'D0001',
  rows: [new Map([['Department', new Set(['D0001'])]])],
  operations: new Set(['view']),
  individuals: false,
  scopeDescription: 'Department: D0001',
  ...over,
});

const request = (body: unknown, headers: Record<string, string> = {}): Request =>
  ({
    method: 'POST',
    body,
    get: (name: string) => headers[name.toLowerCase()],
  }) as unknown as Request;

const indicator = (code: string, version: number, fingerprint: string): Indicator =>
  ({ def: { code }, version, fingerprint, status: 'published' }) as unknown as Indicator;

const QUERY = '{ departments { id revenue(period: "2025-Q4") } }';

describe('ResponseCache.keyOf', () => {
  const cache = new ResponseCache({ maxBytes: 1 << 20, maxAgeMs: 60_000 });
  const dict = new Dictionary([indicator('revenue', 1, 'aaa')]);

  test('two principals with the same roles, unit, rows and scope never share a key', () => {
    const a = cache.keyOf(request({ query: QUERY }), viewer('EMP-000010'), dict);
    const b = cache.keyOf(request({ query: QUERY }), viewer('EMP-000011'), dict);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
  });

  test('the same request of the same principal has one key, whatever the whitespace and comments', () => {
    const a = cache.keyOf(request({ query: QUERY }), viewer('EMP-000010'), dict);
    const b = cache.keyOf(
      request({ query: '# dashboard\n{\n  departments {\n    id\n    revenue(period: "2025-Q4")\n  }\n}' }),
      viewer('EMP-000010'),
      dict,
    );
    expect(b).toBe(a);
  });

  test('selection order, variables, operation name, Accept, row grants and definitions all change the key', () => {
    const base = cache.keyOf(request({ query: QUERY, variables: { a: 1 } }), viewer('EMP-000010'), dict);
    const others = [
      cache.keyOf(
        request({ query: '{ departments { revenue(period: "2025-Q4") id } }', variables: { a: 1 } }),
        viewer('EMP-000010'),
        dict,
      ),
      cache.keyOf(request({ query: QUERY, variables: { a: 2 } }), viewer('EMP-000010'), dict),
      cache.keyOf(request({ query: QUERY, variables: { a: 1 }, operationName: 'X' }), viewer('EMP-000010'), dict),
      cache.keyOf(
        request({ query: QUERY, variables: { a: 1 } }, { accept: 'application/graphql-response+json' }),
        viewer('EMP-000010'),
        dict,
      ),
      cache.keyOf(
        request({ query: QUERY, variables: { a: 1 } }),
        viewer('EMP-000010', { rows: [new Map([['Department', new Set(['D0002'])]])] }),
        dict,
      ),
      cache.keyOf(
        request({ query: QUERY, variables: { a: 1 } }),
        viewer('EMP-000010'),
        new Dictionary([indicator('revenue', 2, 'bbb')]),
      ),
    ];
    for (const key of others) expect(key).not.toBe(base);
    expect(new Set(others).size).toBe(others.length);
  });

  test('no key (not looked up) for a traced request, a GET, a batch or a body without query text', () => {
    expect(cache.keyOf(request({ query: QUERY }, { 'x-hub-trace': '1' }), viewer('E'), dict)).toBeUndefined();
    expect(cache.keyOf({ ...request({ query: QUERY }), method: 'GET' } as Request, viewer('E'), dict)).toBeUndefined();
    expect(cache.keyOf(request([{ query: QUERY }]), viewer('E'), dict)).toBeUndefined();
    expect(cache.keyOf(request({ extensions: { persistedQuery: {} } }), viewer('E'), dict)).toBeUndefined();
  });

  test('a change of the published definitions drops every kept answer', () => {
    const c = new ResponseCache({ maxBytes: 1 << 20, maxAgeMs: 60_000 });
    const key = c.keyOf(request({ query: QUERY }), viewer('E'), dict)!;
    c.set(key, {
      body: Buffer.from('{}'),
      contentType: 'application/json',
      expires: Date.now() + 10_000,
      entry: {} as never,
    });
    expect(c.get(key)).toBeDefined();
    c.keyOf(request({ query: QUERY }), viewer('E'), new Dictionary([indicator('revenue', 2, 'bbb')]));
    expect(c.get(key)).toBeUndefined();
    expect(c.stats().entries).toBe(0);
  });

  test('bounded by bytes: the least recently used answer goes first, one larger than the bound is not kept', () => {
    const c = new ResponseCache({ maxBytes: 10_000, maxAgeMs: 60_000 });
    const put = (key: string, bytes: number) =>
      c.set(key, { body: Buffer.alloc(bytes), contentType: 'x', expires: Date.now() + 10_000, entry: {} as never });
    put('a', 4000);
    put('b', 4000);
    put('c', 4000);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('c')).toBeDefined();
    put('huge', 20_000);
    expect(c.get('huge')).toBeUndefined();
    expect(c.stats().bytes).toBeLessThanOrEqual(10_000);
  });
});

describe('keepsAnswer', () => {
  const op = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;

  test.each([
    ['{ departments { id } }', undefined, true],
    ['{ indicatorValues(codes: ["a"], from: "2025", grain: YEAR) { rows { member { id } } } }', undefined, true],
    ['{ indicator(code: "a") { code } }', undefined, true],
    ['{ indicator(code: "a", draft: null) { code } }', undefined, true],
    ['{ indicator(code: "a", draft: "12") { code } }', undefined, false],
    ['query($d: ID) { indicator(code: "a", draft: $d) { code } }', {}, true],
    ['query($d: ID) { indicator(code: "a", draft: $d) { code } }', { d: '12' }, false],
    ['{ indicatorChanges { id } }', undefined, false],
    ['{ auditLog { records { seq } } }', undefined, false],
    ['{ noticeInbox { id } }', undefined, false],
    ['{ me { principal } }', undefined, false],
    ['{ sources { name } }', undefined, false],
    ['{ departments { id } indicatorChanges { id } }', undefined, false],
    ['{ __schema { types { name } } }', undefined, false],
    ['{ ... on Query { departments { id } } }', undefined, false],
    ['mutation { markNoticeRead(id: "1") { id } }', undefined, false],
    ['subscription { indicatorNotices { id } }', undefined, false],
  ])('%s (variables %j) → %s', (text, variables, kept) => {
    expect(keepsAnswer(op(text), variables as Record<string, unknown> | undefined)).toBe(kept);
  });
});

describe('freshness scope', () => {
  test('the earliest expiry of the results read or written in the scope bounds the answer', async () => {
    const clock = { now: 1_000_000 };
    const results = new InMemoryResultCache({ now: () => clock.now, purgeIntervalMs: 0 });
    results.set('old', 1, 5_000, 'a'); // expires at 1_005_000
    clock.now += 3_000;
    const slot = new ResponseSlot();
    await freshnessScope.run(slot, async () => {
      await Promise.resolve();
      results.set('new', 2, 60_000, 'b'); // expires at 1_063_000
      expect(slot.until).toBe(1_063_000);
      results.get('old');
      expect(slot.until).toBe(1_005_000);
    });
    const cache = new ResponseCache({ maxBytes: 1000, maxAgeMs: 60_000 }, () => clock.now);
    expect(cache.expiry(slot, [], () => 60)).toBe(1_005_000);
    // A source read directly bounds it by its own time to live; 0 means the answer is not kept.
    expect(cache.expiry(slot, ['crm'], () => 1)).toBe(clock.now + 1_000);
    expect(cache.expiry(slot, ['crm'], () => 0)).toBe(clock.now);
    // An uncacheable result (time to live 0) makes the answer expire now.
    const none = new ResponseSlot();
    freshnessScope.run(none, () => results.set('x', 3, 0, 'c'));
    expect(none.until).toBe(clock.now);
  });
});
