/**
 * Benchmark peer (issue #7): GraphQL Mesh v0 serving the same demo databases as the hub, in the MIXED layout
 * (CRM and HR on PostgreSQL through Mesh's PostGraphile v4 handler; ERP and procurement on MariaDB through Mesh's
 * MySQL handler). See README.md beside this file for what each workload expresses and what Mesh cannot express.
 *
 * The peer is its own child process (runner.cjs), so its RSS can be measured by PID. Its packages live in this
 * folder's package.json / package-lock.json, never in the root's: the first start runs
 * `npm ci --prefix bench/peers/mesh` when node_modules is missing. This file imports nothing from Mesh, so the
 * root's tsc, eslint and jest never need those packages.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Connection URLs per source. PostgreSQL: postgres://user:password@127.0.0.1:PORT/DATABASE?schema=SCHEMA (the schema
 * defaults to the source's name: crm, hr). MariaDB: mysql://user:password@127.0.0.1:PORT/DATABASE (the database
 * defaults to the source's name: erp, procurement). The layout is fixed: crm and hr must be postgres://, erp and
 * procurement mysql:// — the workload documents below are written against the schemas those handlers generate.
 */
export interface PeerSources {
  crm: string;
  erp: string;
  hr: string;
  procurement: string;
}

export interface RunningPeer {
  /** GraphQL endpoint on 127.0.0.1 (POST application/json). */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export type MeshWorkload = { query: string; variables?: Record<string, unknown> } | { unsupported: string };

const PEER_DIR = __dirname;
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
const LAYOUT = { crm: 'postgres', hr: 'postgres', erp: 'mysql', procurement: 'mysql' } as const;

/**
 * Runs `npm ci` in this folder when its node_modules is missing (fresh clone after the root `npm ci`) or does not
 * match package-lock.json (npm's own record of what it installed, node_modules/.package-lock.json, differs).
 */
export function ensureMeshInstalled(log: (line: string) => void = () => undefined): void {
  const reason = installMismatch();
  if (!reason) return;
  log(`mesh peer: npm ci --prefix bench/peers/mesh (${reason})`);
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error'],
    {
      cwd: PEER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `npm ci for the Mesh peer failed (exit ${String(result.status)}${result.error ? `, ${result.error.message}` : ''}):\n${tail}`,
    );
  }
  log(`mesh peer: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

type Lock = { packages?: Record<string, { version?: string; optional?: boolean }> };

function installMismatch(): string | undefined {
  const hidden = join(PEER_DIR, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return 'first run';
  try {
    const wanted = (JSON.parse(readFileSync(join(PEER_DIR, 'package-lock.json'), 'utf8')) as Lock).packages ?? {};
    const have = (JSON.parse(readFileSync(hidden, 'utf8')) as Lock).packages ?? {};
    for (const [path, entry] of Object.entries(wanted)) {
      if (path === '' || !path.startsWith('node_modules/')) continue;
      const got = have[path];
      if (!got && entry.optional) continue;
      if (got?.version !== entry.version) return `package-lock.json changed (${path.slice('node_modules/'.length)})`;
    }
    return undefined;
  } catch (error) {
    return `unreadable install record (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The MESH_* environment runner.cjs and .meshrc.yml read (connection values never touch a file). */
export function meshEnvironment(sources: PeerSources): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of Object.keys(LAYOUT) as Array<keyof typeof LAYOUT>) {
    const raw = sources[name];
    if (typeof raw !== 'string' || raw === '') throw new Error(`mesh peer: no connection URL for source "${name}"`);
    const url = new URL(raw);
    const key = `MESH_${name.toUpperCase()}`;
    const protocol = url.protocol.replace(/:$/, '');
    if (LAYOUT[name] === 'postgres') {
      if (protocol !== 'postgres' && protocol !== 'postgresql') {
        throw new Error(`mesh peer: source "${name}" must be on PostgreSQL (postgres://…), got ${protocol}://`);
      }
      const schema = url.searchParams.get('schema') || name;
      url.searchParams.delete('schema');
      env[`${key}_URL`] = url.toString();
      env[`${key}_SCHEMA`] = schema;
    } else {
      if (protocol !== 'mysql' && protocol !== 'mariadb') {
        throw new Error(`mesh peer: source "${name}" must be on MariaDB/MySQL (mysql://…), got ${protocol}://`);
      }
      env[`${key}_HOST`] = url.hostname;
      env[`${key}_PORT`] = url.port || '3306';
      env[`${key}_USER`] = decodeURIComponent(url.username);
      env[`${key}_PASSWORD`] = decodeURIComponent(url.password);
      env[`${key}_DATABASE`] = decodeURIComponent(url.pathname.replace(/^\//, '')) || name;
    }
  }
  return env;
}

/** Starts the Mesh peer as a child process on 127.0.0.1 (a free port) and resolves once it serves GraphQL. */
export async function startMeshPeer(
  sources: PeerSources,
  opts: { log?: (line: string) => void } = {},
): Promise<RunningPeer> {
  const log = opts.log ?? (() => undefined);
  const env = meshEnvironment(sources);
  ensureMeshInstalled(log);
  // PostGraphile writes its introspection cache to os.tmpdir(): give the process a private one, removed on stop.
  const tmp = mkdtempSync(join(tmpdir(), 'indicator-hub-mesh-'));
  const child = spawn(process.execPath, [join(PEER_DIR, 'runner.cjs')], {
    cwd: PEER_DIR,
    env: { ...process.env, ...env, TMPDIR: tmp, NODE_ENV: 'production', MESH_PEER_PORT: '0', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  const kill = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const onExit = () => {
    kill('SIGKILL');
    cleanup();
  };
  process.once('exit', onExit);
  try {
    const port = await waitForReady(child, log);
    const pid = child.pid!;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      pid,
      stop: () =>
        (stopping ??= (async () => {
          kill('SIGTERM');
          const timer = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
          process.removeListener('exit', onExit);
          cleanup();
        })()),
    };
  } catch (error) {
    kill('SIGKILL');
    await exited;
    process.removeListener('exit', onExit);
    cleanup();
    throw error;
  }
}

function waitForReady(child: ChildProcess, log: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    let settled = false;
    const finish = (error: Error | undefined, port?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(port!);
    };
    const onLine = (line: string) => {
      const ready = /^MESH_PEER_READY (\d+)$/.exec(line.trim());
      if (ready) return finish(undefined, Number(ready[1]));
      // Mesh's logger colours its output; keep the log readable.
      const clean = line.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
      if (clean.trim() === '') return;
      tail.push(clean);
      if (tail.length > 30) tail.shift();
      log(`mesh peer: ${clean}`);
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          onLine(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
        }
      });
    }
    const timer = setTimeout(
      () => finish(new Error(`mesh peer did not start within ${START_TIMEOUT_MS / 1000} s\n${tail.join('\n')}`)),
      START_TIMEOUT_MS,
    );
    child.once('exit', (code, signal) =>
      finish(
        new Error(
          `mesh peer exited before it was ready (${signal ?? `exit code ${String(code)}`})\n${tail.join('\n')}`,
        ),
      ),
    );
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Workloads. The hub answers indicator questions; Mesh only exposes each source's tables. Each document below is
// what a Mesh user would send to get the data the hub's answer is computed from — the computation itself (ratios,
// period-over-period, year to date, snapshots, the department key map and hierarchy roll-up, masking, alert rules)
// would still be the client's job. README.md has the per-workload reasoning.

const YEAR = 2025;
const pad2 = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) => `${y}-${pad2(m)}-01`;
const nextMonthStart = (y: number, m: number) => (m === 12 ? monthStart(y + 1, 1) : monthStart(y, m + 1));
const monthEnd = (y: number, m: number) => `${y}-${pad2(m)}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
/** A MySQL-handler `where` value: mysql-utilities turns 'a..b' into BETWEEN a AND b *unescaped*, so quote them here. */
const between = (from: string, to: string) => JSON.stringify(`'${from}'..'${to}'`);
const inMonth = (y: number, m: number) =>
  `{ greaterThanOrEqualTo: "${monthStart(y, m)}", lessThan: "${nextMonthStart(y, m)}" }`;

function dashboardQuery(): string {
  const lines: string[] = ['query MeshDashboard {'];
  lines.push(
    '  # CRM (PostGraphile + pg-aggregates): booked revenue per sales team per month; 2024 too for revenue_yoy',
  );
  for (const y of [YEAR - 1, YEAR]) {
    for (const m of MONTHS) {
      lines.push(
        `  revenue_${y}_${pad2(m)}: allSalesOrders(filter: { orderDate: ${inMonth(y, m)} }) { groupedAggregates(groupBy: TEAM_CODE) { keys sum { amount } } }`,
      );
    }
  }
  lines.push('  allSalesTeamsList { teamCode teamName }');
  lines.push(
    '  # HR (PostGraphile + pg-aggregates): headcount at each month end and payroll cost per month, per org unit',
  );
  for (const m of MONTHS) {
    const end = monthEnd(YEAR, m);
    lines.push(
      `  headcount_${YEAR}_${pad2(m)}: allEmployees(filter: { hireDate: { lessThanOrEqualTo: "${end}" }, or: [{ leaveDate: { isNull: true } }, { leaveDate: { greaterThan: "${end}" } }] }) { groupedAggregates(groupBy: ORG_ID) { keys distinctCount { empNo } } }`,
    );
  }
  for (const m of MONTHS) {
    lines.push(
      `  payroll_${YEAR}_${pad2(m)}: allPayrolls(filter: { payDate: ${inMonth(YEAR, m)} }) { groupedAggregates(groupBy: ORG_ID) { keys sum { totalCost } } }`,
    );
  }
  lines.push('  allOrgUnitsList { orgId orgName parentOrgId }');
  lines.push(
    '  # ERP (MySQL handler: no aggregates, so the fact rows): invoices and receipts to date (gross margin; the',
  );
  lines.push(
    '  # receivables balance at each month end), expense postings and budgets of the year, the cost-centre tree',
  );
  lines.push(`  invoice(where: { inv_date: "<=${YEAR}-12-31" }) { cc_code inv_date amount cogs_amount }`);
  lines.push(`  receipt(where: { receipt_date: "<=${YEAR}-12-31" }) { cc_code receipt_date amount }`);
  lines.push(
    `  gl_entry(where: { posting_date: ${between(`${YEAR}-01-01`, `${YEAR}-12-31`)} }) { cc_code posting_date amount }`,
  );
  lines.push(
    `  budget(where: { fiscal_period: ${between(`${YEAR}01`, `${YEAR}12`)} }) { cc_code fiscal_period amount }`,
  );
  lines.push('  cost_center { cc_code cc_name parent_cc_code }');
  lines.push(
    '  # Procurement (MySQL handler): live purchase orders of the year, arrived deliveries promised in the year',
  );
  lines.push(
    `  purchase_order(where: { po_date: ${between(`${YEAR}-01-01`, `${YEAR}-12-31`)}, status: "(APPROVED,RECEIVED,CLOSED)" }) { cost_center po_date total_amount }`,
  );
  lines.push(
    `  delivery(where: { promised_date: ${between(`${YEAR}-01-01`, `${YEAR}-12-31`)}, on_time: "(0,1)" }) { cost_center promised_date on_time }`,
  );
  lines.push('}');
  return lines.join('\n');
}

/** Hub department D0003 (Key Accounts) is CRM sales team T-EAST-1: the client must know that (the hub's key map). */
const POINT_QUERY = `query MeshPoint($team: String!, $from: Date!, $to: Date!) {
  allSalesOrders(filter: { teamCode: { equalTo: $team }, orderDate: { greaterThanOrEqualTo: $from, lessThan: $to } }) {
    aggregates { sum { amount } }
  }
}`;

const LIST_QUERY = `query MeshCustomerList($limit: Int!) {
  allAccountsList(first: $limit, orderBy: ACCOUNT_ID_ASC) {
    accountId
    accountName
    segment
    industry
    region
    createdAt
    contactsByAccountIdList { contactName phone email }
  }
}`;

const DASHBOARD_QUERY = dashboardQuery();

export const meshWorkloads: Record<string, MeshWorkload> = {
  dashboard: { query: DASHBOARD_QUERY },
  /** The dashboard again, answered by Mesh's whole-response cache (.meshrc.yml enables it for this operation only). */
  cached: { query: DASHBOARD_QUERY.replace('query MeshDashboard {', 'query MeshDashboardCached {') },
  point: { query: POINT_QUERY, variables: { team: 'T-EAST-1', from: '2025-11-01', to: '2025-12-01' } },
  list: { query: LIST_QUERY, variables: { limit: 10_000 } },
  alerts: {
    unsupported:
      "Mesh has no indicator definitions, alert rules or targets: the hub evaluates each indicator's bands against its " +
      "value, the year-ago value or the target (targets live in the hub's targets/ files, in no source database). " +
      'A Mesh client could fetch the raw rows of the period (as in the dashboard document) but would have to implement ' +
      'every indicator, comparison and threshold itself, and "behind target" has no data source at all.',
  },
};
