import { SignJWT } from 'jose';
import { Authenticator, type JwtSettings } from '../../../src/auth/authenticate';
import type { PolicyBook } from '../../../src/auth/policy';
import { tokenDigest, VerifiedTokens } from '../../../src/auth/verified-tokens';
import { HubError } from '../../../src/errors';

/**
 * Verified tokens are remembered (src/auth/verified-tokens.ts, used by src/auth/authenticate.ts): a token
 * seen again is not verified again — until its exp, within a bound, under the key that verified it. Tokens
 * are signed with jose, verified by the real Authenticator on an injected clock (jose's currentDate too).
 */
const SECRET = 'a-test-secret-of-enough-length-0123456789abcdef';
const SETTINGS: JwtSettings = {
  algorithm: 'HS256',
  secret: SECRET,
  issuer: 'test-issuer',
  audience: 'test-audience',
  clockToleranceSeconds: 0,
};
// API keys are not what these tests are about: a policy without any.
const POLICY = { policy: { apiKeys: [] } } as unknown as PolicyBook;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function sign(sub: string, opts: { iat: number; exp: number; secret?: string; aud?: string }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('test-issuer')
    .setAudience(opts.aud ?? 'test-audience')
    .setIssuedAt(Math.floor(opts.iat / 1000))
    .setExpirationTime(Math.floor(opts.exp / 1000))
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

function clock(start: number): { now: () => number; set(ms: number): void } {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms) };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).extensions.code).toBe('UNAUTHENTICATED');
    return (error as Error).message;
  }
  throw new Error('expected the token to be refused');
}

describe('verified tokens in the Authenticator', () => {
  test('a token seen again before its exp is answered from memory: the same identity, no second verification', async () => {
    const c = clock(T0);
    const auth = new Authenticator(SETTINGS, POLICY, { now: c.now });
    const token = await sign('EMP-000001', { iat: T0, exp: T0 + 3_600_000 });
    const first = await auth.authenticate({ authorization: `Bearer ${token}` });
    expect(first).toEqual({ kind: 'person', personId: 'EMP-000001', expiresAt: Math.floor((T0 + 3_600_000) / 1000) });
    c.set(T0 + 3_599_000);
    // A verification builds a new identity; the remembered one is the very object of the first.
    expect(await auth.authenticate({ authorization: `Bearer ${token}` })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  test('at its exp the token is forgotten and verified again, which refuses it as expired', async () => {
    const c = clock(T0);
    const auth = new Authenticator(SETTINGS, POLICY, { now: c.now });
    const token = await sign('EMP-000001', { iat: T0, exp: T0 + 60_000 });
    await auth.authenticate({ authorization: `Bearer ${token}` });
    c.set(T0 + 60_000);
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${token}` }))).toMatch(/it has expired/);
    c.set(T0 + 61_000);
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${token}` }))).toMatch(/it has expired/);
  });

  test('a tampered copy of a remembered token is refused: another digest, and its signature does not verify', async () => {
    const auth = new Authenticator(SETTINGS, POLICY, { now: () => T0 });
    const token = await sign('EMP-000001', { iat: T0, exp: T0 + 3_600_000 });
    await auth.authenticate({ authorization: `Bearer ${token}` });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'EMP-000002' })).toString('base64url');
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${header}.${forged}.${signature}` }))).toMatch(
      /signature is invalid/,
    );
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${header}.${payload}.${flipped}` }))).toMatch(
      /signature is invalid|malformed/,
    );
    // The genuine token is still let in.
    expect(await auth.authenticate({ authorization: `Bearer ${token}` })).toMatchObject({ personId: 'EMP-000001' });
  });

  test('a refused token is never remembered: refused again each time', async () => {
    const auth = new Authenticator(SETTINGS, POLICY, { now: () => T0 });
    const wrongAudience = await sign('EMP-000001', { iat: T0, exp: T0 + 3_600_000, aud: 'someone-else' });
    for (let i = 0; i < 3; i++)
      expect(await refusal(auth.authenticate({ authorization: `Bearer ${wrongAudience}` }))).toMatch(/audience/);
  });

  test('a rotated secret: a token remembered under the old one is refused by the authenticator of the new one', async () => {
    const old = new Authenticator(SETTINGS, POLICY, { now: () => T0 });
    const token = await sign('EMP-000001', { iat: T0, exp: T0 + 3_600_000 });
    await old.authenticate({ authorization: `Bearer ${token}` });
    const rotated = new Authenticator({ ...SETTINGS, secret: `${SECRET}-rotated` }, POLICY, { now: () => T0 });
    expect(await refusal(rotated.authenticate({ authorization: `Bearer ${token}` }))).toMatch(/signature is invalid/);
    const fresh = await sign('EMP-000001', { iat: T0, exp: T0 + 3_600_000, secret: `${SECRET}-rotated` });
    expect(await rotated.authenticate({ authorization: `Bearer ${fresh}` })).toMatchObject({ personId: 'EMP-000001' });
  });

  test('bounded: beyond its capacity the oldest remembered token is verified again', async () => {
    const auth = new Authenticator(SETTINGS, POLICY, { now: () => T0, verifiedTokens: 2 });
    const tokens = await Promise.all(
      ['EMP-000001', 'EMP-000002', 'EMP-000003'].map((sub) => sign(sub, { iat: T0, exp: T0 + 3_600_000 })),
    );
    const first = await Promise.all(tokens.map((t) => auth.authenticate({ authorization: `Bearer ${t}` })));
    // The two newest are remembered (same objects), the oldest was dropped (a new verification, a new object).
    expect(await auth.authenticate({ authorization: `Bearer ${tokens[2]}` })).toBe(first[2]);
    expect(await auth.authenticate({ authorization: `Bearer ${tokens[1]}` })).toBe(first[1]);
    const again = await auth.authenticate({ authorization: `Bearer ${tokens[0]}` });
    expect(again).not.toBe(first[0]);
    expect(again).toEqual(first[0]);
  });
});

describe('VerifiedTokens', () => {
  test('keeps at most `capacity` entries, dropping the oldest; an entry whose deadline passed is gone', () => {
    let now = 1_000;
    const tokens = new VerifiedTokens<string>(3, () => now);
    for (let i = 1; i <= 5; i++) tokens.set(tokenDigest(`t${i}`), `v${i}`, 10_000);
    expect(tokens.size).toBe(3);
    expect(['t1', 't2', 't3', 't4', 't5'].map((t) => tokens.get(tokenDigest(t)))).toEqual([
      undefined,
      undefined,
      'v3',
      'v4',
      'v5',
    ]);
    now = 10_000;
    expect(tokens.get(tokenDigest('t5'))).toBeUndefined();
    expect(tokens.size).toBe(2);
  });

  test('nothing is kept whose deadline has already passed, nor with capacity 0', () => {
    const tokens = new VerifiedTokens<string>(3, () => 5_000);
    tokens.set('a', 'v', 5_000);
    tokens.set('b', 'v', Number.NaN);
    expect(tokens.size).toBe(0);
    const none = new VerifiedTokens<string>(0, () => 0);
    none.set('a', 'v', 10);
    expect(none.get('a')).toBeUndefined();
  });

  test('the key is the sha256 of the token, not the token', () => {
    expect(tokenDigest('header.payload.signature')).toHaveLength(43);
    expect(tokenDigest('header.payload.signature')).not.toContain('payload');
  });
});
