import { makeExecutableSchema } from '@graphql-tools/schema';
import { createHmac } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { withPermissions } from '../../src/resolvers/permissions';
import { loadPolicy, PolicyBook } from '../../src/auth/policy';
import { ANONYMOUS } from '../../src/auth/viewer';
import { AuditTrail } from '../../src/audit/trail';
import { WebhookAllowList } from '../../src/notices/allow-list';
import { HubAddresses } from '../../src/notices/hub-address';
import { retryDelayMs } from '../../src/notices/backoff';
import { NoticeBus } from '../../src/notices/notice-bus';
import { signDelivery, webhookHeaders } from '../../src/notices/signature';
import { StandardWebhookReceiver } from '../support/webhook-verifier';
import type { Notice } from '../../src/notices/types';

/** The parts of notices that need no database: permissions on Subscription fields, the bus, the allow-list, backoff, signatures. */
const notice = (id: number): Notice => ({
  id,
  kind: 'approved',
  code: 'revenue',
  domain: 'sales',
  changeId: id,
  version: 1,
  actor: 'EMP-000001',
  at: '2025-11-03T08:00:00.000Z',
  note: '',
  affected: ['revenue'],
  recipients: [],
});

/** The demo policy's rules for these types only: the policy must name only types the schema has. */
function onlyTypes(policy: PolicyBook, types: string[]): PolicyBook {
  const fields = Object.fromEntries(
    Object.entries(policy.policy.fields).filter(
      ([key]) => types.includes(key.split('.')[0]!) && (key.endsWith('.*') || key.startsWith('Subscription.')),
    ),
  );
  return new PolicyBook({ ...policy.policy, fields }, policy.file);
}

describe('graphql-shield on Subscription fields', () => {
  // graphql-middleware wraps `resolve` when a field has one and `subscribe` only when it has none: the hub's
  // subscription fields define `subscribe` alone, so the policy decides when the stream is opened.
  const opened: string[] = [];
  async function* feed(name: string) {
    opened.push(name);
    yield { [name]: 'x' };
  }
  const schema = withPermissions(
    makeExecutableSchema({
      typeDefs: 'type Query { ok: Boolean } type Subscription { unlisted: String, indicatorNotices: String }',
      resolvers: {
        Subscription: {
          unlisted: { subscribe: () => feed('unlisted') },
          indicatorNotices: { subscribe: () => feed('indicatorNotices') },
        },
      },
    }),
    onlyTypes(loadPolicy('models/demo/policy.yaml'), ['Query', 'Subscription']),
  );
  const run = async (field: string) =>
    (await subscribe({
      schema,
      document: parse(`subscription { ${field} }`),
      contextValue: { viewer: { ...ANONYMOUS, roles: ['employee'] }, audit: new AuditTrail() },
    })) as AsyncIterableIterator<ExecutionResult> | ExecutionResult;

  test('a Subscription field the policy does not list is denied by default, before its stream opens', async () => {
    const result = (await run('unlisted')) as ExecutionResult;
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(result.errors![0]!.message).toContain('Subscription.unlisted');
    expect(opened).not.toContain('unlisted');
  });

  test('a listed one opens', async () => {
    const stream = (await run('indicatorNotices')) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { indicatorNotices: 'x' } });
    expect(opened).toContain('indicatorNotices');
  });
});

describe('notice bus', () => {
  test('a subscriber gets what its filter accepts, in order; return() detaches it', async () => {
    const bus = new NoticeBus(10);
    const it = bus.subscribe((n) => n.id % 2 === 0);
    [1, 2, 3, 4].forEach((i) => bus.publish(notice(i)));
    expect((await it.next()).value.id).toBe(2);
    const pending = it.next();
    expect((await pending).value.id).toBe(4);
    expect(bus.subscribers).toBe(1);
    await it.return!();
    expect(bus.subscribers).toBe(0);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  test('a subscriber that falls behind its bounded queue gets what was queued, then SUBSCRIBER_TOO_SLOW', async () => {
    const bus = new NoticeBus(2);
    const it = bus.subscribe(() => true);
    [1, 2, 3, 4].forEach((i) => bus.publish(notice(i)));
    expect((await it.next()).value.id).toBe(1);
    expect((await it.next()).value.id).toBe(2);
    await expect(it.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    expect(bus.subscribers).toBe(0);
  });

  test('close() ends every subscriber', async () => {
    const bus = new NoticeBus(2);
    const it = bus.subscribe(() => true);
    const waiting = it.next();
    bus.close();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });
});

describe('webhook allow-list (deny by default)', () => {
  const list = new WebhookAllowList([
    'http://127.0.0.1:*',
    'http://localhost:*',
    'https://*.corp.example:443/hooks/',
    'https://bi.example.com:8443',
  ]);
  test.each([
    ['http://127.0.0.1:8080/x', true],
    ['http://localhost:3000/', true],
    ['http://LOCALHOST:3000/', true],
    ['https://dash.corp.example/hooks/notices', true],
    ['https://dash.corp.example/other', false],
    ['https://corp.example/hooks/x', false],
    ['https://bi.example.com:8443/any', true],
    ['https://bi.example.com/any', false],
    ['https://127.0.0.1:443/', false],
    ['http://127.0.0.1.evil.example:80/', false],
    ['http://user:pass@127.0.0.1:80/', false],
    ['http://[::1]:80/', false],
    ['ftp://127.0.0.1:21/', false],
    ['/relative', false],
  ])('%s → allowed %s', (url, allowed) => {
    expect(list.refusal(url) === null).toBe(allowed);
  });

  test('an empty list (the default) allows nothing: FORBIDDEN, WEBHOOKS_DISABLED, naming the config key', () => {
    expect(() => new WebhookAllowList([]).check('http://127.0.0.1:1/')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('notices.webhooks.allowList'),
        extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'WEBHOOKS_DISABLED' }),
      }),
    );
  });
});

describe("the hub's own listening address is refused whatever the allow-list says", () => {
  const hub = new HubAddresses();
  hub.add('127.0.0.1', 4123);
  const list = new WebhookAllowList(
    [
      'http://127.0.0.1:*',
      'http://localhost:*',
      'http://[::1]:*',
      'http://0.0.0.0:*',
      'http://127.9.9.9:*',
      'http://[::ffff:7f00:1]:*',
      'http://*.localhost:*',
      'http://bi.example.com:*',
    ],
    hub,
  );
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  test.each([
    ['http://127.0.0.1:4123/metrics', 'WEBHOOK_TARGETS_HUB'],
    ['http://localhost:4123/graphql', 'WEBHOOK_TARGETS_HUB'],
    ['http://LOCALHOST.:4123/', 'WEBHOOK_URL_NOT_ALLOWED'], // the trailing dot is no allow-list entry's host
    ['http://[::1]:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://[0:0:0:0:0:0:0:1]:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://[::ffff:127.0.0.1]:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://0.0.0.0:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://0:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://127.9.9.9:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://2130706433:4123/', 'WEBHOOK_TARGETS_HUB'], // decimal
    ['http://0x7f000001:4123/', 'WEBHOOK_TARGETS_HUB'], // hex
    ['http://0177.0.0.1:4123/', 'WEBHOOK_TARGETS_HUB'], // octal
    ['http://127.1:4123/', 'WEBHOOK_TARGETS_HUB'], // short form
    ['http://hub.localhost:4123/', 'WEBHOOK_TARGETS_HUB'],
    ['http://127.0.0.1:4124/', null], // another loopback port is the operator's to allow
    ['http://bi.example.com:4123/', null], // another host on the same port number
  ])('%s → %s', (url, reason) => {
    expect(list.judge(url)?.reason ?? null).toBe(reason);
    if (reason === 'WEBHOOK_TARGETS_HUB')
      expect(() => list.check(url)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', reason }) }),
      );
  });

  test("the machine's own name and interface addresses on the hub's port", () => {
    const named = new WebhookAllowList(
      [`http://${hostname().toLowerCase()}:*`, ...(external ? [`http://${external}:*`] : [])],
      hub,
    );
    expect(named.judge(`http://${hostname()}:4123/`)?.reason).toBe('WEBHOOK_TARGETS_HUB');
    if (external) expect(named.judge(`http://${external}:4123/`)?.reason).toBe('WEBHOOK_TARGETS_HUB');
  });

  test('a name that resolves to this machine is refused before the attempt', async () => {
    await expect(hub.resolvesToHub('http://localhost:4123/')).resolves.toBe(true);
    await expect(hub.resolvesToHub('http://localhost:4124/')).resolves.toBe(false);
  });
});

test('backoff doubles from the base delay up to the cap', () => {
  expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 1000, 10_000))).toEqual([
    1000, 2000, 4000, 8000, 10_000, 10_000,
  ]);
});

describe('Standard Webhooks signatures: id, timestamp and body signed together', () => {
  const body = '{"id":1}';
  const secret = 'k'.repeat(24);
  test('v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>, the key being the secret\'s UTF-8 bytes', () => {
    expect(signDelivery(secret, '7', 1_700_000_000, body)).toBe(
      `v1,${createHmac('sha256', secret).update(`7.1700000000.${body}`).digest('base64')}`,
    );
  });

  test("a whsec_<base64> secret signs with the bytes it decodes to (the spec's serialization)", () => {
    const key = Buffer.alloc(32, 7);
    expect(signDelivery(`whsec_${key.toString('base64')}`, '7', 1, body)).toBe(
      `v1,${createHmac('sha256', key).update(`7.1.${body}`).digest('base64')}`,
    );
  });

  test.each([
    ['the delivery as sent', 'accepted', {}, body],
    ['another id', 'bad signature', { 'webhook-id': '8' }, body],
    ['another timestamp', 'bad signature', { 'webhook-timestamp': '1700000001' }, body],
    ['a changed body', 'bad signature', {}, `${body} `],
    ['no signature', 'missing headers', { 'webhook-signature': undefined }, body],
  ])('a receiver given %s → %s', (_name, verdict, over, received) => {
    const headers = { ...webhookHeaders(secret, '7', 1_700_000_000, body), ...over };
    expect(new StandardWebhookReceiver(secret, 300, () => 1_700_000_100).verify(headers, received)).toBe(verdict);
  });
});
