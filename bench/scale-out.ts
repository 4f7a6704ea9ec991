import './lib/quiet';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { demoToken } from '../src/cli/demo-tokens';
import { startDatabases } from '../test/support/databases';
import { startHubChild, type HubChild } from './lib/hub-child';
import { formatErrors, type ErrorCodes } from './lib/errors';
import { runLoad } from './lib/load';
import { loadVerdict, sampleLoad, sampleUntilQuiet, type CellLoad } from './lib/machine-load';
import { roundRobinProxy } from './lib/round-robin';
import { seedScale } from './lib/seed';
import { round } from './lib/stats';
import { BENCH_JWT_SECRET, hubConfig, workloads } from './lib/workloads';

/**
 * `npm run bench:scale-out`: dashboards per second through 1 and 3 hub replicas (child processes) behind a
 * round-robin proxy in this process, the result cache shared through Redis (`redis.url`) — the `cached`
 * workload of `npm run bench`, so after the first request every statement is a cache hit and what is
 * measured is the hubs' own work per dashboard. Starts PostgreSQL, MariaDB and Redis on loopback, seeds the
 * demo company, stops everything it started.
 *
 *   npm run bench:scale-out -- [--scale 1] [--seconds 10] [--connections 16] [--out bench/results]
 *
 * `npm run bench` runs it after the main benchmark with `--out bench/results`.
 */
const say = (line: string) => process.stdout.write(`[scale-out ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** `--out <dir>`: also write the table to `<dir>/<date>-scale-out.md` (as `npm run bench` does). */
function outDir(): string | undefined {
  const i = process.argv.indexOf('--out');
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

/** The audit append counters of a replica's /metrics (src/observability/metrics.ts), by series. */
async function auditCounts(graphqlUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m =
      /^(hub_audit_(?:appends_total|append_conflicts_total|records_total|lock_held_seconds_(?:sum|count))(?:\{[^}]*\})?) (\S+)$/.exec(
        line,
      );
    if (m) counts.set(m[1]!, Number(m[2]));
  }
  return counts;
}

/** What a replica appended during one configuration: batches by path, records, conflicts, lock time. */
function describeAudit(before: Map<string, number>, after: Map<string, number>): string {
  const d = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const paths = ['fast', 'optimistic', 'locked'].map((p) => `${p} ${d(`hub_audit_appends_total{path="${p}"}`)}`);
  const held = ['fast', 'optimistic', 'locked']
    .map((p) => {
      const n = d(`hub_audit_lock_held_seconds_count{path="${p}"}`);
      return n ? `${p} ${round((d(`hub_audit_lock_held_seconds_sum{path="${p}"}`) / n) * 1000, 2)} ms x ${n}` : '';
    })
    .filter(Boolean);
  return (
    `batches ${paths.join(', ')}; records ${d('hub_audit_records_total')}; head moved ${d('hub_audit_append_conflicts_total{how="checked"}')} (+ ${d('hub_audit_append_conflicts_total{how="unique-violation"}')} as a unique violation); ` +
    `lock held (mean per statement or transaction) ${held.join(', ') || '-'}`
  );
}

async function main(): Promise<void> {
  const scale = option('--scale', 1);
  const seconds = option('--seconds', 10);
  const connections = option('--connections', 16);
  // Judged as bench/run.ts judges its cells: other processes' CPU share from /proc over 2 s, the bench's
  // own processes excluded — not the 1-minute load average, which right after `npm run bench`'s main run
  // still carries that run. Waits (at most 60 s) for other work to settle first.
  const { waitedMs, ...atStart } = await sampleUntilQuiet(60_000);
  if (waitedMs > 2500) say(`waited ${Math.round(waitedMs / 1000)} s for the machine to settle`);
  const loadBefore = atStart.loadAverage.map((x) => round(x, 1)).join(' ');
  const cellLoads: CellLoad[] = [{ cell: 'before the run', ...atStart }];
  // Ctrl-C or a hang: exit, and test/support/databases.ts's exit hook kills the servers (the hubs follow their IPC channel).
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(130));
  setTimeout(() => {
    say('over 15 minutes: stopping everything');
    process.exit(124);
  }, 15 * 60_000).unref();
  say('starting PostgreSQL, MariaDB and Redis on 127.0.0.1');
  const servers = await startDatabases({ engines: ['postgres', 'mysql', 'redis'], log: say });
  const hubs: HubChild[] = [];
  try {
    const db = { pgUrl: servers.postgres!.url, mysqlUrl: servers.mysql!.url };
    const seed = await seedScale(db, scale);
    say(`scale ${scale}: ${seed.rows.toLocaleString('en')} rows loaded`);
    const workload = workloads(seed.salesTeam).cached;
    const overrides = { ...hubConfig(db, scale, { cache: true }), redis: { url: servers.redis!.url } };
    const token = await demoToken(workload.principal, BENCH_JWT_SECRET, 'indicator-hub-demo', 'indicator-hub', '2h');
    const headers = { authorization: `Bearer ${token}` };
    const body = JSON.stringify({ query: workload.query });
    const lines: Array<{
      replicas: number;
      rps: number;
      p50: number;
      p99: number;
      errors: number;
      errorCodes: ErrorCodes;
      othersPercent?: number;
    }> = [];
    /** Each replica's audit appends by path during each configuration. */
    const auditLines: string[] = [];
    for (const replicas of [1, 3]) {
      // Each configuration starts cold: an empty shared cache.
      const redis = new Redis(servers.redis!.url);
      await redis.flushall();
      redis.disconnect();
      while (hubs.length < replicas) hubs.push(await startHubChild(overrides, { log: () => undefined }));
      const proxy = await roundRobinProxy(hubs.slice(0, replicas).map((h) => h.url));
      try {
        // One dashboard per replica first: computed once, then a shared-cache hit on the others.
        for (let i = 0; i < replicas; i++)
          await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        const load: CellLoad = { cell: `${replicas} replica(s)`, ...(await sampleLoad(2000)) };
        const auditBefore = await Promise.all(hubs.slice(0, replicas).map((h) => auditCounts(h.url)));
        cellLoads.push(load);
        const result = await runLoad({
          url: proxy.url,
          headers,
          body,
          connections,
          amount: 10_000_000,
          timeoutSeconds: 120,
          stopAfterMs: seconds * 1000,
        });
        lines.push({
          replicas,
          rps: result.rps,
          p50: result.p50,
          p99: result.p99,
          errors: result.errors,
          errorCodes: result.errorCodes,
          othersPercent: load.othersPercent,
        });
        say(
          `${replicas} replica(s): ${result.rps} dashboards/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${formatErrors(result.errors, result.errorCodes)}`,
        );
        const auditAfter = await Promise.all(hubs.slice(0, replicas).map((h) => auditCounts(h.url)));
        auditAfter.forEach((after, i) => {
          const line = `replica ${i + 1} of ${replicas}: ${describeAudit(auditBefore[i]!, after)}`;
          auditLines.push(line);
          say(`  audit, ${line}`);
        });
      } finally {
        await proxy.close();
      }
    }
    const [one, three] = lines;
    const audit = auditLines.length
      ? `\nAudit appends during each configuration, per replica (the difference of its /metrics \`hub_audit_*\` series before and after; docs/request-pipeline.md names the paths):\n\n${auditLines.map((l) => `- ${l}`).join('\n')}\n`
      : '';
    const ratio = round(three!.rps / one!.rps, 2);
    const verdict = loadVerdict(undefined, cellLoads);
    const busy = verdict.busy
      ? `> **BUSY — not citable.** ${verdict.reasons.join('; ')} (limit: other processes ≤ ${verdict.limits.othersPercent} % of the CPU in the 2 s before the run and before each configuration, the bench's own processes excluded).\n\n`
      : '';
    const report =
      busy +
      `| replicas | dashboards/s | p50 ms | p99 ms | errors (by code) | others' CPU before, % |\n|---|---|---|---|---|---|\n` +
      lines
        .map(
          (l) =>
            `| ${l.replicas} | ${l.rps} | ${l.p50} | ${l.p99} | ${formatErrors(l.errors, l.errorCodes)} | ${l.othersPercent ?? '–'} |`,
        )
        .join('\n') +
      `\n\nscale-out ratio (3 ÷ 1): ${ratio} on ${os.cpus().length} cores (load average before the run ` +
      `${loadBefore}, after ${os
        .loadavg()
        .map((x) => round(x, 1))
        .join(' ')}); the load generator, the proxy, Redis and every replica share these cores.\n` +
      audit;
    process.stdout.write(`\n${report}`);
    const out = outDir();
    if (out) {
      const file = path.join(out, `${new Date().toISOString().slice(0, 10)}-scale-out.md`);
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(
        file,
        `# Scale-out: the cached dashboard through 1 and 3 replicas\n\n` +
          `\`npx tsx bench/scale-out.ts --scale ${scale} --seconds ${seconds} --connections ${connections}\`` +
          ` (scale ${scale}, ${seconds} s per configuration, ${connections} connections, cache shared through Redis).\n\n${report}`,
      );
      say(`results written to ${file}`);
    }
  } finally {
    for (const hub of hubs) await hub.stop().catch(() => undefined);
    await servers.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
