import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { generateCompany } from '../../models/demo/generator/company';
import type { LifecycleEvent } from '../../src/governance/types';
import { ALL_EMBEDDED } from '../support/engines';
import { DEMO_SERVICE_KEY, startTestHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { StandardWebhookReceiver } from '../support/webhook-verifier';

/**
 * Notices through the API on a real hub: the graphql-ws subscription on /graphql (authenticated,
 * filtered, audited), the inbox, registered interest with a signed webhook, and one change taken through
 * the governance mutations end to end.
 */
const CEO = 'EMP-000001'; // executive: approves every domain
const ANALYST = 'EMP-000271'; // finance_analyst: proposes finance changes
const MANAGER = 'EMP-000267'; // finance_manager: approves finance
const SALES_REP = 'EMP-000010';
const AUDITOR = 'EMP-000312';
const DEPARTED = 'EMP-000014';
const SECRET = 'dashboard-webhook-secret-42';
const NOTICE = 'id kind code version actor note affected read';

interface Notice {
  id: string;
  kind: string;
  code: string;
  version: number | null;
  actor: string;
  note: string;
  affected: string[];
  read: boolean;
}

let seq = 1000;
function event(over: Partial<LifecycleEvent> = {}): LifecycleEvent {
  seq += 1;
  return {
    kind: 'approved',
    code: 'revenue',
    domain: 'sales',
    changeId: seq,
    version: 7,
    actor: MANAGER,
    at: new Date().toISOString(),
    note: `note ${seq}`,
    affected: ['revenue'],
    recipients: [],
    ...over,
  };
}

describe('notices through the API (embedded store)', () => {
  let hub: TestHub;
  const clients: Client[] = [];
  beforeAll(async () => {
    // Webhooks are off by default: this hub names the loopback receivers the tests start.
    hub = await startTestHub(ALL_EMBEDDED, {
      notices: {
        webhooks: {
          allowList: ['http://127.0.0.1:*', 'http://localhost:*'],
          internalPortWildcards: true,
          baseDelayMs: 40,
          maxDelayMs: 200,
          pollIntervalMs: 25,
          timeoutMs: 2000,
        },
      },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await hub?.dispose();
  });

  const ok = <T>(res: GraphQLResponse<T>): T => {
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  /** Records and publishes like the lifecycle service: inside a store transaction, pushed after commit. */
  async function tell(e: LifecycleEvent): Promise<number> {
    const { conn } = hub.runtime.store;
    const id = await conn.knex.transaction((trx) =>
      hub.runtime.notices.record({ ...conn, knex: trx, close: async () => undefined }, e),
    );
    hub.runtime.notices.published(e, id);
    return id;
  }

  function wsClient(
    connectionParams: Record<string, unknown> | undefined,
    closed?: (code: number, reason: string) => void,
  ): Client {
    const client = createClient({
      url: hub.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
      on: { closed: (e) => closed?.((e as { code: number }).code, (e as { reason: string }).reason) },
    });
    clients.push(client);
    return client;
  }

  async function auditRecords(filter: string): Promise<
    Array<{
      principal: string;
      outcome: string;
      fieldsRequested: string[];
      reason: string | null;
      errorCodes: string[];
      variables: string | null;
    }>
  > {
    const res = await hub.query<{ auditLog: { records: never[] } }>(
      `{ auditLog(${filter}, first: 20) { records { principal outcome fieldsRequested reason errorCodes variables } } }`,
      {},
      AUDITOR,
    );
    return ok(res).auditLog.records;
  }

  /** Subscribes and waits until the hub has registered (and audited) the subscription. */
  async function subscribe(
    as: string,
    codes: string[] | null,
  ): Promise<AsyncIterableIterator<{ data?: { indicatorNotices: Notice } | null; errors?: unknown[] }>> {
    const before = (await auditRecords(`principal: "${as}"`)).filter((r) =>
      r.fieldsRequested.includes('Subscription.indicatorNotices'),
    ).length;
    const client = wsClient({ authorization: `Bearer ${await tokenFor(as)}` });
    const query = `subscription($codes: [String!]) { indicatorNotices(codes: $codes) { ${NOTICE} } }`;
    const iterator = client.iterate<{ indicatorNotices: Notice }>({ query, variables: { codes } });
    const deadline = Date.now() + 10_000;
    while (
      (await auditRecords(`principal: "${as}"`)).filter((r) =>
        r.fieldsRequested.includes('Subscription.indicatorNotices'),
      ).length === before
    ) {
      if (Date.now() > deadline) throw new Error('the subscription was not audited');
      await new Promise((r) => setTimeout(r, 25));
    }
    return iterator as never;
  }

  async function nextNotice(
    it: AsyncIterableIterator<{ data?: { indicatorNotices: Notice } | null; errors?: unknown[] }>,
  ): Promise<Notice> {
    const r = await it.next();
    expect(r.done).toBe(false);
    expect(r.value.errors).toBeUndefined();
    return r.value.data!.indicatorNotices;
  }

  test('a graphql-ws client authenticates, subscribes (audited), and receives only notices for its codes', async () => {
    const it = await subscribe(CEO, ['revenue']);
    await tell(event({ code: 'order_count', affected: ['order_count'] }));
    const id = await tell(
      event({ code: 'revenue', affected: ['revenue', 'revenue_yoy'], note: 'new revenue recognition' }),
    );
    expect(await nextNotice(it)).toEqual({
      id: String(id),
      kind: 'approved',
      code: 'revenue',
      version: 7,
      actor: MANAGER,
      note: 'new revenue recognition',
      affected: ['revenue', 'revenue_yoy'],
      read: false,
    });
    await it.return?.();

    const [record] = (await auditRecords(`principal: "${CEO}"`)).filter((r) =>
      r.fieldsRequested.includes('Subscription.indicatorNotices'),
    );
    expect(record).toMatchObject({ outcome: 'ok', errorCodes: [] });
    expect(record!.fieldsRequested).toEqual(
      expect.arrayContaining(['IndicatorNotice.code', 'Subscription.indicatorNotices']),
    );
    expect(JSON.parse(record!.variables!)).toEqual({ codes: ['revenue'] });
  });

  test('a proposal for an indicator never published reaches only its addressees; published ones reach everyone', async () => {
    const rep = await subscribe(SALES_REP, null);
    const manager = await subscribe(MANAGER, null);
    const draft = await tell(
      event({
        kind: 'proposed',
        code: 'brand_new_ratio',
        version: null,
        affected: ['brand_new_ratio'],
        recipients: ['role:finance_manager'],
      }),
    );
    const published = await tell(
      event({ kind: 'proposed', code: 'revenue', version: null, affected: ['revenue'], recipients: [] }),
    );
    expect((await nextNotice(manager)).id).toBe(String(draft));
    expect((await nextNotice(manager)).id).toBe(String(published));
    expect((await nextNotice(rep)).id).toBe(String(published)); // the draft was skipped
    await rep.return?.();
    await manager.return?.();
  });

  test.each([
    ['no credentials', undefined, 4401, /No credentials/],
    ['a malformed token', { authorization: 'Bearer not.a.jwt' }, 4401, /malformed/],
    ['a departed employee', 'departed', 4401, /no longer employed/],
  ])('a connection with %s is refused (close 4401) and audited', async (_label, params, code, reason) => {
    const connectionParams =
      params === 'departed'
        ? { authorization: `Bearer ${await tokenFor(DEPARTED)}` }
        : (params as Record<string, unknown> | undefined);
    let closed: [number, string] | undefined;
    const client = wsClient(connectionParams, (c, r) => (closed = [c, r]));
    const result = await new Promise<string>((resolve) => {
      client.subscribe(
        { query: 'subscription { indicatorNotices { id } }' },
        { next: () => resolve('next'), error: () => resolve('error'), complete: () => resolve('complete') },
      );
    });
    expect(result).toBe('error');
    expect(closed![0]).toBe(code);
    expect(closed![1]).toMatch(reason);
    const [refused] = await auditRecords('outcome: refused');
    // A credential that identifies someone (the departed employee's valid token) is recorded under their name.
    const principal = params === 'departed' ? DEPARTED : 'anonymous';
    expect(refused).toMatchObject({ principal, outcome: 'refused', errorCodes: ['UNAUTHENTICATED'] });
    expect(refused!.reason).toMatch(/^WebSocket connection refused: /);
    expect(JSON.stringify(refused)).not.toContain('not.a.jwt');
  });

  test('the demo API key authenticates too; queries and mutations are refused over WebSocket (HTTP only)', async () => {
    const client = wsClient({ 'x-api-key': DEMO_SERVICE_KEY });
    const it = client.iterate({ query: '{ me { principal } }' });
    await expect(it.next()).rejects.toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Only subscriptions run over WebSocket'),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  test('the inbox lists what is addressed to the viewer (role), not to others; marking read is per viewer', async () => {
    const id = String(
      await tell(
        event({ kind: 'rejected', version: null, code: 'cogs', affected: ['cogs'], recipients: ['role:auditor'] }),
      ),
    );
    const inbox = async (as: string, unreadOnly = false) =>
      ok(
        await hub.query<{ noticeInbox: Notice[] }>(
          'query($u: Boolean) { noticeInbox(unreadOnly: $u) { id kind read } }',
          { u: unreadOnly },
          as,
        ),
      ).noticeInbox;
    expect(await inbox(AUDITOR)).toContainEqual({ id, kind: 'rejected', read: false });
    expect((await inbox(SALES_REP)).map((n) => n.id)).not.toContain(id);
    expect(
      ok(
        await hub.query<{ markNoticesRead: number }>(
          'mutation($ids: [ID!]!) { markNoticesRead(ids: $ids) }',
          { ids: [id] },
          AUDITOR,
        ),
      ).markNoticesRead,
    ).toBe(1);
    expect((await inbox(AUDITOR, true)).map((n) => n.id)).not.toContain(id);
    expect(await inbox(AUDITOR)).toContainEqual({ id, kind: 'rejected', read: true });
  });

  test('registering a webhook: off the allow-list refused naming it; the secret is redacted in the audit record and has no field to read it back', async () => {
    const register = (url: string) =>
      hub.query<{ registerNoticeSubscription: { id: string } | null }>(
        // The audit log redacts variables by name: pass the secret as $secret (see README, Notices).
        'mutation($u: String, $secret: String) { registerNoticeSubscription(codes: ["revenue"], webhookUrl: $u, secret: $secret) { id webhookUrl } }',
        { u: url, secret: SECRET },
        { apiKey: DEMO_SERVICE_KEY },
      );
    const refused = await register('http://169.254.169.254:80/latest/meta-data');
    expect(refused.data).toEqual({ registerNoticeSubscription: null });
    expect(refused.errors![0]).toMatchObject({
      message: expect.stringContaining(
        'is not on the webhook allow-list. Allowed (config notices.webhooks.allowList): http://127.0.0.1:*, http://localhost:*',
      ),
      extensions: { code: 'BAD_USER_INPUT', argument: 'webhookUrl' },
    });
    ok(await register('http://localhost:1/hook'));
    const fields = ok(
      await hub.query<{ __type: { fields: Array<{ name: string }> } }>(
        '{ __type(name: "NoticeSubscription") { fields { name } } }',
      ),
    ).__type.fields.map((f) => f.name);
    expect(fields).not.toContain('secret');
    const [record] = await auditRecords('principal: "apikey:bi-dashboard"');
    expect(JSON.parse(record!.variables!)).toMatchObject({ secret: '[redacted]' });
    expect(JSON.stringify(await auditRecords('principal: "apikey:bi-dashboard"'))).not.toContain(SECRET);
  });

  test('a change taken through the governance API end to end: the proposal and the approval reach the live subscriber and the signed webhook; deliveries are visible to the owner and auditors', async () => {
    const hits: Array<{ body: string; headers: http.IncomingHttpHeaders; event: string }> = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hits.push({ body, headers: req.headers, event: String(req.headers['x-hub-event']) });
        res.statusCode = hits.length === 1 ? 503 : 204; // the first attempt fails
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hub`;
      const sub = ok(
        await hub.query<{ registerNoticeSubscription: { id: string } }>(
          'mutation($u: String, $secret: String) { registerNoticeSubscription(codes: ["gross_profit"], webhookUrl: $u, secret: $secret) { id } }',
          { u: url, secret: SECRET },
          { apiKey: DEMO_SERVICE_KEY },
        ),
      ).registerNoticeSubscription;
      const live = await subscribe(CEO, ['gross_profit']);

      const definition = readFileSync('models/demo/indicators/finance/gross_profit.yaml', 'utf8').replace(
        /\nname:/,
        '\n# reviewed\nname:',
      );
      const proposed = ok(
        await hub.query<{ proposeIndicatorChange: { id: string; revision: number } }>(
          'mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id revision } }',
          { i: { code: 'gross_profit', kind: 'UPDATE', definition, reason: 'clarify the description', submit: true } },
          ANALYST,
        ),
      ).proposeIndicatorChange;
      ok(
        await hub.query(
          'mutation($id: ID!, $r: Int!) { approveIndicatorChange(id: $id, expectedRevision: $r, comment: "fine") { id } }',
          { id: proposed.id, r: proposed.revision },
          MANAGER,
        ),
      );

      const first = await nextNotice(live);
      const second = await nextNotice(live);
      expect([first.kind, second.kind]).toEqual(['proposed', 'approved']);
      expect(second).toMatchObject({ code: 'gross_profit', actor: MANAGER, note: 'fine' });
      expect(second.affected).toContain('gross_profit');
      await live.return?.();

      // Inboxes: gross_profit's file names owner { unit: D0023, person: EMP-000270 }; the proposal and the
      // approval reach that person and everyone of that unit (the demo company's HR data says who), not others.
      const company = generateCompany(1);
      const colleague = company.employees.find(
        (e) => e.department.id === 'D0023' && e.left === null && e.id !== 'EMP-000270',
      )!;
      const kindsIn = async (as: string) =>
        ok(
          await hub.query<{ noticeInbox: Array<{ kind: string; code: string }> }>(
            '{ noticeInbox(limit: 500) { kind code } }',
            {},
            as,
          ),
        )
          .noticeInbox.filter((n) => n.code === 'gross_profit')
          .map((n) => n.kind)
          .sort();
      expect(await kindsIn('EMP-000270')).toEqual(['approved', 'proposed']);
      expect(await kindsIn(colleague.id)).toEqual(['approved', 'proposed']);
      expect(await kindsIn(SALES_REP)).toEqual([]);

      const deadline = Date.now() + 10_000;
      while (hits.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      for (const hit of hits)
        expect(new StandardWebhookReceiver(SECRET).verify(hit.headers, hit.body)).toBe('accepted');
      // The proposal's first attempt got 503 and was retried (possibly after the approval went out).
      expect(hits.map((h) => h.event).sort()).toEqual(['approved', 'proposed', 'proposed']);
      expect(JSON.parse(hits.find((h) => h.event === 'approved')!.body)).toMatchObject({
        kind: 'approved',
        code: 'gross_profit',
        changeId: Number(proposed.id),
        actor: MANAGER,
        note: 'fine',
      });

      const query = `query($all: Boolean) { noticeSubscriptions(allOwners: $all) { id owner deliveries { status attempts lastStatusCode attemptLog { attempt statusCode error } } } }`;
      type Subs = {
        noticeSubscriptions: Array<{
          id: string;
          owner: string;
          deliveries: Array<{
            status: string;
            attempts: number;
            attemptLog: Array<{ attempt: number; statusCode: number; error: string | null }>;
          }>;
        }>;
      };
      const mine = ok(await hub.query<Subs>(query, {}, { apiKey: DEMO_SERVICE_KEY })).noticeSubscriptions.find(
        (s) => s.id === sub.id,
      )!;
      // Newest first: the approval's delivery, then the proposal's.
      expect(mine.deliveries.map((d) => [d.status, d.attempts])).toEqual([
        ['delivered', 1],
        ['delivered', 2],
      ]);
      expect(mine.deliveries[1]!.attemptLog).toEqual([
        { attempt: 1, statusCode: 503, error: 'HTTP 503' },
        { attempt: 2, statusCode: 204, error: null },
      ]);
      const audited = ok(await hub.query<Subs>(query, { all: true }, AUDITOR)).noticeSubscriptions.find(
        (s) => s.id === sub.id,
      )!;
      expect(audited.owner).toBe('apikey:bi-dashboard');
      const notAuditor = await hub.query<Subs>(query, { all: true }, SALES_REP);
      expect(notAuditor.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('shutdown', () => {
  test('stopping the server closes open WebSocket connections (1001) and the WebSocket server', async () => {
    const hub = await startTestHub(ALL_EMBEDDED);
    let closed: number | undefined;
    const client = createClient({
      url: hub.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor(CEO)}` },
      retryAttempts: 0,
      on: { closed: (e) => (closed = (e as { code: number }).code) },
    });
    try {
      const it = client.iterate({ query: 'subscription { indicatorNotices { id } }' });
      const next = it.next().catch((error: unknown) => error);
      const deadline = Date.now() + 10_000;
      while (
        (await hub.runtime.audit.query({ principal: CEO }, { first: 1 })).records.length === 0 &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 25));
      }
      await hub.dispose();
      await next;
      expect(closed).toBe(1001);
    } finally {
      await client.dispose();
    }
  });
});
