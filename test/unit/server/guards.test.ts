import type http from 'node:http';
import type { AuditLog } from '../../../src/audit/audit-log';
import type { AuditEntry } from '../../../src/audit/record';
import { RefusalAudit, type Refusal } from '../../../src/audit/refusal-audit';
import type { Identity } from '../../../src/auth/authenticate';
import type { Viewer } from '../../../src/auth/viewer';
import type { HubRuntime } from '../../../src/app/runtime';
import { ClientAddresses } from '../../../src/server/guards/client-address';
import { TokenBuckets } from '../../../src/server/guards/token-buckets';
import { WsSessions } from '../../../src/server/ws/sessions';

const request = (remote: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: remote },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as http.IncomingMessage;

describe('client address', () => {
  test.each([
    ['no trusted proxy: X-Forwarded-For ignored', [], '127.0.0.1', '1.2.3.4', '127.0.0.1'],
    ['IPv4-mapped peer is the plain address', [], '::ffff:10.0.0.9', undefined, '10.0.0.9'],
    ['trusted peer: the right-most forwarded entry', ['127.0.0.1'], '127.0.0.1', '6.6.6.6, 1.2.3.4', '1.2.3.4'],
    ['trusted chain (CIDR): skips every trusted hop', ['10.0.0.0/8'], '10.1.1.1', '1.2.3.4, 10.2.2.2', '1.2.3.4'],
    ['untrusted peer: its own address, whatever it forwards', ['10.0.0.0/8'], '192.0.2.1', '1.2.3.4', '192.0.2.1'],
  ])('%s', (_label, trusted, remote, forwarded, expected) => {
    expect(new ClientAddresses(trusted).of(request(remote, forwarded))).toBe(expected);
  });
});

describe('token buckets', () => {
  test('spends, refuses with the seconds until the next token, refills, and forgets least recently used keys past the cap', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, perMinute: 6, maxKeys: 2 }, () => now);
    expect([buckets.take('a'), buckets.take('a')]).toEqual([{ ok: true }, { ok: true }]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.check('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now = 10_000;
    expect(buckets.check('a')).toEqual({ ok: true });
    buckets.take('b');
    buckets.take('c');
    expect(buckets.size).toBe(2);
  });
});

describe('refusal audit', () => {
  const refusal = (ip: string): Refusal => ({
    kind: 'BAD_TOKEN',
    errorCode: 'UNAUTHENTICATED',
    message: 'The token was not accepted.',
    ip,
  });
  function ledger(maxKeys = 10) {
    const written: AuditEntry[] = [];
    const log = {
      append: async (e: AuditEntry) => (written.push(e), { seq: written.length, hash: '' }),
    } as unknown as AuditLog;
    return { written, audit: new RefusalAudit(log, { intervalSeconds: 3600, maxKeys }) };
  }

  test('the first refusal of a key is written at once, the following ones as one record with their count', async () => {
    const { written, audit } = ledger();
    for (let i = 0; i < 5; i++) await audit.record(refusal('1.1.1.1'));
    expect(written.map((e) => e.refusals?.count)).toEqual([1]);
    await audit.close();
    expect(written.map((e) => [e.ip, e.refusals?.kind, e.refusals?.count])).toEqual([
      ['1.1.1.1', 'BAD_TOKEN', 1],
      ['1.1.1.1', 'BAD_TOKEN', 4],
    ]);
    expect(written[1]!.reason).toMatch(/\(4 refusals of this kind/);
  });

  test('past the key cap refusals are counted under "*": nothing unrecorded, memory bounded', async () => {
    const { written, audit } = ledger(2);
    for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5']) await audit.record(refusal(ip));
    await audit.close();
    expect(written.map((e) => [e.ip, e.refusals?.count])).toEqual([
      ['1.1.1.1', 1],
      ['2.2.2.2', 1],
      ['*', 1],
      ['*', 2],
    ]);
  });
});

describe('WebSocket sessions', () => {
  const runtime = { config: { auth: { personStatusCacheSeconds: 30 } } } as unknown as HubRuntime;
  const viewer = { principal: 'EMP-000100', roles: ['employee'] } as unknown as Viewer;

  test('a subscribe after the token expired is refused and ends the session, even if the timer has not fired', () => {
    let now = 1_000_000;
    const ended: string[] = [];
    const sessions = new WsSessions(
      runtime,
      { maxConnectionsPerPrincipal: 2, maxSubscriptionsPerPrincipal: 2 },
      (_s, kind) => ended.push(kind),
      () => now,
    );
    const identity: Identity = { kind: 'person', personId: 'EMP-000100', expiresAt: 1_000_000 / 1000 + 60 };
    const closes: string[] = [];
    const opened = sessions.open(identity, viewer, (kind) => closes.push(kind));
    if (!opened.ok) throw new Error('not admitted');
    expect(sessions.subscribe(opened.value, '1')).toEqual({ ok: true, value: undefined });
    now += 61_000;
    expect(sessions.subscribe(opened.value, '2')).toMatchObject({ ok: false, kind: 'TOKEN_EXPIRED' });
    expect(closes).toEqual(['TOKEN_EXPIRED']);
    expect(ended).toEqual(['TOKEN_EXPIRED']);
    sessions.closed(opened.value);
    expect(sessions.usage('EMP-000100')).toEqual({ connections: 0, subscriptions: 0 });
    sessions.dispose();
  });
});
