/**
 * `npm run databases`: starts throwaway PostgreSQL, MariaDB and Redis servers (or those listed in
 * HUB_TEST_ENGINES), prints their URLs and keeps them running until SIGINT/SIGTERM, so that
 * jest can be run directly against them from another shell.
 */
import {
  ENGINE_LABELS,
  enginesFromEnv,
  startDatabases,
  URL_ENV_VARS,
  type EngineName,
  type RunningDatabases,
} from './databases';

let databases: RunningDatabases | undefined;
let stopping = false;

function log(msg: string): void {
  console.log(`[test-db] ${msg}`);
}

async function main(): Promise<void> {
  const engines = enginesFromEnv(process.env.HUB_TEST_ENGINES);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const startedAt = Date.now();
  databases = await startDatabases({
    engines,
    log: (msg) => {
      log(`  ${msg}`);
    },
  });
  log(`started in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
  printUrls(databases, engines);
  log('press Ctrl+C to stop');
  // Signal listeners alone do not keep Node running.
  setInterval(() => undefined, 1 << 30);
}

function printUrls(started: RunningDatabases, engines: EngineName[]): void {
  const exports: string[] = [];
  for (const engine of engines) {
    const db = started[engine];
    if (!db) continue;
    console.log(`${ENGINE_LABELS[engine]}: ${db.url}  (pid ${db.pid})`);
    exports.push(`${URL_ENV_VARS[engine]}=${db.url}`);
  }
  console.log(`export ${exports.join(' ')}`);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  if (!databases) {
    // Still starting: exiting lets the exit hook in databases.ts kill whatever was spawned.
    process.exit(1);
  }
  log(`received ${signal}, stopping`);
  databases.stop().then(
    () => {
      log('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      log(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
