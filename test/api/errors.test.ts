import { ALL_EMBEDDED, MIXED } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';

/** Bad input gets a coded error that teaches; internals (stack, SQL, hosts, passwords) never leak. */
const LEAKS = [
  /at .+\.ts:\d+/,
  /select .* from/i,
  /127\.0\.0\.1/,
  /hub_test_pw/,
  /postgres:\/\//,
  /mysql:\/\//,
  /stack/i,
];

function expectNoLeak(raw: string) {
  for (const pattern of LEAKS) expect(raw).not.toMatch(pattern);
}

describe('input errors', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test.each([
    [
      'a malformed period',
      `{ departments(limit: 1) { revenue(period: "2025-Q5") } }`,
      /Invalid period "2025-Q5": expected YYYY, YYYY-Qn/,
    ],
    [
      'a page larger than the maximum',
      `{ customers(limit: 5000) { id } }`,
      /limit must be between 1 and 1000, received 5000/,
    ],
    ['a negative offset', `{ customers(offset: -1) { id } }`, /offset must be 0 or more/],
  ])('%s → BAD_USER_INPUT saying what was expected', async (_name, query, message) => {
    const res = await hub.query(query);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
    expectNoLeak(res.raw);
  });

  test('a query against a field that does not exist is a validation error', async () => {
    const res = await hub.query(`{ departments { salary } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoLeak(res.raw);
  });
});

describe('a source that cannot be reached', () => {
  let hub: TestHub;
  beforeAll(async () => {
    // ERP points at a closed loopback port: every ERP statement fails at connect.
    hub = await startTestHub(MIXED, {
      sources: {
        erp: { engine: 'mysql', url: 'mysql://hub:hub_test_pw@127.0.0.1:1/erp', schema: 'erp', acquireTimeoutMs: 2000 },
      },
    });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('nulls only its own fields, with SOURCE_UNAVAILABLE naming the source and nothing else', async () => {
    const res = await hub.query<{
      departments: Array<{ name: string; revenue: string | null; budget: string | null }>;
    }>(`{ departments(limit: 30) { name revenue(period: "2025-Q4") budget(period: "2025-Q4") } }`);
    expect(res.status).toBe(200);
    const rows = res.data!.departments.length;
    expect(rows).toBeGreaterThan(5);
    for (const d of res.data!.departments) {
      expect(d.name).toEqual(expect.any(String));
      expect(d.budget).toBeNull();
    }
    expect(res.data!.departments.some((d) => d.revenue !== null)).toBe(true);
    // One error for the source down over every row (src/server/coalesce-errors.ts), naming the rows.
    expect(res.errors!.length).toBe(1);
    const error = res.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'erp', count: rows });
    expect(error.extensions!.paths).toEqual(res.data!.departments.map((_, i) => ['departments', i, 'budget']));
    expect(error.message).toMatch(/^Source "erp" could not answer \(error id: [0-9a-f-]{36}\)/);
    expectNoLeak(res.raw);
  });

  test('/readyz reports the source down with 503, without its address', async () => {
    const res = await fetch(`${hub.origin}/readyz`);
    const body = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(body).sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'erp', ok: false }),
        expect.objectContaining({ source: 'crm', ok: true }),
      ]),
    );
    expectNoLeak(body);
  });
});
