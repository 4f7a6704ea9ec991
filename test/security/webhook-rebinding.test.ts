import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Viewer } from '../../src/auth/viewer';
import { configSchema } from '../../src/config/schema';
import type { SqlConnection } from '../../src/db/connection';
import type { LifecycleEvent } from '../../src/governance/types';
import { NoticeCenter, type NoticesConfig } from '../../src/notices/notice-center';
import { NoticeStore } from '../../src/notices/notice-store';
import type { Resolve } from '../../src/notices/pinned-target';
import type { WebhookDelivery } from '../../src/notices/types';
import { migrateStore } from '../../src/store/migrate';
import { openAuditTestStore, type AuditTestStore } from '../audit/audit-engines';
import { StandardWebhookReceiver } from '../support/webhook-verifier';

/**
 * Issue 22, finding 7 (rebinding): a webhook's DNS name could resolve to an allowed address when the
 * allow-list was checked and to 127.0.0.1 when the delivery connected. Now the name is resolved once,
 * every address it gives is checked, and the connection goes to exactly that address. The resolver is
 * injected (as a rebinding DNS server would answer: public first, loopback after); a real listener on
 * 127.0.0.1 counts the connections it receives.
 */
const silent = pino({ level: 'silent' });
const SECRET = 'rebinding-test-secret-0123456789';
const PUBLIC = '203.0.113.7'; // TEST-NET-3: public-looking, routed nowhere
const owner: Viewer = {
  principal: 'EMP-000010',
  kind: 'person',
  roles: ['employee'],
  unit: 'D0002',
  rows: [],
  operations: new Set(['view']),
  individuals: false,
  scopeDescription: 'test',
};

function notices(allowList: string[]): NoticesConfig {
  return configSchema.parse({
    notices: {
      webhooks: { allowList, attempts: 1, timeoutMs: 700, pollIntervalMs: 25, baseDelayMs: 20, maxDelayMs: 50 },
    },
  }).notices;
}

let seq = 0;
/** A notice about `code` (each delivery below has a code of its own, so earlier subscriptions stay silent). */
function event(code: string): LifecycleEvent {
  seq += 1;
  return {
    kind: 'approved',
    code,
    domain: 'sales',
    changeId: 9000 + seq,
    version: 2,
    actor: 'EMP-000267',
    at: new Date().toISOString(),
    note: `rebinding ${seq}`,
    affected: [code],
    recipients: ['person:EMP-000010'],
  };
}

/** A receiver on 127.0.0.1 that counts TCP connections (whatever comes through them) and answers 204. */
async function listener(): Promise<{
  port: number;
  connections: () => number;
  hits: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}> {
  let connections = 0;
  const hits: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A resolver answering `answers[i]` on its i-th call (the last repeats), counting the calls. */
function rebinding(...answers: string[][]): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe('webhook delivery pinned to the checked address', () => {
  let store: AuditTestStore;
  let deliveries: NoticeStore;
  beforeAll(async () => {
    store = await openAuditTestStore('embedded');
    await migrateStore(store.conn);
    deliveries = new NoticeStore(store.conn);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  /** Registers `url`, tells one notice, and waits until its delivery is settled (delivered or failed). */
  async function deliverOnce(
    url: string,
    allowList: string[],
    resolve: Resolve,
  ): Promise<WebhookDelivery & { error: string | null }> {
    const center = new NoticeCenter(store.conn, notices(allowList), silent, undefined, resolve);
    center.start();
    try {
      const code = `rebinding_${seq + 1}`;
      const sub = await center.register(owner, { codes: [code], webhookUrl: url, secret: SECRET });
      const e = event(code);
      const conn: SqlConnection = store.conn;
      const id = await conn.knex.transaction((trx) =>
        center.record({ ...conn, knex: trx, close: async () => undefined }, e),
      );
      center.published(e, id);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const d = (await deliveries.deliveries({ subscriptionId: sub.id }, 5)).find((x) => x.status !== 'pending');
        if (d) {
          const attempts = (await deliveries.attempts([d.id])).get(d.id)!;
          return { ...d, error: attempts.at(-1)?.error ?? null };
        }
        if (Date.now() > deadline) throw new Error('the delivery never settled');
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await center.close();
    }
  }

  test('a name answering a public address at the check and 127.0.0.1 afterwards: the hub connects to the checked address only, never to the local listener', async () => {
    const local = await listener();
    try {
      const resolve = rebinding([PUBLIC], ['127.0.0.1']);
      const url = `http://hooks.partner.example:${local.port}/hooks`;
      const d = await deliverOnce(url, [`http://hooks.partner.example:${local.port}`], resolve);
      expect(d.status).toBe('failed');
      expect(d.attempts).toBe(1);
      expect(resolve.calls).toEqual(['hooks.partner.example']); // resolved once, for the check and the connection
      expect(local.connections()).toBe(0);
      expect(local.hits).toEqual([]);
      expect(d.error).not.toMatch(/^not sent/); // it was sent — to 203.0.113.7, which does not answer
    } finally {
      await local.close();
    }
  });

  test('a DNS name answering 127.0.0.1 at the check, alone or among public addresses, is refused: nothing sent', async () => {
    const local = await listener();
    try {
      for (const answer of [['127.0.0.1'], [PUBLIC, '127.0.0.1'], ['::ffff:127.0.0.1'], ['169.254.169.254']]) {
        const resolve = rebinding(answer);
        const d = await deliverOnce(
          `http://hooks.partner.example:${local.port}/hooks`,
          [`http://hooks.partner.example:${local.port}`],
          resolve,
        );
        expect(d.status).toBe('failed');
        expect(d.error).toMatch(/^not sent: .*resolves to .*loopback or link-local/);
        expect(resolve.calls).toHaveLength(1);
      }
      expect(local.connections()).toBe(0);
    } finally {
      await local.close();
    }
  });

  test('an entry with a port wildcard may not lead a name to a private address (internalPortWildcards off)', async () => {
    const resolve = rebinding(['10.1.2.3']);
    const d = await deliverOnce('http://a.partner.example:8443/hooks', ['http://*.partner.example:*'], resolve);
    expect(d.status).toBe('failed');
    expect(d.error).toMatch(/^not sent: .*internal address 10\.1\.2\.3 .*port wildcard/);
  });

  test('a normal delivery arrives: to the resolved address, with the name in the Host header, signed, resolved once', async () => {
    const local = await listener();
    try {
      const resolve = rebinding(['127.0.0.1'], [PUBLIC]);
      const url = `http://receiver.localhost:${local.port}/hooks`;
      const d = await deliverOnce(url, [`http://receiver.localhost:${local.port}`], resolve);
      expect(d.status).toBe('delivered');
      expect(d.lastStatusCode).toBe(204);
      expect(resolve.calls).toEqual(['receiver.localhost']);
      expect(local.connections()).toBe(1);
      expect(local.hits).toHaveLength(1);
      expect(local.hits[0]!.headers.host).toBe(`receiver.localhost:${local.port}`);
      expect(new StandardWebhookReceiver(SECRET).verify(local.hits[0]!.headers, local.hits[0]!.body)).toBe('accepted');
      expect(JSON.parse(local.hits[0]!.body)).toMatchObject({
        kind: 'approved',
        code: expect.stringMatching(/^rebinding_/),
      });
    } finally {
      await local.close();
    }
  });
});
