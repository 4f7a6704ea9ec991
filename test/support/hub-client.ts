import type { TraceSummary } from '../../src/observability/trace';
import { startServer } from '../../src/server/app';
import { startTestRuntime, type Layout } from './engines';

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
  /** POSTs a query over real HTTP with X-Hub-Trace: 1. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  dispose(): Promise<void>;
}

/** A real hub (runtime + Express/Apollo on an ephemeral loopback port) over the seeded engines. */
export async function startTestHub(layout: Layout, overrides: Record<string, unknown> = {}): Promise<TestHub> {
  const { runtime, dispose } = await startTestRuntime(layout, overrides);
  const server = await startServer(runtime, { host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    origin: server.url.replace(/\/graphql$/, ''),
    async query(query, variables) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-trace': '1' },
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
