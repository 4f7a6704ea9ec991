import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics served on /metrics. One registry per process. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const sourceStatements = new Counter({
  name: 'hub_source_statements_total',
  help: 'SQL statements sent to each source',
  labelNames: ['source', 'kind', 'outcome'] as const,
  registers: [registry],
});

export const sourceStatementSeconds = new Histogram({
  name: 'hub_source_statement_duration_seconds',
  help: 'Time per statement, by source',
  labelNames: ['source', 'kind'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const requestSeconds = new Histogram({
  name: 'hub_graphql_request_duration_seconds',
  help: 'GraphQL request time, by outcome',
  labelNames: ['outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const requestStatements = new Histogram({
  name: 'hub_graphql_request_statements',
  help: 'Source statements issued per GraphQL request',
  buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128],
  registers: [registry],
});

export const sourceBreakerState = new Gauge({
  name: 'hub_source_circuit_state',
  help: 'Circuit breaker per source: 0 closed, 1 half-open, 2 open',
  labelNames: ['source'] as const,
  registers: [registry],
});

/** The result cache of the process: set by the runtime, read on every scrape. */
let cacheStats: (() => { entries: number; bytes: number; maxBytes: number }) | undefined;
export function observeResultCache(stats: () => { entries: number; bytes: number; maxBytes: number }): void {
  cacheStats = stats;
}

export const resultCacheBytes = new Gauge({
  name: 'hub_result_cache_bytes',
  help: 'Estimated bytes held by the aggregate result cache (bounded by cache.maxBytes)',
  registers: [registry],
  collect() {
    if (cacheStats) this.set(cacheStats().bytes);
  },
});

export const resultCacheMaxBytes = new Gauge({
  name: 'hub_result_cache_max_bytes',
  help: 'The configured bound of the aggregate result cache (cache.maxBytes)',
  registers: [registry],
  collect() {
    if (cacheStats) this.set(cacheStats().maxBytes);
  },
});

export const resultCacheEntries = new Gauge({
  name: 'hub_result_cache_entries',
  help: 'Entries held by the aggregate result cache (bounded by cache.maxEntries)',
  registers: [registry],
  collect() {
    if (cacheStats) this.set(cacheStats().entries);
  },
});

/** The shared state of replicas (Redis, `redis.url`): set by the runtime when configured. */
let sharedStateUp: (() => boolean) | undefined;
export function observeSharedState(up: () => boolean): void {
  sharedStateUp = up;
}

export const sharedStateGauge = new Gauge({
  name: 'hub_shared_state_up',
  help: "1 while the replicas' shared state (Redis) answers, 0 while this replica runs on local fallbacks; absent when redis.url is not set",
  registers: [registry],
  collect() {
    if (sharedStateUp) this.set(sharedStateUp() ? 1 : 0);
  },
});

export const sharedCacheReads = new Counter({
  name: 'hub_shared_cache_reads_total',
  help: "Result-cache reads that missed this replica's memory and went to the shared tier, by outcome (hit, miss, error)",
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** The response cache (src/server/response-cache.ts): hits served, misses, answers stored. */
export const responseCacheRequests = new Counter({
  name: 'hub_response_cache_requests_total',
  help: 'GraphQL requests the response cache looked up, by outcome (hit, miss, stored)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/**
 * Audit appends (src/audit/audit-store.ts), one per group-committed batch, by how the batch was written:
 * `fast` one statement after the head this process wrote, `optimistic` one statement after a head read just
 * before (another process had written), `locked` the locked transaction (begin, lock, read head, insert,
 * commit). Attempts that found the head moved are counted separately.
 */
export const auditAppends = new Counter({
  name: 'hub_audit_appends_total',
  help: 'Audit batches appended, by path (fast: one statement after the head this process wrote; optimistic: one statement after a head just read; locked: a locked transaction)',
  labelNames: ['path'] as const,
  registers: [registry],
});

export const auditAppendConflicts = new Counter({
  name: 'hub_audit_append_conflicts_total',
  help: 'One-statement audit appends that found the head moved (another process wrote first) and wrote nothing, by how: checked (no row inserted) or a unique violation (a record committed while the statement waited for the lock)',
  labelNames: ['how'] as const,
  registers: [registry],
});

export const auditRecordsAppended = new Counter({
  name: 'hub_audit_records_total',
  help: 'Audit records appended (several per batch under group commit)',
  registers: [registry],
});

export const auditLockSeconds = new Histogram({
  name: 'hub_audit_lock_held_seconds',
  help: "Time an audit append held the store's advisory lock, as seen by the client: a one-statement append's round trip (its wait for the lock included), lock taken to commit for the locked transaction",
  labelNames: ['path'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [registry],
});
