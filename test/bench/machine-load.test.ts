import { spawn, type ChildProcess } from 'node:child_process';
import { LOAD_LIMITS, loadVerdict, parsePidStat, parseProcStat, sampleLoad } from '../../bench/lib/machine-load';

/** Issue 20: the machine's load before each cell, and the verdict that marks a busy run "not citable". */
describe('machine load before a benchmark cell', () => {
  it('parses /proc/stat and /proc/<pid>/stat, command names with spaces and parentheses included', () => {
    const stat = 'cpu  100 5 50 800 20 0 5 0 0 0\ncpu0 50 2 25 400 10 0 2 0 0 0\n';
    expect(parseProcStat(stat)).toEqual({ total: 980, idle: 820 });
    const pid = '4242 (node (worker) x) S 17 4242 4242 0 -1 4194560 100 0 0 0 311 29 0 0 20 0 11 0 99 1 2';
    expect(parsePidStat(pid)).toEqual({ ppid: 17, ticks: 340 });
    expect(parsePidStat('garbage')).toBeUndefined();
  });

  it('a busy run: load at start over the limit, or other processes over their share before any cell', () => {
    const quiet = { loadAverage: [0.3, 0.2, 0.1], sampleMs: 2000, othersPercent: 3, ownPercent: 10, idlePercent: 87 };
    expect(loadVerdict([0.4, 1, 1], [{ cell: 'hub dashboard c=1', ...quiet }]).busy).toBe(false);
    expect(loadVerdict([LOAD_LIMITS.startLoad1, 1, 1], []).busy).toBe(false);

    const atStart = loadVerdict([1.27, 3, 6], [{ cell: 'hub dashboard c=1', ...quiet }]);
    expect(atStart.busy).toBe(true);
    expect(atStart.reasons.join()).toMatch(/1-min load average 1.27 at start/);

    const cells = [
      { cell: 'hub dashboard c=1', ...quiet },
      { cell: 'hub list c=32', ...quiet, othersPercent: 35.5 },
      { cell: 'floor point c=8', ...quiet, othersPercent: 20 },
    ];
    const v = loadVerdict([0.2, 0.2, 0.2], cells);
    expect(v.busy).toBe(true);
    expect(v.reasons).toEqual([
      'other processes used more than 20 % of the CPU before 1 of 3 cells (hub list c=32 35.5 %)',
    ]);
    expect(v.worst?.cell).toBe('hub list c=32');
    // Without /proc only the load at start decides.
    expect(loadVerdict([0.2], [{ cell: 'x', loadAverage: [5], sampleMs: 2000 }]).busy).toBe(false);
  });

  it("counts a spinning process as the bench's own when it is in the tree, as other work when it is not", async () => {
    const spin = (): ChildProcess =>
      spawn(process.execPath, ['-e', 'const end = Date.now() + 20000; while (Date.now() < end) {}'], {
        stdio: 'ignore',
      });
    const idle = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    const spinner = spin();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const asOwn = await sampleLoad(1000, spinner.pid!);
      const asOther = await sampleLoad(1000, idle.pid!);
      for (const s of [asOwn, asOther]) {
        expect(s.othersPercent! + s.ownPercent! + s.idlePercent!).toBeCloseTo(100, 0);
        expect(s.loadAverage).toHaveLength(3);
      }
      expect(asOwn.ownPercent!).toBeGreaterThan(0);
      expect(asOther.ownPercent!).toBeLessThan(asOwn.ownPercent!);
      expect(asOther.othersPercent!).toBeGreaterThan(0);
    } finally {
      spinner.kill('SIGKILL');
      idle.kill('SIGKILL');
    }
  });
});
