import { startDatabases } from '../test/support/databases';
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { MIXED } from '../test/support/engines';
import { startTestHub, tokenFor } from '../test/support/hub-client';

/**
 * `npm run bench:soak`: a bounded soak on loopback — mixed dashboard / list / point queries at a fixed
 * concurrency for SOAK_SECONDS (default 60) against real PostgreSQL and MariaDB it starts and stops
 * itself. Reports requests, status codes (5xx must be 0), latency percentiles and RSS at start and end.
 * The load generator runs in the hub's process, so RSS covers both.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const WORKLOAD = [
  '{ departments { id name headcount payrollCost(period: "2025-Q4") budget(period: "2025-Q4") actualExpense(period: "2025-Q4") revenue(period: "2025-Q4") procurementSpend(period: "2025-Q4") } }',
  '{ indicatorValues(codes: ["revenue","gross_margin","receivables_balance","budget_execution_rate","headcount","payroll_cost","revenue_per_head","expense_ratio","procurement_spend","supplier_on_time_rate","revenue_yoy","revenue_ytd"], from: "2025-01", to: "2025-12", grain: MONTH, groupBy: "department") { rows { period member { id } cells { code value } } } }',
  '{ customers(limit: 200) { id name segment contacts { phone } receivables { openAmount } } }',
  '{ indicatorValues(codes: ["revenue"], from: "2025-11", grain: MONTH, filters: [{ dimension: "department", ids: ["D0003"] }]) { rows { cells { value } } } }',
  '{ alerts(period: "2025-Q4") { severity indicator { code } department { id } } }',
];
const PRINCIPALS = ['EMP-000001', 'EMP-000267', 'EMP-000009', 'EMP-000312'];

async function main(): Promise<void> {
  const databases = await startDatabases({ log: () => undefined });
  try {
    process.env.HUB_TEST_PG_URL = databases.postgres!.url;
    process.env.HUB_TEST_MYSQL_URL = databases.mysql!.url;
    await globalSetup();
    const hub = await startTestHub(MIXED, { limits: { rateLimit: { perMinute: 1_000_000, burst: 100_000 } } });
    const tokens = await Promise.all(PRINCIPALS.map((p) => tokenFor(p, '2h')));
    const mb = () => Math.round(process.memoryUsage().rss / 1048576);
    const heap = () => Math.round(process.memoryUsage().heapUsed / 1048576);
    const rssStart = mb();
    const heapStart = heap();
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const errorCodes = new Map<string, number>();
    let i = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const n = i++;
        const started = performance.now();
        const res = await fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % tokens.length]}` },
          body: JSON.stringify({ query: WORKLOAD[n % WORKLOAD.length] }),
        });
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        latencies.push(performance.now() - started);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        for (const e of body.errors ?? [])
          errorCodes.set(e.extensions?.code ?? '?', (errorCodes.get(e.extensions?.code ?? '?') ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rssEnd = mb();
    const heapEnd = heap();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0);
    const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, c]) => sum + c, 0);
    process.stdout.write(
      `soak: ${SECONDS} s at concurrency ${CONCURRENCY}, ${latencies.length} requests (${(latencies.length / SECONDS).toFixed(1)}/s)\n` +
        `  status codes: ${JSON.stringify(Object.fromEntries(statuses))}; 5xx: ${fiveXX}; GraphQL errors by code: ${JSON.stringify(Object.fromEntries(errorCodes))}\n` +
        `  latency ms p50 ${pct(50)} p95 ${pct(95)} p99 ${pct(99)}\n` +
        `  RSS MB: start ${rssStart}, end ${rssEnd}; JS heap used MB: start ${heapStart}, end ${heapEnd}\n`,
    );
    await hub.dispose();
    if (fiveXX > 0) process.exitCode = 1;
  } finally {
    await globalTeardown();
    await databases.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
