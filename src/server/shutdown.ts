import type { HubRuntime } from '../app/runtime';
import { logger } from '../logger';
import type { HubServer } from './app';

/**
 * Stopping the hub, in order. Each step runs after the previous one finished; a step that fails is logged
 * and the next still runs, so one stuck pool never keeps the port or the others open.
 *   1. the server: stop accepting, drain in-flight requests (Apollo's drain: idle keep-alive sockets close
 *      at once, busy ones get `server.shutdownGraceMs`, then are closed), close WebSockets, write the
 *      refusals still counted;
 *   2. the runtime: timers, notices, the shared state (Redis), source pools, the store, the embedded engine.
 * Steps another part of the hub needs (an audit record of the stop, for instance) slot in here.
 */
export async function stopHub(server: HubServer | undefined, runtime: HubRuntime): Promise<void> {
  const steps: Array<[string, () => Promise<void>]> = [
    ['drain requests and close sockets', async () => server?.stop()],
    ['close the runtime (sources, store, shared state)', () => runtime.close()],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
      logger.info({ step: name }, 'shutdown step done');
    } catch (error) {
      logger.error({ err: error, step: name }, 'shutdown step failed');
    }
  }
}

/**
 * SIGTERM and SIGINT (whichever the process receives, once): stop the hub, then exit 0. If stopping takes
 * longer than `boundMs` the process exits 1 anyway — an orchestrator's kill timeout must not be the thing
 * that ends the hub. A second signal while stopping exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>, boundMs: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, boundMs }, 'shutting down: draining requests');
    setTimeout(() => {
      logger.error({ boundMs }, 'shutdown took longer than its bound: exiting');
      process.exit(1);
    }, boundMs).unref();
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
