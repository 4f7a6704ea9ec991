import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Viewer } from '../../src/auth/viewer';
import { configSchema } from '../../src/config/schema';
import type { LifecycleEvent } from '../../src/governance/types';
import { NoticeCenter, createNoticeCenter, type NoticesConfig } from '../../src/notices/notice-center';
import type { SqlConnection } from '../../src/db/connection';
import { migrateStore } from '../../src/store/migrate';
import { NoticeStore } from '../../src/notices/notice-store';
import { STORE_ENGINES, openAuditTestStore, type AuditTestStore } from '../audit/audit-engines';
import { StandardWebhookReceiver } from '../support/webhook-verifier';

/**
 * The notice center on the hub store's two engines: recording inside the lifecycle transaction, inbox
 * addressing, registered interest, and signed webhook delivery with retries to a loopback receiver.
 */
const silent = pino({ level: 'silent' });
// The allow-list is empty by default (webhooks off): these tests name the loopback receivers they start.
const FAST: NoticesConfig = configSchema.parse({
  notices: {
    webhooks: {
      allowList: ['http://127.0.0.1:*', 'http://localhost:*'],
      internalPortWildcards: true,
      baseDelayMs: 40,
      maxDelayMs: 200,
      timeoutMs: 2000,
      pollIntervalMs: 25,
      attempts: 5,
    },
  },
}).notices;
const SECRET = 'test-webhook-secret-0123456789';

let seq = 0;
function event(over: Partial<LifecycleEvent> = {}): LifecycleEvent {
  seq += 1;
  return {
    kind: 'approved',
    code: 'revenue',
    domain: 'sales',
    changeId: seq,
    version: 2,
    actor: 'EMP-000267',
    at: new Date(Date.UTC(2025, 10, 3, 8, 0, seq)).toISOString(),
    note: `change ${seq}`,
    affected: ['revenue', 'gross_margin'],
    recipients: ['person:EMP-000009', 'unit:D0002', 'role:finance_manager'],
    ...over,
  };
}

function viewer(over: Partial<Viewer>): Viewer {
  return {
    principal: 'EMP-000999',
    kind: 'person',
    roles: ['employee'],
    unit: 'D0099',
    rows: [],
    operations: new Set(['view']),
    individuals: false,
    scopeDescription: 'test',
    ...over,
  };
}

/** Records and publishes like the lifecycle service: inside a transaction, pushed after commit. */
async function tell(center: NoticeCenter, conn: SqlConnection, e: LifecycleEvent): Promise<number> {
  const id = await conn.knex.transaction((trx) =>
    center.record({ ...conn, knex: trx, close: async () => undefined }, e),
  );
  center.published(e, id);
  return id;
}

/** A loopback receiver answering each POST with the next status of `statuses` (the last repeats). */
async function receiver(statuses: number[]): Promise<{
  url: string;
  hits: Array<{ headers: http.IncomingHttpHeaders; body: string; path: string }>;
  close(): Promise<void>;
}> {
  const hits: Array<{ headers: http.IncomingHttpHeaders; body: string; path: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ headers: req.headers, body, path: req.url ?? '' });
      const status = statuses[Math.min(hits.length - 1, statuses.length - 1)]!;
      if (status >= 300 && status < 400) res.setHeader('location', '/elsewhere');
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/notices`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(STORE_ENGINES)('notices on the %s store', (engine) => {
  let store: AuditTestStore;
  let center: NoticeCenter;
  let notices: NoticeStore;

  beforeAll(async () => {
    store = await openAuditTestStore(engine);
    await migrateStore(store.conn);
    notices = new NoticeStore(store.conn);
    // Not started: only the webhook tests run a dispatcher (their own), so none competes with another.
    center = new NoticeCenter(store.conn, FAST, silent);
  });
  afterAll(async () => {
    await center?.close();
    await store?.dispose();
  });

  test("a notice is written inside the caller's transaction: rolled back with it, kept when it commits", async () => {
    const e = event({ recipients: ['role:auditor'] });
    const auditor = viewer({ principal: 'EMP-000312', roles: ['auditor'], unit: 'D0050' });
    await expect(
      store.conn.knex.transaction(async (trx) => {
        await center.record({ ...store.conn, knex: trx }, e);
        throw new Error('the lifecycle step failed');
      }),
    ).rejects.toThrow('the lifecycle step failed');
    expect(await center.inbox(auditor, {})).toEqual([]);
    const id = await tell(center, store.conn, e);
    expect(await center.inbox(auditor, {})).toEqual([
      expect.objectContaining({
        id,
        kind: 'approved',
        code: 'revenue',
        affected: ['revenue', 'gross_margin'],
        read: false,
      }),
    ]);
  });

  test('the inbox holds what is addressed to the viewer as person, organisation unit or role — and nothing else; read marks are per viewer', async () => {
    const head = viewer({ principal: 'EMP-000009', roles: ['sales_manager_east'], unit: 'D0007' });
    const inDept = viewer({ principal: 'EMP-000500', roles: ['employee'], unit: 'D0002' });
    const finance = viewer({ principal: 'EMP-000267', roles: ['finance_manager'], unit: 'D0020' });
    const stranger = viewer({ principal: 'EMP-000777', roles: ['employee'], unit: 'D0030' });
    const service = viewer({
      principal: 'apikey:bi-dashboard',
      kind: 'service',
      roles: ['dashboard_service'],
      unit: null,
    });
    const id = await tell(center, store.conn, event({ code: 'order_count', affected: ['order_count'] }));
    for (const v of [head, inDept, finance]) expect((await center.inbox(v, {})).map((n) => n.id)).toContain(id);
    for (const v of [stranger, service]) expect((await center.inbox(v, {})).map((n) => n.id)).not.toContain(id);

    expect(await center.markRead(inDept, [String(id)])).toBe(1);
    expect(await center.markRead(stranger, [String(id)])).toBe(0); // not addressed to them: ignored
    expect((await center.inbox(inDept, { unreadOnly: true })).map((n) => n.id)).not.toContain(id);
    expect((await center.inbox(inDept, {})).find((n) => n.id === id)?.read).toBe(true);
    expect((await center.inbox(head, { unreadOnly: true })).map((n) => n.id)).toContain(id);
    await expect(center.inbox(head, { limit: 501 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('notices stored with the deprecated addresses employee:<id> and department:<unit> reach the same viewers', async () => {
    const head = viewer({ principal: 'EMP-000009', roles: ['sales_manager_east'], unit: 'D0007' });
    const inDept = viewer({ principal: 'EMP-000500', roles: ['employee'], unit: 'D0002' });
    const stranger = viewer({ principal: 'EMP-000777', roles: ['employee'], unit: 'D0030' });
    const id = await tell(
      center,
      store.conn,
      event({
        code: 'order_count',
        affected: ['order_count'],
        recipients: ['employee:EMP-000009', 'department:D0002'],
      }),
    );
    for (const v of [head, inDept]) expect((await center.inbox(v, {})).map((n) => n.id)).toContain(id);
    expect((await center.inbox(stranger, {})).map((n) => n.id)).not.toContain(id);
  });

  test("registered interest: matched by any affected code (or all), told in the owner's inbox; cancelled interest hears nothing; the secret never comes back", async () => {
    const owner = viewer({
      principal: 'apikey:bi-dashboard',
      kind: 'service',
      roles: ['dashboard_service'],
      unit: null,
    });
    const margin = await center.register(owner, { codes: ['gross_margin'] });
    const everything = await center.register(viewer({ principal: 'EMP-000001', roles: ['executive'] }), {});
    const withHook = await center.register(owner, {
      codes: ['headcount'],
      webhookUrl: 'http://127.0.0.1:9/hook',
      secret: SECRET,
    });
    expect(margin).toMatchObject({
      owner: 'apikey:bi-dashboard',
      codes: ['gross_margin'],
      webhookUrl: null,
      active: true,
    });
    expect(everything.codes).toBeNull();
    expect(JSON.stringify(await center.subscriptions(owner, false))).not.toContain(SECRET);
    expect(Object.keys(withHook).sort()).toEqual([
      'active',
      'cancelledAt',
      'codes',
      'createdAt',
      'id',
      'owner',
      'webhookUrl',
    ]);

    const viaDependent = await tell(
      center,
      store.conn,
      event({ code: 'revenue', affected: ['revenue', 'gross_margin'], recipients: [] }),
    );
    expect((await center.inbox(owner, {})).map((n) => n.id)).toContain(viaDependent);
    await center.cancel(owner, String(margin.id));
    const after = await tell(
      center,
      store.conn,
      event({ code: 'revenue', affected: ['revenue', 'gross_margin'], recipients: [] }),
    );
    expect((await center.inbox(owner, {})).map((n) => n.id)).not.toContain(after);
    expect(
      (await center.inbox(viewer({ principal: 'EMP-000001', roles: ['executive'] }), {})).map((n) => n.id),
    ).toEqual(expect.arrayContaining([viaDependent, after]));
    await expect(center.cancel(viewer({ principal: 'EMP-000777' }), String(withHook.id))).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    await center.cancel(owner, String(withHook.id));
  });

  test('a webhook URL off the allow-list is refused (BAD_USER_INPUT naming the list), and so is a webhook without a secret', async () => {
    const owner = viewer({ principal: 'EMP-000001', roles: ['executive'] });
    for (const url of [
      'http://10.0.0.8:80/hook',
      'https://127.0.0.1:443/hook',
      'http://user:pw@127.0.0.1:8080/x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      await expect(center.register(owner, { webhookUrl: url, secret: SECRET })).rejects.toMatchObject({
        message: expect.stringContaining(
          'Allowed (config notices.webhooks.allowList): http://127.0.0.1:*, http://localhost:*',
        ),
        extensions: { code: 'BAD_USER_INPUT', argument: 'webhookUrl' },
      });
    }
    await expect(center.register(owner, { webhookUrl: 'http://localhost:8080/hook' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'secret' },
    });
    await expect(center.register(owner, { codes: [] })).rejects.toMatchObject({ extensions: { argument: 'codes' } });
  });

  test('webhook delivery with retry after a failing receiver on loopback: 500, 500, then 200 — three signed attempts, recorded, delivered', async () => {
    const hook = await receiver([500, 500, 200]);
    const center = createNoticeCenter(store.conn, FAST, silent);
    try {
      const owner = viewer({
        principal: 'apikey:bi-dashboard',
        kind: 'service',
        roles: ['dashboard_service'],
        unit: null,
      });
      const sub = await center.register(owner, { codes: ['net_profit'], webhookUrl: hook.url, secret: SECRET });
      const e = event({ code: 'net_profit', affected: ['net_profit'], kind: 'archived', version: 3 });
      const noticeId = await tell(center, store.conn, e);
      const delivery = await until('the delivery', async () =>
        (await notices.deliveries({ subscriptionId: sub.id }, 5)).find((d) => d.status === 'delivered'),
      );

      expect(hook.hits).toHaveLength(3);
      for (const hit of hook.hits) {
        // Each attempt verifies on its own (Standard Webhooks); the retries carry the delivery's one id.
        expect(new StandardWebhookReceiver(SECRET).verify(hit.headers, hit.body)).toBe('accepted');
        expect(new StandardWebhookReceiver('another-secret-0123456789').verify(hit.headers, hit.body)).toBe(
          'bad signature',
        );
        expect(hit.headers).toMatchObject({
          'webhook-id': String(delivery.id),
          'x-hub-event': 'archived',
          'content-type': 'application/json',
        });
        expect(hit.headers).not.toHaveProperty('x-hub-signature-256');
        expect(hit.body).not.toContain(SECRET);
      }
      const stamps = hook.hits.map((h) => Number(h.headers['webhook-timestamp']));
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
      expect(JSON.parse(hook.hits[0]!.body)).toEqual({
        id: noticeId,
        kind: 'archived',
        code: 'net_profit',
        changeId: e.changeId,
        version: 3,
        actor: e.actor,
        at: e.at,
        note: e.note,
        affected: ['net_profit'],
      });
      expect(delivery).toMatchObject({
        noticeId,
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
        nextAttemptAt: null,
      });
      const attempts = (await notices.attempts([delivery.id])).get(delivery.id)!;
      expect(attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, 'HTTP 500'],
        [2, 500, 'HTTP 500'],
        [3, 200, null],
      ]);
      // Exponential backoff: 40 ms after the first failure, 80 ms after the second.
      const gap = (i: number) =>
        Date.parse(attempts[i]!.nextAttemptAt!) - Date.parse(attempts[i]!.at) - attempts[i]!.durationMs;
      expect(gap(0)).toBeGreaterThanOrEqual(35);
      expect(gap(1)).toBeGreaterThanOrEqual(75);
      expect(attempts[2]!.nextAttemptAt).toBeNull();
    } finally {
      await center.close();
      await hook.close();
    }
  });

  test('redirects are never followed, and a receiver that keeps failing uses up the attempts: failed', async () => {
    const hook = await receiver([302]);
    const owner = viewer({ principal: 'EMP-000001', roles: ['executive'] });
    const config: NoticesConfig = { ...FAST, webhooks: { ...FAST.webhooks, attempts: 2 } };
    const strict = createNoticeCenter(store.conn, config, silent);
    try {
      const sub = await strict.register(owner, { codes: ['cash_flow'], webhookUrl: hook.url, secret: SECRET });
      await tell(strict, store.conn, event({ code: 'cash_flow', affected: ['cash_flow'] }));
      const delivery = await until('the delivery to fail', async () =>
        (await notices.deliveries({ subscriptionId: sub.id }, 5)).find((d) => d.status === 'failed'),
      );
      expect(delivery).toMatchObject({
        attempts: 2,
        lastStatusCode: 302,
        lastError: 'HTTP 302: redirects are not followed',
        nextAttemptAt: null,
      });
      expect(hook.hits.map((h) => h.path)).toEqual(['/hooks/notices', '/hooks/notices']);
    } finally {
      await strict.close();
      await hook.close();
    }
  });

  test('pending deliveries survive a restart: a new notice center on the same store delivers what the stopped one left', async () => {
    const hook = await receiver([200]);
    const stopped = new NoticeCenter(store.conn, FAST, silent); // never started: as if it stopped before dispatching
    const owner = viewer({ principal: 'EMP-000001', roles: ['executive'] });
    const sub = await stopped.register(owner, { codes: ['inventory_turnover'], webhookUrl: hook.url, secret: SECRET });
    await tell(stopped, store.conn, event({ code: 'inventory_turnover', affected: ['inventory_turnover'] }));
    await stopped.close();
    expect((await notices.deliveries({ subscriptionId: sub.id }, 5))[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    expect(hook.hits).toHaveLength(0);
    const restarted = createNoticeCenter(store.conn, FAST, silent);
    try {
      await until('the resumed delivery', async () =>
        (await notices.deliveries({ subscriptionId: sub.id }, 5)).find((d) => d.status === 'delivered'),
      );
      expect(hook.hits).toHaveLength(1);
    } finally {
      await restarted.close();
      await hook.close();
    }
  });
});
