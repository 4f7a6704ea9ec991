import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { StandardWebhookReceiver, type Verdict } from '../support/webhook-verifier';

/**
 * Issue 12, finding 6, as it was found: a captured webhook body replayed under a new id passed a receiver
 * that dedupes on the id (only the body was signed), and the default allow-list (http://127.0.0.1:*) let
 * any employee make the hub POST to any loopback port — its own /metrics included — and read back the
 * status code. Now id, timestamp and body are signed together (Standard Webhooks), the default list is
 * empty, and the hub's own address is refused whatever the list says.
 */
const EMPLOYEE = 'EMP-000010'; // a sales representative: no governance role, may register notice subscriptions
const ANALYST = 'EMP-000271'; // finance_analyst: proposes finance definitions (the notice that is sent)
const SECRET = 'receiver-shared-secret-0123456789';
const REGISTER =
  'mutation($u: String, $secret: String) { registerNoticeSubscription(codes: ["gross_profit"], webhookUrl: $u, secret: $secret) { id } }';

interface Hit {
  headers: http.IncomingHttpHeaders;
  body: string;
  verdict: Verdict;
}

/** A receiver as the README's "Notices" tells one to write it: verify, refuse stale or replayed deliveries with 401, else 204. */
async function startReceiver(
  verifier: StandardWebhookReceiver,
): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const verdict = verifier.verify(req.headers, body);
      hits.push({ headers: req.headers, body, verdict });
      res.statusCode = verdict === 'accepted' ? 204 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const errorOf = (res: GraphQLResponse) => res.errors?.[0];

describe('webhooks with an allow-list naming loopback receivers', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, {
      notices: {
        webhooks: {
          allowList: ['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*', 'http://0.0.0.0:*'],
          internalPortWildcards: true,
          baseDelayMs: 40,
          maxDelayMs: 200,
          pollIntervalMs: 25,
        },
      },
    });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('a captured delivery replayed under a new id, with a fresh timestamp, or later, fails a receiver implementing the documented scheme', async () => {
    let clock = () => Math.floor(Date.now() / 1000);
    const receiver = await startReceiver(new StandardWebhookReceiver(SECRET, 300, () => clock()));
    try {
      const registered = await hub.query(REGISTER, { u: receiver.url, secret: SECRET }, EMPLOYEE);
      expect(registered.errors).toBeUndefined();
      const definition = readFileSync('models/demo/indicators/finance/gross_profit.yaml', 'utf8').replace(
        /\nname:/,
        '\n# replay test\nname:',
      );
      const proposed = await hub.query(
        'mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id } }',
        { i: { code: 'gross_profit', kind: 'UPDATE', definition, reason: 'replay test', submit: true } },
        ANALYST,
      );
      expect(proposed.errors).toBeUndefined();
      const deadline = Date.now() + 10_000;
      while (receiver.hits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(receiver.hits.map((h) => h.verdict)).toEqual(['accepted']);
      const captured = receiver.hits[0]!;
      expect(captured.headers).not.toHaveProperty('x-hub-signature-256');

      const replay = async (headers: Record<string, string>) =>
        (
          await fetch(receiver.url, {
            method: 'POST',
            body: captured.body,
            headers: { 'content-type': 'application/json', ...headers },
          })
        ).status;
      const id = String(captured.headers['webhook-id']);
      const timestamp = String(captured.headers['webhook-timestamp']);
      const signature = String(captured.headers['webhook-signature']);
      const now = String(Math.floor(Date.now() / 1000) + 1);
      // The attack of the finding: same body, a new id so the receiver's dedupe does not catch it.
      expect(
        await replay({ 'webhook-id': `${id}9`, 'webhook-timestamp': timestamp, 'webhook-signature': signature }),
      ).toBe(401);
      expect(await replay({ 'webhook-id': id, 'webhook-timestamp': now, 'webhook-signature': signature })).toBe(401);
      expect(await replay({ 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature })).toBe(
        401,
      );
      clock = () => Number(timestamp) + 301;
      expect(
        await replay({ 'webhook-id': `${id}9`, 'webhook-timestamp': timestamp, 'webhook-signature': signature }),
      ).toBe(401);
      expect(receiver.hits.slice(1).map((h) => h.verdict)).toEqual([
        'bad signature',
        'bad signature',
        'replayed id',
        'stale timestamp',
      ]);
    } finally {
      await receiver.close();
    }
  });

  test("the hub's own listening port is refused under every loopback spelling, though the allow-list matches it", async () => {
    const port = new URL(hub.url).port;
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '0.0.0.0', '2130706433', '0x7f000001', '127.1']) {
      const res = await hub.query(REGISTER, { u: `http://${host}:${port}/metrics`, secret: SECRET }, EMPLOYEE);
      expect(res.status).toBeLessThan(500);
      expect(res.data).toEqual({ registerNoticeSubscription: null });
      expect(errorOf(res)).toMatchObject({
        extensions: { code: 'FORBIDDEN', reason: 'WEBHOOK_TARGETS_HUB', argument: 'webhookUrl' },
      });
      expect(errorOf(res)!.message).toContain("the hub's own listening address");
    }
    const mine = await hub.query<{ noticeSubscriptions: Array<{ webhookUrl: string | null }> }>(
      '{ noticeSubscriptions { webhookUrl } }',
      {},
      EMPLOYEE,
    );
    expect(mine.data!.noticeSubscriptions.map((s) => s.webhookUrl)).not.toContainEqual(
      expect.stringContaining(`:${port}/`),
    );
  });
});

test('with the default configuration the allow-list is empty: registering a webhook is refused naming the config key', async () => {
  const hub = await startTestHub(ALL_EMBEDDED);
  try {
    expect(hub.runtime.config.notices.webhooks.allowList).toEqual([]);
    const port = new URL(hub.url).port;
    for (const url of [
      'http://127.0.0.1:9/hooks',
      `http://127.0.0.1:${port}/metrics`,
      'https://bi.example.com/hooks',
    ]) {
      const res = await hub.query(REGISTER, { u: url, secret: SECRET }, EMPLOYEE);
      expect(errorOf(res)).toMatchObject({
        extensions: { code: 'FORBIDDEN', reason: 'WEBHOOKS_DISABLED', configKey: 'notices.webhooks.allowList' },
      });
      expect(errorOf(res)!.message).toMatch(/Webhooks are off on this hub: .*notices\.webhooks\.allowList/);
    }
    // Interest without a webhook still works: the inbox and the live stream need no allow-list.
    expect(
      (await hub.query('mutation { registerNoticeSubscription(codes: ["gross_profit"]) { id } }', {}, EMPLOYEE)).errors,
    ).toBeUndefined();
  } finally {
    await hub.dispose();
  }
});
