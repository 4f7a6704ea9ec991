/**
 * `npm test`: starts throwaway PostgreSQL/MariaDB/Redis servers, runs `npm run check` and then jest
 * against them (HUB_TEST_PG_URL / HUB_TEST_MYSQL_URL / HUB_TEST_REDIS_URL), and stops the servers on every path.
 *
 *   HUB_TEST_ENGINES=postgres,mysql,redis   which servers to start (default: all three)
 *   HUB_TEST_SKIP_CHECK=1             skip `npm run check`
 *
 * Extra arguments are passed to jest. Exits with the first non-zero child exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import {
  ENGINE_LABELS,
  enginesFromEnv,
  startDatabases,
  URL_ENV_VARS,
  type EngineName,
  type RunningDatabases,
} from './databases';

interface Step {
  label: string;
  command: string;
  args: string[];
}

/** How long an interrupted child gets to exit before it is killed. */
const CHILD_GRACE_MS = 10_000;

let databases: RunningDatabases | undefined;
let runningChild: ChildProcess | undefined;
let interruptedBy: NodeJS.Signals | undefined;
/** The interrupted child and its descendants, captured when the signal arrived. */
let interruptedProcesses: number[] = [];

function log(msg: string): void {
  console.log(`[test-db] ${msg}`);
}

async function main(): Promise<number> {
  const engines = enginesFromEnv(process.env.HUB_TEST_ENGINES);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    databases = await startAndReport(engines);
    return await runSteps(plannedSteps(process.argv.slice(2)), childEnv(databases));
  } finally {
    await waitForInterruptedProcesses();
    await stopAndReport();
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (interruptedBy) return;
  interruptedBy = signal;
  log(`received ${signal}, shutting down`);
  if (!databases) {
    // Still starting: exiting now lets the exit hook in databases.ts kill whatever was spawned.
    process.exit(exitCodeForSignal(signal));
  }
  const pid = runningChild?.pid;
  if (pid !== undefined) {
    // npm and `sh -c` do not pass signals on, so signal the whole tree (jest, tsc, ...) directly.
    interruptedProcesses = [pid, ...descendantPids(pid)];
    signalAll(interruptedProcesses, signal);
    setTimeout(() => {
      signalAll(interruptedProcesses, 'SIGKILL');
    }, CHILD_GRACE_MS).unref();
  }
  // main() then sees interruptedBy, skips remaining steps and stops the servers.
}

/** Lets interrupted tests finish disconnecting before their servers go away. */
async function waitForInterruptedProcesses(): Promise<void> {
  const deadline = Date.now() + CHILD_GRACE_MS;
  while (interruptedProcesses.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalAll(interruptedProcesses.filter(isAlive), 'SIGKILL');
}

async function startAndReport(engines: EngineName[]): Promise<RunningDatabases> {
  const startedAt = Date.now();
  log(`starting ${engines.map((e) => ENGINE_LABELS[e]).join(' and ')}`);
  const started = await startDatabases({
    engines,
    log: (msg) => {
      log(`  ${msg}`);
    },
  });
  for (const engine of engines) {
    const db = started[engine];
    if (db) log(`${ENGINE_LABELS[engine]} ready on 127.0.0.1:${db.port} (pid ${db.pid})`);
  }
  log(`databases started in ${seconds(Date.now() - startedAt)}`);
  return started;
}

async function stopAndReport(): Promise<void> {
  if (!databases) return;
  const stoppingAt = Date.now();
  await databases.stop();
  log(`databases stopped in ${seconds(Date.now() - stoppingAt)}`);
}

function plannedSteps(jestArgs: string[]): Step[] {
  const steps: Step[] = [];
  if (process.env.HUB_TEST_SKIP_CHECK !== '1') {
    steps.push({ label: 'npm run check', command: 'npm', args: ['run', 'check'] });
  }
  // `npm run jest`: jest with --experimental-vm-modules, which PGlite's dynamic import() needs.
  if (jestArgs.length > 0) {
    steps.push({ label: 'jest', command: 'npm', args: ['run', '--silent', 'jest', '--', ...jestArgs] });
    return steps;
  }
  // The whole suite in two runs: everything else with jest's workers, then the security suites one at a
  // time. Those assert that the hub keeps answering /healthz within a second while an attacker's load runs
  // against it (a child hub process, many sockets): a bound about the hub, which other suites' CPU on the
  // same two cores must not decide. In band, a handle a test leaves open (a knex pool, a timer) would keep
  // jest alive after the last suite; --forceExit ends it there so that CI reports the results instead of
  // timing out (jest still prints "did not exit" when that happens: a leak to fix, not to ignore).
  steps.push({
    label: 'jest',
    command: 'npm',
    args: ['run', '--silent', 'jest', '--', '--testPathIgnorePatterns', '/test/security/'],
  });
  steps.push({
    label: 'jest (security, in band)',
    command: 'npm',
    args: ['run', '--silent', 'jest', '--', '--runInBand', '--forceExit', 'test/security/'],
  });
  return steps;
}

function childEnv(started: RunningDatabases): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const engine of Object.keys(URL_ENV_VARS) as EngineName[]) {
    const db = started[engine];
    if (db) env[URL_ENV_VARS[engine]] = db.url;
  }
  return env;
}

/** Runs every step (a failed check still lets jest report); returns the first non-zero exit code. */
async function runSteps(steps: Step[], env: NodeJS.ProcessEnv): Promise<number> {
  let firstFailure = 0;
  for (const step of steps) {
    if (interruptedBy) break;
    const code = await runChild(step, env);
    if (code !== 0) {
      log(`${step.label} exited with code ${code}`);
      if (firstFailure === 0) firstFailure = code;
    }
  }
  return interruptedBy ? exitCodeForSignal(interruptedBy) : firstFailure;
}

function runChild(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: 'inherit', env });
    runningChild = child;
    child.once('error', (error) => {
      runningChild = undefined;
      log(`could not run ${step.label}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      runningChild = undefined;
      resolve(signal ? exitCodeForSignal(signal) : (code ?? 1));
    });
  });
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

interface ProcStat {
  state: string;
  ppid: number;
}

/** Linux only (as is the rest of the harness): reads state and parent from /proc/<pid>/stat. */
function readProcStat(pid: number): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === undefined || ppid === undefined ? undefined : { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  const stat = readProcStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function descendantPids(rootPid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  for (const entry of entries) {
    const pid = Number(entry);
    const stat = readProcStat(pid);
    if (stat) childrenOf.set(stat.ppid, [...(childrenOf.get(stat.ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [rootPid];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    const children = childrenOf.get(parent) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + osConstants.signals[signal];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
