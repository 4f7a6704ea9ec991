import { makeExecutableSchema } from '@graphql-tools/schema';
import { createHmac } from 'node:crypto';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { withPermissions } from '../../src/auth/permissions';
import { loadPolicy } from '../../src/auth/policy';
import { ANONYMOUS } from '../../src/auth/viewer';
import { AuditTrail } from '../../src/audit/trail';
import { WebhookAllowList } from '../../src/notices/allow-list';
import { retryDelayMs } from '../../src/notices/backoff';
import { NoticeBus } from '../../src/notices/notice-bus';
import { signBody, verifySignature } from '../../src/notices/signature';
import type { Notice } from '../../src/notices/types';

/** The parts of notices that need no database: permissions on Subscription fields, the bus, the allow-list, backoff, signatures. */
const notice = (id: number): Notice => ({
  id, kind: 'approved', code: 'revenue', domain: 'sales', changeId: id, version: 1, actor: 'EMP-000001', at: '2025-11-03T08:00:00.000Z', note: '', affected: ['revenue'], recipients: [],
});

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
      resolvers: { Subscription: { unlisted: { subscribe: () => feed('unlisted') }, indicatorNotices: { subscribe: () => feed('indicatorNotices') } } },
    }),
    loadPolicy('models/demo/policy.yaml'),
  );
  const run = async (field: string) =>
    (await subscribe({ schema, document: parse(`subscription { ${field} }`), contextValue: { viewer: { ...ANONYMOUS, roles: ['employee'] }, audit: new AuditTrail() } })) as
      | AsyncIterableIterator<ExecutionResult>
      | ExecutionResult;

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
  const list = new WebhookAllowList(['http://127.0.0.1:*', 'http://localhost:*', 'https://*.corp.example:443/hooks/', 'https://bi.example.com:8443']);
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

  test('an empty list allows nothing and says so', () => {
    expect(() => new WebhookAllowList([]).check('http://127.0.0.1:1/')).toThrow('Allowed (config notices.webhooks.allowList): (empty: webhooks are off).');
  });
});

test('backoff doubles from the base delay up to the cap', () => {
  expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
});

test('signatures are HMAC-SHA256 of the exact body, compared in constant time', () => {
  const body = '{"id":1}';
  expect(signBody('k'.repeat(16), body)).toBe('sha256=' + createHmac('sha256', 'k'.repeat(16)).update(body).digest('hex'));
  expect(verifySignature('k'.repeat(16), body, signBody('k'.repeat(16), body))).toBe(true);
  expect(verifySignature('k'.repeat(16), `${body} `, signBody('k'.repeat(16), body))).toBe(false);
  expect(verifySignature('k'.repeat(16), body, undefined)).toBe(false);
});
