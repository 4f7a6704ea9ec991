import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { HotFunction } from './profile';
import type { SeedTiming } from './seed';
import { round, type Latency } from './stats';
import type { NaiveComparison } from './in-process';
import type { WorkloadName } from './workloads';

export type Measured = Latency & {
  runs: number;
  truncated?: boolean;
  peakRssMb?: number;
  eventLoopDelayMs?: { p50: number; p99: number; max: number; mean: number };
};

export interface ScaleResults {
  scale: number;
  seed: Omit<SeedTiming, 'departmentIds'>;
  concurrency: number[];
  statements: Partial<Record<WorkloadName, { total: number; bySource: Record<string, number>; responseBytes: number }>>;
  hub: Partial<Record<WorkloadName, Record<number, Measured>>>;
  floor: Partial<Record<WorkloadName, Record<number, Measured>>>;
  /** The same request executed in the bench's process (no HTTP, Apollo plugins, authentication, audit), median ms. */
  inProcessMs: Partial<Record<WorkloadName, number>>;
  mesh: {
    available: boolean;
    reason?: string;
    workloads?: Partial<
      Record<WorkloadName, { unsupported: string } | { responseBytes: number; byConcurrency: Record<number, Measured> }>
    >;
  };
  naiveDashboard?: NaiveComparison & { departments: number };
  naiveList?: NaiveComparison & { rows: number };
  permissions?: { withoutMs: number; withMs: number; ratio: number; runs: number };
  profiles?: Array<{ workload: string; requests: number; totalMs: number; functions: HotFunction[] }>;
}

export interface BenchResults {
  date: string;
  command: string;
  machine: {
    cpu: string;
    memoryGb: number;
    os: string;
    node: string;
    databases: string;
    loadAverage?: { atStart: number[]; atEnd: number[] };
  };
  options: Record<string, unknown>;
  durationSeconds: number;
  scales: ScaleResults[];
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (x: number | undefined, places = 1) =>
  x === undefined || !Number.isFinite(x) ? '–' : String(round(x, places));

function meshAt(s: ScaleResults, w: WorkloadName, c: number): Measured | undefined {
  const entry = s.mesh.workloads?.[w];
  return entry && 'byConcurrency' in entry ? entry.byConcurrency[c] : undefined;
}

/** The scale factor the full matrix ran at (--scale). */
export function mainScale(results: BenchResults): ScaleResults {
  return results.scales.find((s) => s.scale === results.options.scale) ?? results.scales[results.scales.length - 1]!;
}

/** Each target of issue #7, measured at the main scale factor (the full matrix). */
export function verdicts(results: BenchResults): TargetVerdict[] {
  const main = mainScale(results);
  const out: TargetVerdict[] = [];
  const stmts = results.scales.map((s) => s.statements.dashboard?.total).filter((x): x is number => x !== undefined);
  if (stmts.length) {
    out.push({
      target: 'statements per dashboard request constant across scale factors',
      measured: results.scales.map((s) => `SF ${s.scale}: ${s.statements.dashboard?.total ?? '–'}`).join(', '),
      met: stmts.length > 1 ? stmts.every((x) => x === stmts[0]) : null,
    });
  }
  const hub = (w: WorkloadName, c = 1) => main.hub[w]?.[c];
  const floor = (w: WorkloadName, c = 1) => main.floor[w]?.[c];
  const d = hub('dashboard');
  const fd = floor('dashboard');
  if (d && fd)
    out.push({
      target: 'dashboard p50 ≤ 1.25 × floor (c=1)',
      measured: `${fmt(d.p50)} ms vs floor ${fmt(fd.p50)} ms = ${fmt(d.p50 / fd.p50, 2)}×`,
      met: d.p50 <= 1.25 * fd.p50,
    });
  const p = hub('point');
  const fp = floor('point');
  if (p && fp)
    out.push({
      target: 'point p50 ≤ floor + 2 ms (c=1)',
      measured: `${fmt(p.p50, 2)} ms vs floor ${fmt(fp.p50, 2)} ms (+${fmt(p.p50 - fp.p50, 2)} ms)`,
      met: p.p50 <= fp.p50 + 2,
    });
  const l = hub('list');
  const fl = floor('list');
  if (l && fl)
    out.push({
      target: `${main.statements.list ? '' : ''}10k-row masked list p50 ≤ 2 × floor (c=1)`,
      measured: `${fmt(l.p50)} ms vs floor ${fmt(fl.p50)} ms = ${fmt(l.p50 / fl.p50, 2)}×`,
      met: l.p50 <= 2 * fl.p50,
    });
  const cached = hub('cached');
  if (d && cached)
    out.push({
      target: 'cached dashboard ≥ 20× faster than cold (p50, c=1)',
      measured: `${fmt(cached.p50)} ms vs ${fmt(d.p50)} ms = ${fmt(d.p50 / cached.p50, 1)}×`,
      met: d.p50 / cached.p50 >= 20,
    });
  const top = Math.max(...main.concurrency);
  const dTop = hub('dashboard', top);
  const mTop = meshAt(main, 'dashboard', top);
  const others = main.concurrency
    .filter((c) => c !== top && hub('dashboard', c) && meshAt(main, 'dashboard', c)?.requests)
    .map(
      (c) =>
        `c=${c}: ${fmt(hub('dashboard', c)!.rps, 2)} vs ${fmt(meshAt(main, 'dashboard', c)!.rps, 2)} req/s = ${fmt(hub('dashboard', c)!.rps / meshAt(main, 'dashboard', c)!.rps, 1)}×`,
    )
    .join('; ');
  out.push(
    dTop && mTop && mTop.requests > 0
      ? {
          target: `dashboard throughput ≥ 2 × Mesh (c=${top})`,
          measured: `${fmt(dTop.rps, 2)} vs ${fmt(mTop.rps, 2)} req/s = ${fmt(dTop.rps / mTop.rps, 2)}×${others ? ` (${others})` : ''}`,
          met: dTop.rps >= 2 * mTop.rps,
        }
      : dTop && mTop
        ? {
            target: `dashboard throughput ≥ 2 × Mesh (c=${top})`,
            measured: `${fmt(dTop.rps, 2)} req/s vs Mesh: no request completed within the cell budget${others ? ` (${others})` : ''}`,
            met: true,
          }
        : {
            target: 'dashboard throughput ≥ 2 × Mesh',
            measured: `not measured: ${main.mesh.reason ?? (main.mesh.workloads?.dashboard && 'unsupported' in main.mesh.workloads.dashboard ? main.mesh.workloads.dashboard.unsupported : 'no Mesh dashboard numbers')}`,
            met: null,
          },
  );
  const d32 = hub('dashboard', 32);
  if (d32?.peakRssMb !== undefined)
    out.push({
      target: 'hub peak RSS ≤ 300 MB at 32 concurrent dashboards',
      measured: `${d32.peakRssMb} MB`,
      met: d32.peakRssMb <= 300,
    });
  return out;
}

/** The Markdown summary of one run: written next to the JSON and, with --docs, into docs/benchmarks.md. */
export function renderMarkdown(r: BenchResults): string {
  const main = mainScale(r);
  const lines: string[] = [];
  lines.push(`### Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC — scale factor ${main.scale}`, '');
  lines.push(
    `- Command: \`${r.command.replace(/ -- --docs$/, '').replace(' --docs', '')}\` (${r.durationSeconds} s end to end, seeding included)`,
  );
  lines.push(
    `- Machine: ${r.machine.cpu}, ${r.machine.memoryGb} GB RAM, ${r.machine.os}, Node ${r.machine.node}; ${r.machine.databases}`,
  );
  if (r.machine.loadAverage)
    lines.push(
      `- Load average (1/5/15 min) at start ${r.machine.loadAverage.atStart.join(' / ')}, at end ${r.machine.loadAverage.atEnd.join(' / ')} — the machine is shared; anything above ~0.5 at start means other work ran alongside`,
    );
  lines.push(
    `- Each cell: median of up to ${String(r.options.runs)} runs of ≈ ${String(r.options.seconds)} s (at least one request per connection; ${String(r.options.cellSeconds)} s budget per cell); latency in ms; the hub runs in its own process, a fresh one per workload (RSS and event-loop delay are its own)`,
  );
  lines.push(
    `- Full matrix at scale factor ${main.scale}; the scaling table adds ${
      r.scales
        .filter((s) => s !== main)
        .map((s) => s.scale)
        .join(' and ') || 'nothing'
    } (dashboard, point, cached and their floor at c=1)`,
    '',
  );

  lines.push('#### Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const v of verdicts(r))
    lines.push(`| ${v.target} | ${v.measured} | ${v.met === null ? 'not measured' : v.met ? 'yes' : '**no**'} |`);
  lines.push('');

  lines.push(
    `#### Workloads at scale factor ${main.scale} (${main.seed.departments.toLocaleString('en')} departments, ${main.seed.rows.toLocaleString('en')} rows)`,
    '',
  );
  lines.push(
    '| workload | c | statements (by source) | runs | hub p50 / p95 / p99 | hub req/s | hub peak RSS MB | event-loop delay p99 / max | errors | floor p50 | floor req/s | hub ÷ floor p50 | Mesh p50 | Mesh req/s | hub ÷ Mesh req/s |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const w of Object.keys(main.hub) as WorkloadName[]) {
    const st = main.statements[w];
    const stText = st
      ? `${st.total} (${
          Object.entries(st.bySource)
            .map(([s, n]) => `${s} ${n}`)
            .join(', ') || 'none'
        })`
      : '–';
    for (const c of main.concurrency) {
      const h = main.hub[w]?.[c];
      if (!h) continue;
      const f = main.floor[w]?.[c];
      const m = meshAt(main, w, c);
      lines.push(
        `| ${w} | ${c} | ${stText} | ${h.runs}${h.truncated ? ' ✂' : ''} | ${fmt(h.p50)} / ${fmt(h.p95)} / ${fmt(h.p99)} | ${fmt(h.rps, 1)} | ${h.peakRssMb ?? '–'} | ${fmt(h.eventLoopDelayMs?.p99)} / ${fmt(h.eventLoopDelayMs?.max)} | ${h.errors} | ${fmt(f?.p50)}${f?.truncated ? ' ✂' : ''} | ${fmt(f?.rps, 1)} | ${f ? fmt(h.p50 / f.p50, 2) : '–'} | ${fmt(m?.p50)}${m?.truncated ? ' ✂' : ''} | ${fmt(m?.rps, 1)} | ${m && m.requests > 0 ? fmt(h.rps / m.rps, 2) : '–'} |`,
      );
    }
  }
  lines.push(
    '',
    `runs: runs that fitted the cell budget (--cell-seconds ${String(r.options.cellSeconds)}); ✂ = a run was stopped at the budget, requests then in flight not counted. Floor and Mesh columns are medians over their own runs.`,
    '',
  );
  if (!main.mesh.available) lines.push(`Mesh peer: not available (${main.mesh.reason ?? 'unknown'}).`, '');
  for (const [w, entry] of Object.entries(main.mesh.workloads ?? {})) {
    if (entry && 'unsupported' in entry) lines.push(`Mesh peer, ${w}: not expressible/measured — ${entry.unsupported}`);
  }
  if (main.mesh.workloads) lines.push('');

  lines.push('#### Comparisons in the same run', '');
  const split = (Object.keys(main.inProcessMs) as WorkloadName[]).filter((w) => main.hub[w]?.[1] && main.floor[w]?.[1]);
  if (split.length) {
    lines.push(
      "Where a request's time goes at c=1 (medians, ms): the floor (SQL + JSON), the hub's execution in process (graphql-js, permissions, engine, sources; no HTTP), and the full HTTP request (adds Express/Apollo and its plugins, authentication, the audit record written before the response):",
      '',
    );
    lines.push('| workload | floor | hub in process | hub over HTTP |', '|---|---|---|---|');
    for (const w of split)
      lines.push(
        `| ${w} | ${fmt(main.floor[w]![1]!.p50, 2)} | ${fmt(main.inProcessMs[w], 2)} | ${fmt(main.hub[w]![1]!.p50, 2)} |`,
      );
    lines.push('');
  }
  if (main.naiveDashboard) {
    const n = main.naiveDashboard;
    lines.push(
      `- **Naive baseline, dashboard** (${n.departments} departments, each computing its own 12 indicators × 12 months with its own statements, no batching across rows; in process, c=1, medians of ${n.runs}): naive ${fmt(n.naiveMs)} ms with ${n.naiveStatements} statements vs hub ${fmt(n.hubMs)} ms with ${n.hubStatements} statements — **naive ÷ hub = ${fmt(n.ratio)}×**.`,
    );
  }
  if (main.naiveList) {
    const n = main.naiveList;
    lines.push(
      `- **Naive baseline, list** (${n.rows.toLocaleString('en')} customers with contacts, one statement per parent row instead of batched loads; in process, c=1, medians of ${n.runs}): naive ${fmt(n.naiveMs)} ms with ${n.naiveStatements} statements vs hub ${fmt(n.hubMs)} ms with ${n.hubStatements} statements — **naive ÷ hub = ${fmt(n.ratio)}×**.`,
    );
  }
  if (main.permissions) {
    const p = main.permissions;
    lines.push(
      `- **Permission cost** (the list as finance analyst, graphql-shield + masking vs the same schema without; in process, interleaved, medians of ${p.runs}): ${fmt(p.withMs)} ms vs ${fmt(p.withoutMs)} ms — **${fmt(p.ratio, 2)}×**.`,
    );
  }
  lines.push('');

  lines.push('#### Scaling (concurrency 1)', '');
  lines.push(
    '| SF | departments | rows | seed s | statements per dashboard (by source) | dashboard p50 | floor p50 | hub ÷ floor | point p50 | floor point p50 | cached p50 | cold ÷ cached | dashboard response MB |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of r.scales) {
    const d = s.hub.dashboard?.[1];
    const fd = s.floor.dashboard?.[1];
    const st = s.statements.dashboard;
    lines.push(
      `| ${s.scale} | ${s.seed.departments.toLocaleString('en')} | ${s.seed.rows.toLocaleString('en')} | ${fmt((s.seed.generateMs + s.seed.loadMs) / 1000)} | ${
        st
          ? `${st.total} (${Object.entries(st.bySource)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')})`
          : '–'
      } | ${fmt(d?.p50)} | ${fmt(fd?.p50)} | ${d && fd ? fmt(d.p50 / fd.p50, 2) : '–'} | ${fmt(s.hub.point?.[1]?.p50, 2)} | ${fmt(s.floor.point?.[1]?.p50, 2)} | ${fmt(s.hub.cached?.[1]?.p50)} | ${d && s.hub.cached?.[1] ? fmt(d.p50 / s.hub.cached[1].p50, 1) : '–'} | ${st ? fmt(st.responseBytes / 1048576, 1) : '–'} |`,
    );
  }
  lines.push('');

  for (const profile of main.profiles ?? []) {
    lines.push(
      `#### Where the hub's time goes: ${profile.workload} (CPU profile of ${profile.requests} requests one at a time, ${profile.totalMs} ms busy)`,
      '',
    );
    lines.push('| self ms | % of busy | function | location |', '|---|---|---|---|');
    for (const f of profile.functions)
      lines.push(`| ${f.selfMs} | ${f.selfPercent} | \`${f.function}\` | ${f.location} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated section of docs/benchmarks.md (between the markers) with the latest results. */
export function updateDocs(file: string, markdown: string): void {
  const block = `${START}\n${markdown}${END}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + END.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
