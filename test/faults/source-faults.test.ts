import { pgSourcesUrl } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * A dead or slow source degrades its own fields, not the dashboard: the CRM (PostgreSQL) is reached
 * through a loopback proxy that can stall like a hung server. Timeouts, the circuit breaker and recovery
 * are measured against real PostgreSQL and MariaDB.
 */
const STATEMENT_TIMEOUT_MS = 1500;
const DASHBOARD = '{ departments(limit: 30) { id name headcount budget(period: "2025-Q4") revenue(period: "2025-Q4") } }';
type Row = { id: string; name: string; headcount: number; budget: string; revenue: string | null };

describe('a stalled CRM source', () => {
  let hub: TestHub;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const pg = new URL(pgSourcesUrl());
    proxy = await new TcpProxy(Number(pg.port)).start();
    const viaProxy = new URL(pgSourcesUrl());
    viaProxy.port = String(proxy.port);
    hub = await startTestHub(
      { crm: 'postgres', erp: 'mysql', hr: 'postgres', procurement: 'mysql' },
      {
        sources: {
          crm: {
            engine: 'postgres',
            url: viaProxy.toString(),
            schema: 'crm',
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
    expect(res.data!.departments.filter((d) => d.revenue !== null).length).toBe(8);
  });

  test('stalled: CRM fields are null with SOURCE_TIMEOUT naming the source, the rest stands, within the timeout + margin', async () => {
    proxy.stall();
    const started = Date.now();
    const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
    const elapsed = Date.now() - started;
    expect(res.data!.departments).toHaveLength(30);
    for (const d of res.data!.departments) {
      expect(d.revenue).toBeNull();
      expect(d.budget).toMatch(/^\d+\.\d{2}$/);
    }
    const codes = new Set(res.errors!.map((e) => e.extensions!.code));
    expect([...codes].every((c) => c === 'SOURCE_TIMEOUT' || c === 'SOURCE_UNAVAILABLE')).toBe(true);
    expect(res.errors!.every((e) => e.extensions!.source === 'crm')).toBe(true);
    expect(res.raw).not.toMatch(/127\.0\.0\.1|hub_test_pw|select /i);
    expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS + 1000 + 2500);
  });

  test('the breaker opens: CRM fields fail at once, /readyz says so, other sources still answer', async () => {
    await hub.query(DASHBOARD);
    const started = Date.now();
    const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.errors!.some((e) => e.extensions!.breaker === 'open')).toBe(true);
    expect(statementsBySource(res).crm ?? 0).toBe(0);
    const ready = await fetch(`${hub.origin}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { sources: Array<{ source: string; ok: boolean; breaker?: string }> };
    expect(body.sources.find((s) => s.source === 'crm')).toMatchObject({ ok: false, breaker: 'open' });
    expect(body.sources.find((s) => s.source === 'erp')).toMatchObject({ ok: true, breaker: 'closed' });
    const metrics = await (await fetch(`${hub.origin}/metrics`)).text();
    expect(metrics).toMatch(/hub_source_circuit_state\{source="crm"\} 2/);
  });

  test('recovery without restart: once the source answers again the breaker closes and data is complete', async () => {
    proxy.resume();
    let complete = false;
    const deadline = Date.now() + 15_000;
    while (!complete && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await hub.query<{ departments: Row[] }>(DASHBOARD);
      complete = !res.errors && res.data!.departments.filter((d) => d.revenue !== null).length === 8;
    }
    expect(complete).toBe(true);
    expect((await fetch(`${hub.origin}/readyz`)).status).toBe(200);
  });
});
