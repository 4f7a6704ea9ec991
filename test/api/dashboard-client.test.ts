import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ERROR_CATALOGUE } from '../../src/error-catalogue';
import type { LifecycleEvent } from '../../src/governance/types';
import { Decimal } from '../../src/values/decimal';
import { DirectSql, hubId } from '../support/direct-sql';
import { MIXED } from '../support/engines';
import { EXECUTIVE, startTestHub, tokenFor, type TestHub } from '../support/hub-client';
import { TOTAL, bucketOfLabel, display, loadMeasures, Reference, type Expected } from '../support/indicator-oracle';

/**
 * examples/dashboard-client as a dashboard team runs it: its own `codegen` (the client preset over the
 * committed schema.graphql, writing the persisted-documents manifest) and `build` (tsc, which typechecks
 * the generated types: a Decimal is a string), then its built client against a real hub (PostgreSQL and
 * MariaDB sources) in trusted-documents mode with that manifest. Every HTTP request the client sends is
 * seen on the way (a recording proxy): `documentId` only, never the text. Its printed results are checked
 * against SQL on the source databases.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'dashboard-client');
const MANIFEST = join(EXAMPLE, 'src', 'gql', 'persisted-documents.json');
const npm = (args: string[], env: Record<string, string> = {}) =>
  run('npm', ['--prefix', EXAMPLE, 'run', '-s', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 32 * 1024 * 1024,
  });

let hub: TestHub;
let direct: DirectSql;
let proxy: http.Server;
let proxyUrl: string;
const bodies: Array<Record<string, unknown>> = [];
let token: string;

beforeAll(async () => {
  await npm(['codegen']);
  await npm(['build']);
  hub = await startTestHub(MIXED, { security: { trustedDocumentsFile: MANIFEST } });
  direct = new DirectSql(MIXED);
  token = await tokenFor(EXECUTIVE);
  // Forwards each POST to the hub and keeps its body: what the client really sends.
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(JSON.parse(body) as Record<string, unknown>);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      ) as Record<string, string>;
      const answer = await fetch(hub.url, { method: 'POST', headers, body });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await direct?.close();
  await hub?.dispose();
});

/** `npm start -- <args>` of the example, through the recording proxy, as the executive. */
async function client<T>(...args: string[]): Promise<T> {
  const { stdout } = await npm(['start', '--', ...args], { HUB_URL: proxyUrl, HUB_TOKEN: token });
  return JSON.parse(stdout) as T;
}

const manifest = () => JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;

test('the client preset wrote the manifest with sha256: keys, one per operation of the example', () => {
  const keys = Object.keys(manifest());
  expect(keys).toHaveLength(4);
  for (const key of keys) expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(Object.values(manifest()).map((text) => /^(?:query|subscription) (\w+)/.exec(text)?.[1])).toEqual(
    expect.arrayContaining(['Dashboard', 'TopSeries', 'CustomerPage', 'Notices']),
  );
});

test('the dashboard (indicators × months × departments) equals the SQL oracle, sent by documentId only', async () => {
  const codes = ['revenue', 'expense', 'procurement_spend', 'gross_margin'];
  bodies.length = 0;
  const out = await client<{
    indicators: Array<{ code: string; unit: string }>;
    rows: Array<{ period: string; department: string; cells: Record<string, string | null> }>;
  }>('dashboard', codes.join(','), '2025-01', '2025-03');

  expect(bodies).toHaveLength(1);
  expect(Object.keys(bodies[0]!).sort()).toEqual(['documentId', 'operationName', 'variables']);
  expect(manifest()[bodies[0]!.documentId as string]).toMatch(/^query Dashboard/);

  const dict = hub.runtime.dictionary;
  const reference = new Reference(dict, (await loadMeasures(direct, dict)).series);
  const departments = (await direct.rows('hr', 'select org_id as k from {s}.org_unit')).map((r) =>
    hubId('Department', 'hr', String(r.k)),
  );
  // Every month × every department, each cell as the oracle computes it and the API displays it.
  expect(new Set(out.rows.map((r) => `${r.period}|${r.department}`))).toEqual(
    new Set(['2025-01', '2025-02', '2025-03'].flatMap((p) => departments.map((d) => `${p}|${d}`))),
  );
  const units = new Map(out.indicators.map((i) => [i.code, i.unit]));
  const problems: string[] = [];
  let numbers = 0;
  for (const row of out.rows) {
    for (const code of codes) {
      const expected = reference.value(code, bucketOfLabel('month', row.period), row.department ?? TOTAL);
      const problem = compare(expected, row.cells[code] ?? null, units.get(code)!);
      if (problem) problems.push(`${code} ${row.period} ${row.department}: ${problem}`);
      if (row.cells[code] !== null) numbers += 1;
    }
  }
  expect(problems).toEqual([]);
  expect(numbers).toBeGreaterThan(out.rows.length); // not a table of nulls
  // A Decimal arrives as text, exactly as written ("1234.50"), never a float.
  expect(out.rows.flatMap((r) => Object.values(r.cells)).every((v) => v === null || typeof v === 'string')).toBe(true);
});

test('the series with by and top: the 3 best regions by revenue and their months, as SQL sums them', async () => {
  const series = await client<
    Array<{ code: string; members: Array<{ id: string }>; points: Array<{ period: string; value: string | null }> }>
  >('series', 'revenue', '2025-01', '2025-06', 'customer_region', '3');
  const rows = await direct.rows(
    'crm',
    `select a.region as r, to_char(o.order_date, 'YYYY-MM') as m, o.amount as v
       from {s}.sales_order o join {s}.account a on a.account_id = o.account_id
      where o.order_date >= '2025-01-01' and o.order_date < '2025-07-01'`,
  );
  const byRegion = new Map<string, Map<string, Decimal>>();
  for (const r of rows) {
    const months = byRegion.get(String(r.r)) ?? byRegion.set(String(r.r), new Map()).get(String(r.r))!;
    months.set(String(r.m), (months.get(String(r.m)) ?? Decimal.ZERO).add(Decimal.of(String(r.v))));
  }
  const total = (months: Map<string, Decimal>) => [...months.values()].reduce((s, v) => s.add(v), Decimal.ZERO);
  const ranked = [...byRegion]
    .sort(([a, x], [b, y]) => Number(total(y).sub(total(x)).toFixed(2)) || (a < b ? -1 : 1))
    .slice(0, 3);
  expect(series.map((s) => s.members[0]!.id)).toEqual(ranked.map(([region]) => region));
  for (const [i, [, months]] of ranked.entries()) {
    expect(Object.fromEntries(series[i]!.points.map((p) => [p.period, p.value]))).toEqual(
      Object.fromEntries(
        ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'].map((m) => [
          m,
          (months.get(m) ?? Decimal.ZERO).toFixed(2),
        ]),
      ),
    );
  }
});

test('a paged, sorted list and its count equal the source table', async () => {
  const out = await client<{ total: number; page: Array<{ id: string; name: string; createdOn: string }> }>(
    'customers',
    'name',
    'DESC',
    '5',
    '3',
  );
  const [count] = await direct.rows('crm', 'select count(*) as c from {s}.account');
  expect(out.total).toBe(Number(count!.c));
  const names = await direct.rows(
    'crm',
    'select account_name as n from {s}.account order by account_name desc, account_id limit 5 offset 3',
  );
  expect(out.page.map((c) => c.name)).toEqual(names.map((r) => r.n));
  for (const c of out.page) expect(c.createdOn).toMatch(/^\d{4}-\d{2}-\d{2}$/); // a Date is "YYYY-MM-DD" text
});

test('the notices subscription over graphql-ws, by documentId, receives a notice told during the test', async () => {
  const child = spawn('npm', ['--prefix', EXAMPLE, 'run', '-s', 'start', '--', 'notices', '1', 'revenue'], {
    cwd: ROOT,
    env: { ...process.env, HUB_URL: hub.url, HUB_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const told = new Map<string, LifecycleEvent>();
  try {
    // Until the client prints one: it subscribes lazily, so the first notices may come before it listens.
    const deadline = Date.now() + 60_000;
    while (!out.includes('\n') && child.exitCode === null && Date.now() < deadline) {
      const event = notice(told.size);
      told.set(String(await tell(event)), event);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect({ exit: await exited, err }).toEqual({ exit: 0, err: expect.stringContaining('subscribed') });
  } finally {
    child.kill();
  }
  const received = JSON.parse(out.trim()) as Record<string, unknown>;
  const sent = told.get(String(received.id));
  expect(sent).toBeDefined();
  expect(received).toEqual({
    id: String(received.id),
    kind: sent!.kind,
    code: sent!.code,
    version: sent!.version,
    actor: sent!.actor,
    at: sent!.at,
    note: sent!.note,
  });
});

test('a document not in the manifest is refused with its catalogued code, by id and by text', async () => {
  const post = async (body: unknown) => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { data?: unknown; errors: Array<{ extensions: Record<string, unknown> }> };
    return { status: res.status, data: json.data, ext: json.errors[0]!.extensions };
  };
  const byId = await post({ documentId: `sha256:${'ab'.repeat(32)}` });
  expect(byId).toMatchObject({
    status: 404,
    ext: { code: 'PERSISTED_QUERY_NOT_FOUND', reason: 'UNKNOWN_DOCUMENT_ID' },
  });
  const byText = await post({ query: '{ customers(limit: 1) { id name } }' });
  expect(byText).toMatchObject({ status: 403, ext: { code: 'FORBIDDEN', reason: 'UNTRUSTED_DOCUMENT' } });
  const introspection = await post({ query: '{ __schema { queryType { name } } }' });
  expect(introspection).toMatchObject({ status: 403, ext: { code: 'FORBIDDEN', reason: 'UNTRUSTED_DOCUMENT' } });
  for (const { status, ext } of [byId, byText]) {
    const entry = ERROR_CATALOGUE[ext.code as keyof typeof ERROR_CATALOGUE];
    expect(entry.status).toBe(status);
    expect(Object.keys(('reasons' in entry ? entry.reasons : undefined) ?? {})).toContain(ext.reason);
  }
});

/** Why `got` differs from the expected value displayed by unit, or undefined when it does not. */
function compare(expected: Expected, got: string | null, unit: string): string | undefined {
  if (expected.value !== null) {
    const want = display(expected.value, unit);
    return got === want ? undefined : `expected ${want}, got ${got}`;
  }
  return got === null ? undefined : `expected null (${expected.reason}), got ${got}`;
}

let seq = 5000;
function notice(i: number): LifecycleEvent {
  seq += 1;
  return {
    kind: 'approved',
    code: 'revenue',
    domain: 'sales',
    changeId: seq,
    version: 7 + i,
    actor: 'EMP-000267',
    at: new Date().toISOString(),
    note: `dashboard client test ${seq}`,
    affected: ['revenue'],
    recipients: [],
  };
}

/** Records and publishes a notice as the lifecycle service does: in a store transaction, pushed after commit. */
async function tell(e: LifecycleEvent): Promise<number> {
  const { conn } = hub.runtime.store;
  const id = await conn.knex.transaction((trx) =>
    hub.runtime.notices.record({ ...conn, knex: trx, close: async () => undefined }, e),
  );
  hub.runtime.notices.published(e, id);
  return id;
}
