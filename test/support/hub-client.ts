import type { HubRuntime } from '../../src/app/runtime';
import type { TraceSummary } from '../../src/observability/trace';
import { startServer } from '../../src/server/app';
import { demoToken, DEMO_SERVICE_KEY } from '../../src/cli/demo-tokens';
import { startTestRuntime, TEST_JWT_SECRET, type Layout } from './engines';

/** Who a test request runs as: an employee (hub id), the demo service key, raw headers, or nobody. */
export type As = string | { apiKey: string } | { headers: Record<string, string> } | 'anonymous';
export const EXECUTIVE = 'EMP-000001';
export { DEMO_SERVICE_KEY };

export async function tokenFor(employee: string, ttl = '1h'): Promise<string> {
  return demoToken(employee, TEST_JWT_SECRET, 'indicator-hub-demo', 'indicator-hub', ttl);
}

export async function authHeaders(as: As): Promise<Record<string, string>> {
  if (as === 'anonymous') return {};
  if (typeof as === 'string') return { authorization: `Bearer ${await tokenFor(as)}` };
  if ('apiKey' in as) return { 'x-api-key': as.apiKey };
  return as.headers;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: { trace?: TraceSummary & { durationMs: number } };
  raw: string;
}

export interface TestHub {
  url: string;
  origin: string;
  /** The runtime behind the server (its dictionary, config, key map), for tests that derive expectations from it. */
  runtime: HubRuntime;
  /** POSTs a query over real HTTP with X-Hub-Trace: 1, as the executive unless `as` says otherwise. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: As,
  ): Promise<GraphQLResponse<T>>;
  dispose(): Promise<void>;
}

/** A real hub (runtime + Express/Apollo on an ephemeral loopback port) over the seeded engines. */
export async function startTestHub(
  layout: Layout,
  overrides: Record<string, unknown> = {},
  env: Record<string, string | undefined> = {},
): Promise<TestHub> {
  const { runtime, dispose } = await startTestRuntime(layout, overrides, env);
  const server = await startServer(runtime, { host: '127.0.0.1', port: 0 });
  return {
    runtime,
    url: server.url,
    origin: server.url.replace(/\/graphql$/, ''),
    async query(query, variables, as = EXECUTIVE) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-trace': '1', ...(await authHeaders(as)) },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await res.text();
      return { status: res.status, raw, ...(JSON.parse(raw) as object) };
    },
    async dispose() {
      await server.stop();
      await dispose();
    },
  };
}

/** Statements per source from a traced response. */
export function statementsBySource(res: GraphQLResponse): Record<string, number> {
  const bySource = res.extensions?.trace?.bySource ?? {};
  return Object.fromEntries(Object.entries(bySource).map(([source, s]) => [source, s.statements]));
}
