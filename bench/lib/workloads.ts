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
  /** A dashboard over more departments than one response may hold: its pages, in order (the first is
   *  `query`), fetched one after the other; the workload's time is the whole dashboard (every page). */
  pages?: readonly string[];
}

/** Cells one response may hold: the hub's default limits.maxResponseCells (the bench does not raise it). */
export const RESPONSE_CELLS = 200_000;
/** Departments per page of a paged dashboard. */
export const DASHBOARD_PAGE = 1000;

/**
 * The dashboard's documents: one request when every department fits in one response (12 indicators × 12
 * months × departments ≤ RESPONSE_CELLS), otherwise one per page of DASHBOARD_PAGE departments, each after
 * the previous page's endCursor (pageInfo). The CEO sees every department and pages are ordered by
 * department id, so each page's endCursor is its last department's cursor: computed here from the ids, and
 * checked against the hub's pageInfo when the bench traces the workload (bench/run.ts).
 */
export function dashboardQueries(departmentIds: readonly string[]): string[] {
  const base = `indicatorValues(codes: [${codes}], from: "2025-01", to: "2025-12", grain: MONTH, groupBy: "department"`;
  const cells = `rows { period member { id } cells { code value } }`;
  if (departmentIds.length * DASHBOARD_CODES.length * 12 <= RESPONSE_CELLS) return [`{ ${base}) { ${cells} } }`];
  const ids = [...departmentIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (let start = 0; start < ids.length; start += DASHBOARD_PAGE) {
    const after = start === 0 ? '' : `, after: "${Buffer.from(ids[start - 1]!, 'utf8').toString('base64url')}"`;
    out.push(
      `{ ${base}, page: { first: ${DASHBOARD_PAGE}${after} }) { ${cells} pageInfo { hasNextPage endCursor } } }`,
    );
  }
  return out;
}

const codes = DASHBOARD_CODES.map((c) => JSON.stringify(c)).join(', ');

/** The five workloads of issue #7. `pointDepartment` is a CRM sales team (so the point figure has a source row). */
export function workloads(
  pointDepartment: string,
  departmentIds: readonly string[] = [],
): Record<WorkloadName, Workload> {
  const pages = dashboardQueries(departmentIds);
  const dashboard = pages[0]!;
  const paged = pages.length > 1 ? { pages } : {};
  const inPages =
    pages.length > 1 ? `, in ${pages.length} pages of ${DASHBOARD_PAGE} departments fetched one after the other` : '';
  return {
    dashboard: {
      name: 'dashboard',
      description: `12 indicators from all four systems × 12 months × every department, ${inPages || 'one request'} (CEO, result cache off)`,
      query: dashboard,
      principal: 'EMP-000001',
      cache: false,
      ...paged,
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
      ...paged,
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
