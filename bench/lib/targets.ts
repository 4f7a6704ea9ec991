import { formatErrors, unrecorded } from './errors';
import type { BenchResults, Measured, ScaleResults } from './report';
import { round } from './stats';
import type { WorkloadName } from './workloads';

/**
 * The targets of issue 20, judged from one results file: what `npm run bench` prints as met / not met,
 * and for a missed one the measured value and the top of the profile of the workload behind it.
 */
export interface TargetVerdict {
  target: string;
  measured: string;
  /** null: not measured in this run (the measured column says why). */
  met: boolean | null;
  /** The profiled workload that shows where this target's time goes. */
  profile?: WorkloadName;
}

/** The scale factors whose statements per dashboard must be equal, and the large one the ratios are repeated at. */
export const TARGET_SCALES = [1, 10, 70] as const;
export const LARGE_SCALE = 70;
/** A run longer than this on 2 cores misses the harness's own bound (seeding included). */
export const RUN_BOUND_SECONDS = 35 * 60;

/** What the GraphQL Mesh peer computes for each workload (bench/peers/mesh/README.md), so a throughput ratio is read right. */
export const MESH_COMPUTES: Partial<Record<WorkloadName, string>> = {
  dashboard:
    'raw rows only: per-month sums for CRM and HR (PostGraphile groupedAggregates) and the ERP and procurement fact rows unaggregated; no indicators, ratios, YoY/YTD, key map, roll-up or access scopes (the client would compute them)',
  point: 'one SQL sum for the CRM team code (the client must know the key map): the same figure as the hub',
  list: '10,000 accounts with contacts in one PostGraphile statement, in clear: no roles, no masking',
  cached: 'a whole-response cache hit on the Mesh dashboard document (raw rows, no evaluation)',
};

const fmt = (x: number | undefined, places = 1) =>
  x === undefined || !Number.isFinite(x) ? '–' : round(x, places).toLocaleString('en');

export function mainScale(results: BenchResults): ScaleResults {
  return results.scales.find((s) => s.scale === results.options.scale) ?? results.scales[results.scales.length - 1]!;
}

function meshAt(s: ScaleResults, w: WorkloadName, c: number): Measured | undefined {
  const entry = s.mesh.workloads?.[w];
  return entry && 'byConcurrency' in entry ? entry.byConcurrency[c] : undefined;
}

/** Each target of issue 20, in the order of the issue. */
export function verdicts(results: BenchResults): TargetVerdict[] {
  const main = mainScale(results);
  const at = (s: number) => results.scales.find((x) => x.scale === s);
  const out: TargetVerdict[] = [];
  const hub = (s: ScaleResults | undefined, w: WorkloadName, c = 1) => s?.hub[w]?.[c];
  const floor = (s: ScaleResults | undefined, w: WorkloadName, c = 1) => s?.floor[w]?.[c];
  const notMeasured = (target: string, why: string, profile?: WorkloadName): TargetVerdict => ({
    target,
    measured: `not measured: ${why}`,
    met: null,
    profile,
  });
  const sf = `SF ${main.scale}`;
  // A cell that failed (its code in `failed`) misses its targets, whatever its numbers.
  const failedOf = (...ms: Array<Measured | undefined>) =>
    ms.find((m) => m && (m.failed || typeof m.p50 !== 'number' || !Number.isFinite(m.p50)));
  const failedVerdict = (target: string, m: Measured, profile?: WorkloadName): TargetVerdict => ({
    target,
    measured: `cell failed: ${m.failed ?? `no successful request (errors ${formatErrors(m.errors, m.errorCodes)})`}`,
    met: false,
    profile,
  });

  // The ratios at c=1, at the main scale and again at the large one.
  const ratios = (s: ScaleResults | undefined, label: string, scale: number) => {
    const d = hub(s, 'dashboard');
    const fd = floor(s, 'dashboard');
    const t1 = `dashboard p50 ≤ 1.25 × floor (c=1, ${label})`;
    const dBroken = failedOf(d, fd);
    if (dBroken) out.push(failedVerdict(t1, dBroken, 'dashboard'));
    else if (d && fd) {
      let growth = '';
      const one = at(1);
      const d1 = hub(one, 'dashboard');
      const f1 = floor(one, 'dashboard');
      if (scale === LARGE_SCALE && d1 && f1 && one)
        growth = `; from SF 1 to ${scale}: hub ×${fmt(d.p50 / d1.p50)}, floor ×${fmt(fd.p50 / f1.p50)}, rows ×${fmt(s!.seed.rows / one.seed.rows)}`;
      out.push({
        target: t1,
        measured: `${fmt(d.p50)} ms vs floor ${fmt(fd.p50)} ms = ${fmt(d.p50 / fd.p50, 2)}×${growth}`,
        met: d.p50 <= 1.25 * fd.p50,
        profile: 'dashboard',
      });
    } else out.push(notMeasured(t1, s ? 'no dashboard or floor cell at c=1' : `${label} not in this run`, 'dashboard'));
    const p = hub(s, 'point');
    const fp = floor(s, 'point');
    const t2 = `point p50 ≤ floor + 2 ms (c=1, ${label})`;
    const pBroken = failedOf(p, fp);
    if (pBroken) out.push(failedVerdict(t2, pBroken, 'point'));
    else if (p && fp)
      out.push({
        target: t2,
        measured: `${fmt(p.p50, 2)} ms vs floor ${fmt(fp.p50, 2)} ms (+${fmt(p.p50 - fp.p50, 2)} ms)`,
        met: p.p50 <= fp.p50 + 2,
        profile: 'point',
      });
    else out.push(notMeasured(t2, s ? 'no point or floor cell at c=1' : `${label} not in this run`, 'point'));
    if (scale === main.scale) {
      const l = hub(s, 'list');
      const fl = floor(s, 'list');
      const t3 = `10k-row masked list p50 ≤ 2 × floor (c=1, ${label})`;
      const lBroken = failedOf(l, fl);
      if (lBroken) out.push(failedVerdict(t3, lBroken, 'list'));
      else if (l && fl)
        out.push({
          target: t3,
          measured: `${fmt(l.p50)} ms vs floor ${fmt(fl.p50)} ms = ${fmt(l.p50 / fl.p50, 2)}×`,
          met: l.p50 <= 2 * fl.p50,
          profile: 'list',
        });
      else out.push(notMeasured(t3, 'no list or floor cell at c=1', 'list'));
    }
    const cached = hub(s, 'cached');
    const t4 = `cached dashboard ≥ 20× faster than cold (p50, c=1, ${label})`;
    const cBroken = failedOf(d, cached);
    if (cBroken) out.push(failedVerdict(t4, cBroken, 'cached'));
    else if (d && cached)
      out.push({
        target: t4,
        measured: `${fmt(cached.p50)} ms vs cold ${fmt(d.p50)} ms = ${fmt(d.p50 / cached.p50)}×`,
        met: d.p50 / cached.p50 >= 20,
        profile: 'cached',
      });
    else out.push(notMeasured(t4, s ? 'no dashboard or cached cell at c=1' : `${label} not in this run`, 'cached'));
  };
  ratios(main, sf, main.scale);

  // Memory and errors at 32 concurrent users.
  const rss = (w: WorkloadName, limit: number, what: string) => {
    const m = hub(main, w, 32);
    const target = `hub peak RSS ≤ ${limit} MB at 32 concurrent ${what} (${sf})`;
    if (m?.failed)
      return out.push({
        ...failedVerdict(target, m, w),
        measured: `${m.peakRssMb !== undefined ? `${fmt(m.peakRssMb, 0)} MB before ` : ''}cell failed: ${m.failed}`,
      });
    if (m?.peakRssMb === undefined) return out.push(notMeasured(target, `no ${w} cell at c=32`, w));
    return out.push({
      target,
      measured: `${fmt(m.peakRssMb, 0)} MB (p50 ${fmt(m.p50)} ms, ${fmt(m.rps, 2)} req/s, ${m.runs} run(s)${m.truncated ? ', stopped at the cell budget' : ''}, errors ${formatErrors(m.errors, m.errorCodes)}${m.atPeakMb ? `; at the peak V8 heap ${fmt(m.atPeakMb.heapTotal, 0)} MB (${fmt(m.atPeakMb.heapUsed, 0)} used, limit ${fmt(m.heapLimitMb, 0)}), off-heap buffers ${fmt(m.atPeakMb.external, 0)} MB` : ''})`,
      met: m.peakRssMb <= limit && !m.failed && m.errors === 0,
      profile: w,
    });
  };
  rss('dashboard', 300, 'dashboards');
  rss('list', 400, 'lists');
  const c32 = hub(main, 'cached', 32);
  const tc = `cached dashboards at c=32 with 0 errors (${sf})`;
  if (c32?.failed) out.push(failedVerdict(tc, c32, 'cached'));
  else if (c32)
    out.push({
      target: tc,
      measured: `errors ${formatErrors(c32.errors, c32.errorCodes)} of ${c32.requests + c32.errors} requests; p50 ${fmt(c32.p50)} ms, peak RSS ${fmt(c32.peakRssMb, 0)} MB`,
      met: c32.errors === 0 && !c32.failed,
      profile: 'cached',
    });
  else out.push(notMeasured(tc, 'no cached cell at c=32', 'cached'));

  // Statements per dashboard at SF 1, 10 and 70.
  // Per request: a dashboard too large for one response is fetched in member pages, each one request.
  const stmts = TARGET_SCALES.map((s) => {
    const st = at(s)?.statements.dashboard;
    return { s, n: st ? st.total / (st.pages ?? 1) : undefined, pages: st?.pages, access: st?.access ?? 0 };
  });
  const missing = stmts.filter((x) => x.n === undefined).map((x) => `SF ${x.s}`);
  out.push({
    target: `statements per dashboard request equal at SF ${TARGET_SCALES.join(', ')}`,
    measured:
      stmts
        .map(
          (x) =>
            `SF ${x.s}: ${x.n ?? '–'}${x.pages ? ` per page (${x.pages} pages)` : ''}${x.access ? ` (+ ${x.access} access lookup${x.access === 1 ? '' : 's'} apart)` : ''}`,
        )
        .join(', ') + (missing.length ? ` (${missing.join(', ')} not run)` : ''),
    met: missing.length ? null : stmts.every((x) => x.n === stmts[0]!.n),
  });

  // The same ratios at the large scale factor, with how cost grows from SF 1.
  if (main.scale !== LARGE_SCALE) ratios(at(LARGE_SCALE), `SF ${LARGE_SCALE}`, LARGE_SCALE);

  // Throughput against GraphQL Mesh, per workload it can express.
  if (!main.mesh.available)
    out.push(notMeasured('throughput ≥ 2 × GraphQL Mesh', main.mesh.reason ?? 'the peer did not run'));
  else
    for (const w of ['dashboard', 'point', 'list', 'cached'] as const) {
      const target = `${w} throughput ≥ 2 × GraphQL Mesh (${sf})`;
      const entry = main.mesh.workloads?.[w];
      if (!entry || 'unsupported' in entry) {
        out.push(notMeasured(target, entry ? entry.unsupported : 'the peer declares no document', w));
        continue;
      }
      const cs = main.concurrency.filter((c) => hub(main, w, c) && !hub(main, w, c)!.failed && meshAt(main, w, c));
      if (!cs.length) {
        out.push(notMeasured(target, 'no cell measured on both', w));
        continue;
      }
      const top = Math.max(...cs);
      const h = hub(main, w, top)!;
      const m = meshAt(main, w, top)!;
      const each = cs
        .map(
          (c) =>
            `c=${c}: ${fmt(hub(main, w, c)!.rps, 2)} vs ${fmt(meshAt(main, w, c)!.rps, 2)} req/s${meshAt(main, w, c)!.requests > 0 ? ` = ${fmt(hub(main, w, c)!.rps / meshAt(main, w, c)!.rps, 2)}×` : ' (Mesh finished none within the budget)'}`,
        )
        .join('; ');
      out.push({
        target: `${w} throughput ≥ 2 × GraphQL Mesh (c=${top}, ${sf})`,
        measured: `${each}. Mesh computes: ${MESH_COMPUTES[w] ?? '–'}`,
        met: m.requests > 0 ? h.rps >= 2 * m.rps : h.requests > 0,
        profile: w,
      });
    }

  // Every error of the run recorded with its code.
  const cells = allCells(results).filter((c) => c.m.errors > 0 || c.m.failed);
  const lost = cells.reduce((a, c) => a + unrecorded(c.m.errors, c.m.errorCodes), 0);
  const total = cells.reduce((a, c) => a + c.m.errors, 0);
  out.push({
    target: 'every error in the run recorded with its code',
    measured: cells.length
      ? `${total} error(s): ${cells
          .slice(0, 8)
          .map(
            (c) =>
              `${c.label}: ${formatErrors(c.m.errors, c.m.errorCodes)}${c.m.failed ? ` [cell failed: ${c.m.failed}]` : ''}`,
          )
          .join('; ')}${cells.length > 8 ? '; …' : ''}`
      : 'no errors in any cell',
    met: lost === 0,
  });

  out.push({
    target: `bench/run.ts end to end ≤ ${RUN_BOUND_SECONDS / 60} min (seeding included)`,
    measured: `${fmt(results.durationSeconds / 60)} min on ${results.machine.cpu}`,
    met: results.durationSeconds <= RUN_BOUND_SECONDS,
  });
  return out;
}

/** Every measured cell of the run with a label: hub, floor and Mesh, every scale. */
export function allCells(results: BenchResults): Array<{ label: string; m: Measured }> {
  const out: Array<{ label: string; m: Measured }> = [];
  for (const s of results.scales) {
    for (const [kind, table] of [
      ['hub', s.hub],
      ['floor', s.floor],
    ] as const)
      for (const [w, byC] of Object.entries(table))
        for (const [c, m] of Object.entries(byC ?? {})) out.push({ label: `SF ${s.scale} ${kind} ${w} c=${c}`, m });
    for (const [w, entry] of Object.entries(s.mesh.workloads ?? {}))
      if (entry && 'byConcurrency' in entry)
        for (const [c, m] of Object.entries(entry.byConcurrency))
          out.push({ label: `SF ${s.scale} Mesh ${w} c=${c}`, m });
  }
  return out;
}

/** "where the time goes" for a missed target: the top functions of its workload's profile, or why there is none. */
export function whereTimeGoes(results: BenchResults, workload: WorkloadName | undefined, top = 5): string {
  if (!workload) return '';
  const profile = mainScale(results).profiles?.find((p) => p.workload === workload);
  if (!profile) return `no ${workload} profile in this run`;
  return `${workload} profile (${profile.requests} requests, ${fmt(profile.totalMs, 0)} ms busy): ${profile.functions
    .slice(0, top)
    .map((f) => `${f.function} ${f.location === '(native)' ? '' : `(${f.location}) `}${f.selfPercent} %`)
    .join(', ')}`;
}

/**
 * What it would take to meet a target this hub still misses (issue 20's "done when": measured value, profile,
 * and what it would take), by the start of the target's name — written from the profiles of the committed runs,
 * kept beside the targets so a run that misses one says so itself.
 */
export const WHAT_IT_WOULD_TAKE: ReadonlyArray<readonly [string, string]> = [
  [
    'dashboard p50',
    'values are memoised in columns per (indicator, period) indexed by member, money is parsed and rounded as safe integers (BigInt only beyond 15 digits), each distinct source key is mapped once per statement and the rows are built once per request (graphql-jit read the rows getter five times and built every cell five times); what is left is per-value and per-cell work: a Value and a Decimal object per evaluated value, one plain object per cell that graphql-jit completes (~42,000 at SF 10), and the adapter turning rows into the neutral shape — it would take evaluating whole columns in one pass per indicator over arrays of scaled integers (no object per value) and serialising the rows straight from those columns (a compiled stringify instead of per-cell completion), with garbage collection the largest single item in the profile',
  ],
  [
    'point p50',
    "what is above the floor is the request pipeline, not the engine (executed in process the point is about 1.2 ms above the floor), and no single step of it dominates (docs/request-pipeline.md: self time of the built hub by package): the kernel socket writes first — three per request (the data statement, the audit append, the response), each on loopback doing the receiving side's TCP work and waking another process on the same two cores — then knex building, compiling and running the two statements (query builder, binding positioning, runner, its pool's acquire with a timer), the hub's own steps (arguments, engine, audit record, response-cache key), Express with its body parser and router, Node's HTTP, Apollo Server's pipeline (plugin hooks, content negotiation twice per request), the circuit breaker, graphql-jit and garbage collection. Already cut: the audit record is one autocommitted statement after the head the log wrote, a verified token is remembered until its exp, no AsyncLocalStorage on the request path, the audit facts of a document computed once; and now a statement is compiled once instead of twice (its fingerprint read from the statement that runs, and remembered per text), the dictionary is sorted once and the adapters' catalog built once instead of on every request, parsed periods are remembered, no ETag is hashed over every answer, and the response cache copies an answer only when it keeps it. It would take running both statements through prepared statements on the driver instead of knex's builder and runner (the audit row already goes through knex.raw with its SQL text cached per batch size, so the gain there is the runner's, not the builder's), and a thinner HTTP layer than Express with Apollo's per-request pipeline, which the user's stack keeps",
  ],
  [
    '10k-row masked list',
    "plain columns are properties filled in at the parent and read by graphql-jit without a resolver, and so are the masked and denied ones: the permission layer hands its guard of a plain column to the fill, which copies each value as the viewer gets it (masked, its id audited) or the denial as the field's error value, so the ~60,000 masked phones and e-mails no longer cost a resolver call with its info and path objects each (in process: fewer minor collections per list); nested fields are guarded synchronously once per request and fetched rows are normalised in place. What still runs per row is the driver parsing 40,000 rows into objects, an entity object with its rows per row, the mask itself and the audit of returned ids, the executor building the answer object and JSON.stringify of the ~4 MB answer (Apollo's default stringifyResult: JSON.stringify plus a newline; Express no longer hashes it for an ETag) — garbage collection of these live objects is the largest item. graphql-jit's compiled stringify (fast-json-stringify shaped by the document) was measured about 5× slower than JSON.stringify on this shape, so it is not used; it would take building the rows' JSON in the database (Hasura/PostGraphile) or from the driver's rows without intermediate objects, streamed",
  ],
  [
    'point throughput',
    "the Mesh peer answers the point with one SQL sum and nothing else — no token check, no people-directory check, no audit record committed before the answer. At 32 clients the hub is bound by its CPU per request on a 2-core machine shared with PostgreSQL and MariaDB: the same items as the point latency (socket writes, knex for two statements, Express, Apollo's pipeline, the audit record's canonical JSON and hash, garbage collection), with the records of concurrent requests committed in one statement per batch. The per-request cuts of the point latency target apply here too (one compilation per statement, no per-request dictionary sort or catalog build, remembered periods, no ETag, no copy of an answer the response cache does not keep); what remains is spread thin, so a 2× ratio over a peer that does none of the hub's guarantees would take the prepared-statement and thinner-HTTP work of the point latency target and more",
  ],
  [
    'list throughput',
    'the same as the masked list: the Mesh peer returns the rows in clear from one statement, the hub masks and audits ~60,000 personal values per list (now while filling the rows, no resolver per value) and builds and serialises the whole answer on a 2-core machine it shares with PostgreSQL and the client; at c=32 the list is CPU-bound, so throughput is the inverse of its CPU per request — the same per-row work as the masked-list target would close it',
  ],
  [
    'statements per dashboard',
    "the count is the request's own statements (X-Hub-Trace: 1); the lookups made to authenticate the viewer are counted apart, since they depend on the people cache's age (auth.personStatusCacheSeconds, refreshed ahead in the background past half its time), not on the dashboard. A count that still differs between scales means a statement the plan adds with the rows — a lookup split by its key count or a plan chosen by row count: the trace's statement fingerprints per source at the two scales show which one, and it would take making that statement one whatever the number of keys or rows",
  ],
  [
    'hub peak RSS',
    "the bench's hub now runs as production does (dist/ with start:prod's 512 MiB heap limit; under tsx it rested ≈ 70 MB larger) and rests at ≈ 185 MB RSS once GraphiQL's renderer and jieba's dictionaries are no longer held (≈ 55 MB of V8 heap: the model, key map, schemas and module code; ≈ 30 MB of buffers; the rest is Node's own code and allocator); the in-flight budget bounds every query's estimated heap hub-wide (limits.inFlight.maxBytes, 20 % of the heap limit ≈ 112 MiB: two SF 10 dashboards or lists at once, the others wait in the FIFO queue), so the peak no longer grows with concurrency (a loaded 2-core A/B: dashboards 1,055 → 371 MB, lists 1,900 → 607 MB). What is left above the target is the garbage of the answers being built — a list's row, entity and answer objects and the dashboard's per-cell objects allocate several times their live size before V8 collects — so it would take the columnar evaluation and plain-row serialisation of the dashboard and list targets (fewer objects per answer), or a smaller heap limit (HUB_MAX_HEAP_MB=256 held 32 dashboards near 300 MB one at a time, but then a 200,000-cell answer no longer fits)",
  ],
];

/** The target table as Markdown, then one line per missed target with where its time goes. */
export function renderTargets(results: BenchResults): string[] {
  const vs = verdicts(results);
  const lines = ['| target | measured | met |', '|---|---|---|'];
  for (const v of vs)
    lines.push(`| ${v.target} | ${v.measured} | ${v.met === null ? 'not measured' : v.met ? 'met' : '**not met**'} |`);
  const missed = vs.filter((v) => v.met === false);
  if (missed.length) {
    lines.push(
      '',
      `Not met (${missed.length} of ${vs.length}): the measured value, where the time goes and what it would take.`,
      '',
    );
    for (const v of missed) {
      const take = WHAT_IT_WOULD_TAKE.find(([start]) => v.target.startsWith(start))?.[1];
      lines.push(
        `- **${v.target}**: ${v.measured}.${v.profile ? ` Where the time goes: ${whereTimeGoes(results, v.profile)}.` : ''}${take ? ` What it would take: ${take}.` : ''}`,
      );
    }
  }
  return lines;
}
