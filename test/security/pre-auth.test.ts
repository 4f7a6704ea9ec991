import { ALL_EMBEDDED } from '../support/engines';
import { DEMO_SERVICE_KEY, startTestHub, tokenFor, type TestHub } from '../support/hub-client';
import { openRawSocket } from '../support/ws-raw';
import { byKind, eventually, refusalRows } from './audit-oracle';

/**
 * Issue 12, finding 5 — "no throttle before authentication" — as it was found, scaled down: a flood of
 * requests with bad or no credentials from one address never met a 429 and left one audit row each;
 * refused bodies were recorded as UNAUTHENTICATED. Now: after `maxRefusals` refusals an address gets 429
 * with Retry-After before its credentials are looked at; successful traffic spends nothing; the records
 * are aggregated per address and kind and say what each refusal was (counted with SQL on the audit table).
 * The hub trusts the loopback proxy here, so each test is its own client address (X-Forwarded-For).
 */
const MAX_REFUSALS = 10;
const AUDIT_SECONDS = 2;
const CONFIG = {
  server: { trustedProxies: ['127.0.0.1'] },
  limits: { preAuth: { maxRefusals: MAX_REFUSALS, windowSeconds: 3600 }, refusalAuditSeconds: AUDIT_SECONDS },
};
const QUERY = JSON.stringify({ query: '{ me { principal } }' });

async function post(
  hub: TestHub,
  address: string | undefined,
  headers: Record<string, string>,
  body: string = QUERY,
): Promise<{ status: number; retryAfter: string | null; code: string }> {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}), ...headers },
    body,
  });
  const json = (await res.json()) as { errors?: Array<{ extensions: { code: string } }> };
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    code: json.errors?.[0]?.extensions.code ?? 'none',
  };
}

describe('throttling before authentication (finding 5)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, CONFIG);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('API-key guessing from one address: 401 until the budget is spent, then 429 with Retry-After — WebSocket upgrades too; aggregated in the audit log', async () => {
    const address = '203.0.113.5';
    const GUESSES = 40;
    const started = Date.now();
    const answers: Array<Awaited<ReturnType<typeof post>>> = [];
    for (let i = 0; i < GUESSES; i += 10) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_x, j) => post(hub, address, { 'x-api-key': `guess-${i + j}` })),
        )),
      );
    }
    expect(answers.filter((a) => a.status === 401)).toHaveLength(MAX_REFUSALS);
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled).toHaveLength(GUESSES - MAX_REFUSALS);
    for (const a of throttled) {
      expect(a.code).toBe('RATE_LIMITED');
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Issue 22, finding 6: the refusals are throttled, not the address — the right key still passes (a
    // 256-bit key is not guessed by trying: a hit tells nothing), a further guess is 429, upgrades too.
    expect((await post(hub, address, { 'x-api-key': DEMO_SERVICE_KEY })).status).toBe(200);
    expect((await post(hub, address, { 'x-api-key': 'guess-again' })).status).toBe(429);
    const upgrade = openRawSocket(hub.url, {}, { 'x-forwarded-for': address, 'x-api-key': 'guess-again' });
    expect(await upgrade.closed).toMatchObject({ code: 429 });

    const expected = { UNKNOWN_API_KEY: MAX_REFUSALS, THROTTLED: GUESSES - MAX_REFUSALS + 2 };
    const kinds = await eventually(
      async () => byKind(await refusalRows(hub, { ip: address })),
      (k) => Object.entries(expected).every(([kind, n]) => k[kind]?.refusals === n),
    );
    expect(Object.keys(kinds).sort()).toEqual(Object.keys(expected).sort());
    // Aggregated: the first refusal of a kind at once, then one record per interval or per
    // limits.refusalAuditMaxUnwritten refusals (default 10), whichever comes first (issue 21: the crash bound).
    const intervals = Math.ceil((Date.now() - started) / (AUDIT_SECONDS * 1000));
    for (const [kind, n] of Object.entries(expected)) {
      expect(kinds[kind]!.refusals).toBe(n);
      expect(kinds[kind]!.records).toBeLessThanOrEqual(1 + intervals + Math.ceil(n / 10));
      expect(kinds[kind]!.records).toBeLessThan(n / 2);
    }
  });

  test('successful authenticated traffic spends nothing: after many requests the address still has its whole budget', async () => {
    const address = '203.0.113.6';
    const token = await tokenFor('EMP-000100');
    for (let i = 0; i < 3 * MAX_REFUSALS; i++)
      expect((await post(hub, address, { authorization: `Bearer ${token}` })).status).toBe(200);
    const bad = [];
    for (let i = 0; i < MAX_REFUSALS; i++) bad.push((await post(hub, address, {})).status);
    expect(bad).toEqual(Array(MAX_REFUSALS).fill(401));
    expect((await post(hub, address, {})).status).toBe(429);
  });

  test.each([
    ['missing credentials', {}, QUERY, 401, 'UNAUTHENTICATED', 'MISSING_CREDENTIALS'],
    ['a bad token', { authorization: 'Bearer not.a.jwt' }, QUERY, 401, 'UNAUTHENTICATED', 'BAD_TOKEN'],
    ['an unknown API key', { 'x-api-key': 'nope' }, QUERY, 401, 'UNAUTHENTICATED', 'UNKNOWN_API_KEY'],
    [
      'a body over the limit',
      {},
      JSON.stringify({ query: 'x'.repeat(1_100_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
      'BODY_TOO_LARGE',
    ],
    ['a body that is not JSON', {}, '{"query": ', 400, 'BAD_REQUEST', 'BAD_JSON'],
  ])('%s is answered %i and recorded as what it was', async (_label, headers, body, status, code, kind) => {
    const address = `198.51.100.${10 + ['MISSING_CREDENTIALS', 'BAD_TOKEN', 'UNKNOWN_API_KEY', 'BODY_TOO_LARGE', 'BAD_JSON'].indexOf(kind)}`;
    const answer = await post(hub, address, headers as Record<string, string>, body);
    expect(answer).toMatchObject({ status, code });
    expect(await refusalRows(hub, { ip: address })).toEqual([
      { principal: 'anonymous', ip: address, errorCodes: [code], kind, count: 1 },
    ]);
  });
});

describe('X-Forwarded-For is not believed by default', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, { limits: CONFIG.limits });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('a client rotating X-Forwarded-For is still one address: throttled after the budget, recorded under its real address', async () => {
    const statuses = [];
    for (let i = 0; i < MAX_REFUSALS + 2; i++)
      statuses.push((await post(hub, `192.0.2.${i + 1}`, { authorization: 'Bearer forged' })).status);
    expect(statuses).toEqual([...Array(MAX_REFUSALS).fill(401), 429, 429]);
    const rows = await eventually(
      () => refusalRows(hub),
      (r) => r.reduce((n, x) => n + x.count, 0) === MAX_REFUSALS + 2,
    );
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['127.0.0.1']));
  });
});
