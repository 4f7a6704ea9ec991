import { readFileSync } from 'node:fs';
import { MIXED } from '../support/engines';
import { authHeaders, startTestHub, type As, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';

/**
 * The response cache (src/server/response-cache.ts) over HTTP on real databases (sources on PostgreSQL and
 * MariaDB, the store in a PostgreSQL schema of its own): a repeat is the same bytes, audited as a hit in the
 * store's audit table (read with SQL, not through the hub); never across principals; dropped when a new
 * definition version is published; recomputed after the freshness bound.
 */
const CEO = 'EMP-000001'; // executive: every row, salaries in clear
const FINANCE_MANAGER = 'EMP-000267'; // salaries masked as bands
const ANALYST = 'EMP-000271'; // finance_analyst: proposes finance definitions
const SALES_REP = 'EMP-000010'; // departments: only their own
const GROSS_PROFIT = readFileSync('models/demo/indicators/finance/gross_profit.yaml', 'utf8');
const TTL_SECONDS = 2;

const DASHBOARD = /* GraphQL */ `
  query Dashboard($from: String!) {
    indicatorValues(codes: ["gross_profit", "invoiced_revenue", "cogs"], from: $from, grain: MONTH) {
      rows {
        member {
          id
        }
        cells {
          code
          value
        }
      }
    }
  }
`;

interface Posted {
  status: number;
  raw: string;
  requestId: string;
  body: { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
}

interface AuditRow {
  request_id: string;
  principal: string;
  response_cache: string | null;
  fields_requested: string;
  indicators: string;
  statements: string;
  outcome: string;
}

describe('response cache over HTTP', () => {
  let hub: TestHub;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const isolated = await isolatedPostgresStore();
    drop = isolated.drop;
    hub = await startTestHub(MIXED, {
      ...isolated.overrides,
      // Every source's results stay fresh TTL_SECONDS: the answer's freshness bound.
      sources: Object.fromEntries(
        ['crm', 'erp', 'hr', 'procurement'].map((s) => [s, { cacheTtlSeconds: TTL_SECONDS }]),
      ),
    });
  });
  afterAll(async () => {
    await hub?.dispose();
    await drop?.();
  });

  /** A POST as a dashboard sends it: no trace header. */
  async function post(query: string, variables: Record<string, unknown>, as: As): Promise<Posted> {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(as)) },
      body: JSON.stringify({ query, variables }),
    });
    const raw = await res.text();
    return {
      status: res.status,
      raw,
      requestId: res.headers.get('x-request-id')!,
      body: JSON.parse(raw) as Posted['body'],
    };
  }

  /** The audit record of a request, read from the store's table. */
  async function record(requestId: string): Promise<AuditRow> {
    const conn = hub.runtime.store.conn;
    const rows = (await conn.knex.raw(`select * from ??.audit_log where request_id = ?`, [
      conn.schema!,
      requestId,
    ])) as {
      rows: AuditRow[];
    };
    expect(rows.rows).toHaveLength(1);
    return rows.rows[0]!;
  }

  test('a repeat is the same bytes, audited as a hit with the same fields and indicators and no statements', async () => {
    const first = await post(DASHBOARD, { from: '2025-03' }, CEO);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const second = await post(DASHBOARD, { from: '2025-03' }, CEO);
    expect(second.status).toBe(200);
    expect(second.raw).toBe(first.raw);
    expect(second.requestId).not.toBe(first.requestId);

    const miss = await record(first.requestId);
    const hit = await record(second.requestId);
    expect(miss.response_cache).toBeNull();
    expect(hit).toMatchObject({ principal: CEO, response_cache: 'hit', outcome: 'ok', statements: '[]' });
    expect(hit.fields_requested).toBe(miss.fields_requested);
    expect(hit.indicators).toBe(miss.indicators);
    expect(JSON.parse(hit.indicators)).not.toEqual([]);
    // Auditors see it in the trail.
    const trail = await hub.query<{ auditLog: { records: Array<{ requestId: string; responseCacheHit: boolean }> } }>(
      `{ auditLog(requestId: "${second.requestId}") { records { requestId responseCacheHit } } }`,
      {},
      'EMP-000312',
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.auditLog.records).toEqual([{ requestId: second.requestId, responseCacheHit: true }]);
    // The chain holds with hits in it.
    expect(await hub.runtime.audit.verify()).toMatchObject({ ok: true });

    // Other variables, another answer (a miss).
    const other = await post(DASHBOARD, { from: '2025-04' }, CEO);
    expect(other.raw).not.toBe(first.raw);
    expect((await record(other.requestId)).response_cache).toBeNull();
  });

  test('principals never share: a masked answer is not served to a viewer who sees in clear, nor the reverse', async () => {
    const SALARIES = '{ employees(limit: 20) { id monthlySalary } }';
    const masked = await post(SALARIES, {}, FINANCE_MANAGER);
    const clear = await post(SALARIES, {}, CEO);
    expect(masked.body.errors).toBeUndefined();
    expect(clear.body.errors).toBeUndefined();
    expect(clear.raw).not.toBe(masked.raw);
    expect((await record(clear.requestId)).response_cache).toBeNull();
    // Each one's repeat is its own bytes.
    const maskedAgain = await post(SALARIES, {}, FINANCE_MANAGER);
    const clearAgain = await post(SALARIES, {}, CEO);
    expect(maskedAgain.raw).toBe(masked.raw);
    expect(clearAgain.raw).toBe(clear.raw);
    expect((await record(maskedAgain.requestId)).response_cache).toBe('hit');
    expect((await record(clearAgain.requestId)).response_cache).toBe('hit');
    // The CEO's answer is the uncached one (computed with X-Hub-Trace, which never reads the response cache).
    const fresh = await hub.query(SALARIES, {}, CEO);
    expect(fresh.data).toEqual(clear.body.data);
  });

  test('a row-ruled answer for one principal is never served to another', async () => {
    const DEPARTMENTS = '{ departments(limit: 1000) { id } }';
    const rep = await post(DEPARTMENTS, {}, SALES_REP);
    const ceo = await post(DEPARTMENTS, {}, CEO);
    const repIds = (rep.body.data!.departments as Array<{ id: string }>).map((d) => d.id);
    const ceoIds = (ceo.body.data!.departments as Array<{ id: string }>).map((d) => d.id);
    expect(repIds).toHaveLength(1);
    expect(ceoIds.length).toBeGreaterThan(1);
    expect(ceoIds).toContain(repIds[0]);
    const repAgain = await post(DEPARTMENTS, {}, SALES_REP);
    expect(repAgain.raw).toBe(rep.raw);
    expect((await record(repAgain.requestId)).principal).toBe(SALES_REP);
  });

  test('only answers without errors, only data queries: an error or a governance query is never a hit', async () => {
    const FAILS =
      '{ indicatorValues(codes: ["no_such_indicator"], from: "2025-03", grain: MONTH) { rows { member { id } } } }';
    const a = await post(FAILS, {}, CEO);
    const b = await post(FAILS, {}, CEO);
    expect(a.body.errors?.length).toBeGreaterThan(0);
    expect((await record(b.requestId)).response_cache).toBeNull();
    const CHANGES = '{ indicatorChanges { id state } }';
    await post(CHANGES, {}, CEO);
    const again = await post(CHANGES, {}, CEO);
    expect(again.body.errors).toBeUndefined();
    expect((await record(again.requestId)).response_cache).toBeNull();
  });

  test('after the freshness bound the answer is computed again', async () => {
    const first = await post(DASHBOARD, { from: '2025-05' }, CEO);
    const hit = await post(DASHBOARD, { from: '2025-05' }, CEO);
    expect((await record(hit.requestId)).response_cache).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 300));
    const later = await post(DASHBOARD, { from: '2025-05' }, CEO);
    const row = await record(later.requestId);
    expect(row.response_cache).toBeNull();
    // Recomputed from the sources: statements ran.
    expect(JSON.parse(row.statements)).not.toEqual([]);
    expect(later.raw).toBe(first.raw);
  });

  test('publishing a new definition version drops the kept answers: the next one is computed with it', async () => {
    const before = await post(DASHBOARD, { from: '2025-06' }, CEO);
    const hit = await post(DASHBOARD, { from: '2025-06' }, CEO);
    expect((await record(hit.requestId)).response_cache).toBe('hit');

    const CHANGE = 'id state revision';
    type Change = { id: string; state: string; revision: number };
    const proposed = await hub.query<{ proposeIndicatorChange: Change }>(
      `mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { ${CHANGE} } }`,
      {
        i: {
          code: 'gross_profit',
          kind: 'UPDATE',
          definition: GROSS_PROFIT.replace(
            'formula: invoiced_revenue - cogs',
            'formula: invoiced_revenue * 0.5 - cogs',
          ),
          reason: 'response cache test',
        },
      },
      ANALYST,
    );
    expect(proposed.errors).toBeUndefined();
    let change = proposed.data!.proposeIndicatorChange;
    for (const [name, as, comment] of [
      ['submit', ANALYST, ''],
      ['approve', CEO, ', comment: "ok"'],
    ] as const) {
      const res = await hub.query<Record<string, Change>>(
        `mutation($id: ID!, $r: Int!) { ${name}IndicatorChange(id: $id, expectedRevision: $r${comment}) { ${CHANGE} } }`,
        { id: change.id, r: change.revision },
        as,
      );
      expect(res.errors).toBeUndefined();
      change = res.data![`${name}IndicatorChange`]!;
    }
    expect(change.state).toBe('APPROVED'); // approved = published as the next version

    const after = await post(DASHBOARD, { from: '2025-06' }, CEO);
    expect((await record(after.requestId)).response_cache).toBeNull();
    expect(after.raw).not.toBe(before.raw);
    const cells = (raw: string) => {
      const t = (
        JSON.parse(raw) as {
          data: { indicatorValues: { rows: Array<{ cells: Array<{ code: string; value: string }> }> } };
        }
      ).data.indicatorValues;
      const cell = (code: string) => Number(t.rows[0]!.cells.find((c) => c.code === code)!.value);
      return { gp: cell('gross_profit'), revenue: cell('invoiced_revenue'), cogs: cell('cogs') };
    };
    const now = cells(after.raw);
    expect(Math.abs(now.gp - (now.revenue * 0.5 - now.cogs))).toBeLessThan(0.011);
    const then = cells(before.raw);
    expect(Math.abs(then.gp - (then.revenue - then.cogs))).toBeLessThan(0.011);
  });
});
