import { MIXED } from '../support/engines';
import { authHeaders, EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';
import { loadConfig } from '../../src/config/load';

/** CORS: origins and headers from the environment; x-api-key allowed, Retry-After exposed; no 401 preflight. */
const BI = 'https://bi.example.test';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(MIXED, {}, { HUB_CORS_ORIGINS: `${BI}, https://other.example.test` });
});
afterAll(async () => {
  await hub?.dispose();
});

const preflight = (origin: string) =>
  fetch(hub.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, x-api-key',
    },
  });

test('a listed origin (from HUB_CORS_ORIGINS): its preflight allows x-api-key; answers expose Retry-After', async () => {
  expect(hub.runtime.config.server.corsOrigins).toEqual([BI, 'https://other.example.test']);
  const res = await preflight(BI);
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe(BI);
  expect(res.headers.get('access-control-allow-headers')).toMatch(/(^|, )x-api-key(,|$)/);
  const answer = await fetch(hub.url, {
    method: 'POST',
    headers: { origin: BI, 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
    body: JSON.stringify({ query: '{ me { principal } }' }),
  });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('access-control-allow-origin')).toBe(BI);
  expect(answer.headers.get('access-control-expose-headers')!.split(', ')).toEqual(
    expect.arrayContaining(['retry-after', 'x-request-id']),
  );
});

test('an unlisted origin: its preflight is 204 without CORS headers, not 401', async () => {
  const res = await preflight('https://evil.example.test');
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
});

test('headers are configurable by environment, and a bad header name is refused at start', () => {
  const cfg = loadConfig({
    HUB_CORS_ALLOWED_HEADERS: 'authorization,x-custom',
    HUB_CORS_EXPOSED_HEADERS: 'retry-after',
  });
  expect(cfg.server.corsAllowedHeaders).toEqual(['authorization', 'x-custom']);
  expect(cfg.server.corsExposedHeaders).toEqual(['retry-after']);
  expect(() => loadConfig({ HUB_CORS_ALLOWED_HEADERS: 'bad header' })).toThrow(/corsAllowedHeaders/);
});
