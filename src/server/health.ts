import { Router } from 'express';
import type { HubRuntime } from '../app/runtime';
import { registry } from '../observability/metrics';

/** /healthz: the process is up. /readyz: every source answers (503 otherwise). /metrics: Prometheus. */
export function healthRoutes(runtime: HubRuntime): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const sources = await Promise.all([...runtime.adapters.values()].map((a) => a.health()));
    const ready = sources.every((s) => s.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', sources });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
