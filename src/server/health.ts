import { Router } from 'express';
import type { HubRuntime } from '../app/runtime';
import { registry } from '../observability/metrics';

/**
 * /healthz: the process is up. /readyz: every source answers (503 otherwise); with Redis configured it also
 * tells whether the replicas' shared state answers — without it the hub still serves (local limits, no
 * shared cache), so that is "degraded" with 200, not a reason to take the replica out of rotation.
 * /metrics: Prometheus (hub_shared_state_up among them).
 */
export function healthRoutes(runtime: HubRuntime): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const sources = await Promise.all([...runtime.adapters.values()].map((a) => a.health()));
    const ready = sources.every((s) => s.ok);
    const shared = runtime.shared;
    const sharedState = shared
      ? {
          up: shared.up(),
          since: shared.since(),
          ...(shared.up()
            ? {}
            : { effect: 'rate limits counted per replica, no shared cache, notices reach this replica only' }),
        }
      : undefined;
    const status = !ready ? 'not ready' : sharedState && !sharedState.up ? 'degraded' : 'ready';
    res.status(ready ? 200 : 503).json({ status, sources, ...(sharedState ? { sharedState } : {}) });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
