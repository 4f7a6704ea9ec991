import { Decimal } from '../../src/values/decimal';
import { AccessOracle, demoSubjects } from '../access/access-oracle';
import { DirectSql, hubId } from '../support/direct-sql';
import { MIXED } from '../support/engines';
import { EXECUTIVE, startTestHub, statementsBySource, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { departmentsIn, RAW_SQL } from '../support/indicator-oracle';

/**
 * Issue 20: a dashboard over thousands of members, paged (indicatorValues(page: { first, after })). On the demo
 * company (scale 1, CRM on PostgreSQL, ERP on MariaDB), with small pages: all pages together are exactly the
 * unpaged table; each page costs the statements of the unpaged table; a department head's pages hold only
 * their subtree (the access oracle's, from HR's org tree by SQL); revenue cells equal SQL on the native rows;
 * a tampered cursor is refused with a coded error; the cell limit counts the page, and the unpaged table over
 * the limit is refused with a message that says to use `page`. Result cache off.
 */
const CODES = ['revenue', 'invoiced_revenue', 'headcount'];
const HEAD = 'EMP-000141';
/** The sales manager East: row rule `region in ('EAST')`, several departments. */
const EAST = 'EMP-000009';
/** 30 departments at scale 1: the unpaged quarter (3 × 3 × 30 = 270 cells) is over it, a month or a page of 20 is not. */
const MAX_CELLS = 200;

interface Row {
  period: string;
  member: { id: string };
  cells: Array<{ code: string; value: string | null; reason: string | null }>;
}
interface Table {
  rows: Row[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; totalMembers: number } | null;
}

const query = (page?: { first: number; after?: string | null }, extra = '') =>
  `{ t: indicatorValues(codes: ${JSON.stringify(CODES)}, from: "2025-10", to: "2025-12", grain: MONTH, groupBy: "department"${
    page ? `, page: { first: ${page.first}${page.after ? `, after: ${JSON.stringify(page.after)}` : ''} }` : ''
  }${extra}) { rows { period member { id } cells { code value reason } } pageInfo { hasNextPage endCursor totalMembers } } }`;

let hub: TestHub;
let direct: DirectSql;
beforeAll(async () => {
  hub = await startTestHub(MIXED, { cache: { maxEntries: 0 }, limits: { maxResponseCells: MAX_CELLS } });
  direct = new DirectSql(MIXED);
  for (const who of [EXECUTIVE, HEAD, EAST]) await hub.query('{ me { principal } }', {}, who);
}, 300_000);
afterAll(async () => {
  await direct?.close();
  await hub?.dispose();
});

const key = (r: Row) => `${r.period}|${r.member.id}`;
const sorted = (rows: Row[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

async function allPages(first: number, who: string) {
  const rows: Row[] = [];
  const pages: Array<GraphQLResponse<{ t: Table }>> = [];
  let after: string | null = null;
  for (;;) {
    const res: GraphQLResponse<{ t: Table }> = await hub.query<{ t: Table }>(query({ first, after }), {}, who);
    expect(res.errors).toBeUndefined();
    pages.push(res);
    const t = res.data!.t;
    // Members in id order within a page; every member of the page after the previous page's.
    const ids = [...new Set(t.rows.map((r) => r.member.id))];
    expect(ids).toEqual([...ids].sort());
    if (rows.length) expect(ids.every((id) => id > rows[rows.length - 1]!.member.id)).toBe(true);
    rows.push(...sorted(t.rows));
    expect(new Set(t.rows.map((r) => r.member.id)).size).toBeLessThanOrEqual(first);
    if (!t.pageInfo!.hasNextPage) break;
    after = t.pageInfo!.endCursor;
    expect(pages.length).toBeLessThan(200);
  }
  return { rows, pages };
}

/** The unpaged table, read a month per request (the whole quarter is over the cell limit). */
async function unpaged(who: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const month of ['2025-10', '2025-11', '2025-12']) {
    const res = await hub.query<{ t: Table }>(
      query().replace('from: "2025-10", to: "2025-12"', `from: "${month}"`),
      {},
      who,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.t.pageInfo).toBeNull();
    rows.push(...res.data!.t.rows);
  }
  return sorted(rows);
}

test('the unpaged dashboard over the cell limit is refused with a message that says to use page', async () => {
  const res = await hub.query(query());
  expect(res.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  expect(res.errors?.[0]?.message).toMatch(/page: \{ first: /);
});

test.each([7, 20])(
  'pages of %i members together are exactly the unpaged table, each at its statements',
  async (first) => {
    const whole = await unpaged(EXECUTIVE);
    const departments = hub.runtime.keyMap.count('Department');
    expect(new Set(whole.map((r) => r.member.id)).size).toBeGreaterThan(first);
    const { rows, pages } = await allPages(first, EXECUTIVE);
    expect(pages.length).toBe(Math.ceil(departments / first));
    expect(pages.every((p) => p.data!.t.pageInfo!.totalMembers === departments)).toBe(true);
    expect(sorted(rows)).toEqual(whole);
    // Each page: one statement per (source, fact), as the unpaged table (the same fingerprints per source).
    const one = await hub.query(query().replace('to: "2025-12"', 'to: "2025-10"'));
    for (const p of pages) expect(statementsBySource(p)).toEqual(statementsBySource(one));

    // Revenue (CRM) and invoiced revenue (ERP) equal SQL on the native rows, department by department.
    for (const [code, ref, source] of [
      ['revenue', 'crm.orders.revenue', 'crm'],
      ['invoiced_revenue', 'erp.invoice.invoicedRevenue', 'erp'],
    ] as const) {
      const sums = new Map<string, Decimal>();
      for (const r of await direct.rows(source, RAW_SQL[ref]!.sql)) {
        const k = `${String(r.t).slice(0, 7)}|${hubId('Department', source, String(r.k))}`;
        sums.set(k, (sums.get(k) ?? Decimal.ZERO).add(Decimal.of(String(r.v))));
      }
      const members = departmentsIn(source);
      for (const row of rows) {
        const cell = row.cells.find((c) => c.code === code)!;
        const expected = members.has(row.member.id) ? (sums.get(key(row)) ?? Decimal.ZERO).toFixed(2) : null;
        expect([key(row), code, cell.value]).toEqual([key(row), code, expected]);
      }
    }
  },
);

test.each([
  ['the department head', HEAD],
  ['the sales manager East', EAST],
])("%s's pages hold only their scope, and together their unpaged table", async (_label, who) => {
  const oracle = await AccessOracle.load(direct);
  const subject = demoSubjects().find((s) => s.employee === who)!;
  const scope = (await oracle.expected(subject)).departments;
  expect(scope.size).toBeGreaterThan(0);
  expect(scope.size).toBeLessThan(hub.runtime.keyMap.count('Department'));
  const { rows, pages } = await allPages(2, who);
  expect(pages.length).toBe(Math.ceil(scope.size / 2));
  expect(pages.every((p) => p.data!.t.pageInfo!.totalMembers === scope.size)).toBe(true);
  for (const row of rows) expect(scope.has(row.member.id)).toBe(true);
  expect(rows.length).toBeGreaterThan(0);
  expect(sorted(rows)).toEqual(await unpaged(who));
});

test('a cursor that is not one this hub wrote is refused with a coded error, before any statement', async () => {
  const first = await hub.query<{ t: Table }>(query({ first: 5 }));
  const cursor = first.data!.t.pageInfo!.endCursor!;
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  expect(hub.runtime.keyMap.ids('Department').has('D9999')).toBe(false);
  for (const after of [`${cursor}x`, cursor.slice(1), '!!!', b64('no-such-department'), b64('D9999'), `${cursor}=`]) {
    const res = await hub.query(query({ first: 5, after }));
    expect({ after, code: res.errors?.[0]?.extensions?.code, reason: res.errors?.[0]?.extensions?.reason }).toEqual({
      after,
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_CURSOR',
    });
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
  }
  // The head's own cursor space: a member outside their scope is not a cursor of their table.
  const ceo = await hub.query<{ t: Table }>(query({ first: 1 }));
  const res = await hub.query(query({ first: 5, after: ceo.data!.t.pageInfo!.endCursor }), {}, HEAD);
  expect(res.errors?.[0]?.extensions?.reason).toBe('INVALID_CURSOR');
});

test('page with top, without a grouping or with page.first < 1 is refused', async () => {
  const top = await hub.query(query({ first: 5 }, ', top: { indicator: "revenue", n: 3 }'));
  expect(top.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(top.errors?.[0]?.message).toMatch(/page and top/);
  const zero = await hub.query(query({ first: 0 }));
  expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const ungrouped = await hub.query(
    '{ indicatorValues(codes: ["revenue"], from: "2025-10", grain: MONTH, page: { first: 5 }) { rows { period } } }',
  );
  expect(ungrouped.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
