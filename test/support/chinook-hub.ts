import { demoToken } from '../../src/cli/demo-tokens';
import { loadConfig } from '../../src/config/load';
import { startRuntime, type HubRuntime } from '../../src/app/runtime';
import { startServer } from '../../src/server/app';
import type { GraphQLResponse } from './hub-client';
import { serverUrl } from './engines';
import { querySql, type SplitChinook } from './chinook';

/** The Chinook model directory and the environment variables its sources read their connections from. */
export const CHINOOK_MODEL_DIR = 'models/chinook';
export const CHINOOK_KEYS = {
  manager: 'chinook-manager-key-7d1e',
  dashboard: 'chinook-dashboard-key-93c2',
} as const;

export interface ChinookHub {
  url: string;
  /** The runtime behind the server (its dictionary, model, policy), for tests that read through it in-process. */
  runtime: HubRuntime;
  /** As a service key (default: the dashboard key), or `{ person }`: a bearer token whose subject is that Employee id. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | { person: string },
  ): Promise<GraphQLResponse<T>>;
  dispose(): Promise<void>;
}

/**
 * A real hub (runtime + HTTP on a loopback port) on models/chinook, as an integration engineer runs it:
 * the model directory chosen by configuration, each source's URL from CHINOOK_<SOURCE>_URL pointing at
 * the split databases, the hub's own store in its own schema of the test PostgreSQL.
 */
export async function startChinookHub(
  split: SplitChinook,
  storeSchema: string,
  overrides: Record<string, unknown> = {},
): Promise<ChinookHub> {
  const env: Record<string, string> = {};
  for (const [name, system] of Object.entries(split.systems)) env[`CHINOOK_${name.toUpperCase()}_URL`] = system.url;
  const config = loadConfig(env, {
    model: { dir: CHINOOK_MODEL_DIR },
    auth: { jwt: { secret: 'test-secret-for-the-chinook-hub-0123456789abcdef' } },
    store: { engine: 'postgres', url: serverUrl('postgres'), schema: storeSchema },
    embedded: { dataDir: ':memory:' },
    demo: { seed: false },
    ...overrides,
  });
  // A fresh store: the first start imports the model's indicator files as v1.
  await querySql('postgres', serverUrl('postgres'), `drop schema if exists ${storeSchema} cascade`);
  const runtime = await startRuntime(config);
  const server = await startServer(runtime, { host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    runtime,
    async query(query, variables, as = CHINOOK_KEYS.dashboard) {
      const { secret, issuer, audience } = config.auth.jwt;
      const credentials: Record<string, string> =
        typeof as === 'string'
          ? { 'x-api-key': as }
          : { authorization: `Bearer ${await demoToken(as.person, secret!, issuer, audience, '1h')}` };
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-trace': '1', ...credentials },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await res.text();
      return { status: res.status, raw, ...(JSON.parse(raw) as object) };
    },
    async dispose() {
      await server.stop();
      await runtime.close();
    },
  };
}
