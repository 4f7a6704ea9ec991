import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { DirectSql, hubId } from '../support/direct-sql';
import { MIXED, TEST_JWT_SECRET } from '../support/engines';
import {
  DEMO_SERVICE_KEY,
  startTestHub,
  tokenFor,
  type As,
  type GraphQLResponse,
  type TestHub,
} from '../support/hub-client';

/**
 * Credentials attacks over real HTTP. Every refusal is a 401 with UNAUTHENTICATED, a message that says what
 * was wrong with what was presented — never what would have worked (the secret, the accepted issuer,
 * audience or algorithm, a valid key) — and no `data` at all: the request never reached the schema, so no
 * statement ran for it. Then HR-driven revocation: an employee HR records as having left is refused within
 * auth.personStatusCacheSeconds, without a restart.
 */
const ISSUER = 'indicator-hub-demo';
const AUDIENCE = 'indicator-hub';
const ACTIVE = 'EMP-000010';
const DEPARTED = 'EMP-000014';
const HR_CACHE_SECONDS = 1;

const encoder = new TextEncoder();
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A token with the right claims unless `claims` overrides them, signed HS256 with `secret`. */
async function hs256(claims: JWTPayload = {}, secret: string | Uint8Array = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT({ sub: ACTIVE, iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 3600, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(typeof secret === 'string' ? encoder.encode(secret) : secret);
}

const bearer = (token: string): As => ({ headers: { authorization: `Bearer ${token}` } });

interface Attack {
  name: string;
  as: () => Promise<As>;
  /** What the message must say was wrong. */
  reason: RegExp;
  /** Refused after asking HR about the employee (those lookups are the hub's own statements). */
  asksHr?: boolean;
}

const ATTACKS: Attack[] = [
  { name: 'no credentials', as: async () => 'anonymous', reason: /no credentials/i },
  {
    name: 'malformed header: Basic instead of Bearer',
    as: async () => ({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
    reason: /must be "Bearer <token>"/,
  },
  {
    name: 'malformed header: Bearer without a token',
    as: async () => ({ headers: { authorization: 'Bearer' } }),
    reason: /must be "Bearer <token>"/,
  },
  { name: 'malformed token: not a JWT', as: async () => bearer('not-a-jwt'), reason: /malformed/ },
  {
    name: 'alg "none" with an empty signature',
    as: async () =>
      bearer(
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'EMP-000001', iss: ISSUER, aud: AUDIENCE, exp: now() + 3600 })}.`,
      ),
    reason: /signing algorithm is not accepted/,
  },
  {
    name: 'wrong signature (another secret)',
    as: async () => bearer(await hs256({}, 'another-secret-of-at-least-32-characters!!')),
    reason: /signature is invalid/,
  },
  {
    name: 'HS/RS confusion: an RS256 token signed with a generated RSA key',
    as: async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ sub: ACTIVE })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('1h')
        .sign(privateKey);
      return bearer(token);
    },
    reason: /signing algorithm is not accepted/,
  },
  {
    name: 'HS/RS confusion: an HS256 token whose secret is an RSA public key PEM',
    as: async () => {
      const { publicKey } = await generateKeyPair('RS256', { extractable: true });
      return bearer(await hs256({}, encoder.encode(await exportSPKI(publicKey))));
    },
    reason: /signature is invalid/,
  },
  {
    name: 'expired beyond the 30 s tolerance',
    as: async () => bearer(await hs256({ iat: now() - 7200, exp: now() - 120 })),
    reason: /has expired/,
  },
  {
    name: 'not valid yet (nbf in the future)',
    as: async () => bearer(await hs256({ nbf: now() + 600 })),
    reason: /not valid yet/,
  },
  {
    name: 'no expiry at all',
    as: async () => bearer(await hs256({ exp: undefined })),
    reason: /"exp" claim is missing or invalid/,
  },
  {
    name: 'wrong issuer',
    as: async () => bearer(await hs256({ iss: 'someone-else' })),
    reason: /issuer is not accepted/,
  },
  {
    name: 'wrong audience',
    as: async () => bearer(await hs256({ aud: 'another-service' })),
    reason: /audience is not accepted/,
  },
  {
    name: 'subject posing as a service account',
    as: async () => bearer(await hs256({ sub: 'apikey:bi-dashboard' })),
    reason: /subject is not a person id/,
  },
  {
    name: 'unknown employee id',
    as: async () => bearer(await tokenFor('EMP-999999')),
    reason: /does not know this person/,
    asksHr: true,
  },
  {
    name: 'subject in no form of an employee id',
    as: async () => bearer(await hs256({ sub: 'admin' })),
    reason: /does not know this person/,
    asksHr: true,
  },
  {
    name: 'departed employee',
    as: async () => bearer(await tokenFor(DEPARTED)),
    reason: /access revoked/i,
    asksHr: true,
  },
  {
    name: 'both a bearer token and an API key',
    as: async () => ({ headers: { authorization: `Bearer ${await tokenFor(ACTIVE)}`, 'x-api-key': DEMO_SERVICE_KEY } }),
    reason: /not both/,
  },
  { name: 'wrong API key', as: async () => ({ apiKey: `${DEMO_SERVICE_KEY}x` }), reason: /API key is not valid/ },
];

/** Things a refusal must never reveal: what would have worked. */
const SECRETS = [TEST_JWT_SECRET, DEMO_SERVICE_KEY, ISSUER, `"${AUDIENCE}"`, 'HS256', 'RS256'];

const QUERY = '{ departments { id name } }';

function expectRefused(res: GraphQLResponse, reason: RegExp): void {
  expect(res.status).toBe(401);
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors!;
  expect(error!.extensions?.code).toBe('UNAUTHENTICATED');
  expect(error!.message).toMatch(reason);
  for (const secret of SECRETS) expect(error!.message).not.toContain(secret);
  // Refused before the schema: no data, not even null, and nothing else in the body.
  expect(res).not.toHaveProperty('data');
  expect(Object.keys(JSON.parse(res.raw) as object)).toEqual(['errors']);
}

describe('credentials over HTTP', () => {
  let hub: TestHub;
  let direct: DirectSql;

  beforeAll(async () => {
    hub = await startTestHub(MIXED, { auth: { personStatusCacheSeconds: HR_CACHE_SECONDS } });
    direct = new DirectSql(MIXED);
  });
  afterAll(async () => {
    await direct?.close();
    await hub?.dispose();
  });

  /** Statements sent to any source so far by this process (/metrics), to prove a refusal sent none. */
  async function statementsSoFar(): Promise<number> {
    const text = await (await fetch(`${hub.origin}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('hub_source_statements_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  test.each(ATTACKS)('$name → 401 UNAUTHENTICATED', async ({ as, reason, asksHr }) => {
    const headers = await as();
    const before = await statementsSoFar();
    expectRefused(await hub.query(QUERY, {}, headers), reason);
    if (!asksHr) expect(await statementsSoFar()).toBe(before);
  });

  test('a valid token of an active employee is accepted (and its statements are counted where refusals count none)', async () => {
    const before = await statementsSoFar();
    const res = await hub.query<{ departments: Array<{ id: string }> }>(QUERY, {}, ACTIVE);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.departments.length).toBeGreaterThan(0);
    expect(await statementsSoFar()).toBeGreaterThan(before);
  });

  test('the demo service key (X-Api-Key) is accepted', async () => {
    const res = await hub.query<{ departments: Array<{ id: string }> }>(QUERY, {}, { apiKey: DEMO_SERVICE_KEY });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.departments.length).toBeGreaterThan(0);
  });

  test('HR marks an active employee as having left: refused within personStatusCacheSeconds, no restart; reinstated the same way', async () => {
    // An active employee no other demo case uses: the last one HR lists who is not a head.
    const [row] = await direct.rows(
      'hr',
      `select emp_no from {s}.employee where emp_status = 'ACTIVE' and leave_date is null and job_title <> 'Head' order by emp_no desc limit 1`,
    );
    const empNo = String(row!.emp_no);
    const employee = hubId('Employee', 'hr', empNo);
    const token = await tokenFor(employee);
    // Query.employees is granted to every role (a plain employee sees their own row).
    const ask = () =>
      hub.query<{ employees: Array<{ id: string }> }>('{ employees(limit: 1000) { id } }', {}, bearer(token));

    const before = await ask();
    expect(before.status).toBe(200);
    expect(before.errors).toBeUndefined();
    expect(before.data!.employees.map((e) => e.id)).toContain(employee);

    const today = new Date().toISOString().slice(0, 10);
    try {
      await direct.rows('hr', `update {s}.employee set emp_status = 'LEFT', leave_date = ? where emp_no = ?`, [
        today,
        empNo,
      ]);
      await sleep(HR_CACHE_SECONDS * 1000 + 200);
      expectRefused(await ask(), /access revoked/i);
    } finally {
      await direct.rows('hr', `update {s}.employee set emp_status = 'ACTIVE', leave_date = null where emp_no = ?`, [
        empNo,
      ]);
    }
    await sleep(HR_CACHE_SECONDS * 1000 + 200);
    const after = await ask();
    expect(after.status).toBe(200);
    expect(after.errors).toBeUndefined();
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
