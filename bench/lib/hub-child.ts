import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { CodedError } from './errors';
import { hubRuntime } from './hub-build';

export interface HubStats {
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  /** process.memoryUsage() at the sample of the peak RSS (MB): V8 heap vs off-heap (Buffers, native). */
  atPeakMb?: { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** V8's heap limit in the hub (MB). */
  heapLimitMb?: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
}

export interface HubChild {
  url: string;
  pid: number;
  /** Starts a measurement window: peak RSS and event-loop delay from now. */
  reset(): Promise<void>;
  stats(): Promise<HubStats>;
  /** V8 CPU profile of everything the hub does between start and stop, written to `file` (.cpuprofile). */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts bench/lib/hub-process.ts as a child process with the given config overrides, on the hub runtime
 * of this bench run (bench/lib/hub-build.ts: the built dist/ unless BENCH_HUB_RUNTIME=tsx).
 */
export async function startHubChild(
  overrides: Record<string, unknown>,
  opts: { log?: (line: string) => void } = {},
): Promise<HubChild> {
  const runtime = await hubRuntime(opts.log);
  // BENCH_HUB_NODE_FLAGS: extra V8/Node flags for the hub only (experiments such as --max-semi-space-size).
  const flags = (process.env.BENCH_HUB_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const args = [...runtime.nodeFlags, ...flags, ...runtime.entry];
  const child = spawn(process.execPath, args, {
    cwd: path.join(__dirname, '..', '..'),
    env: {
      ...process.env,
      ...runtime.env,
      BENCH_HUB_CONFIG: JSON.stringify(overrides),
      LOG_LEVEL: process.env.BENCH_HUB_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log = opts.log ?? (() => undefined);
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await waitFor<{ url: string; pid: number }>(child, 'ready', READY_TIMEOUT_MS, exited);
  return {
    url: ready.url,
    pid: ready.pid,
    async reset() {
      child.send({ type: 'reset' });
      await waitFor(child, 'reset-done', 10_000, exited);
    },
    async stats() {
      child.send({ type: 'stats' });
      return waitFor<HubStats>(child, 'stats', 10_000, exited);
    },
    async profileStart() {
      child.send({ type: 'profile-start' });
      await waitFor(child, 'profile-started', 10_000, exited);
    },
    async profileStop(file) {
      child.send({ type: 'profile-stop', file });
      const done = await waitFor<{ error?: string }>(child, 'profile-done', 60_000, exited);
      if (done.error) throw new Error(`CPU profile failed: ${done.error}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitFor<T>(child: ChildProcess, type: string, timeoutMs: number, exited: Promise<number | null>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new CodedError('HUB_NO_ANSWER', `hub child: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    void exited.then((code) => {
      cleanup();
      reject(new CodedError('HUB_EXITED', `hub child exited (code ${code}) while waiting for "${type}"`));
    });
  });
}
