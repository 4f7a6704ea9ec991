import { ALL_EMBEDDED } from '../support/engines';
import { DEMO_SERVICE_KEY, EXECUTIVE, startTestHub, tokenFor, type TestHub } from '../support/hub-client';
import { openRawSocket } from '../support/ws-raw';
import { byKind, eventually, refusalRows } from './audit-oracle';

/**
 * Issue 22, finding 6 as found: one bad request every 2 s from an address (an office NAT, an untrusted
 * proxy) kept a valid CEO token and a valid API key from that address at 429 — the throttle punished the
 * address, not the refusals. Now a spent address still lets verified credentials through (a JWT with a
 * valid signature, a known API key: checked in memory, no statement), while guesses from it stay at 429,
 * and guesses of one API-key prefix spread over many addresses are throttled by that prefix.
 * The hub trusts the loopback proxy: X-Forwarded-For names each client's address.
 */
const MAX_REFUSALS = 3;
const CONFIG = {
  server: { trustedProxies: ['127.0.0.1'] },
  limits: { preAuth: { maxRefusals: MAX_REFUSALS, windowSeconds: 3600 }, refusalAuditSeconds: 1 },
};
const QUERY = JSON.stringify({ query: '{ me { principal } }' });

async function post(hub: TestHub, address: string, headers: Record<string, string>) {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    body: QUERY,
  });
  const json = (await res.json()) as {
    data?: { me: { principal: string } };
    errors?: Array<{ extensions: { code: string } }>;
  };
  return { status: res.status, principal: json.data?.me.principal, code: json.errors?.[0]?.extensions.code };
}

describe('issue 22, finding 6: valid credentials are never locked out by other clients’ refusals', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, CONFIG);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('an attacker spends the shared address: the CEO token, the API key and a WebSocket login still work; guesses get 429', async () => {
    const nat = '203.0.113.77';
    const ceo = await tokenFor(EXECUTIVE);
    // The attacker behind the same NAT: bad tokens, unknown keys, no credentials — until the address is spent.
    const attacks = [];
    for (let i = 0; i < MAX_REFUSALS + 3; i++)
      attacks.push((await post(hub, nat, i % 2 ? { authorization: 'Bearer x.y.z' } : {})).status);
    expect(attacks).toEqual([...Array(MAX_REFUSALS).fill(401), 429, 429, 429]);

    const asCeo = await post(hub, nat, { authorization: `Bearer ${ceo}` });
    expect(asCeo).toMatchObject({ status: 200, principal: EXECUTIVE });
    expect(await post(hub, nat, { 'x-api-key': DEMO_SERVICE_KEY })).toMatchObject({ status: 200 });
    // Credentials in connection_init (as browsers send them), through a spent address.
    const socket = openRawSocket(hub.url, { authorization: `Bearer ${ceo}` }, { 'x-forwarded-for': nat });
    expect(await socket.init).toEqual({ ack: true });
    socket.close();
    // Guesses stay throttled, whatever they guess with, over HTTP and WebSocket.
    const guesses: Array<Record<string, string>> = [{}, { authorization: 'Bearer forged' }, { 'x-api-key': 'guess' }];
    for (const headers of guesses)
      expect(await post(hub, nat, headers)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const guess = openRawSocket(hub.url, { 'x-api-key': 'guess' }, { 'x-forwarded-for': nat });
    expect(await guess.init).toMatchObject({ ack: false, code: 4443 });
    // A token signed with another secret is not "verified": throttled like any guess.
    const forged = ceo.slice(0, ceo.lastIndexOf('.') + 1) + 'A'.repeat(43);
    expect(await post(hub, nat, { authorization: `Bearer ${forged}` })).toMatchObject({ status: 429 });
    const kinds = await eventually(
      async () => byKind(await refusalRows(hub, { ip: nat })),
      (k) => (k.THROTTLED?.refusals ?? 0) >= 3 + 3 + 1 + 1,
    );
    expect(kinds.THROTTLED!.refusals).toBe(3 + 3 + 1 + 1);
  });

  test('API-key guesses with one prefix, spread over many addresses, are throttled by the prefix; the real key is not', async () => {
    const prefix = DEMO_SERVICE_KEY.slice(0, 8);
    const statuses = [];
    for (let i = 0; i < MAX_REFUSALS + 3; i++)
      statuses.push((await post(hub, `198.51.100.${100 + i}`, { 'x-api-key': `${prefix}-guess-${i}` })).status);
    expect(statuses).toEqual([...Array(MAX_REFUSALS).fill(401), 429, 429, 429]);
    // A fresh address with another prefix is heard; the real key (same prefix) passes.
    expect((await post(hub, '198.51.100.200', { 'x-api-key': 'zzzzzzzz-guess' })).status).toBe(401);
    expect((await post(hub, '198.51.100.201', { 'x-api-key': DEMO_SERVICE_KEY })).status).toBe(200);
  });
});
