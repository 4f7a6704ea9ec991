import { ERROR_CATALOGUE, ERROR_CODES, type ErrorEntry } from '../../src/error-catalogue';
import { MIXED } from '../support/engines';
import { authHeaders, EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';

/**
 * The error contract: every refusal path of the hub, swept over real HTTP. Each answer's codes are in the
 * catalogue (src/error-catalogue.ts), a request-level refusal has the catalogue's HTTP status, nothing is
 * a 500 without an internal error id, and errors at the rows of a list are answered once.
 */
const SALES_REP = 'EMP-000010';
const DEPARTED = 'EMP-000014';
const catalogue = ERROR_CATALOGUE as Record<string, ErrorEntry>;

interface Answer {
  status: number;
  type: string | null;
  headers: Headers;
  body: { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(MIXED, { server: { bodyLimitBytes: 20_000 } });
});
afterAll(async () => {
  await hub?.dispose();
});

async function send(init: {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  search?: string;
}): Promise<Answer> {
  const res = await fetch(`${hub.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? {},
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    throw new Error(`not JSON (${res.status} ${res.headers.get('content-type')}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body };
}

const json = { 'content-type': 'application/json' };
const asExec = async () => ({ ...json, ...(await authHeaders(EXECUTIVE)) });
const post = async (body: unknown, headers?: Record<string, string>) =>
  send({ headers: headers ?? (await asExec()), body: JSON.stringify(body) });

/** Every refusal path: what is sent, the code expected first. */
const PATHS: Array<{ name: string; code: string; ask: () => Promise<Answer>; status?: number }> = [
  { name: 'no credentials', code: 'UNAUTHENTICATED', ask: () => post({ query: '{ me { principal } }' }, json) },
  {
    name: 'a malformed bearer token',
    code: 'UNAUTHENTICATED',
    ask: () => post({ query: '{ me { principal } }' }, { ...json, authorization: 'Bearer not-a-jwt' }),
  },
  {
    name: 'an unknown API key',
    code: 'UNAUTHENTICATED',
    ask: () => post({ query: '{ me { principal } }' }, { ...json, 'x-api-key': 'no-such-key-0000000000000000' }),
  },
  {
    name: 'a departed employee',
    code: 'UNAUTHENTICATED',
    ask: async () => post({ query: '{ me { principal } }' }, { ...json, ...(await authHeaders(DEPARTED)) }),
  },
  {
    name: 'a body that is not JSON',
    code: 'BAD_REQUEST',
    ask: async () => send({ headers: await asExec(), body: '{"query":' }),
  },
  {
    name: 'a body over the limit',
    code: 'PAYLOAD_TOO_LARGE',
    ask: async () => post({ query: `{ me { principal } } # ${'x'.repeat(30_000)}` }),
  },
  { name: 'no query', code: 'BAD_REQUEST', ask: () => asExec().then((h) => post({ variables: {} }, h)) },
  {
    name: 'a batch',
    code: 'BAD_REQUEST',
    ask: () => asExec().then((h) => post([{ query: '{ me { principal } }' }], h)),
  },
  { name: 'not GraphQL', code: 'GRAPHQL_PARSE_FAILED', ask: () => post({ query: '{ me { principal ' }) },
  { name: 'an unknown field', code: 'GRAPHQL_VALIDATION_FAILED', ask: () => post({ query: '{ me { salary } }' }) },
  {
    name: 'an unknown operation name',
    code: 'OPERATION_RESOLUTION_FAILURE',
    ask: () => post({ query: 'query A { me { principal } }', operationName: 'B' }),
  },
  {
    name: 'a variable of the wrong type',
    code: 'BAD_USER_INPUT',
    ask: () => post({ query: 'query($n: Int) { departments(limit: $n) { id } }', variables: { n: 'ten' } }),
  },
  {
    name: 'an argument out of range',
    code: 'BAD_USER_INPUT',
    status: 200,
    ask: () => post({ query: '{ customers(limit: 5000) { id } }' }),
  },
  {
    name: 'a mutation over GET',
    code: 'BAD_REQUEST',
    status: 405,
    ask: async () =>
      send({
        method: 'GET',
        headers: { ...(await authHeaders(EXECUTIVE)), 'apollo-require-preflight': 'true', accept: 'application/json' },
        search: `?query=${encodeURIComponent('mutation { __typename }')}`,
      }),
  },
  {
    name: 'an unknown Apollo persisted-query hash (open hub)',
    code: 'PERSISTED_QUERY_NOT_FOUND',
    status: 200,
    ask: () => post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
  },
  {
    name: 'a response larger than the cell limit',
    code: 'RESPONSE_TOO_LARGE',
    ask: () =>
      post({
        query:
          '{ indicatorValues(codes: ["revenue"], from: "2000-01", to: "2025-12", grain: MONTH, by: [customer]) { rows { period } } }',
      }),
  },
  {
    name: 'a denied field',
    code: 'FORBIDDEN',
    status: 200,
    ask: async () =>
      post({ query: '{ employees(limit: 3) { name idCardNo } }' }, { ...json, ...(await authHeaders(SALES_REP)) }),
  },
  {
    name: 'a change request that does not exist',
    code: 'NOT_FOUND',
    status: 200,
    ask: () => post({ query: 'mutation { withdrawIndicatorChange(id: "999999", expectedRevision: 1) { id } }' }),
  },
];

describe('every refusal path answers a catalogued code', () => {
  test.each(PATHS.map((p) => [p.name, p] as const))('%s', async (_name, path) => {
    const answer = await path.ask();
    const errors = answer.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      const code = String(error.extensions?.code);
      expect(ERROR_CODES).toContain(code);
      if (code === 'INTERNAL_SERVER_ERROR' || answer.status >= 500)
        expect(error.extensions?.errorId).toEqual(expect.any(String));
      const reason = error.extensions?.reason;
      if (reason !== undefined && catalogue[code]!.reasons)
        expect(Object.keys(catalogue[code]!.reasons!)).toContain(reason);
    }
    expect(errors[0]!.extensions?.code).toBe(path.code);
    expect(answer.status).toBe(path.status ?? catalogue[path.code]!.status);
  });
});

describe('the 401', () => {
  test('carries WWW-Authenticate and the reason, and honours application/graphql-response+json', async () => {
    const missing = await post(
      { query: '{ me { principal } }' },
      { ...json, accept: 'application/graphql-response+json' },
    );
    expect(missing.status).toBe(401);
    expect(missing.type).toMatch(/^application\/graphql-response\+json/);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="indicator-hub"');
    expect(missing.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING_CREDENTIALS' });
    const bad = await post({ query: '{ me { principal } }' }, { ...json, authorization: 'Bearer x.y.z' });
    expect(bad.type).toMatch(/^application\/json/);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer realm="indicator-hub", error="invalid_token"');
    expect(bad.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'BAD_TOKEN' });
  });
});

describe('errors at the rows of a list are answered once', () => {
  test('a field denied over a 100-row page: one FORBIDDEN naming the 100 rows', async () => {
    // The executive sees every employee, and idCardNo is denied to it (models/demo/policy.yaml).
    const res = await post({ query: '{ employees(limit: 100) { name idCardNo } }' });
    const rows = (res.body.data as { employees: unknown[] }).employees;
    expect(rows).toHaveLength(100);
    expect(res.body.errors).toHaveLength(1);
    const error = res.body.errors![0]!;
    expect(error.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'FIELD_DENIED',
      field: 'Employee.idCardNo',
      count: rows.length,
    });
    expect(error.extensions!.paths).toEqual(rows.map((_, i) => ['employees', i, 'idCardNo']));
  });
});
