import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, TrustedDocuments } from '../../src/server/trusted-documents';
import { MIXED } from '../support/engines';
import { EXECUTIVE, authHeaders, startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { openRawSocket } from '../support/ws-raw';

/**
 * The attack corpus: every abusive request is refused with a coded error before any statement reaches a
 * source, leaks nothing, and leaves the hub healthy. Injection-looking values are inert (bound parameters).
 */
const LEAKS = [/at .+\.ts:\d+/, /select .* from/i, /127\.0\.0\.1/, /hub_test_pw/, /postgres:\/\//, /stacktrace/i];
const nested = (depth: number) =>
  `{ departments(limit: 1) { ${'children { '.repeat(depth)} id ${'} '.repeat(depth)} } }`;
const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: departments(limit: 1) { id }`).join(' ')} }`;

const CORPUS: Array<{
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  code: string;
  message: RegExp;
}> = [
  { name: 'too deep', query: nested(12), code: 'GRAPHQL_VALIDATION_FAILED', message: /depth exceeds 10/ },
  { name: 'too many aliases', query: aliases(16), code: 'GRAPHQL_VALIDATION_FAILED', message: /More than 15 aliases/ },
  {
    name: 'too many directives',
    query: `{ departments(limit: 1) { ${Array.from({ length: 11 }, (_, i) => `f${i}: id @include(if: true)`).join(' ')} } }`,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /More than 10 directives/,
  },
  {
    name: 'a field repeated many times',
    query: `{ departments(limit: 1) { ${'id '.repeat(6)} } }`,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /selected more than 5 times/,
  },
  {
    name: 'too many tokens',
    query: `{ departments(limit: 1) { ${'id '.repeat(2100)} } }`,
    code: 'GRAPHQL_PARSE_FAILED',
    message: /contains more tha. 2000 tokens/,
  },
  {
    name: 'a cost explosion through nested lists',
    query: '{ customers(limit: 1000) { orders(limit: 1000) { id amount } } }',
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /cost \d+ exceeds the budget of 250000/,
  },
  // Refused by the cost estimate already (a page over limits.maxPageSize is refused by the resolver too).
  {
    name: 'a page far too large',
    query: '{ customers(limit: 99999999) { id } }',
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /cost 100000000 exceeds the budget of 250000/,
  },
  {
    name: 'a page over the maximum within the budget',
    query: '{ customers(limit: 5000) { id } }',
    code: 'BAD_USER_INPUT',
    message: /limit must be between 1 and 1000/,
  },
  {
    name: 'nested default-sized lists',
    query: '{ customers { orders { customer { orders { customer { orders { id } } } } } } }',
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /exceeds the budget/,
  },
  {
    name: 'circular fragments',
    query:
      '{ departments(limit: 1) { ...A } } fragment A on Department { parent { ...B } } fragment B on Department { children { ...A } }',
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /Cannot spread fragment "A" within itself/,
  },
  {
    name: 'a NUL byte in a variable',
    query: 'query($s: String) { indicators(search: $s) { code } }',
    variables: { s: 'rev\u0000enue' },
    code: 'BAD_USER_INPUT',
    message: /Variable \$s contains a NUL character/,
  },
  {
    name: 'invalid Unicode in a variable',
    query: 'query($s: String) { indicators(search: $s) { code } }',
    variables: { s: 'bad \ud800 text' },
    code: 'BAD_USER_INPUT',
    message: /not valid Unicode/,
  },
  {
    name: 'a megabyte string',
    query: 'query($s: String) { indicators(search: $s) { code } }',
    variables: { s: 'x'.repeat(200_000) },
    code: 'BAD_USER_INPUT',
    message: /at most 10000 are accepted/,
  },
];

describe('hostile input', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(MIXED, { server: { bodyLimitBytes: 5_000_000 } });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test.each(CORPUS)('$name → $code, no statement issued', async ({ query, variables, code, message }) => {
    const res: GraphQLResponse = await hub.query(query, variables);
    // Refused requests are client errors: a coded refusal with HTTP 500 was issue 12, finding 7.
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (code === 'GRAPHQL_VALIDATION_FAILED' && !/fragment/.test(res.errors![0]!.message))
      expect(res.errors![0]!.extensions!.limit).toEqual(expect.any(String));
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(Object.values(res.data ?? {}).filter((v) => v !== null)).toEqual([]);
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
    for (const leak of LEAKS) expect(res.raw).not.toMatch(leak);
  });

  test('batched operations are refused', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
      body: JSON.stringify([{ query: '{ me { principal } }' }, { query: '{ me { principal } }' }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  test('values that look like SQL are inert: bound, never spliced', async () => {
    const res = await hub.query<{ department: null; indicators: unknown[]; customers: Array<{ id: string }> }>(
      `query($id: ID!, $s: String) { department(id: $id) { id } indicators(search: $s) { code } customers(limit: 2) { id } }`,
      { id: "D0001' OR '1'='1", s: "'; DROP TABLE crm.account; SELECT pg_sleep(5); SELECT SLEEP(5); --" },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.department).toBeNull();
    expect(res.data!.indicators).toEqual([]);
    expect(res.data!.customers).toHaveLength(2);
    expect(res.extensions!.trace!.durationMs).toBeLessThan(4000);
  });

  test('a legitimate 12-indicator dashboard passes with room to spare, and the hub stays healthy', async () => {
    const res = await hub.query(
      `{ indicatorValues(codes: ["revenue","gross_margin","receivables_balance","budget_execution_rate","headcount","payroll_cost",
          "revenue_per_head","expense_ratio","procurement_spend","supplier_on_time_rate","revenue_yoy","revenue_ytd"],
          from: "2025-01", to: "2025-12", grain: MONTH, groupBy: "department") {
          rows { period member { id name } cells { code value reason } } series { code points { period value } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect((await fetch(`${hub.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${hub.origin}/readyz`)).status).toBe(200);
  });
});

describe('per-principal rate limit', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(MIXED, { limits: { rateLimit: { perMinute: 60, burst: 3 } } });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('beyond the burst: 429 with Retry-After, audited, nothing executed; other principals unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await hub.query('{ me { principal } }')).status).toBe(200);
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
      body: JSON.stringify({ query: '{ departments { id } }' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as {
      data?: unknown;
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.message).toMatch(/at most 60 a minute \(bursts of 3\) for EMP-000001/);
    // Another principal has its own bucket; the auditor sees the refusal in the log.
    const log = await hub.query<{ auditLog: { records: Array<{ principal: string; errorCodes: string[] }> } }>(
      '{ auditLog(outcome: refused, first: 1) { records { principal errorCodes } } }',
      {},
      'EMP-000312',
    );
    expect(log.data!.auditLog.records[0]).toEqual({ principal: EXECUTIVE, errorCodes: ['RATE_LIMITED'] });
  });
});

describe('trusted documents', () => {
  const REGISTERED = '{ departments(limit: 3) { id name } }';
  const REGISTERED_SUBSCRIPTION = 'subscription { indicatorNotices { id } }';
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'indicator-hub-trusted-'));
    writeFileSync(
      join(dir, 'trusted.json'),
      JSON.stringify({ [sha256(REGISTERED)]: REGISTERED, [sha256(REGISTERED_SUBSCRIPTION)]: REGISTERED_SUBSCRIPTION }),
    );
    hub = await startTestHub(MIXED, { security: { trustedDocumentsFile: join(dir, 'trusted.json') } });
  });
  afterAll(async () => {
    await hub?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a registered operation runs, by text or by its hash alone', async () => {
    expect((await hub.query<{ departments: unknown[] }>(REGISTERED)).data!.departments).toHaveLength(3);
    const byHash = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(REGISTERED) } } }),
    });
    expect(((await byHash.json()) as { data: { departments: unknown[] } }).data.departments).toHaveLength(3);
  });

  test('anything else is refused before execution, and cannot register itself', async () => {
    const other = '{ departments(limit: 4) { id } }';
    const res = await hub.query(other);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNTRUSTED_DOCUMENT' });
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
    const apq = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
      body: JSON.stringify({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(other) } } }),
    });
    expect(
      ((await apq.json()) as { errors: Array<{ extensions: { reason?: string } }> }).errors[0]!.extensions.reason,
    ).toBe('UNTRUSTED_DOCUMENT');
  });

  test('over WebSocket the same file decides: a registered subscription opens, any other is refused before it opens', async () => {
    const socket = openRawSocket(hub.url, await authHeaders(EXECUTIVE));
    try {
      expect(await socket.init).toEqual({ ack: true });
      expect(await socket.subscribe('registered', REGISTERED_SUBSCRIPTION, 1000)).toBe('none');
      const other = await socket.subscribe('other', 'subscription { indicatorNotices { id code } }', 5000);
      expect(other).toMatchObject({
        type: 'error',
        payload: [{ extensions: { code: 'FORBIDDEN', reason: 'UNTRUSTED_DOCUMENT' } }],
      });
    } finally {
      socket.close();
    }
  });

  test('a file whose hash does not match its text stops start-up', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ['0'.repeat(64)]: REGISTERED }));
    expect(() => TrustedDocuments.load(join(dir, 'bad.json'))).toThrow(/is not the sha256 of its text/);
  });
});
