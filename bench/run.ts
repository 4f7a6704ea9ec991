import './lib/quiet';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoToken } from '../src/cli/demo-tokens';
import { startDatabases } from '../test/support/databases';
import { InProcessHub } from './lib/in-process';
import { closedLoop, openFloor, type CapturedStatement } from './lib/floor';
import { hubRuntime } from './lib/hub-build';
import { startHubChild, type HubChild, type HubStats } from './lib/hub-child';
import { CodedError, formatErrors, responseErrorCode, transportErrorCode } from './lib/errors';
import { amountFor, runLoad } from './lib/load';
import { sampleLoad, type CellLoad } from './lib/machine-load';
import { loadMeshPeer, peerSources, sampleRss, type RunningPeer } from './lib/peer';
import { topSelfTime } from './lib/profile';
import {
  renderMarkdown,
  runLoadVerdict,
  updateDocs,
  updateReadme,
  type BenchResults,
  type Measured,
  type ScaleResults,
  type StatementCount,
} from './lib/report';
import { seedScale, type BenchDatabases } from './lib/seed';
import { medianOfRuns, round, runsWithin, summarise } from './lib/stats';
import { renderTargets } from './lib/targets';
import {
  BENCH_JWT_SECRET,
  NAIVE_LIST_ROWS,
  WORKLOADS,
  listQuery,
  hubConfig,
  workloads,
  type WorkloadName,
} from './lib/workloads';

/**
 * `npm run bench`: the benchmark of issue #7, end to end and bounded in time. Starts PostgreSQL and
 * MariaDB on loopback, loads the demo company at each scale factor, and per workload × concurrency
 * measures the hub (in a child process, under autocannon), the floor (the hub's own SQL sent straight
 * through pg/mysql2), the naive per-row baseline, the permission layer and — when bench/peers/mesh
 * exists — GraphQL Mesh. Writes bench/results/<date>-<sf>.json and .md; with --docs also the results
 * section of docs/benchmarks.md. Stops everything it started, also on failure or Ctrl-C.
 */
interface Options {
  scale: number;
  scaling: number[];
  seconds: number;
  runs: number;
  cellSeconds: number;
  concurrency: number[];
  workloads: WorkloadName[];
  naiveDepartments: number;
  profile: boolean;
  peer: boolean;
  docs: boolean;
  out: string;
  /** Hard bound of the whole run: past it everything started is stopped and the run fails. */
  maxMinutes: number;
  /** Sample the machine's load for this long before each cell (0: not at all). */
  loadSampleMs: number;
}

const USAGE = `usage: npm run bench -- [--scale 10] [--scaling 1,70] [--seconds 4] [--runs 3] [--cell-seconds 30] [--concurrency 1,8,32]
                       [--workloads dashboard,point,list,alerts,cached] [--naive-departments 60] [--no-profile] [--no-peer] [--docs] [--out bench/results]
                       [--max-minutes 40] [--load-sample-ms 2000]
       npx tsx bench/run.ts --render bench/results/<date>-sf<N>.json [--docs]`;

function parseOptions(argv: string[]): Options {
  const o: Options = {
    scale: 10,
    scaling: [1, 70],
    seconds: 4,
    runs: 3,
    cellSeconds: 30,
    concurrency: [1, 8, 32],
    workloads: [...WORKLOADS],
    naiveDepartments: 60,
    profile: true,
    peer: true,
    docs: false,
    out: path.join(__dirname, 'results'),
    maxMinutes: 40,
    loadSampleMs: 2000,
  };
  const list = (v: string) => v.split(',').filter(Boolean).map(Number);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--scale':
        o.scale = Number(value());
        break;
      case '--scaling':
        o.scaling = list(value());
        break;
      case '--seconds':
        o.seconds = Number(value());
        break;
      case '--runs':
        o.runs = Number(value());
        break;
      case '--cell-seconds':
        o.cellSeconds = Number(value());
        break;
      case '--concurrency':
        o.concurrency = list(value());
        break;
      case '--workloads': {
        const names = value().split(',');
        for (const n of names)
          if (!(WORKLOADS as readonly string[]).includes(n))
            throw new Error(`unknown workload "${n}" (known: ${WORKLOADS.join(', ')})`);
        o.workloads = names as WorkloadName[];
        break;
      }
      case '--naive-departments':
        o.naiveDepartments = Number(value());
        break;
      case '--no-profile':
        o.profile = false;
        break;
      case '--no-peer':
        o.peer = false;
        break;
      case '--docs':
        o.docs = true;
        break;
      case '--out':
        o.out = path.resolve(value());
        break;
      case '--max-minutes':
        o.maxMinutes = Number(value());
        break;
      case '--load-sample-ms':
        o.loadSampleMs = Number(value());
        if (!(o.loadSampleMs >= 0)) throw new Error(`--load-sample-ms must be 0 or more`);
        break;
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  for (const [name, v] of [
    ['--scale', o.scale],
    ['--seconds', o.seconds],
    ['--runs', o.runs],
    ['--cell-seconds', o.cellSeconds],
    ['--max-minutes', o.maxMinutes],
  ] as const) {
    if (!(v > 0)) throw new Error(`${name} must be a positive number (got ${v})`);
  }
  o.scaling = [...new Set(o.scaling.filter((s) => s !== o.scale))].sort((a, b) => a - b);
  return o;
}

const say = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const TIMEOUT_SECONDS = 300;
/** Set when the run is being stopped (Ctrl-C, the time bound): no further cell starts and nothing is written. */
let stopping = false;
function stopIfStopping(): void {
  if (stopping) throw new CodedError('INTERRUPTED', 'the run is being stopped');
}
const PROFILED: readonly WorkloadName[] = ['dashboard', 'point', 'list', 'cached'];

async function main(): Promise<void> {
  if (process.argv[2] === '--render') return render(process.argv[3], process.argv.includes('--docs'));
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  const commit = gitCommit();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'indicator-hub-bench-'));
  const cleanups: Array<() => Promise<void>> = [];
  const stopEverything = (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping everything`);
    void Promise.allSettled(cleanups.map((c) => c())).finally(() => {
      rmSync(tmp, { recursive: true, force: true });
      process.exit(code);
    });
  };
  process.once('SIGINT', () => stopEverything('interrupted', 130));
  process.once('SIGTERM', () => stopEverything('interrupted', 130));
  // The run's hard bound: whatever hangs, everything it started is stopped and the run fails.
  const watchdog = setTimeout(
    () => stopEverything(`over --max-minutes ${options.maxMinutes} (the run is bounded; nothing written)`, 124),
    options.maxMinutes * 60_000,
  );
  const startSample = options.loadSampleMs ? await sampleLoad(options.loadSampleMs) : undefined;
  if (startSample) say(`machine before the run: ${describeLoad(startSample)}`);

  say(`starting PostgreSQL and MariaDB on 127.0.0.1`);
  const servers = await startDatabases({ engines: ['postgres', 'mysql'], log: (m) => say(m) });
  cleanups.push(() => servers.stop());
  try {
    const db: BenchDatabases = { pgUrl: servers.postgres!.url, mysqlUrl: servers.mysql!.url };
    // The hub under test runs as production runs it: dist/, built once here when missing or stale.
    const runtime = await hubRuntime((m) => say(m));
    say(runtime.describe);
    const scales: ScaleResults[] = [];
    for (const scale of [...options.scaling, options.scale].sort((a, b) => a - b)) {
      const full = scale === options.scale;
      say(`scale ${scale}: seeding the demo company`);
      const seed = await seedScale(db, scale);
      say(
        `scale ${scale}: ${seed.departments} departments, ${seed.rows.toLocaleString('en')} rows, generated in ${seed.generateMs} ms, loaded in ${seed.loadMs} ms`,
      );
      scales.push(await benchScale(db, scale, seed, full, options, tmp, cleanups));
    }
    const results: BenchResults = {
      date: new Date().toISOString(),
      command: commandLine(),
      commit,
      machine: {
        ...machine(),
        hub: runtime.describe,
        loadAverage: { atStart: loadBefore, atEnd: os.loadavg().map((x) => round(x, 2)) },
        startSample,
      },
      options: { ...options, out: path.relative(process.cwd(), options.out) },
      durationSeconds: Math.round((Date.now() - started) / 1000),
      scales,
    };
    stopIfStopping();
    mkdirSync(options.out, { recursive: true });
    const base = path.join(options.out, `${results.date.slice(0, 10)}-sf${options.scale}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
    const source = path.relative(path.join(__dirname, '..'), `${base}.md`);
    const markdown = renderMarkdown(results, source);
    writeFileSync(`${base}.md`, markdown);
    say(`results: ${path.relative(process.cwd(), base)}.json and .md (${results.durationSeconds} s in all)`);
    process.stdout.write(`\n${markdown}\n`);
    if (options.docs) publish(results, source);
    printTargets(results);
  } finally {
    clearTimeout(watchdog);
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function benchScale(
  db: BenchDatabases,
  scale: number,
  seed: Awaited<ReturnType<typeof seedScale>>,
  full: boolean,
  options: Options,
  tmp: string,
  cleanups: Array<() => Promise<void>>,
): Promise<ScaleResults> {
  const all = workloads(seed.salesTeam, seed.departmentIds);
  // Smaller scale factors only feed the scaling table: the dashboard, the point query and the cached repeat at concurrency 1.
  const names = full
    ? options.workloads
    : options.workloads.filter((w) => w === 'dashboard' || w === 'point' || w === 'cached');
  const concurrency = full ? options.concurrency : [1];
  const { departmentIds, ...seedInfo } = seed;
  const out: ScaleResults = {
    scale,
    seed: seedInfo,
    statements: {},
    hub: {},
    floor: {},
    inProcessMs: {},
    mesh: { available: false },
    concurrency,
    machineLoad: [],
  };
  // The machine's load just before each cell (the hub or peer of the cell started, idle).
  const noteLoad = async (cell: string) => {
    stopIfStopping();
    if (!options.loadSampleMs) return;
    const sample: CellLoad = { cell, ...(await sampleLoad(options.loadSampleMs)) };
    out.machineLoad!.push(sample);
    if (sample.othersPercent !== undefined && sample.othersPercent > 20)
      say(`scale ${scale}: before ${cell}: ${describeLoad(sample)} — other work is running`);
  };

  // 1. In process: the hub's SQL per workload (for the floor), naive baseline, permission cost.
  say(`scale ${scale}: capturing the hub's statements per workload`);
  await noteLoad('in process');
  const inProcess = await InProcessHub.start(db, scale);
  const captured = new Map<WorkloadName, CapturedStatement[]>();
  try {
    for (const name of names.filter((n) => n !== 'cached')) {
      try {
        // A paged dashboard: every page's statements, page after page (the floor replays them in that order).
        const pages = all[name].pages ?? [all[name].query];
        const statements: CapturedStatement[] = [];
        let ms = 0;
        for (const query of pages) {
          const page = await inProcess.capture({ ...all[name], query });
          const offset = statements.length ? Math.max(...statements.map((st) => st.wave)) + 1 : 0;
          statements.push(...page.map((st) => ({ ...st, wave: st.wave + offset })));
          ms += await inProcess.executeTime({ ...all[name], query }, name === 'point' ? 50 : options.runs);
        }
        captured.set(name, statements);
        out.inProcessMs[name] = round(ms, 2);
      } catch (error) {
        say(`scale ${scale}: ${name} in process failed (no floor for it): ${failedCell(error).failed}`);
      }
    }
    if (full && names.includes('dashboard')) {
      const sample = departmentIds.slice(0, options.naiveDepartments);
      say(`scale ${scale}: naive dashboard vs hub over ${sample.length} departments`);
      out.naiveDashboard = { departments: sample.length, ...(await inProcess.naiveDashboard(sample, options.runs)) };
    }
    if (full && names.includes('list')) {
      say(`scale ${scale}: naive list vs hub (${NAIVE_LIST_ROWS} rows)`);
      out.naiveList = {
        rows: NAIVE_LIST_ROWS,
        ...(await inProcess.naiveList(listQuery(NAIVE_LIST_ROWS), all.list.principal, options.runs)),
      };
      say(`scale ${scale}: permission layer cost on the list`);
      out.permissions = await inProcess.permissionCost(all.list.query, all.list.principal, Math.max(5, options.runs));
    }
  } finally {
    await inProcess.close();
  }

  // 2. The floor: the same statements straight through the drivers, wave by wave, then JSON.stringify.
  const floor = openFloor(db, 20);
  try {
    for (const name of names.filter((n) => captured.has(n))) {
      const statements = captured.get(name)!;
      out.floor[name] = {};
      await floor.request(statements);
      const service = await serviceTime(() => floor.request(statements));
      for (const c of concurrency) {
        await noteLoad(`floor ${name} c=${c}`);
        const runs = await runsWithin(options.runs, options.cellSeconds * 1000, async (stopAfterMs) => {
          const { latencies, errors, errorCodes, elapsedMs, truncated } = await closedLoop(
            c,
            amountFor(options.seconds, service, c),
            stopAfterMs,
            () => floor.request(statements),
          );
          return { ...summarise(latencies, errors, elapsedMs, errorCodes), truncated };
        });
        out.floor[name]![c] = medianOfRuns(runs);
        say(
          `scale ${scale}: floor ${name} c=${c}: p50 ${out.floor[name]![c]!.p50} ms, ${out.floor[name]![c]!.rps} req/s`,
        );
      }
    }
  } finally {
    await floor.close();
  }

  // 3. The hub in a child process: cold (cache off) workloads, then the cached repeat on a hub with the cache on.
  const tokens = new Map<string, string>();
  const tokenOf = async (employee: string) => {
    if (!tokens.has(employee))
      tokens.set(employee, await demoToken(employee, BENCH_JWT_SECRET, 'indicator-hub-demo', 'indicator-hub', '4h'));
    return tokens.get(employee)!;
  };
  // A fresh hub per workload: its peak RSS is then that workload's, not what earlier ones left in the heap;
  // and again after a cell stopped at its budget, so abandoned requests do not weigh on the next cell.
  for (const name of names) {
    const w = all[name];
    let hub: HubChild | undefined;
    const stopHub = async () => {
      const h = hub;
      hub = undefined;
      await h?.stop();
    };
    cleanups.push(stopHub);
    try {
      const token = await tokenOf(w.principal);
      const start = async () => {
        await stopHub();
        hub = await startHubChild(hubConfig(db, scale, { cache: w.cache }), { log: (l) => say(`hub: ${l}`) });
        const target = { url: hub.url, token, query: w.query, ...(w.pages ? { pages: w.pages } : {}) };
        await postAll(target); // warm: connections, key map paths, and for the cached workload the cache itself
        return { hub, target };
      };
      let { hub: current, target } = await start();
      out.statements[name] = await traced(target);
      const service = await serviceTime(() => postAll(target));
      out.hub[name] = {};
      for (const c of concurrency) {
        await noteLoad(`hub ${name} c=${c}`);
        const m = await measureHub(current, target, c, service, options);
        out.hub[name]![c] = m;
        say(
          `scale ${scale}: hub ${name} c=${c}: p50 ${m.p50} ms p99 ${m.p99} ms, ${m.rps} req/s, peak RSS ${m.peakRssMb} MB, errors ${formatErrors(m.errors, m.errorCodes)}${m.truncated ? ' (stopped at the cell budget)' : ''}${m.failed ? ` — cell failed: ${m.failed}` : ''}`,
        );
        if ((m.truncated || m.failed) && c !== concurrency[concurrency.length - 1])
          ({ hub: current, target } = await start());
      }
    } catch (error) {
      stopIfStopping();
      // The workload could not be set up (the warm request or the trace failed): recorded with its code,
      // and the run goes on with the next workload.
      const failed = failedCell(error);
      say(`scale ${scale}: hub ${name} failed: ${failed.failed}`);
      out.hub[name] = {
        ...Object.fromEntries(concurrency.map((c) => [c, failed])),
        ...out.hub[name],
      } as Record<number, Measured>;
    } finally {
      await stopHub();
    }
  }

  // 4. Where the time goes: CPU profiles of the hub serving each profiled workload one request at a time
  //    (the requests only, not start-up); the cached dashboard on a hub with the cache on, warmed first.
  if (full && options.profile) {
    out.profiles = [];
    for (const cache of [false, true]) {
      const profiled = names.filter((n) => PROFILED.includes(n) && all[n].cache === cache);
      if (!profiled.length) continue;
      const hub = await startHubChild(hubConfig(db, scale, { cache }), { log: (l) => say(`hub: ${l}`) });
      cleanups.push(() => hub.stop());
      try {
        for (const name of profiled) {
          const dir = mkdtempSync(path.join(tmp, `cpu-${name}-`));
          const w = all[name];
          const target = {
            url: hub.url,
            token: await tokenOf(w.principal),
            query: w.query,
            ...(w.pages ? { pages: w.pages } : {}),
          };
          try {
            await postAll(target);
            const requests = name === 'point' ? 200 : 5;
            await hub.profileStart();
            for (let i = 0; i < requests; i++) await postAll(target);
            await hub.profileStop(path.join(dir, `${name}.cpuprofile`));
            const profile = { workload: name, requests, ...topSelfTime(dir) };
            out.profiles.push(profile);
            say(
              `scale ${scale}: profile ${name}: ${profile.functions
                .slice(0, 6)
                .map((f) => `${f.function} ${f.selfPercent}%`)
                .join(', ')}`,
            );
          } catch (error) {
            say(`scale ${scale}: profile ${name} failed: ${failedCell(error).failed}`);
          }
        }
      } finally {
        await hub.stop();
      }
    }
  }

  // 5. The peer, when bench/peers/mesh exists.
  if (full && options.peer) out.mesh = await benchMesh(db, names, concurrency, options, cleanups, noteLoad);
  else if (full) out.mesh = { available: false, reason: 'skipped (--no-peer)' };
  return out;
}

/** `--render results.json [--docs]`: rewrites the Markdown summary (and docs/benchmarks.md) from a results file. */
function render(file: string | undefined, docs: boolean): void {
  if (!file) throw new Error('usage: npx tsx bench/run.ts --render bench/results/<date>-sf<N>.json [--docs]');
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const md = file.replace(/\.json$/, '.md');
  const source = path.relative(path.join(__dirname, '..'), path.resolve(md));
  const markdown = renderMarkdown(results, source);
  writeFileSync(md, markdown);
  process.stdout.write(markdown);
  if (docs) publish(results, source);
  printTargets(results);
}

/**
 * --docs: docs/benchmarks.md's results section and the README's benchmark numbers, both from this results
 * file — refused (exit code 2, nothing touched) when the run was busy, so a loaded run is never cited.
 */
function publish(results: BenchResults, source: string): void {
  const verdict = runLoadVerdict(results);
  if (verdict.busy) {
    say(`BUSY — not citable: ${verdict.reasons.join('; ')}`);
    say(`--docs refused: docs/benchmarks.md and README.md left as they are; rerun on an idle machine`);
    process.exitCode = 2;
    return;
  }
  if (!results.scales.some((s) => s.machineLoad?.length)) {
    say(
      '--docs refused: the machine load before the cells was not recorded (--load-sample-ms 0), so the run is unjudged',
    );
    process.exitCode = 2;
    return;
  }
  const root = path.join(__dirname, '..');
  updateReadme(path.join(root, 'README.md'), results, source); // first: it refuses when its markers are missing
  updateDocs(path.join(root, 'docs', 'benchmarks.md'), renderMarkdown(results, source));
  say(`docs/benchmarks.md and README.md (benchmark numbers) rewritten from ${source}`);
}

/** The target table last on the terminal, with the BUSY mark when there is one. */
function printTargets(results: BenchResults): void {
  const verdict = runLoadVerdict(results);
  process.stdout.write(
    `\nTargets (issue 20)${verdict.busy ? ' — BUSY run, not citable' : ''}:\n\n${renderTargets(results).join('\n')}\n`,
  );
}

function describeLoad(l: { loadAverage: number[]; othersPercent?: number; ownPercent?: number; idlePercent?: number }) {
  return `load ${l.loadAverage.join(' / ')}${l.othersPercent === undefined ? '' : `, other processes ${l.othersPercent} % of the CPU, the bench's own ${l.ownPercent} %, idle ${l.idlePercent} %`}`;
}

/** The commit measured, and whether tracked files had changes (results files written later do not count). */
function gitCommit(): BenchResults['commit'] {
  try {
    const cwd = path.join(__dirname, '..');
    const hash = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() !== '';
    return { hash, dirty };
  } catch {
    return undefined;
  }
}

interface Target {
  url: string;
  token: string;
  query: string;
  /** A paged dashboard: every page's document, in order (the first is `query`). */
  pages?: readonly string[];
}

/** One request of the workload: its one document, or every page of a paged dashboard one after the other. */
async function postAll(target: Target, trace = false): Promise<Array<{ status: number; body: string }>> {
  const out = [];
  for (const query of target.pages ?? [target.query]) out.push(await post({ ...target, query }, trace));
  return out;
}

async function post(target: Target, trace = false): Promise<{ status: number; body: string }> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${target.token}`,
      ...(trace ? { 'x-hub-trace': '1' } : {}),
    },
    body: JSON.stringify({ query: target.query }),
    signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
  });
  const body = await res.text();
  const code = responseErrorCode(res.status, body);
  if (code) throw new CodedError(code, `request failed (${res.status} ${code}): ${body.slice(0, 300)}`);
  return { status: res.status, body };
}

/** A cell that could not be measured: no latencies, and why, with its code (the table shows it; the target is not met). */
function failedCell(error: unknown): Measured {
  const code = transportErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    runs: 0,
    requests: 0,
    errors: 1,
    errorCodes: { [code]: 1 },
    p50: NaN,
    p95: NaN,
    p99: NaN,
    rps: 0,
    failed: `${code}: ${message.slice(0, 200)}`,
  };
}

/** Statements per source of one request (X-Hub-Trace: 1), and the response size; a paged dashboard's summed
 *  over its pages, each page's cursor checked against the previous page's pageInfo.endCursor. */
async function traced(target: Target): Promise<StatementCount> {
  const out = { total: 0, bySource: {} as Record<string, number>, access: 0, responseBytes: 0 };
  const responses = await postAll(target, true);
  let endCursor: string | null | undefined;
  responses.forEach(({ body }, i) => {
    const parsed = JSON.parse(body) as {
      data?: Record<string, { pageInfo?: { hasNextPage: boolean; endCursor: string | null } }>;
      extensions?: {
        trace?: {
          statements: number;
          bySource: Record<string, { statements: number }>;
          access?: { statements: number; bySource: Record<string, number> };
        };
      };
    };
    const trace = parsed.extensions?.trace;
    if (!trace) throw new Error('the hub returned no extensions.trace for X-Hub-Trace: 1');
    if (target.pages) {
      if (i > 0 && !target.pages[i]!.includes(`after: "${endCursor}"`))
        throw new Error(`page ${i + 1} does not follow the endCursor of page ${i} (${String(endCursor)})`);
      const info = Object.values(parsed.data ?? {})[0]?.pageInfo;
      if (info?.hasNextPage !== i < target.pages.length - 1)
        throw new Error(`page ${i + 1} of ${target.pages.length}: hasNextPage is ${String(info?.hasNextPage)}`);
      endCursor = info?.endCursor;
    }
    // The request's own statements; the lookups made to authenticate its viewer (people directory, row
    // scopes: present when the people cache had expired, auth.personStatusCacheSeconds) counted apart.
    const access = trace.access ?? { statements: 0, bySource: {} };
    out.total += trace.statements - access.statements;
    out.access += access.statements;
    for (const [s, v] of Object.entries(trace.bySource)) {
      const own = v.statements - (access.bySource[s] ?? 0);
      if (own > 0) out.bySource[s] = (out.bySource[s] ?? 0) + own;
    }
    out.responseBytes += Buffer.byteLength(body);
  });
  return target.pages ? { ...out, pages: target.pages.length } : out;
}

/** Median time of a few sequential requests (after a warm-up): sizes each run to about --seconds. */
async function serviceTime(request: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  const deadline = performance.now() + 3000;
  while (times.length < 3 || (times.length < 20 && performance.now() < deadline)) {
    const t = performance.now();
    await request();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function measureHub(
  hub: HubChild,
  target: Target,
  connections: number,
  serviceMs: number,
  options: Options,
): Promise<Measured> {
  let stats: HubStats | undefined;
  let atPeak: HubStats | undefined;
  let peak = 0;
  // Also sampled from outside (/proc): a hub that dies mid-cell (out of memory) still has a peak to report.
  const outside = sampleRss(hub.pid);
  try {
    const runs = await runsWithin(options.runs, options.cellSeconds * 1000, async (stopAfterMs) => {
      await hub.reset();
      // A paged dashboard: each client fetches the pages one after the other; a latency is the whole dashboard.
      const run = target.pages
        ? await (async () => {
            const amount = amountFor(options.seconds, serviceMs, connections);
            const { latencies, errors, errorCodes, elapsedMs, truncated } = await closedLoop(
              connections,
              amount,
              stopAfterMs,
              () => postAll(target),
            );
            return { ...summarise(latencies, errors, elapsedMs, errorCodes), truncated };
          })()
        : await runLoad({
            url: target.url,
            headers: { authorization: `Bearer ${target.token}` },
            body: JSON.stringify({ query: target.query }),
            connections,
            amount: amountFor(options.seconds, serviceMs, connections),
            timeoutSeconds: TIMEOUT_SECONDS,
            stopAfterMs,
          });
      stats = await hub.stats();
      if (stats.peakRssMb >= peak) atPeak = stats;
      peak = Math.max(peak, stats.peakRssMb);
      return run;
    });
    outside.stop();
    return {
      ...medianOfRuns(runs),
      peakRssMb: peak,
      ...(atPeak?.atPeakMb ? { atPeakMb: atPeak.atPeakMb, heapLimitMb: atPeak.heapLimitMb } : {}),
      eventLoopDelayMs: stats!.eventLoopDelayMs,
    };
  } catch (error) {
    const seen = outside.stop();
    return { ...failedCell(error), ...(seen !== undefined ? { peakRssMb: Math.max(peak, seen) } : {}) };
  }
}

async function benchMesh(
  db: BenchDatabases,
  names: WorkloadName[],
  concurrency: number[],
  options: Options,
  cleanups: Array<() => Promise<void>>,
  noteLoad: (cell: string) => Promise<void>,
): Promise<ScaleResults['mesh']> {
  const peer = await loadMeshPeer();
  if ('unavailable' in peer) {
    say(`peer not available: ${peer.unavailable}`);
    return { available: false, reason: peer.unavailable };
  }
  // A fresh peer per workload, and again after a cell stopped at its budget: requests abandoned then
  // would still be running inside it and slow down whatever is measured next.
  let running: RunningPeer | undefined;
  const stopPeer = async () => {
    const r = running;
    running = undefined;
    await r?.stop();
  };
  const startPeer = async () => {
    await stopPeer();
    running = await peer.startMeshPeer(peerSources(db), { log: (l) => say(`mesh: ${l}`) });
    return running;
  };
  cleanups.push(stopPeer);
  say('starting the GraphQL Mesh peer');
  try {
    await startPeer();
  } catch (error) {
    const reason = `the Mesh peer failed to start: ${error instanceof Error ? error.message : String(error)}`;
    say(`peer not available: ${reason}`);
    return { available: false, reason };
  }
  const out: NonNullable<ScaleResults['mesh']> = { available: true, workloads: {} };
  try {
    for (const name of names) {
      const w = peer.meshWorkloads[name];
      if (!w) {
        out.workloads![name] = { unsupported: 'the peer declares no document for this workload' };
        continue;
      }
      if ('unsupported' in w) {
        out.workloads![name] = { unsupported: w.unsupported };
        say(`mesh ${name}: unsupported — ${w.unsupported}`);
        continue;
      }
      let current = running ?? (await startPeer());
      const body = JSON.stringify({ query: w.query, ...(w.variables ? { variables: w.variables } : {}) });
      const request = async () => {
        const res = await fetch(current.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
        });
        const text = await res.text();
        const code = responseErrorCode(res.status, text);
        if (code) throw new CodedError(code, `mesh ${name} failed (${res.status} ${code}): ${text.slice(0, 300)}`);
        return text.length;
      };
      let responseBytes: number;
      try {
        responseBytes = await request();
      } catch (error) {
        out.workloads![name] = { unsupported: error instanceof Error ? error.message : String(error) };
        say(`mesh ${name}: ${out.workloads![name]!.unsupported}`);
        continue;
      }
      const service = await serviceTime(request);
      const byConcurrency: Record<number, Measured> = {};
      for (const c of concurrency) {
        let peak = 0;
        await noteLoad(`Mesh ${name} c=${c}`);
        const runs = await runsWithin(options.runs, options.cellSeconds * 1000, async (stopAfterMs) => {
          const sampler = sampleRss(current.pid);
          const run = await runLoad({
            url: current.url,
            headers: {},
            body,
            connections: c,
            amount: amountFor(options.seconds, service, c),
            timeoutSeconds: TIMEOUT_SECONDS,
            stopAfterMs,
          });
          peak = Math.max(peak, sampler.stop() ?? 0);
          return run;
        });
        byConcurrency[c] = { ...medianOfRuns(runs), peakRssMb: peak };
        say(
          `mesh ${name} c=${c}: p50 ${byConcurrency[c]!.p50} ms, ${byConcurrency[c]!.rps} req/s, peak RSS ${peak} MB, errors ${formatErrors(byConcurrency[c]!.errors, byConcurrency[c]!.errorCodes)}${byConcurrency[c]!.truncated ? ' (stopped at the cell budget)' : ''}`,
        );
        if (byConcurrency[c]!.truncated) {
          current = await startPeer();
          if (name === 'cached') await request(); // its response cache starts empty again
        }
      }
      out.workloads![name] = { responseBytes, byConcurrency };
      await startPeer(); // the next workload starts on a fresh peer
    }
  } finally {
    await stopPeer();
  }
  return out;
}

/** How this run was started, as a user would type it (`npm run bench` passes --docs itself). */
function commandLine(): string {
  const args = process.argv.slice(2);
  const viaNpm = process.env.npm_lifecycle_event === 'bench' && args.includes('--docs');
  const rest = (viaNpm ? args.filter((a) => a !== '--docs') : args).map((a) =>
    /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`,
  );
  return viaNpm
    ? `npm run bench${rest.length ? ` -- ${rest.join(' ')}` : ''}`
    : `npx tsx bench/run.ts ${rest.join(' ')}`.trim();
}

function machine(): BenchResults['machine'] {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    databases:
      'PostgreSQL 15 and MariaDB 10.11 on 127.0.0.1 (test/support/databases.ts defaults: fsync off, 256 MB InnoDB buffer pool)',
  };
}

main().catch((error: unknown) => {
  if (stopping) return; // stopEverything exits once everything is stopped
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
