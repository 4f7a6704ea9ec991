import { ALL_EMBEDDED } from '../support/engines';
import { authHeaders, EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';

describe('HTTP surface', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('GraphiQL is served to browsers and loads nothing from the internet', async () => {
    const res = await fetch(hub.url, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:\/\//i);
  });

  test('the page only for an explicit text/html without a query; compressed, with an ETag and a 304', async () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const page = await fetch(hub.url, { headers: { accept: browser, 'accept-encoding': 'br, gzip' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(Number(page.headers.get('content-length'))).toBeLessThan(html.length / 3);
    expect(page.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(hub.url, { headers: { accept: browser, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // A GET carrying a query is a GraphQL request, whatever its Accept; */* or no Accept is GraphQL too.
    const auth = { ...(await authHeaders(EXECUTIVE)), 'apollo-require-preflight': 'true' };
    for (const accept of [browser, '*/*', undefined]) {
      const res = await fetch(`${hub.url}?query=${encodeURIComponent('{ me { principal } }')}`, {
        headers: { ...auth, ...(accept ? { accept } : {}) },
      });
      expect({ accept, type: res.headers.get('content-type') }).toEqual({
        accept,
        type: expect.stringMatching(/json/),
      });
      expect(((await res.json()) as { data: { me: { principal: string } } }).data.me.principal).toBe(EXECUTIVE);
    }
    const bare = await fetch(hub.url, { headers: { accept: '*/*' } });
    expect(bare.headers.get('content-type')).not.toMatch(/html/);
  });

  test('/healthz answers while the process is up; /readyz when every source answers', async () => {
    expect((await fetch(`${hub.origin}/healthz`)).status).toBe(200);
    const ready = await fetch(`${hub.origin}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { sources: Array<{ source: string; ok: boolean }> };
    expect(body.sources.map((s) => [s.source, s.ok]).sort()).toEqual([
      ['crm', true],
      ['erp', true],
      ['hr', true],
      ['procurement', true],
    ]);
  });

  test('/metrics counts statements per source', async () => {
    await hub.query(`{ departments(limit: 3) { revenue(period: "2025") } }`);
    const text = await (await fetch(`${hub.origin}/metrics`)).text();
    expect(text).toMatch(/hub_source_statements_total\{source="crm",kind="aggregate",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hub_graphql_request_duration_seconds_count\{outcome="ok"\} [1-9]/);
  });

  test('the trace appears only when asked for with X-Hub-Trace: 1', async () => {
    const plain = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
      body: JSON.stringify({ query: '{ departments(limit: 1) { id } }' }),
    });
    const body = (await plain.json()) as { data?: { departments: unknown[] }; extensions?: unknown };
    expect(body.data?.departments).toHaveLength(1);
    // Permission-filtered answers are never cached by a browser or proxy.
    expect(plain.headers.get('cache-control')).toBe('no-store');
    expect(body.extensions).toBeUndefined();
    const traced = await hub.query('{ departments(limit: 1) { id } }');
    expect(traced.extensions?.trace?.bySource.hr?.statements).toBe(1);
    expect(traced.extensions?.trace?.bySource.hr?.fingerprints[0]).toMatch(/^[0-9a-f]{12}$/);
  });

  test('bodies over the configured limit are refused', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ departments { id } }`, variables: { pad: 'x'.repeat(2_000_000) } }),
    });
    expect(res.status).toBe(413);
  });

  test('the sources query lists the four systems and their engines', async () => {
    const res = await hub.query<{ sources: Array<{ name: string; ok: boolean; engine: string }> }>(
      '{ sources { name ok engine } }',
    );
    expect(res.data!.sources).toEqual([
      { name: 'crm', ok: true, engine: 'embedded' },
      { name: 'erp', ok: true, engine: 'embedded' },
      { name: 'hr', ok: true, engine: 'embedded' },
      { name: 'procurement', ok: true, engine: 'embedded' },
    ]);
  });
});
