import type { LifecycleEvent } from '../../src/governance/types';
import { hubId } from '../support/direct-sql';
import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, tokenFor, type TestHub } from '../support/hub-client';
import { openRawSocket, type RawSocket } from '../support/ws-raw';
import { byKind, eventually, refusalRows } from './audit-oracle';

/**
 * Issue 12, finding 4 — "graphql-ws without limits" — as it was found, scaled down: one plain employee
 * opens many sockets with several subscriptions each; a socket outlives its token; HR revocation is only
 * checked at connect. Now: connections and subscriptions per principal are capped with coded reasons,
 * subscribes spend the HTTP rate limit, expiry and departure close the socket with a coded reason, and the
 * refusals are audited aggregated (counted with SQL on the audit table).
 */
const PLAIN = 'EMP-000100'; // the demo's plain employee
const LIMITS = { maxConnectionsPerPrincipal: 3, maxSubscriptionsPerPrincipal: 4 };
const HR_CACHE_SECONDS = 1;
const SUBSCRIPTION = 'subscription { indicatorNotices { id code } }';

describe('graphql-ws held to HTTP rules (finding 4)', () => {
  let hub: TestHub;
  const sockets: RawSocket[] = [];
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, {
      auth: { personStatusCacheSeconds: HR_CACHE_SECONDS },
      limits: { websocket: LIMITS, refusalAuditSeconds: 1, rateLimit: { burst: 40, perMinute: 1 } },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await hub?.dispose();
  });

  const open = async (employee: string, ttl = '1h'): Promise<RawSocket> => {
    const socket = openRawSocket(hub.url, { authorization: `Bearer ${await tokenFor(employee, ttl)}` });
    sockets.push(socket);
    return socket;
  };

  /** Records and publishes a notice as the lifecycle service does. */
  async function tell(code: string): Promise<number> {
    const { conn } = hub.runtime.store;
    const e: LifecycleEvent = {
      kind: 'approved',
      code,
      domain: 'sales',
      changeId: 9000,
      version: 2,
      actor: 'EMP-000267',
      at: new Date().toISOString(),
      note: 'n',
      affected: [code],
      recipients: [],
    };
    const id = await conn.knex.transaction((trx) =>
      hub.runtime.notices.record({ ...conn, knex: trx, close: async () => undefined }, e),
    );
    hub.runtime.notices.published(e, id);
    return id;
  }

  test('many sockets × subscriptions from one plain employee: capped with coded reasons, /healthz stays fast, refusals audited aggregated', async () => {
    const SOCKETS = 10;
    const PER_SOCKET = 3;
    const all = await Promise.all(Array.from({ length: SOCKETS }, () => open(PLAIN)));
    const inits = await Promise.all(all.map((s) => s.init));
    const open_ = all.filter((_s, i) => inits[i]!.ack);
    const refused = inits.filter((r) => !r.ack) as Array<{ code: number; reason: string }>;
    expect(open_).toHaveLength(LIMITS.maxConnectionsPerPrincipal);
    expect(refused).toHaveLength(SOCKETS - LIMITS.maxConnectionsPerPrincipal);
    for (const r of refused) {
      expect(r.code).toBe(4442);
      expect(r.reason).toMatch(/^TOO_MANY_CONNECTIONS: at most 3 open connections per principal/);
    }

    const firstFrames = await Promise.all(
      open_.flatMap((s, i) =>
        Array.from({ length: PER_SOCKET }, (_x, j) => s.subscribe(`s${i}-${j}`, SUBSCRIPTION, 1500)),
      ),
    );
    const errors = firstFrames.filter((f) => f !== 'none');
    expect(firstFrames.length - errors.length).toBe(LIMITS.maxSubscriptionsPerPrincipal);
    for (const f of errors) {
      expect(f).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }] });
    }

    const started = performance.now();
    expect((await fetch(`${hub.origin}/healthz`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);

    // The admitted subscriptions are live: one notice reaches exactly them.
    const id = await tell('revenue');
    const delivered = await eventually(
      async () =>
        open_
          .flatMap((s, i) => Array.from({ length: PER_SOCKET }, (_x, j) => s.frames(`s${i}-${j}`)))
          .filter((fs) => fs.some((f) => f.type === 'next')).length,
      (n) => n >= LIMITS.maxSubscriptionsPerPrincipal,
    );
    expect(delivered).toBe(LIMITS.maxSubscriptionsPerPrincipal);
    expect(JSON.stringify(open_.map((s) => s.frames('s0-0')))).toContain(String(id));

    const expected = { TOO_MANY_CONNECTIONS: refused.length, TOO_MANY_SUBSCRIPTIONS: errors.length };
    const kinds = await eventually(
      async () => byKind(await refusalRows(hub, { principal: PLAIN })),
      (k) => Object.entries(expected).every(([kind, n]) => k[kind]?.refusals === n),
    );
    for (const [kind, n] of Object.entries(expected)) {
      expect(kinds[kind]!.refusals).toBe(n);
      expect(kinds[kind]!.records).toBeLessThan(n); // aggregated, not one record per attempt
    }
    for (const s of open_) s.close();
  });

  test('subscribe spends the same per-principal limiter as HTTP requests', async () => {
    const who = 'EMP-000009';
    const socket = await open(who);
    expect(await socket.init).toEqual({ ack: true });
    let status = 200;
    for (let i = 0; i < 100 && status !== 429; i++) status = (await hub.query('{ me { principal } }', {}, who)).status;
    expect(status).toBe(429);
    const frame = await socket.subscribe('after-http', SUBSCRIPTION, 5000);
    expect(frame).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(
      (frame as { payload: Array<{ extensions: { retryAfterSeconds: number } }> }).payload[0]!.extensions
        .retryAfterSeconds,
    ).toBeGreaterThanOrEqual(1);
  });

  test('a subscribe passes the pipeline of an HTTP request: a NUL byte in a variable is refused with the same error before the stream opens, and both are audited', async () => {
    const who = 'EMP-000001';
    const query = 'subscription($codes: [String!]) { indicatorNotices(codes: $codes) { id } }';
    const variables = { codes: ['rev\u0000enue'] };
    const socket = await open(who);
    expect(await socket.init).toEqual({ ack: true });
    const refused = [
      {
        message: 'Variable $codes[0] contains a NUL character, which is not accepted.',
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ];
    expect(await socket.subscribe('nul', query, 5000, variables)).toEqual({
      id: 'nul',
      type: 'error',
      payload: refused,
    });
    const overHttp = (await hub.query(query, variables, who)) as { status: number; errors?: unknown };
    expect(overHttp).toMatchObject({ status: 400, errors: refused });

    const { conn } = hub.runtime.store;
    const audited = await eventually(
      async () =>
        (
          (await conn.knex.raw(
            `select outcome, error_codes from ${conn.schema}.audit_log where principal = ? order by seq`,
            [who],
          )) as { rows: Array<{ outcome: string; error_codes: string }> }
        ).rows,
      (rows) => rows.length >= 2,
    );
    expect(audited.map((r) => [r.outcome, JSON.parse(r.error_codes) as string[]])).toEqual([
      ['error', ['BAD_USER_INPUT']],
      ['error', ['BAD_USER_INPUT']],
    ]);
  });

  test('a subscribe whose audit record cannot be written is not served: the opened stream ends with AUDIT_UNAVAILABLE and gets no event (fail closed)', async () => {
    const socket = await open('EMP-000001');
    expect(await socket.init).toEqual({ ack: true });
    const audit = hub.runtime.audit;
    const append = audit.append;
    audit.append = () => Promise.reject(new Error('the audit store is down'));
    let first: Awaited<ReturnType<RawSocket['subscribe']>>;
    try {
      first = await socket.subscribe('unaudited', SUBSCRIPTION, 5000);
    } finally {
      audit.append = append;
    }
    expect(first).toMatchObject({
      type: 'next',
      payload: {
        errors: [{ message: expect.stringMatching(/could not be audited/), extensions: { code: 'AUDIT_UNAVAILABLE' } }],
      },
    });
    expect(
      await eventually(
        async () => socket.frames('unaudited').map((f) => f.type),
        (types) => types.length >= 2,
      ),
    ).toEqual(['next', 'complete']);
    await tell('revenue');
    await new Promise((r) => setTimeout(r, 500));
    expect(socket.frames('unaudited').map((f) => f.type)).toEqual(['next', 'complete']);
  });

  test('a socket is closed with TOKEN_EXPIRED when its token expires; the expired token is refused afterwards', async () => {
    const who = 'EMP-000271';
    const token = await tokenFor(who, '3s');
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
    const socket = openRawSocket(hub.url, { authorization: `Bearer ${token}` });
    sockets.push(socket);
    expect(await socket.init).toEqual({ ack: true });
    expect(await socket.subscribe('live', SUBSCRIPTION, 300)).toBe('none');
    const closed = await Promise.race([
      socket.closed,
      new Promise<undefined>((r) => setTimeout(r, exp - Date.now() + 5000)),
    ]);
    expect(closed).toBeDefined();
    expect(closed!.code).toBe(4440);
    expect(closed!.reason).toMatch(/^TOKEN_EXPIRED:/);
    expect(closed!.at).toBeGreaterThanOrEqual(exp - 50);
    expect(closed!.at - exp).toBeLessThan(2000);

    // Within the JWT clock tolerance HTTP would still take it; a WebSocket session does not start with it.
    const again = openRawSocket(hub.url, { authorization: `Bearer ${token}` });
    sockets.push(again);
    expect(await again.init).toEqual({ ack: false, code: 4440, reason: expect.stringMatching(/^TOKEN_EXPIRED:/) });
  });

  test('HR marks the employee as left: the open socket is closed with ACCESS_REVOKED within the HR cache interval', async () => {
    const { knex } = hub.runtime.store.conn;
    const { rows } = (await knex.raw(
      "select emp_no from hr.employee where emp_status = 'ACTIVE' and leave_date is null and job_title <> 'Head' order by emp_no asc limit 1",
    )) as { rows: Array<{ emp_no: string }> };
    const empNo = String(rows[0]!.emp_no);
    const who = hubId('Employee', 'hr', empNo);
    const socket = await open(who);
    expect(await socket.init).toEqual({ ack: true });
    expect(await socket.subscribe('live', SUBSCRIPTION, 300)).toBe('none');

    await knex.raw("update hr.employee set emp_status = 'LEFT', leave_date = ? where emp_no = ?", [
      new Date().toISOString().slice(0, 10),
      empNo,
    ]);
    const changed = Date.now();
    const closed = await Promise.race([
      socket.closed,
      new Promise<undefined>((r) => setTimeout(r, HR_CACHE_SECONDS * 1000 + 5000)),
    ]);
    expect(closed).toBeDefined();
    expect(closed!.code).toBe(4441);
    expect(closed!.reason).toMatch(/^ACCESS_REVOKED: .*no longer employed/);
    expect(closed!.at - changed).toBeLessThan(HR_CACHE_SECONDS * 1000 + 1000);
  });
});
