import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { stringify } from 'yaml';
import { startRedis, type RunningDatabase } from '../support/databases';
import { pgSourcesUrl, TEST_JWT_SECRET } from '../support/engines';
import { DEMO_SERVICE_KEY, tokenFor } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';
import { startHubProcess, type HubProcess } from './hub-process';

/**
 * Three hub replicas as child processes on one PostgreSQL store and one Redis (`redis.url`): the rate limit
 * counted across them, a dashboard computed on one served from the shared cache by another, an approval on
 * one pushed to a subscriber on another and in force on the third within a second — and Redis stopped and
 * started under them: requests keep being answered, /readyz says so, the shared behaviour comes back.
 */
const BURST = 60;
const CEO = 'EMP-000001';
const ANALYST = 'EMP-000271';
const MANAGER = 'EMP-000267';
const DASHBOARD = /* GraphQL */ `
  query ($codes: [String!]!, $from: String!, $to: String!) {
    indicatorValues(codes: $codes, from: $from, to: $to, grain: MONTH) {
      rows {
        period
        cells {
          code
          value
        }
      }
      statements {
        source
        fact
        cached
        asOf
      }
    }
  }
`;
type Dashboard = {
  indicatorValues: { rows: unknown[]; statements: Array<{ cached: boolean; asOf: string }> };
};

describe('three hub processes on one store and one Redis', () => {
  let redis: RunningDatabase;
  let dropStore: () => Promise<void>;
  let dir: string;
  const hubs: HubProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const store = await isolatedPostgresStore();
    dropStore = store.drop;
    const url = pgSourcesUrl();
    const source = (schema: string) => ({
      engine: 'postgres',
      url,
      schema,
      pool: { max: 3 },
      acquireTimeoutMs: 30_000,
    });
    dir = mkdtempSync(join(tmpdir(), 'indicator-hub-replicas-'));
    const config = {
      server: { host: '127.0.0.1' },
      demo: { enabled: true, seed: false },
      auth: { jwt: { secret: TEST_JWT_SECRET } },
      ...store.overrides,
      sources: { crm: source('crm'), erp: source('erp'), hr: source('hr'), procurement: source('procurement') },
      // Generous: two cores shared by many processes; a slower command would fall back to the local count.
      redis: { url: redis.url, commandTimeoutMs: 5000 },
      // The fallback refresh is far away: what reaches the other replicas within a second is the push.
      governance: { refreshSeconds: 120 },
      limits: { rateLimit: { burst: BURST, perMinute: 1 } },
    };
    writeFileSync(join(dir, 'hub.config.yaml'), stringify(config));
    // One after the other: three start-ups at once on two shared cores only slow each other down.
    for (const name of ['replica 1', 'replica 2', 'replica 3'])
      hubs.push(await startHubProcess(join(dir, 'hub.config.yaml'), name));
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await Promise.allSettled(hubs.map((h) => h.stop()));
    await redis?.stop();
    await dropStore?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  test('the rate limit holds across the replicas: the sum of admitted requests is the limit', async () => {
    const query = '{ me { principal } }';
    const results: Array<Awaited<ReturnType<HubProcess['query']>>> = [];
    // Round robin, a few at a time on each replica.
    for (let i = 0; i < 3 * BURST; i += 6)
      results.push(
        ...(await Promise.all(
          Array.from({ length: 6 }, (_, j) => hubs[(i + j) % 3]!.query(query, {}, { apiKey: DEMO_SERVICE_KEY })),
        )),
      );
    const admitted = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 429);
    // In process, each replica would have admitted its BURST: 3 × BURST in all.
    expect(admitted).toBe(BURST);
    expect(refused).toHaveLength(2 * BURST);
    expect(refused[0]!.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  test('a dashboard computed on replica 1 is a cache hit on replica 2', async () => {
    const vars = { codes: ['revenue', 'gross_margin', 'receivables_balance'], from: '2025-01', to: '2025-06' };
    const cold = await hubs[0]!.query<Dashboard>(DASHBOARD, vars);
    expect(cold.errors).toBeUndefined();
    expect(cold.extensions!.trace!.statements).toBeGreaterThan(0);
    const warm = await hubs[1]!.query<Dashboard>(DASHBOARD, vars);
    expect(warm.errors).toBeUndefined();
    expect(warm.extensions!.trace!.statements).toBe(0);
    expect(warm.data!.indicatorValues.statements.every((s) => s.cached)).toBe(true);
    expect(warm.data!.indicatorValues.rows).toEqual(cold.data!.indicatorValues.rows);
    expect(warm.data!.indicatorValues.statements.map((s) => s.asOf)).toEqual(
      cold.data!.indicatorValues.statements.map((s) => s.asOf),
    );
  });

  test('an approval on replica 3 reaches a subscriber on replica 1 and is in force on replica 2 within a second', async () => {
    const version = async (hub: HubProcess) =>
      (await hub.query<{ indicator: { version: string } }>('{ indicator(code: "cogs") { version } }')).data!.indicator
        .version;
    expect(await version(hubs[1]!)).toBe('v1');
    const client = createClient({
      url: hubs[0]!.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor(CEO)}` },
      retryAttempts: 0,
    });
    clients.push(client);
    const heard: Array<{ kind: string; code: string; at: number }> = [];
    let subscribed!: () => void;
    const ready = new Promise<void>((resolve) => (subscribed = resolve));
    client.on('connected', () => setTimeout(subscribed, 300));
    client.subscribe<{ indicatorNotices: { kind: string; code: string } }>(
      { query: 'subscription { indicatorNotices(codes: ["cogs"]) { kind code } }' },
      {
        next: (r) => r.data && heard.push({ ...r.data.indicatorNotices, at: Date.now() }),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await ready;

    const definition = readFileSync('models/demo/indicators/finance/cogs.yaml', 'utf8').replace(
      /synonyms: \[/,
      'synonyms: [销货成本, ',
    );
    const proposed = await hubs[2]!.query<{ proposeIndicatorChange: { id: string; revision: number } }>(
      'mutation($d: String!) { proposeIndicatorChange(input: { code: "cogs", kind: UPDATE, definition: $d, reason: "Another synonym", submit: true }) { id revision } }',
      { d: definition },
      ANALYST,
    );
    expect(proposed.errors).toBeUndefined();
    const change = proposed.data!.proposeIndicatorChange;
    const approved = await hubs[2]!.query(
      `mutation { approveIndicatorChange(id: "${change.id}", expectedRevision: ${change.revision}, comment: "ok") { resultVersion } }`,
      {},
      MANAGER,
    );
    const approvedAt = Date.now();
    expect(approved.errors).toBeUndefined();

    let inForceAt: number | undefined;
    while (Date.now() - approvedAt < 3000 && (inForceAt === undefined || !heard.some((n) => n.kind === 'approved'))) {
      if (inForceAt === undefined && (await version(hubs[1]!)) === 'v2') inForceAt = Date.now();
      await new Promise((r) => setTimeout(r, 20));
    }
    const notice = heard.find((n) => n.kind === 'approved');
    expect(notice).toMatchObject({ kind: 'approved', code: 'cogs' });
    expect(notice!.at - approvedAt).toBeLessThan(1000);
    expect(inForceAt).toBeDefined();
    expect(inForceAt! - approvedAt).toBeLessThan(1000);
  });

  test('Redis stopped and started: requests keep succeeding, /readyz and /metrics say so, sharing comes back', async () => {
    const port = redis.port;
    await redis.stop();
    // Every replica keeps answering, on local limits and its own cache.
    for (const hub of hubs) {
      const res = await hub.query('{ me { principal } }', {}, CEO);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ me: { principal: CEO } });
    }
    const readiness = async (hub: HubProcess) =>
      JSON.parse((await hub.get('/readyz')).body) as { status: string; sharedState: { up: boolean } };
    await eventually(async () => {
      for (const hub of hubs)
        expect(await readiness(hub)).toMatchObject({ status: 'degraded', sharedState: { up: false } });
    });
    const metrics = await hubs[0]!.get('/metrics');
    expect(metrics.body).toMatch(/^hub_shared_state_up 0$/m);
    const down = await hubs[1]!.query<Dashboard>(DASHBOARD, { codes: ['revenue'], from: '2024-01', to: '2024-03' });
    expect(down.status).toBe(200);
    expect(down.errors).toBeUndefined();

    redis = await startRedis({ port });
    await eventually(async () => {
      for (const hub of hubs)
        expect(await readiness(hub)).toMatchObject({ status: 'ready', sharedState: { up: true } });
    }, 15_000);
    expect((await hubs[0]!.get('/metrics')).body).toMatch(/^hub_shared_state_up 1$/m);
    // Shared again: a dashboard computed on replica 3 is a hit on replica 1.
    const vars = { codes: ['revenue', 'order_count'], from: '2024-04', to: '2024-09' };
    const cold = await hubs[2]!.query<Dashboard>(DASHBOARD, vars);
    expect(cold.extensions!.trace!.statements).toBeGreaterThan(0);
    const warm = await hubs[0]!.query<Dashboard>(DASHBOARD, vars);
    expect(warm.extensions!.trace!.statements).toBe(0);
    expect(warm.data!.indicatorValues.rows).toEqual(cold.data!.indicatorValues.rows);
  });
});

async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
