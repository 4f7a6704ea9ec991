import { pgSourcesUrl, serverUrl } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * A dead or slow source degrades its own fields, not the dashboard: the CRM (PostgreSQL) is reached
 * through a loopback proxy that can stall like a hung server. Timeouts, the circuit breaker and recovery
 * are measured against real PostgreSQL and MariaDB.
 */
const STATEMENT_TIMEOUT_MS = 1500;
const DASHBOARD =
  '{ departments(limit: 30) { id name headcount budget(period: "2025-Q4") revenue(period: "2025-Q4") } }';
type Row = { id: string; name: string; headcount: number; budget: string | null; revenue: string | null };

/** The source to stall, on which engine; `field` is its figure in the dashboard, `other` one from elsewhere. */
const CASES = [
  { source: 'crm', engine: 'postgres', url: () => pgSourcesUrl(), field: 'revenue', other: 'budget', rows: 8 },
  { source: 'erp', engine: 'mysql', url: () => serverUrl('mysql'), field: 'budget', other: 'revenue', rows: 30 },
] as const;

describe.each(CASES)('a stalled $source source ($engine)', ({ source, engine, url, field, other, rows }) => {
  let hub: TestHub;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const real = new URL(url());
    proxy = await new TcpProxy(Number(real.port)).start();
    const viaProxy = new URL(url());
    viaProxy.port = String(proxy.port);
    hub = await startTestHub(
      { crm: 'postgres', erp: 'mysql', hr: 'postgres', procurement: 'mysql' },
      {
        sources: {
          [source]: {
            engine,
            url: viaProxy.toString(),
            schema: source,
            statementTimeoutMs: STATEMENT_TIMEOUT_MS,
            acquireTimeoutMs: 1500,
            cacheTtlSeconds: 0,
            breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 4000 },
          },
        },
      },
    );
  });

  afterAll(async () => {
    proxy?.resume();
    await hub?.dispose();
    await proxy?.close();
  });

  test('healthy: every figure present', async () => {
    const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
    expect(res.errors).toBeUndefined();
    expect(res.data!.departments.filter((d) => d[field] !== null).length).toBe(rows);
  });

  test('stalled: its fields are null with SOURCE_TIMEOUT naming the source, the rest stands, within the timeout + margin', async () => {
    proxy.stall();
    const started = Date.now();
    const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
    const elapsed = Date.now() - started;
    expect(res.data!.departments).toHaveLength(30);
    for (const d of res.data!.departments) expect(d[field]).toBeNull();
    expect(res.data!.departments.filter((d) => d[other] !== null).length).toBeGreaterThan(0);
    expect(res.data!.departments.every((d) => typeof d.headcount === 'number')).toBe(true);
    const codes = new Set(res.errors!.map((e) => e.extensions!.code));
    expect([...codes]).toEqual(['SOURCE_TIMEOUT']);
    expect(res.errors!.every((e) => e.extensions!.source === source)).toBe(true);
    expect(res.raw).not.toMatch(/127\.0\.0\.1|hub_test_pw|select /i);
    // Bound: the statement timeout, the client's extra second, and knex's cancel attempt (which needs a
    // connection through the stalled proxy and gives up after the 1.5 s acquire timeout), plus 1.5 s margin.
    expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS + 1000 + 1500 + 1500);
  });

  test('indicators needing the failed source are null with its reason; the others still have values', async () => {
    const res = await hub.query<{
      indicatorValues: {
        rows: Array<{ cells: Array<{ code: string; value: string | null; reason: string | null }> }>;
        sourceErrors: Array<{ source: string; code: string }>;
      };
    }>(
      '{ indicatorValues(codes: ["revenue", "budget", "headcount", "revenue_per_head"], from: "2025-Q4", grain: QUARTER) { rows { cells { code value reason } } sourceErrors { source code } } }',
    );
    expect(res.errors).toBeUndefined();
    const cells = Object.fromEntries(res.data!.indicatorValues.rows[0]!.cells.map((c) => [c.code, c]));
    const failed = source === 'crm' ? ['revenue', 'revenue_per_head'] : ['budget'];
    for (const code of ['revenue', 'budget', 'headcount', 'revenue_per_head']) {
      if (failed.includes(code))
        expect(cells[code]).toMatchObject({ value: null, reason: expect.stringContaining(`Source "${source}"`) });
      else expect(cells[code]!.value).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(res.data!.indicatorValues.sourceErrors.map((e) => e.source)).toEqual([source]);
  });

  test('the breaker opens: its fields fail at once, /readyz says so, other sources still answer', async () => {
    // It opens once failures are half the calls in its rolling window, where the start's crosswalk reads
    // (adapter operations too) may still count as successes: a few more failing requests at most.
    let attempts = 0;
    const opened = async () =>
      ((await hub.query(DASHBOARD)).errors ?? []).some((e) => e.extensions!.breaker === 'open');
    while (attempts++ < 5 && !(await opened()));
    expect(attempts).toBeLessThanOrEqual(5);
    const started = Date.now();
    const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.errors!.some((e) => e.extensions!.breaker === 'open')).toBe(true);
    expect(statementsBySource(res)[source] ?? 0).toBe(0);
    const ready = await fetch(`${hub.origin}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { sources: Array<{ source: string; ok: boolean; breaker?: string }> };
    expect(body.sources.find((s) => s.source === source)).toMatchObject({ ok: false, breaker: 'open' });
    expect(body.sources.find((s) => s.source === 'hr')).toMatchObject({ ok: true, breaker: 'closed' });
    const metrics = await (await fetch(`${hub.origin}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`hub_source_circuit_state\\{source="${source}"\\} 2`));
  });

  test('recovery without restart: once the source answers again the breaker closes and data is complete', async () => {
    proxy.resume();
    let complete = false;
    const deadline = Date.now() + 15_000;
    while (!complete && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
      complete = !res.errors && res.data!.departments.filter((d) => d[field] !== null).length === rows;
    }
    expect(complete).toBe(true);
    expect((await fetch(`${hub.origin}/readyz`)).status).toBe(200);
  });
});
