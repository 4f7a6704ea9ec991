import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type * as ConfigLoad from '../../src/config/load';
import type * as Runtime from '../../src/app/runtime';
import type * as ServerApp from '../../src/server/app';

/**
 * The hub under test, in its own process (spawned by bench/lib/hub-child.ts), so its RSS and event loop
 * are the hub's alone, not the load generator's. It loads the hub from BENCH_HUB_ROOT: the built `dist/`
 * (what `npm run start:prod` runs; this file then runs as plain JavaScript, compiled by hub-build.ts, so
 * no TypeScript loader, transform cache or source map is resident) or `src/` under tsx (development).
 * Configuration arrives as JSON in BENCH_HUB_CONFIG (overrides of the defaults, exactly as hub.config.yaml
 * would give them). A bench-only IPC channel reports the peak RSS (sampled every 100 ms) with the heap and
 * off-heap memory at that peak, the event-loop delay since the last reset, and runs V8's CPU profiler (what
 * `node --cpu-prof` uses) around the requests only, so start-up does not count.
 */
type Message =
  | { type: 'reset' }
  | { type: 'stats' }
  | { type: 'stop' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };

const root = process.env.BENCH_HUB_ROOT ?? path.join(__dirname, '..', '..', 'src');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(module: string): T => require(path.join(root, module)) as T;

const mb = (bytes: number) => Math.round(bytes / 1048576);

async function main(): Promise<void> {
  const { loadConfig } = load<typeof ConfigLoad>('config/load');
  const { startRuntime } = load<typeof Runtime>('app/runtime');
  const { startServer } = load<typeof ServerApp>('server/app');
  const overrides = JSON.parse(process.env.BENCH_HUB_CONFIG ?? '{}') as Record<string, unknown>;
  const config = loadConfig({}, overrides);
  const runtime = await startRuntime(config);
  const server = await startServer(runtime, { host: '127.0.0.1', port: 0 });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let peak = process.memoryUsage();
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 100);
  sampler.unref();

  const send = (message: unknown) => process.send?.(message);
  const profiler = new Session();
  process.on('message', (message: Message) => {
    if (message.type === 'reset') {
      delay.reset();
      peak = process.memoryUsage();
      send({ type: 'reset-done' });
    } else if (message.type === 'stats') {
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const now = process.memoryUsage();
      if (now.rss > peak.rss) peak = now;
      send({
        type: 'stats',
        rssMb: mb(now.rss),
        peakRssMb: mb(peak.rss),
        heapUsedMb: mb(now.heapUsed),
        atPeakMb: {
          heapTotal: mb(peak.heapTotal),
          heapUsed: mb(peak.heapUsed),
          external: mb(peak.external),
          arrayBuffers: mb(peak.arrayBuffers),
        },
        heapLimitMb: mb(getHeapStatistics().heap_size_limit),
        eventLoopDelayMs: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
          mean: ms(delay.mean),
        },
      });
    } else if (message.type === 'profile-start') {
      profiler.connect();
      profiler.post('Profiler.enable', () =>
        profiler.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
          profiler.post('Profiler.start', () => send({ type: 'profile-started' })),
        ),
      );
    } else if (message.type === 'profile-stop') {
      profiler.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
        profiler.disconnect();
        send({ type: 'profile-done', error: error?.message });
      });
    } else if (message.type === 'stop') {
      clearInterval(sampler);
      delay.disable();
      void (async () => {
        await server.stop();
        await runtime.close();
        // A normal exit, so --cpu-prof (when given) writes its profile.
        process.exit(0);
      })();
    }
  });
  // The parent going away (Ctrl-C, crash) takes the hub with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: server.url, pid: process.pid });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
