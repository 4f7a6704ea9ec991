import { mergeCodes, type ErrorCodes } from './errors';

/** Small numeric helpers shared by the benchmark. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function round(x: number, places = 1): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

export interface Latency {
  requests: number;
  errors: number;
  /** The failed requests by code (bench/lib/errors.ts); the counts sum to `errors`. */
  errorCodes: ErrorCodes;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

/** Latency summary (ms) of one run from its per-request times and wall time. */
export function summarise(
  latencies: number[],
  errors: number,
  elapsedMs: number,
  errorCodes: ErrorCodes = {},
): Latency {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    errorCodes,
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
    rps: round((sorted.length / elapsedMs) * 1000, 2),
  };
}

/** Medians, field by field, over several runs (requests and errors are summed). */
export function medianOfRuns(
  runs: ReadonlyArray<Latency & { truncated?: boolean }>,
): Latency & { runs: number; truncated: boolean } {
  return {
    runs: runs.length,
    truncated: runs.some((r) => r.truncated),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    errorCodes: mergeCodes(...runs.map((r) => r.errorCodes)),
    p50: round(median(runs.map((r) => r.p50)), 2),
    p95: round(median(runs.map((r) => r.p95)), 2),
    p99: round(median(runs.map((r) => r.p99)), 2),
    rps: round(median(runs.map((r) => r.rps)), 2),
  };
}

/**
 * Up to `runs` runs of one cell within `budgetMs`: a further run starts only when the time left is at
 * least what the last run took; every run gets the time left as its hard stop. At least one run.
 */
export async function runsWithin<T>(
  runs: number,
  budgetMs: number,
  run: (stopAfterMs: number) => Promise<T>,
): Promise<T[]> {
  const started = performance.now();
  const out: T[] = [];
  let last = 0;
  for (let r = 0; r < runs; r++) {
    const left = budgetMs - (performance.now() - started);
    if (r > 0 && left < last) break;
    const t = performance.now();
    out.push(await run(Math.max(left, 1000)));
    last = performance.now() - t;
  }
  return out;
}
