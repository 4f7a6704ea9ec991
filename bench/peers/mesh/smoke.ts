/**
 * Smoke run of the Mesh peer: `npx tsx bench/peers/mesh/smoke.ts` (MESH_SMOKE_SCALE=5 for 10,000 customers).
 * Starts throwaway PostgreSQL 15 + MariaDB 10.11 on loopback, seeds the demo company with the hub's own seeding in
 * the MIXED layout, starts the peer, runs every workload it can express (cold, then warm), prints rows and timings,
 * and stops everything. Exits 1 when a workload errors.
 */
import { startDatabases } from '../../../test/support/databases';
import { meshWorkloads, startMeshPeer } from './index';
import { seedMixed } from './seed';

const SCALE = Number(process.env.MESH_SMOKE_SCALE ?? 1);
const WARM_RUNS = Number(process.env.MESH_SMOKE_RUNS ?? 3);

/** Rows per top-level field (array lengths; nested arrays counted too, as "+n nested"). */
function countRows(data: unknown): { top: number; nested: number; fields: number } {
  let top = 0;
  let nested = 0;
  const walk = (value: unknown, depth: number) => {
    if (Array.isArray(value)) {
      if (depth <= 1) top += value.length;
      else nested += value.length;
      for (const item of value) walk(item, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) walk(v, depth + (Array.isArray(v) ? 0 : 1));
    }
  };
  const fields = data && typeof data === 'object' ? Object.keys(data).length : 0;
  for (const v of Object.values((data as Record<string, unknown>) ?? {})) walk(v, 1);
  return { top, nested, fields };
}

async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let t = Date.now();
  const databases = await startDatabases();
  say(`databases up in ${Date.now() - t} ms`);
  let failed = false;
  try {
    t = Date.now();
    const sources = await seedMixed(databases.postgres!.url, databases.mysql!.url, SCALE);
    say(`seeded scale ${SCALE} (${sources.rows} rows) in ${Date.now() - t} ms`);
    t = Date.now();
    const peer = await startMeshPeer(sources, { log: (line) => say(`  ${line.slice(0, 300)}`) });
    say(`mesh peer pid ${peer.pid} at ${peer.url}, ready in ${Date.now() - t} ms`);
    try {
      for (const [name, workload] of Object.entries(meshWorkloads)) {
        if ('unsupported' in workload) {
          say(`${name}: UNSUPPORTED — ${workload.unsupported}`);
          continue;
        }
        const times: number[] = [];
        let summary = '';
        for (let run = 0; run <= WARM_RUNS; run++) {
          const started = performance.now();
          const res = await fetch(peer.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: workload.query, variables: workload.variables ?? {} }),
          });
          const text = await res.text();
          times.push(performance.now() - started);
          const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
          if (res.status !== 200 || body.errors?.length) {
            failed = true;
            say(
              `${name}: HTTP ${res.status} errors: ${JSON.stringify(body.errors?.slice(0, 3) ?? text.slice(0, 500))}`,
            );
            break;
          }
          if (run === 0) {
            const rows = countRows(body.data);
            summary =
              `${rows.fields} root field(s), ${rows.top} row(s)${rows.nested ? ` (+${rows.nested} nested)` : ''}, ` +
              `${text.length < 10_240 ? `${text.length} B: ${text}` : `${(text.length / 1024).toFixed(0)} KiB`}`;
          }
        }
        const warm = times.slice(1).sort((a, b) => a - b);
        say(
          `${name}: ${summary}; cold ${times[0]!.toFixed(0)} ms` +
            (warm.length
              ? `, warm median ${warm[Math.floor(warm.length / 2)]!.toFixed(0)} ms over ${warm.length}`
              : ''),
        );
      }
      const rss = await rssMb(peer.pid);
      if (rss !== undefined) say(`mesh peer RSS ${rss} MB`);
    } finally {
      t = Date.now();
      await peer.stop();
      say(`mesh peer stopped in ${Date.now() - t} ms`);
    }
  } finally {
    await databases.stop();
  }
  if (failed) process.exitCode = 1;
}

async function rssMb(pid: number): Promise<number | undefined> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
