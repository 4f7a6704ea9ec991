import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  readmeBlock,
  renderMarkdown,
  replaceBlock,
  updateDocs,
  updateReadme,
  type BenchResults,
  type Measured,
} from '../../bench/lib/report';
import { renderTargets, verdicts, type TargetVerdict } from '../../bench/lib/targets';

/** Issue 20: `npm run bench` prints every target with met / not met, from one results file. */
const cell = (p50: number, extra: Partial<Measured> = {}): Measured => ({
  runs: 3,
  requests: 10,
  errors: 0,
  errorCodes: {},
  p50,
  p95: p50,
  p99: p50,
  rps: 1000 / p50,
  ...extra,
});

function scale(
  s: number,
  hub: Record<string, Record<number, Measured>>,
  floor: Record<string, Record<number, Measured>>,
) {
  return {
    scale: s,
    seed: {
      scale: s,
      departments: 30 * s,
      employees: 0,
      customers: 0,
      rows: 100_000 * s,
      rowsBySource: {},
      generateMs: 1,
      loadMs: 1,
      salesTeam: 'D0003',
    },
    concurrency: s === 10 ? [1, 32] : [1],
    // SF 70's dashboard is fetched in 3 member pages of 10 statements each (30 in all)
    statements: {
      dashboard:
        s === 70
          ? { total: 30, bySource: { crm: 3 }, responseBytes: 3, pages: 3 }
          : { total: 10, bySource: { crm: 1 }, responseBytes: 1 },
    },
    hub,
    floor,
    inProcessMs: {},
    mesh: { available: false, reason: 'skipped (--no-peer)' },
    machineLoad: [
      {
        cell: 'hub dashboard c=1',
        loadAverage: [0.1, 0.1, 0.1],
        sampleMs: 2000,
        othersPercent: 2,
        ownPercent: 5,
        idlePercent: 93,
      },
    ],
    profiles: [
      {
        workload: 'dashboard' as const,
        requests: 5,
        totalMs: 1000,
        functions: [{ function: '(garbage collector)', location: '(native)', selfMs: 190, selfPercent: 19 }],
      },
    ],
  };
}

function results(): BenchResults {
  return {
    date: '2026-12-06T09:00:00.000Z',
    command: 'npm run bench',
    commit: { hash: 'abcdef0123456789', dirty: false },
    machine: {
      cpu: '2 × test',
      memoryGb: 8,
      os: 'Linux',
      node: 'v20',
      databases: 'pg + mariadb',
      loadAverage: { atStart: [0.2, 0.2, 0.2], atEnd: [2, 2, 2] },
    },
    options: { scale: 10, runs: 3, seconds: 4, cellSeconds: 30 },
    durationSeconds: 1500,
    scales: [
      scale(
        1,
        { dashboard: { 1: cell(100) }, point: { 1: cell(3) }, cached: { 1: cell(5) } },
        { dashboard: { 1: cell(80) }, point: { 1: cell(0.5) } },
      ),
      scale(
        10,
        {
          dashboard: { 1: cell(125), 32: cell(4000, { peakRssMb: 301 }) },
          point: { 1: cell(2.5) },
          list: { 1: cell(200), 32: cell(9000, { peakRssMb: 400 }) },
          cached: { 1: cell(6.25), 32: cell(300, { errors: 2, errorCodes: { OVERLOADED: 2 }, peakRssMb: 250 }) },
        },
        { dashboard: { 1: cell(100) }, point: { 1: cell(0.5) }, list: { 1: cell(100) } },
      ),
      scale(
        70,
        { dashboard: { 1: cell(7000) }, point: { 1: cell(3.5) }, cached: { 1: cell(400) } },
        { dashboard: { 1: cell(5000) }, point: { 1: cell(0.3) } },
      ),
    ],
  } as BenchResults;
}

const byTarget = (vs: TargetVerdict[], start: string) => {
  const v = vs.find((x) => x.target.startsWith(start));
  if (!v) throw new Error(`no target starting "${start}" in ${vs.map((x) => x.target).join(' | ')}`);
  return v;
};

describe('the target table of issue 20', () => {
  it('judges every target at its boundary, at SF 10 and again at SF 70', () => {
    const vs = verdicts(results());
    expect(byTarget(vs, 'dashboard p50 ≤ 1.25 × floor (c=1, SF 10)').met).toBe(true); // 125 vs 100: exactly 1.25×
    expect(byTarget(vs, 'point p50 ≤ floor + 2 ms (c=1, SF 10)').met).toBe(true); // 2.5 vs 0.5: exactly + 2 ms
    expect(byTarget(vs, '10k-row masked list p50 ≤ 2 × floor (c=1, SF 10)').met).toBe(true); // 200 vs 100
    expect(byTarget(vs, 'cached dashboard ≥ 20× faster than cold (p50, c=1, SF 10)').met).toBe(true); // 125 / 6.25
    expect(byTarget(vs, 'hub peak RSS ≤ 300 MB at 32 concurrent dashboards').met).toBe(false); // 301 MB
    expect(byTarget(vs, 'hub peak RSS ≤ 400 MB at 32 concurrent lists').met).toBe(true);
    const c32 = byTarget(vs, 'cached dashboards at c=32 with 0 errors');
    expect(c32.met).toBe(false);
    expect(c32.measured).toContain('errors 2 (OVERLOADED 2)');
    expect(byTarget(vs, 'statements per dashboard request equal at SF 1, 10, 70')).toMatchObject({
      measured: 'SF 1: 10, SF 10: 10, SF 70: 10 per page (3 pages)',
      met: true,
    });
    const d70 = byTarget(vs, 'dashboard p50 ≤ 1.25 × floor (c=1, SF 70)');
    expect(d70.met).toBe(false); // 7000 vs 5000 = 1.4×
    expect(d70.measured).toContain('from SF 1 to 70: hub ×70, floor ×62.5, rows ×70');
    expect(byTarget(vs, 'point p50 ≤ floor + 2 ms (c=1, SF 70)').met).toBe(false); // + 3.2 ms
    expect(byTarget(vs, 'cached dashboard ≥ 20× faster than cold (p50, c=1, SF 70)').met).toBe(false); // 17.5×
    expect(byTarget(vs, 'throughput ≥ 2 × GraphQL Mesh')).toMatchObject({ met: null });
    expect(byTarget(vs, 'every error in the run recorded with its code')).toMatchObject({
      met: true,
      measured: '2 error(s): SF 10 hub cached c=32: 2 (OVERLOADED 2)',
    });
    expect(byTarget(vs, 'bench/run.ts end to end ≤ 35 min').met).toBe(true);
  });

  it('misses a target whose cell failed, says when SF 70 did not run, and catches an unrecorded error', () => {
    const r = results();
    r.scales[1]!.hub.dashboard![1] = {
      ...cell(NaN),
      runs: 0,
      errors: 1,
      errorCodes: { RESPONSE_TOO_LARGE: 1 },
      failed: 'RESPONSE_TOO_LARGE: request failed (200 RESPONSE_TOO_LARGE)',
    };
    r.scales[1]!.hub.point![1] = cell(2.6, { errors: 3, errorCodes: { TIMEOUT: 1 } });
    r.scales.pop();
    // A JSON round trip turns NaN into null: the verdict must still be "not met", not a ratio of 0.
    const vs = verdicts(JSON.parse(JSON.stringify(r)) as BenchResults);
    expect(byTarget(vs, 'dashboard p50 ≤ 1.25 × floor (c=1, SF 10)')).toMatchObject({
      met: false,
      measured: 'cell failed: RESPONSE_TOO_LARGE: request failed (200 RESPONSE_TOO_LARGE)',
    });
    expect(byTarget(vs, 'cached dashboard ≥ 20× faster than cold (p50, c=1, SF 10)').met).toBe(false);
    expect(byTarget(vs, 'point p50 ≤ floor + 2 ms (c=1, SF 10)').met).toBe(false); // + 2.1 ms
    expect(byTarget(vs, 'statements per dashboard request equal')).toMatchObject({
      met: null,
      measured: 'SF 1: 10, SF 10: 10, SF 70: – (SF 70 not run)',
    });
    expect(byTarget(vs, 'dashboard p50 ≤ 1.25 × floor (c=1, SF 70)').met).toBeNull();
    const errors = byTarget(vs, 'every error in the run recorded with its code');
    expect(errors.met).toBe(false);
    expect(errors.measured).toContain('SF 10 hub point c=1: 3 (TIMEOUT 1, UNRECORDED 2)');
  });

  it('lists each missed target with its measured value and the top of its profile', () => {
    const lines = renderTargets(results());
    expect(lines.slice(0, 2)).toEqual(['| target | measured | met |', '|---|---|---|']);
    expect(lines).toContain(
      '| hub peak RSS ≤ 300 MB at 32 concurrent dashboards (SF 10) | 301 MB (p50 4,000 ms, 0.25 req/s, 3 run(s), errors 0) | **not met** |',
    );
    const missed = lines.find((l) => l.startsWith('- **hub peak RSS ≤ 300 MB'));
    expect(missed).toContain(
      'Where the time goes: dashboard profile (5 requests, 1,000 ms busy): (garbage collector) 19 %',
    );
    expect(lines.find((l) => l.startsWith('- **cached dashboards at c=32'))).toContain('no cached profile in this run');
  });

  it('marks a busy run in the results file and the README block; a quiet one says so', () => {
    const quiet = results();
    expect(renderMarkdown(quiet)).toMatch(
      /^> Quiet machine: other processes used at most 2 % of the CPU before a cell/m,
    );
    const busy = results();
    busy.scales[1]!.machineLoad!.push({
      cell: 'hub list c=32',
      loadAverage: [3, 2, 1],
      sampleMs: 2000,
      othersPercent: 45,
      ownPercent: 5,
      idlePercent: 50,
    });
    expect(renderMarkdown(busy)).toContain(
      '> **BUSY — not citable.** other processes used more than 20 % of the CPU before 1 of 4 cells (SF 10 hub list c=32 45 %)',
    );
    const block = readmeBlock(busy, 'bench/results/2026-12-06-sf10.md');
    expect(block).toContain('[bench/results/2026-12-06-sf10.md](bench/results/2026-12-06-sf10.md)');
    expect(block).toContain('at commit abcdef0');
    expect(block).toContain('BUSY — not citable');
  });

  it('replaces only the text between the markers', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-block-')), 'README.md');
    writeFileSync(file, '# T\n\nbefore\n<!-- a -->\nold numbers\n<!-- b -->\nafter\n');
    replaceBlock(file, ['<!-- a -->', '<!-- b -->'], 'new numbers\n');
    expect(readFileSync(file, 'utf8')).toBe('# T\n\nbefore\n<!-- a -->\nnew numbers\n<!-- b -->\nafter\n');
  });

  it('--docs writes the README block and the docs section from the same results, and refuses a README without markers', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-publish-'));
    const readme = path.join(dir, 'README.md');
    const docs = path.join(dir, 'benchmarks.md');
    writeFileSync(
      readme,
      '## Benchmarks\n\nintro\n\n<!-- bench:readme:start -->\nstale 1.55×\n<!-- bench:readme:end -->\n\n## Next\n',
    );
    writeFileSync(docs, '# Benchmarks\n\nmethod\n\n<!-- bench:results:start -->\nstale\n<!-- bench:results:end -->\n');
    const r = results();
    updateReadme(readme, r, 'bench/results/2026-12-06-sf10.md');
    updateDocs(docs, renderMarkdown(r, 'bench/results/2026-12-06-sf10.md'));
    const readmeText = readFileSync(readme, 'utf8');
    const docsText = readFileSync(docs, 'utf8');
    expect(readmeText).not.toContain('stale');
    expect(readmeText).toMatch(
      /^## Benchmarks\n\nintro\n\n<!-- bench:readme:start -->\nLast run: 2026-12-06 09:00 UTC/,
    );
    expect(readmeText).toMatch(/<!-- bench:readme:end -->\n\n## Next\n$/);
    // Every target row of the README is the docs section's row: the numbers cannot drift apart.
    const rows = (t: string) => t.split('\n').filter((l) => l.startsWith('| ') && l.includes(' met |'));
    expect(rows(readmeText).length).toBeGreaterThan(5);
    expect(rows(docsText)).toEqual(expect.arrayContaining(rows(readmeText)));
    expect(docsText).toMatch(
      /^# Benchmarks\n\nmethod\n\n<!-- bench:results:start -->\n### Run of 2026-12-06 09:00 UTC/,
    );
    const bare = path.join(dir, 'BARE.md');
    writeFileSync(bare, '# no markers\n');
    expect(() => updateReadme(bare, r, 'x.md')).toThrow(/no <!-- bench:readme:start -->/);
  });

  it('--render --docs refuses to publish a busy run (exit code 2, docs and README untouched)', () => {
    const root = path.join(__dirname, '..', '..');
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-busy-'));
    const busy = results();
    busy.machine.loadAverage!.atStart = [3.5, 2, 1];
    const json = path.join(dir, '2026-12-06-sf10.json');
    writeFileSync(json, JSON.stringify(busy));
    const docs = readFileSync(path.join(root, 'docs', 'benchmarks.md'), 'utf8');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'run.ts'), '--render', json, '--docs'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('--docs refused');
    expect(run.stdout).toContain('Targets (issue 20) — BUSY run, not citable');
    expect(readFileSync(path.join(root, 'docs', 'benchmarks.md'), 'utf8')).toBe(docs);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toBe(readme);
    expect(readFileSync(json.replace(/\.json$/, '.md'), 'utf8')).toContain('BUSY — not citable');
  });
});
