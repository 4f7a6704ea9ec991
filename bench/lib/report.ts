import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { formatErrors } from './errors';
import { loadVerdict, type CellLoad, type LoadSample, type LoadVerdict } from './machine-load';
import type { HotFunction } from './profile';
import type { SeedTiming } from './seed';
import { round, type Latency } from './stats';
import type { NaiveComparison } from './in-process';
import { mainScale, renderTargets } from './targets';
import type { WorkloadName } from './workloads';

export { mainScale, verdicts, type TargetVerdict } from './targets';

export type Measured = Latency & {
  runs: number;
  truncated?: boolean;
  peakRssMb?: number;
  /** The hub's process.memoryUsage() when its RSS peaked (MB) and its V8 heap limit: heap vs off-heap. */
  atPeakMb?: { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  heapLimitMb?: number;
  /** The cell could not be measured to the end (the hub exited, a request helper threw): why, with its code. */
  failed?: string;
  eventLoopDelayMs?: { p50: number; p99: number; max: number; mean: number };
};

/**
 * What one workload's request asked of the sources (X-Hub-Trace: 1; a paged dashboard's summed over its pages):
 * `total` and `bySource` are the request's own statements; `access` the lookups made to authenticate its
 * viewer (people directory, row scopes — only when the people cache had expired), counted apart.
 */
export interface StatementCount {
  total: number;
  bySource: Record<string, number>;
  /** Absent in results written before access lookups were counted apart (they were then inside `total`). */
  access?: number;
  responseBytes: number;
  pages?: number;
}

export interface ScaleResults {
  scale: number;
  seed: Omit<SeedTiming, 'departmentIds'>;
  concurrency: number[];
  statements: Partial<Record<WorkloadName, StatementCount>>;
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
  profiles?: Array<{ workload: WorkloadName; requests: number; totalMs: number; functions: HotFunction[] }>;
  /** The machine's load in the 2 s before each cell (bench/lib/machine-load.ts). */
  machineLoad?: CellLoad[];
}

export interface BenchResults {
  date: string;
  command: string;
  /** The commit measured (`git rev-parse HEAD`) and whether the work tree had uncommitted changes. */
  commit?: { hash: string; dirty: boolean };
  machine: {
    cpu: string;
    memoryGb: number;
    os: string;
    node: string;
    databases: string;
    /** How the hub under test ran (bench/lib/hub-build.ts): built dist/ with production's node flags, or tsx. */
    hub?: string;
    loadAverage?: { atStart: number[]; atEnd: number[] };
    /** The 2-s sample before the run started anything (bench/lib/machine-load.ts). */
    startSample?: LoadSample;
  };
  options: Record<string, unknown>;
  durationSeconds: number;
  scales: ScaleResults[];
}

const fmt = (x: number | undefined, places = 1) =>
  x === undefined || !Number.isFinite(x) ? '–' : String(round(x, places));

function meshAt(s: ScaleResults, w: WorkloadName, c: number): Measured | undefined {
  const entry = s.mesh.workloads?.[w];
  return entry && 'byConcurrency' in entry ? entry.byConcurrency[c] : undefined;
}

/** Whether the run may be cited: the load at start and before every cell (thresholds in bench/lib/machine-load.ts). */
export function runLoadVerdict(r: BenchResults): LoadVerdict {
  return loadVerdict(r.machine.loadAverage?.atStart, [
    ...(r.machine.startSample ? [{ ...r.machine.startSample, cell: 'before the run' }] : []),
    ...r.scales.flatMap((s) => (s.machineLoad ?? []).map((c) => ({ ...c, cell: `SF ${s.scale} ${c.cell}` }))),
  ]);
}

/** The first lines of a results file: the BUSY mark, or the statement that the machine was quiet. */
function loadLines(r: BenchResults): string[] {
  const v = runLoadVerdict(r);
  const limits = `limits: 1-min load average ≤ ${v.limits.startLoad1} at start, other processes ≤ ${v.limits.othersPercent} % of the CPU in the 2 s before every cell — the bench's own processes and databases excluded`;
  if (v.busy) return [`> **BUSY — not citable.** ${v.reasons.join('; ')} (${limits}).`, ''];
  const measured = r.scales.some((s) => s.machineLoad?.length);
  if (!measured)
    return [
      `> Machine load before the cells was not recorded (\`--load-sample-ms 0\`, or a results file from before issue 20): the run is unjudged and \`--docs\` refuses it.`,
      '',
    ];
  return [
    `> Quiet machine: ${v.worst ? `other processes used at most ${v.worst.othersPercent} % of the CPU before a cell (${v.worst.cell})` : 'no cell sampled'} (${limits}).`,
    '',
  ];
}

/** The Markdown summary of one run: written next to the JSON and, with --docs, into docs/benchmarks.md. */
export function renderMarkdown(r: BenchResults, source?: string): string {
  const main = mainScale(r);
  const lines: string[] = [];
  lines.push(`### Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC — scale factor ${main.scale}`, '');
  lines.push(...loadLines(r));
  if (source) lines.push(`- Results file: \`${source}\` and its \`.json\``);
  if (r.commit)
    lines.push(`- Commit: ${r.commit.hash.slice(0, 12)}${r.commit.dirty ? ' with uncommitted changes' : ''}`);
  lines.push(
    `- Command: \`${r.command.replace(/ -- --docs$/, '').replace(' --docs', '')}\` (${r.durationSeconds} s end to end, seeding included)`,
  );
  lines.push(
    `- Machine: ${r.machine.cpu}, ${r.machine.memoryGb} GB RAM, ${r.machine.os}, Node ${r.machine.node}; ${r.machine.databases}`,
  );
  if (r.machine.hub) lines.push(`- Hub process: ${r.machine.hub}`);
  if (r.machine.loadAverage)
    lines.push(
      `- Load average (1/5/15 min) at start ${r.machine.loadAverage.atStart.join(' / ')}, at end ${r.machine.loadAverage.atEnd.join(' / ')} (the end includes the bench's own work); per cell, the CPU share of other processes in the 2 s before it is in the tables`,
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

  lines.push('#### Targets (issue 20)', '', ...renderTargets(r));
  lines.push('');

  lines.push(
    `#### Workloads at scale factor ${main.scale} (${main.seed.departments.toLocaleString('en')} departments, ${main.seed.rows.toLocaleString('en')} rows)`,
    '',
  );
  lines.push(
    '| workload | c | statements (by source) | runs | hub p50 / p95 / p99 | hub req/s | hub peak RSS MB | event-loop delay p99 / max | errors (by code) | others’ CPU before, % | floor p50 | floor errors | floor req/s | hub ÷ floor p50 | Mesh p50 | Mesh req/s | Mesh errors | hub ÷ Mesh req/s |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const othersBefore = (cell: string) => {
    const l = main.machineLoad?.find((x) => x.cell === cell);
    return l?.othersPercent === undefined ? '–' : String(l.othersPercent);
  };
  for (const w of Object.keys(main.hub) as WorkloadName[]) {
    const st = main.statements[w];
    const stText = st ? statementText(st) : '–';
    for (const c of main.concurrency) {
      const h = main.hub[w]?.[c];
      if (!h) continue;
      const f = main.floor[w]?.[c];
      const m = meshAt(main, w, c);
      lines.push(
        `| ${w} | ${c} | ${stText} | ${h.runs}${h.truncated ? ' ✂' : ''} | ${fmt(h.p50)} / ${fmt(h.p95)} / ${fmt(h.p99)} | ${fmt(h.rps, 1)} | ${h.peakRssMb ?? '–'} | ${fmt(h.eventLoopDelayMs?.p99)} / ${fmt(h.eventLoopDelayMs?.max)} | ${formatErrors(h.errors, h.errorCodes)}${h.failed ? ` — cell failed: ${h.failed}` : ''} | ${othersBefore(`hub ${w} c=${c}`)} | ${fmt(f?.p50)}${f?.truncated ? ' ✂' : ''} | ${f ? formatErrors(f.errors, f.errorCodes) : '–'} | ${fmt(f?.rps, 1)} | ${f ? fmt(h.p50 / f.p50, 2) : '–'} | ${fmt(m?.p50)}${m?.truncated ? ' ✂' : ''} | ${fmt(m?.rps, 1)} | ${m ? formatErrors(m.errors, m.errorCodes) : '–'} | ${m && m.requests > 0 ? fmt(h.rps / m.rps, 2) : '–'} |`,
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
      "Where a request's time goes at c=1 (medians, ms): the floor (SQL + JSON), the hub's execution in process (graphql-jit as over HTTP, permissions, engine, sources; no HTTP), and the full HTTP request (adds Express/Apollo and its plugins, authentication, the audit record written before the response):",
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
    `| SF | departments | rows | seed s | statements per dashboard (by source) | dashboard p50 | floor p50 | hub ÷ floor | point p50 | floor point p50 | cached p50 | cold ÷ cached | dashboard response MB | dashboard hub / floor × SF ${r.scales[0]?.scale ?? 1} | errors (by code) |`,
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const first = r.scales[0];
  for (const s of r.scales) {
    const scaleErrors = (['dashboard', 'point', 'cached'] as const)
      .map((w) => ({ w, m: s.hub[w]?.[1] }))
      .filter((x) => x.m && (x.m.errors > 0 || x.m.failed))
      .map(
        (x) => `${x.w} ${formatErrors(x.m!.errors, x.m!.errorCodes)}${x.m!.failed ? ` (failed: ${x.m!.failed})` : ''}`,
      )
      .join('; ');
    const d1 = first?.hub.dashboard?.[1];
    const f1 = first?.floor.dashboard?.[1];
    const d = s.hub.dashboard?.[1];
    const fd = s.floor.dashboard?.[1];
    const st = s.statements.dashboard;
    lines.push(
      `| ${s.scale} | ${s.seed.departments.toLocaleString('en')} | ${s.seed.rows.toLocaleString('en')} | ${fmt((s.seed.generateMs + s.seed.loadMs) / 1000)} | ${
        st ? statementText(st) : '–'
      } | ${fmt(d?.p50)} | ${fmt(fd?.p50)} | ${d && fd ? fmt(d.p50 / fd.p50, 2) : '–'} | ${fmt(s.hub.point?.[1]?.p50, 2)} | ${fmt(s.floor.point?.[1]?.p50, 2)} | ${fmt(s.hub.cached?.[1]?.p50)} | ${d && s.hub.cached?.[1] ? fmt(d.p50 / s.hub.cached[1].p50, 1) : '–'} | ${st ? fmt(st.responseBytes / 1048576, 1) : '–'} | ${d && d1 ? fmt(d.p50 / d1.p50) : '–'} / ${fd && f1 ? fmt(fd.p50 / f1.p50) : '–'} | ${scaleErrors || '0'} |`,
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

const DOCS_MARKERS = ['<!-- bench:results:start -->', '<!-- bench:results:end -->'] as const;
const README_MARKERS = ['<!-- bench:readme:start -->', '<!-- bench:readme:end -->'] as const;

/** Replaces the text between two markers of a file (appends the markers when missing). */
export function replaceBlock(file: string, markers: readonly [string, string], content: string): void {
  const [start, end] = markers;
  const block = `${start}\n${content}${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Replaces the generated section of docs/benchmarks.md (between the markers) with the latest results. */
export function updateDocs(file: string, markdown: string): void {
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n');
  replaceBlock(file, DOCS_MARKERS, markdown);
}

/**
 * The README's benchmark numbers (between its markers): the run, its results file and the target table —
 * generated from the same results file as docs/benchmarks.md, so the two can never drift apart.
 * `resultsMd` is the results file's path from the repository root.
 */
export function readmeBlock(r: BenchResults, resultsMd: string): string {
  const scales = r.scales.map((s) => s.scale).join(', ');
  const lines = [
    `Last run: ${r.date.slice(0, 16).replace('T', ' ')} UTC${r.commit ? ` at commit ${r.commit.hash.slice(0, 7)}${r.commit.dirty ? ' (with uncommitted changes)' : ''}` : ''}, \`${r.command.replace(/ -- --docs$/, '').replace(' --docs', '')}\`, scale factors ${scales} in one run (${Math.round(r.durationSeconds / 60)} min) → [${resultsMd}](${resultsMd}) (and \`.json\`); method and analysis in [docs/benchmarks.md](docs/benchmarks.md). Generated by \`npm run bench\` from that file alone.`,
    '',
    ...loadLines(r),
    ...renderTargets(r),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

export function updateReadme(file: string, r: BenchResults, resultsMd: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(README_MARKERS[0]))
    throw new Error(`${file} has no ${README_MARKERS[0]} … ${README_MARKERS[1]} section to replace`);
  replaceBlock(file, README_MARKERS, readmeBlock(r, resultsMd));
}

/** "10 (hr 3, erp 4, …)", and the access lookups counted apart when there were any: "+ 1 access lookup". */
export function statementText(st: StatementCount): string {
  const bySource =
    Object.entries(st.bySource)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ') || 'none';
  const access = st.access ? ` + ${st.access} access lookup${st.access === 1 ? '' : 's'}` : '';
  return `${st.total} (${bySource})${access}`;
}
