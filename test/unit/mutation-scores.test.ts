import { problems, scoresOf, type ModuleScore } from '../mutation/scores';

/** The cheap check `npm run check` runs on the recorded mutation scores (test/mutation/scores.ts). */
const score = (s: number): ModuleScore => ({ score: s, killed: 1, measured: '2026-12-06', command: 'npx stryker run' });

describe('mutation scores check', () => {
  const config = { mutate: ['src/a.ts', 'src/b.ts:10-40'], break: 75 };

  test('every configured module scored at or above break: fine (a line range is scored under its file)', () => {
    expect(problems({ 'src/a.ts': score(75), 'src/b.ts': score(99) }, config)).toEqual([]);
  });

  test('a configured module without a score, one under break, a score of a module not configured: each named', () => {
    expect(problems({ 'src/a.ts': score(74.99), 'src/c.ts': score(90) }, config)).toEqual([
      'src/a.ts: score 74.99 is under thresholds.break 75: add tests that kill its survivors',
      'src/b.ts is mutated by stryker.config.mjs but has no recorded score: run npx stryker run stryker.config.mjs --mutate src/b.ts, then record it (test/mutation/scores.ts --record)',
      'src/c.ts has a recorded score but stryker.config.mjs does not mutate it',
    ]);
  });

  test('a configured module listed as pending (with its reason) is not a problem; unlisted it is', () => {
    expect(problems({ 'src/a.ts': score(80) }, config, { 'src/b.ts': 'run did not fit the session' })).toEqual([]);
    expect(problems({ 'src/a.ts': score(80) }, config, { 'src/c.ts': 'x' })).toHaveLength(1);
  });

  test('scores from a Stryker report: killed and timed out over every valid mutant (errors and ignored ones left out)', () => {
    const report = {
      files: {
        'src/a.ts': {
          mutants: [
            ...Array.from({ length: 6 }, () => ({ status: 'Killed' })),
            { status: 'Timeout' },
            { status: 'Survived' },
            { status: 'NoCoverage' },
            { status: 'CompileError' },
            { status: 'RuntimeError' },
            { status: 'Ignored' },
          ],
        },
        'src/empty.ts': { mutants: [] },
      },
    };
    expect(scoresOf(report, '2026-12-06', 'cmd')).toEqual({
      'src/a.ts': {
        score: 77.78,
        killed: 6,
        timedOut: 1,
        survived: 1,
        noCoverage: 1,
        measured: '2026-12-06',
        command: 'cmd',
      },
      'src/empty.ts': {
        score: 100,
        killed: 0,
        timedOut: 0,
        survived: 0,
        noCoverage: 0,
        measured: '2026-12-06',
        command: 'cmd',
      },
    });
  });
});
