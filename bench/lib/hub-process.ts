import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/load';
import { startRuntime } from '../../src/app/runtime';
import { startServer } from '../../src/server/app';

/**
 * The hub under test, in its own process (spawned by bench/lib/hub-child.ts), so its RSS and event loop
 * are the hub's alone, not the load generator's. Configuration arrives as JSON in BENCH_HUB_CONFIG
 * (overrides of the defaults, exactly as hub.config.yaml would give them). A bench-only IPC channel
 * reports the peak RSS (sampled every 100 ms) and event-loop delay since the last reset, and runs V8's
 * CPU profiler (what `node --cpu-prof` uses) around the requests only, so start-up does not count.
 */
type Message =
  | { type: 'reset' }
  | { type: 'stats' }
  | { type: 'stop' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };

async function main(): Promise<void> {
  const overrides = JSON.parse(process.env.BENCH_HUB_CONFIG ?? '{}') as Record<string, unknown>;
  const config = loadConfig({}, overrides);
  const runtime = await startRuntime(config);
  const server = await startServer(runtime, { host: '127.0.0.1', port: 0 });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  sampler.unref();

  const send = (message: unknown) => process.send?.(message);
  const profiler = new Session();
  process.on('message', (message: Message) => {
    if (message.type === 'reset') {
      delay.reset();
      peakRss = process.memoryUsage.rss();
      send({ type: 'reset-done' });
    } else if (message.type === 'stats') {
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      send({
        type: 'stats',
        rssMb: Math.round(process.memoryUsage.rss() / 1048576),
        peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
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
