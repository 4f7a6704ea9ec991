import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ALL_POSTGRES, pgSourcesUrl, TEST_JWT_SECRET } from '../support/engines';
import { DirectSql, hubId } from '../support/direct-sql';
import { DEMO_SERVICE_KEY, startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { sourceStatements } from '../../src/observability/metrics';
import { toMoney } from '../../src/values/decimal';
import { startHubChild } from '../support/hub-child';

/**
 * Issue 12, finding 3 as found: the demo BI dashboard's view-only API key asks daily revenue per customer
 * over 396 days (≈ 790,000 cells). It is now refused before any statement runs, with a coded error saying
 * what was estimated, the limit and what to do; aliases add up; a large request under the limit is still
 * answered, and matches direct SQL. Also finding 7's year-over-year at DAY grain over 13 months (was a
 * RangeError → 500) and the per-statement row cap. Then the out-of-memory sequence itself, against a child
 * process with a bounded heap (at the end of this file).
 */
const SERVICE = { apiKey: DEMO_SERVICE_KEY };

/** Daily revenue per customer, `from`..`to` (inclusive days), as one aliased indicatorValues field. */
const daily = (
  alias: string,
  from: string,
  to: string,
  selection = 'rows { period member { id } cells { code value } }',
) =>
  `${alias}: indicatorValues(codes: ["revenue"], from: "${from}", to: "${to}", grain: DAY, groupBy: "customer") { ${selection} }`;

/** Aggregate statements counted in /metrics by this process: the counter every adapter statement passes. */
async function aggregateStatements(): Promise<number> {
  const metric = await sourceStatements.get();
  return metric.values.filter((v) => v.labels.kind === 'aggregate').reduce((sum, v) => sum + v.value, 0);
}

describe('finding 3: indicatorValues bounded by what it produces', () => {
  let hub: TestHub;
  let direct: DirectSql;
  beforeAll(async () => {
    hub = await startTestHub(ALL_POSTGRES);
    direct = new DirectSql(ALL_POSTGRES);
  });
  afterAll(async () => {
    await direct?.close();
    await hub?.dispose();
  });

  const refusals: Array<[name: string, query: string, code: string, message: RegExp]> = [
    [
      'daily revenue per customer over 396 days (the finding, as found)',
      `{ ${daily('big', '2024-12-01', '2025-12-31')} }`,
      'RESPONSE_TOO_LARGE',
      /would produce about [\d,]+ indicator cells \(big: 396 periods × [\d,]+ members × 1 indicators\), more than the 200,000 one request may produce: use page \(page: \{ first: 1000 \}, then after: pageInfo\.endCursor\) to fetch the members a page at a time, or a coarser grain or a shorter run, fewer members \(filters\)/,
    ],
    [
      'three aliases, each under the limit, adding up over it',
      `{ ${daily('a', '2025-09-01', '2025-10-10')} ${daily('b', '2025-10-11', '2025-11-19')} ${daily('c', '2025-11-20', '2025-12-29')} }`,
      'RESPONSE_TOO_LARGE',
      /a: 40 periods × [\d,]+ members × 1 indicators; b: 40 periods .*; c: 40 periods/,
    ],
    [
      'the same table twice, as rows and as series',
      `{ ${daily('t', '2025-09-01', '2025-11-10', 'rows { period } series { code }')} }`,
      'RESPONSE_TOO_LARGE',
      /t: 71 periods × [\d,]+ members × 1 indicators × 2 \(rows and series\)/,
    ],
    [
      'year-over-year at DAY grain over 13 months (finding 7: was a RangeError, HTTP 500)',
      `{ indicatorValues(codes: ["revenue_yoy"], from: "2024-12-01", to: "2025-12-31", grain: DAY) { rows { period cells { value } } } }`,
      'BAD_USER_INPUT',
      /At day grain the inputs of the requested indicators span 2023-12-01 to 2025-12-31 .* more than the 400 periods one statement may cover: use a coarser grain or a shorter run/,
    ],
  ];

  test.each(refusals)('%s → HTTP 400 %s before any aggregate statement runs', async (_name, query, code, message) => {
    const before = await aggregateStatements();
    const res = await hub.query(query, undefined, SERVICE);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.raw).not.toMatch(/stack|select .* from|RangeError/i);
    expect(await aggregateStatements()).toBe(before);
  });

  test('the refusal says what was estimated and the limit, in its extensions too', async () => {
    const res = await hub.query(`{ ${daily('big', '2024-12-01', '2025-12-31')} }`, undefined, SERVICE);
    const customers = hub.runtime.keyMap.count('Customer');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      limit: 'responseCells',
      estimated: 396 * customers,
      max: 200_000,
      fields: [{ field: 'big', periods: 396, members: customers, indicators: 1, cells: 396 * customers }],
    });
    expect(396 * customers).toBeGreaterThan(700_000);
  });

  test('a large request under the limit (40 days × every customer) is answered, equal to direct SQL', async () => {
    const res: GraphQLResponse<{
      a: { rows: Array<{ period: string; member: { id: string }; cells: Array<{ value: string | null }> }> };
    }> = await hub.query(`{ ${daily('a', '2025-09-01', '2025-10-10')} }`, undefined, SERVICE);
    expect(res.errors).toBeUndefined();
    const got = new Map<string, string>();
    for (const row of res.data!.a.rows) got.set(`${row.period}|${row.member.id}`, row.cells[0]!.value!);
    const expected = new Map<string, string>();
    for (const r of await direct.rows(
      'crm',
      `select account_id as k, cast(order_date as char(10)) as d, sum(amount) as v from {s}.sales_order where order_date >= '2025-09-01' and order_date < '2025-10-11' group by account_id, order_date`,
    )) {
      expected.set(`${String(r.d)}|${hubId('Customer', 'crm', String(r.k))}`, toMoney(String(r.v)));
    }
    // The table's members are the customers that ordered in the run; every other cell of theirs is 0.00.
    const customers = new Set([...expected.keys()].map((k) => k.split('|')[1]!));
    expect(customers.size).toBeGreaterThan(500);
    for (let d = 0; d < 40; d++) {
      const day = new Date(Date.parse('2025-09-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
      for (const c of customers) if (!expected.has(`${day}|${c}`)) expected.set(`${day}|${c}`, '0.00');
    }
    expect(res.data!.a.rows).toHaveLength(40 * customers.size);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
  });

  describe('the statement row cap (limits.maxStatementRows)', () => {
    const query = `{ indicatorValues(codes: ["revenue"], from: "2025-01", to: "2025-12", grain: MONTH, groupBy: "customer") { rows { period } } }`;
    let rows: number;
    let saved: number;
    beforeAll(async () => {
      saved = hub.runtime.config.limits.maxStatementRows;
      const [r] = await direct.rows(
        'crm',
        `select count(*) as n from (select distinct account_id, extract(month from order_date) as m from {s}.sales_order where order_date >= '2025-01-01' and order_date < '2026-01-01') t`,
      );
      rows = Number(r!.n);
    });
    afterAll(() => {
      hub.runtime.config.limits.maxStatementRows = saved;
    });

    const cases: Array<[name: string, cap: (rows: number) => number, refused: boolean]> = [
      ['a statement one row over the cap → TOO_MANY_ROWS, the statement counted', (n) => n - 1, true],
      ['a statement exactly at the cap is answered', (n) => n, false],
    ];
    test.each(cases)('%s', async (_name, cap, refused) => {
      hub.runtime.config.limits.maxStatementRows = cap(rows);
      const before = await aggregateStatements();
      const res = await hub.query(query, undefined, SERVICE);
      expect(await aggregateStatements()).toBe(before + 1);
      if (refused) {
        expect(res.status).toBe(400);
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ROWS', source: 'crm', max: rows - 1 });
        expect(res.errors?.[0]?.message).toMatch(
          /returned more than [\d]+ rows, the most one statement may return: use a coarser grain, a shorter run, fewer members/,
        );
      } else {
        expect(res.errors).toBeUndefined();
      }
    });
  });
});

/**
 * Issue 12, finding 3, the out-of-memory sequence — run against the real entry point (src/main.ts) as a
 * child process with a bounded heap, sources and store on the test PostgreSQL:
 *   1. many requests over distinct ranges fill the result cache;
 *   2. a large request under the limit is computed;
 *   3. one request with three aliases of daily revenue per customer over 396 days.
 * /healthz is probed every 100 ms throughout. The hub must stay alive, answer every probe in < 1 s, refuse
 * the last request with RESPONSE_TOO_LARGE, and hold its cache under cache.maxBytes (read from /metrics).
 *
 * Why it fails on the code before issue 12: step 3 passed the cost limit and computed 3 × ≈ 790,000 cells
 * — the heap bounded at HEAP_MB ends the process ("JavaScript heap out of memory"), and before that the
 * synchronous evaluation stalls /healthz for seconds; the cache had no byte bound and no
 * hub_result_cache_bytes gauge. Sized to finish in well under a minute with the fix.
 */
const HEAP_MB = 256;
const CACHE_MAX_BYTES = 4 * 1024 * 1024;
const FILL_REQUESTS = 30;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const startHub = (configFile: string) => startHubChild(configFile, HEAP_MB);

test('the out-of-memory sequence ends with the hub alive, /healthz under 1 s throughout and a coded refusal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'indicator-hub-bounded-'));
  const configFile = join(dir, 'hub.config.yaml');
  const source = (name: string) => ({
    engine: 'postgres',
    url: pgSourcesUrl(),
    schema: name,
    pool: { min: 0, max: 4 },
    acquireTimeoutMs: 30_000,
  });
  writeFileSync(
    configFile,
    stringify({
      auth: { jwt: { secret: TEST_JWT_SECRET } },
      sources: { crm: source('crm'), erp: source('erp'), hr: source('hr'), procurement: source('procurement') },
      store: { engine: 'postgres', url: pgSourcesUrl(), schema: 'hub' },
      embedded: { dataDir: ':memory:' },
      // The demo company's key and users on PostgreSQL: demo mode, explicitly (src/app/deployment.ts).
      demo: { enabled: true, seed: false },
      cache: { maxBytes: CACHE_MAX_BYTES },
      limits: { rateLimit: { perMinute: 10_000, burst: 1000 } },
    }),
  );
  const hub = startHub(configFile);
  const probes: number[] = [];
  let probing = false;
  let prober: Promise<void> = Promise.resolve();
  try {
    const url = await hub.ready;
    const origin = url.replace(/\/graphql$/, '');
    const ask = async (query: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEMO_SERVICE_KEY },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(30_000),
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          data?: Record<string, unknown>;
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
        },
      };
    };

    // /healthz every 100 ms for the whole sequence; a probe that takes 5 s is given up (and fails the test).
    probing = true;
    prober = (async () => {
      while (probing) {
        const started = performance.now();
        try {
          await (await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5000) })).text();
          probes.push(performance.now() - started);
        } catch {
          probes.push(Infinity);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // 1. Distinct ranges (60 days each, a day apart): every one is a new cache entry.
    for (let i = 0; i < FILL_REQUESTS; i++) {
      const from = addDays('2025-01-01', i * 7);
      const res = await ask(`{ ${daily('fill', from, addDays(from, 59), 'statements { rows cached }')} }`);
      expect([res.status, res.body.errors]).toEqual([200, undefined]);
    }
    // 2. A large request under the limit, computed while /healthz is probed.
    const large = await ask(`{ ${daily('large', '2025-09-01', '2025-10-10', 'rows { cells { value } }')} }`);
    expect([large.status, large.body.errors]).toEqual([200, undefined]);
    expect((large.body.data!.large as { rows: unknown[] }).rows.length).toBeGreaterThan(20_000);
    // 3. Three aliases of the finding's request.
    const big = await ask(
      `{ ${['a', 'b', 'c'].map((alias, i) => daily(alias, addDays('2024-12-01', i), addDays('2025-12-31', i), 'rows { period member { id } cells { code value } }')).join(' ')} }`,
    );
    expect(big.status).toBe(400);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');

    const metrics = await (await fetch(`${origin}/metrics`)).text();
    probing = false;
    await prober;

    expect(hub.child.exitCode).toBeNull();
    const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(gauge('hub_result_cache_max_bytes')).toBe(CACHE_MAX_BYTES);
    expect(gauge('hub_result_cache_bytes')).toBeGreaterThan(CACHE_MAX_BYTES / 2); // the fill did fill it…
    expect(gauge('hub_result_cache_bytes')).toBeLessThanOrEqual(CACHE_MAX_BYTES); // …and no further
    expect(gauge('hub_result_cache_entries')).toBeLessThan(FILL_REQUESTS);
    expect(probes.length).toBeGreaterThan(10);
    expect(Math.max(...probes)).toBeLessThan(1000);
  } catch (error) {
    throw new Error(`${String(error)}\n--- hub output ---\n${hub.output().slice(-4000)}`, { cause: error });
  } finally {
    probing = false;
    await prober;
    hub.child.kill('SIGTERM');
    await new Promise((r) => (hub.child.exitCode !== null ? r(undefined) : hub.child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
