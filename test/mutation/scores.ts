/**
 * The mutation scores of the security-critical modules, kept in test/mutation/scores.json, and the cheap
 * check `npm run check` runs on them (`npm run mutation:check`; Stryker itself is `npm run mutation`, far
 * too slow for every check):
 * - every module stryker.config.mjs mutates has a recorded score — or is listed under `pending` with the
 *   reason, so no module goes unscored silently — and no score is recorded for a module it does not mutate
 *   (a module added to the list must be scored, or declared pending, before the check passes again);
 * - every recorded score is at or above the config's `thresholds.break` (which `npm run mutation` enforces
 *   on the scores it measures: below it, Stryker exits non-zero).
 * `tsx test/mutation/scores.ts --record reports/mutation/mutation.json "<command>"` writes the scores of the
 * files in a Stryker JSON report (score = killed + timed out over all valid mutants, Stryker's own
 * definition; compile and runtime errors are not valid mutants) with the command that measured them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const SCORES = join(ROOT, 'test', 'mutation', 'scores.json');

export interface ModuleScore {
  score: number;
  killed: number;
  /** Absent for scores recorded by hand from a run's summary that did not split them per module. */
  timedOut?: number;
  survived?: number;
  noCoverage?: number;
  measured: string;
  command: string;
  note?: string;
}

interface ScoreFile {
  about: string;
  modules: Record<string, ModuleScore>;
  /** Configured modules not scored yet, each with why: listed, so none goes unscored silently. */
  pending?: Record<string, string>;
}

interface StrykerReport {
  files: Record<string, { mutants: Array<{ status: string }> }>;
}

async function strykerConfig(): Promise<{ mutate: string[]; break: number }> {
  const config = (await import(pathToFileURL(join(ROOT, 'stryker.config.mjs')).href)) as {
    default: { mutate: string[]; thresholds: { break: number } };
  };
  return { mutate: config.default.mutate, break: config.default.thresholds.break };
}

/** Scores of the files in a Stryker mutation.json report. */
export function scoresOf(report: StrykerReport, measured: string, command: string): Record<string, ModuleScore> {
  const out: Record<string, ModuleScore> = {};
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const count = (status: string) => mutants.filter((m) => m.status === status).length;
    const killed = count('Killed');
    const timedOut = count('Timeout');
    const survived = count('Survived');
    const noCoverage = count('NoCoverage');
    const valid = killed + timedOut + survived + noCoverage;
    out[file.replace(/\\/g, '/')] = {
      score: valid === 0 ? 100 : Math.round(((killed + timedOut) / valid) * 10_000) / 100,
      killed,
      timedOut,
      survived,
      noCoverage,
      measured,
      command,
    };
  }
  return out;
}

/** What is wrong with the recorded scores against the config (empty: fine). */
export function problems(
  scores: Record<string, ModuleScore>,
  config: { mutate: readonly string[]; break: number },
  pending: Readonly<Record<string, string>> = {},
): string[] {
  const out: string[] = [];
  // An entry may narrow a file to line ranges (src/x.ts:10-80): its score is recorded under the file.
  const files = config.mutate.map((m) => m.replace(/(:\d+(-\d+)?)+$/, ''));
  for (const file of files) {
    const s = scores[file];
    if (!s && pending[file]) continue;
    if (!s)
      out.push(
        `${file} is mutated by stryker.config.mjs but has no recorded score: run npx stryker run stryker.config.mjs --mutate ${file}, then record it (test/mutation/scores.ts --record)`,
      );
    else if (s.score < config.break)
      out.push(
        `${file}: score ${s.score} is under thresholds.break ${config.break}: add tests that kill its survivors`,
      );
  }
  for (const file of Object.keys(scores))
    if (!files.includes(file)) out.push(`${file} has a recorded score but stryker.config.mjs does not mutate it`);
  return out;
}

async function main(): Promise<void> {
  const file = JSON.parse(readFileSync(SCORES, 'utf8')) as ScoreFile;
  const [flag, report, command] = process.argv.slice(2);
  if (flag === '--record') {
    if (!report || !command) throw new Error('usage: scores.ts --record <mutation.json> "<command that produced it>"');
    const measured = new Date().toISOString().slice(0, 10);
    const recorded = scoresOf(JSON.parse(readFileSync(report, 'utf8')) as StrykerReport, measured, command);
    const modules = { ...file.modules, ...recorded };
    const sorted = Object.fromEntries(
      Object.keys(modules)
        .sort()
        .map((k) => [k, modules[k]!]),
    );
    writeFileSync(SCORES, `${JSON.stringify({ ...file, modules: sorted }, null, 2)}\n`);
    for (const [f, s] of Object.entries(recorded)) process.stdout.write(`${f}: ${s.score}\n`);
    return;
  }
  const config = await strykerConfig();
  const found = problems(file.modules, config, file.pending);
  for (const [f, why] of Object.entries(file.pending ?? {}))
    if (file.modules[f]) found.push(`${f} is scored and also listed as pending: remove it from pending`);
    else process.stdout.write(`mutation scores: ${f} not scored yet (${why})\n`);
  if (found.length > 0) {
    process.stderr.write(`mutation scores (test/mutation/scores.json):\n${found.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const lowest = Math.min(...Object.values(file.modules).map((s) => s.score));
  process.stdout.write(
    `mutation scores: ${Object.keys(file.modules).length} of ${config.mutate.length} modules scored, lowest ${lowest}, break ${config.break}\n`,
  );
}

if (require.main === module)
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
