import type { BenchDatabases } from './seed';
import { LAYOUT, pgSourcesUrl, sourceSettings } from './seed';
import { DEMO_SOURCES as SOURCE_NAMES } from '../../models/demo/generator';

/** HS256 secret of every bench hub; the bench signs its own tokens with it. */
export const BENCH_JWT_SECRET = 'bench-secret-for-indicator-hub-benchmarks-0123456789';
export const LIST_ROWS = 10_000;
/** The naive list makes one statement per row: 1,000 rows keep it to about a minute per comparison. */
export const NAIVE_LIST_ROWS = 1_000;

export const listQuery = (rows: number) =>
  `{ customers(limit: ${rows}) { id name segment industry region createdOn contacts { name phone email } } }`;

export const DASHBOARD_CODES = [
  'revenue',
  'gross_margin',
  'receivables_balance',
  'budget_execution_rate',
  'headcount',
  'payroll_cost',
  'revenue_per_head',
  'expense_ratio',
  'procurement_spend',
  'supplier_on_time_rate',
  'revenue_yoy',
  'revenue_ytd',
];

export type WorkloadName = 'dashboard' | 'point' | 'list' | 'alerts' | 'cached';
export const WORKLOADS: readonly WorkloadName[] = ['dashboard', 'point', 'list', 'alerts', 'cached'];

export interface Workload {
  name: WorkloadName;
  description: string;
  query: string;
  /** Hub id of the employee the requests run as. */
  principal: string;
  /** The hub is started with the result cache on (the cached repeat) or off (everything else). */
  cache: boolean;
}

const codes = DASHBOARD_CODES.map((c) => JSON.stringify(c)).join(', ');

/** The five workloads of issue #7. `pointDepartment` is a CRM sales team (so the point figure has a source row). */
export function workloads(pointDepartment: string): Record<WorkloadName, Workload> {
  const dashboard = `{ indicatorValues(codes: [${codes}], from: "2025-01", to: "2025-12", grain: MONTH, groupBy: "department") { rows { period member { id } cells { code value } } } }`;
  return {
    dashboard: {
      name: 'dashboard',
      description:
        '12 indicators from all four systems × 12 months × every department, one request (CEO, result cache off)',
      query: dashboard,
      principal: 'EMP-000001',
      cache: false,
    },
    point: {
      name: 'point',
      description: `one indicator (revenue), one department (${pointDepartment}), one month (2025-11) (CEO, cache off)`,
      query: `{ indicatorValues(codes: ["revenue"], from: "2025-11", grain: MONTH, filters: [{ dimension: "department", ids: ["${pointDepartment}"] }]) { rows { cells { code value } } } }`,
      principal: 'EMP-000001',
      cache: false,
    },
    list: {
      name: 'list',
      description: `${LIST_ROWS.toLocaleString('en')} customers with their contacts as finance analyst EMP-000271 (contact phone and e-mail masked)`,
      query: listQuery(LIST_ROWS),
      principal: 'EMP-000271',
      cache: false,
    },
    alerts: {
      name: 'alerts',
      description: 'every alert rule × every department for 2025-Q4, with whom to notify (CEO, cache off)',
      query:
        '{ alerts(period: "2025-Q4") { severity indicator { code } department { id } metric comparedWith threshold message notify } }',
      principal: 'EMP-000001',
      cache: false,
    },
    cached: {
      name: 'cached',
      description: 'the dashboard again, with the per-source result cache on (every statement answered from the cache)',
      query: dashboard,
      principal: 'EMP-000001',
      cache: true,
    },
  };
}

/** Hub configuration overrides for the benchmark: the MIXED layout on the bench's servers. */
export function hubConfig(db: BenchDatabases, scale: number, opts: { cache: boolean }): Record<string, unknown> {
  const ttl = opts.cache ? 3600 : 0;
  return {
    auth: { jwt: { secret: BENCH_JWT_SECRET } },
    sources: Object.fromEntries(
      SOURCE_NAMES.map((name) => [
        name,
        { ...sourceSettings(db, name), statementTimeoutMs: 120_000, acquireTimeoutMs: 120_000, cacheTtlSeconds: ttl },
      ]),
    ),
    store: { engine: 'postgres', url: pgSourcesUrl(db), schema: 'hub' },
    embedded: { dataDir: ':memory:' },
    demo: { seed: false, scale },
    // The bench measures throughput, not the abuse limits: a 10,000-row list and 32 concurrent clients must pass.
    limits: { maxPageSize: LIST_ROWS, maxCost: 100_000_000, rateLimit: { perMinute: 100_000_000, burst: 10_000_000 } },
  };
}

export { LAYOUT };
