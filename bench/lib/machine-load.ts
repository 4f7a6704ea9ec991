import { readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';

/**
 * How busy the machine was just before a benchmark cell, and whether a run may be cited (issue 20:
 * "record the machine's load before each cell and refuse to write a results file when it was busy (or
 * mark it)"). The 1-minute load average alone cannot judge a cell: it still carries the bench's own
 * previous cell for minutes. So the sample measures, over `ms` (2 s), the CPU time of the whole machine
 * (/proc/stat) minus the CPU time of the bench's own process tree (this process, the hub and peer
 * children, the database servers it started and their workers; /proc/<pid>/stat): what *other* work used.
 */
export interface LoadSample {
  /** os.loadavg() at the end of the sample: 1, 5 and 15 minutes. */
  loadAverage: number[];
  /** Length of the sample (ms). */
  sampleMs: number;
  /** Share of the machine's CPU time (all cores) used by processes outside the bench's tree, %; undefined without /proc. */
  othersPercent?: number;
  /** Share used by the bench's own tree (its databases at rest, idle hub), %. */
  ownPercent?: number;
  /** Share idle (idle + iowait), %. */
  idlePercent?: number;
}

export interface CellLoad extends LoadSample {
  cell: string;
}

/** Thresholds of a citable run, stated in every results file. */
export const LOAD_LIMITS = {
  /** 1-minute load average when the run starts (before it starts anything), on any number of cores. */
  startLoad1: 1.0,
  /** Other processes' share of all CPU time in the 2 s before any cell: at most 20 % (the machine ≥ 80 % idle of others). */
  othersPercent: 20,
} as const;

export interface LoadVerdict {
  busy: boolean;
  reasons: string[];
  /** The worst cell: most CPU used by other processes. */
  worst?: CellLoad;
  limits: typeof LOAD_LIMITS;
}

/** Busy when the 1-min load at start exceeded its limit or other processes used more than their share before any cell. */
export function loadVerdict(atStart: number[] | undefined, cells: readonly CellLoad[]): LoadVerdict {
  const reasons: string[] = [];
  if (atStart && atStart[0]! > LOAD_LIMITS.startLoad1)
    reasons.push(`1-min load average ${atStart[0]} at start (limit ${LOAD_LIMITS.startLoad1})`);
  const measured = cells.filter((c) => c.othersPercent !== undefined);
  const over = measured.filter((c) => c.othersPercent! > LOAD_LIMITS.othersPercent);
  if (over.length) {
    const shown = over
      .slice(0, 5)
      .map((c) => `${c.cell} ${c.othersPercent} %`)
      .join(', ');
    reasons.push(
      `other processes used more than ${LOAD_LIMITS.othersPercent} % of the CPU before ${over.length} of ${measured.length} cells (${shown}${over.length > 5 ? ', …' : ''})`,
    );
  }
  const worst = [...measured].sort((a, b) => b.othersPercent! - a.othersPercent!)[0];
  return { busy: reasons.length > 0, reasons, worst, limits: LOAD_LIMITS };
}

interface CpuTimes {
  total: number;
  idle: number;
}

/** The machine's aggregate CPU times in clock ticks (first line of /proc/stat). */
export function parseProcStat(text: string): CpuTimes {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no "cpu" line');
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice).
  const total = v.slice(0, 8).reduce((a, x) => a + (Number.isFinite(x) ? x : 0), 0);
  return { total, idle: (v[3] ?? 0) + (v[4] ?? 0) };
}

/** ppid and utime + stime (ticks) of one /proc/<pid>/stat line; the command name may hold spaces and parentheses. */
export function parsePidStat(text: string): { ppid: number; ticks: number } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // After "pid (comm) ": state(3) ppid(4) … utime(14) stime(15) — index 0 here is field 3.
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const ppid = Number(f[1]);
  const ticks = Number(f[11]) + Number(f[12]);
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { ppid, ticks } : undefined;
}

/** CPU ticks used so far by `root` and every descendant alive now. */
function treeTicks(root: number): Map<number, number> {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parsed = parsePidStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (parsed) procs.set(Number(name), parsed);
    } catch {
      // gone meanwhile
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const out = new Map<number, number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const p = procs.get(pid);
    if (p) out.set(pid, p.ticks);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Samples the machine for `ms`: CPU shares of other processes, of the bench's tree, idle; load averages. */
export async function sampleLoad(ms = 2000, root = process.pid): Promise<LoadSample> {
  let before: { cpu: CpuTimes; tree: Map<number, number> } | undefined;
  try {
    before = { cpu: parseProcStat(readFileSync('/proc/stat', 'utf8')), tree: treeTicks(root) };
  } catch {
    before = undefined; // no /proc: load averages only
  }
  await new Promise((r) => setTimeout(r, ms));
  const loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
  if (!before) return { loadAverage, sampleMs: ms };
  const cpu = parseProcStat(readFileSync('/proc/stat', 'utf8'));
  const tree = treeTicks(root);
  const total = cpu.total - before.cpu.total;
  if (total <= 0) return { loadAverage, sampleMs: ms };
  let own = 0;
  for (const [pid, ticks] of tree) own += ticks - (before.tree.get(pid) ?? 0);
  const busy = total - (cpu.idle - before.cpu.idle);
  own = Math.min(Math.max(own, 0), busy);
  return {
    loadAverage,
    sampleMs: ms,
    othersPercent: round1(((busy - own) / total) * 100),
    ownPercent: round1((own / total) * 100),
    idlePercent: round1(((total - busy) / total) * 100),
  };
}

/**
 * Samples until other processes use at most their share (LOAD_LIMITS.othersPercent) or `maxMs` has
 * passed: a run started right after another (`npm run bench` starts bench/scale-out.ts when bench/run.ts
 * ends) lets the machine settle instead of judging itself by a load average that still carries the
 * previous run. Returns the last sample and how long it waited.
 */
export async function sampleUntilQuiet(
  maxMs = 30_000,
  ms = 2000,
  root = process.pid,
): Promise<LoadSample & { waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const sample = await sampleLoad(ms, root);
    const waitedMs = Math.round(performance.now() - started);
    if (sample.othersPercent === undefined || sample.othersPercent <= LOAD_LIMITS.othersPercent || waitedMs >= maxMs)
      return { ...sample, waitedMs };
  }
}
