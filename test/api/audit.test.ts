import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';

/** Auditors' view: every request leaves one hash-chained record, queryable and verifiable through the API. */
const AUDITOR = 'EMP-000312';
const SALES_REP = 'EMP-000010';

type Rec = {
  seq: number;
  principal: string;
  outcome: string;
  fieldsRequested: string[];
  denied: Array<{ field: string; rule: string }>;
  masked: Array<{ field: string; rule: string }>;
  indicators: Array<{ code: string; version: string }>;
  statements: Array<{ source: string; fingerprints: string[] }>;
  errorCodes: string[];
  variables: string | null;
  reason: string | null;
};
const RECORD = `seq principal outcome fieldsRequested denied { field rule } masked { field rule } indicators { code version }
  statements { source fingerprints } errorCodes variables reason`;

describe('audit log through the API (embedded store)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  async function latest(principal?: string): Promise<Rec> {
    const res = await hub.query<{ auditLog: { records: Rec[] } }>(
      `query($p: String) { auditLog(principal: $p, first: 1) { records { ${RECORD} } } }`,
      { p: principal },
      AUDITOR,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog.records[0]!;
  }

  test('an allowed request with masked and denied fields: one record naming the rules, the indicators and the statements', async () => {
    const res = await hub.query(
      `query Q($secretToken: String) { employees(limit: 3) { name phone idCardNo } indicators(search: $secretToken) { code }
         indicatorValues(codes: ["revenue"], from: "2025-Q4", grain: QUARTER) { rows { cells { value } } } }`,
      { secretToken: 'zzz-no-match' },
      SALES_REP,
    );
    // One error for the denied field over the 3 rows (src/server/coalesce-errors.ts).
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.count])).toEqual([['FORBIDDEN', 3]]);
    const record = await latest(SALES_REP);
    expect(record.outcome).toBe('partial');
    expect(record.fieldsRequested).toEqual(
      expect.arrayContaining(['Employee.idCardNo', 'Employee.phone', 'Query.employees', 'Query.indicatorValues']),
    );
    expect(record.denied).toEqual([
      { field: 'Employee.idCardNo', rule: expect.stringContaining('fields["Employee.idCardNo"]') },
    ]);
    expect(record.masked).toEqual([{ field: 'Employee.phone', rule: 'fields["Employee.phone"].* = mask:phone' }]);
    expect(record.indicators).toEqual([{ code: 'revenue', version: 'v1' }]);
    expect(record.statements.map((s) => s.source).sort()).toEqual(['crm', 'hr']);
    expect(JSON.parse(record.variables!)).toEqual({ secretToken: '[redacted]' });
    expect(record.errorCodes).toEqual(['FORBIDDEN']);
  });

  test('a refused request (bad token) is recorded too, without the credential', async () => {
    const res = await hub.query('{ departments { id } }', {}, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(res.status).toBe(401);
    const page = await hub.query<{ auditLog: { records: Rec[] } }>(
      `{ auditLog(outcome: refused, first: 1) { records { ${RECORD} } } }`,
      {},
      AUDITOR,
    );
    const record = page.data!.auditLog.records[0]!;
    expect(record).toMatchObject({ principal: 'anonymous', outcome: 'refused', errorCodes: ['UNAUTHENTICATED'] });
    expect(record.reason).toMatch(/malformed/);
    expect(JSON.stringify(record)).not.toContain('not.a.jwt');
  });

  test('a body the parser refuses (too large) is answered with a coded error and recorded', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(2_000_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [
        { message: 'The request body is larger than 1000000 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } },
      ],
    });
    const page = await hub.query<{ auditLog: { records: Rec[] } }>(
      `{ auditLog(outcome: refused, first: 1) { records { ${RECORD} } } }`,
      {},
      AUDITOR,
    );
    expect(page.data!.auditLog.records[0]!.reason).toBe('The request body is larger than 1000000 bytes.');
  });

  test('only auditors may read the log', async () => {
    const res = await hub.query('{ auditLog { records { seq } } }', {}, SALES_REP);
    expect(res.data).toEqual({ auditLog: null });
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  test('the chain verifies, and a row altered directly in the store is reported as the first broken link', async () => {
    const ok = await hub.query<{ verifyAuditChain: { ok: boolean; checked: number } }>(
      '{ verifyAuditChain { ok checked } }',
      {},
      AUDITOR,
    );
    expect(ok.data!.verifyAuditChain.ok).toBe(true);
    expect(ok.data!.verifyAuditChain.checked).toBeGreaterThanOrEqual(5);
    const { conn } = hub.runtime.store;
    await conn.knex.raw(`update ${conn.schema}.audit_log set principal = 'EMP-000001' where seq = 2`);
    const broken = await hub.query<{ verifyAuditChain: { ok: boolean; firstBrokenSeq: number; reason: string } }>(
      '{ verifyAuditChain { ok firstBrokenSeq reason } }',
      {},
      AUDITOR,
    );
    expect(broken.data!.verifyAuditChain).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'hash mismatch' });
  });
});
