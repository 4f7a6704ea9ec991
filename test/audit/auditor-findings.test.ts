import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ALL_EMBEDDED } from '../support/engines';
import { authHeaders, startTestHub, type TestHub } from '../support/hub-client';

/**
 * Issue 21, as found by an auditor through the API alone, each finding reproduced and its fix asserted.
 * Oracles: what the client itself received (response header, ids, suppressed cells) and the store's rows.
 */
const AUDITOR = 'EMP-000312';
const SALES_REP = 'EMP-000010';
const HR_MANAGER = 'EMP-000294';
const FINANCE_MANAGER = 'EMP-000267';
const DEPARTED = 'EMP-000014';
const run = promisify(execFile);

type Rec = {
  seq: number;
  at: string;
  requestId: string;
  principal: string;
  outcome: string;
  eventType: string;
  address: string | null;
  refusalKind: string | null;
  refusalCount: number | null;
  recordIds: Array<{ field: string; ids: string[]; more: number }>;
  arguments: string | null;
  indicatorInputs: Array<{ code: string; version: string; inputs: Array<{ code: string; version: string }> }>;
  suppressed: Array<{ indicator: string; period: string; member: string; reason: string }>;
};
type Access = {
  roles: string[];
  fields: Array<{ field: string; decision: string; rule: string; byRole: Array<{ role: string; decision: string }> }>;
};
const RECORD = `seq at requestId principal outcome eventType address refusalKind refusalCount
  recordIds { field ids more } arguments indicatorInputs { code version inputs { code version } }
  suppressed { indicator period member reason }`;

describe('issue 21: an audit trail that answers an auditor (embedded demo)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  async function records(filter: string): Promise<Rec[]> {
    const res = await hub.query<{ auditLog: { records: Rec[] } }>(
      `{ auditLog(${filter}, first: 50) { records { ${RECORD} } } }`,
      {},
      AUDITOR,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog.records;
  }

  async function post(query: string, as: string): Promise<{ status: number; requestId: string | null; body: unknown }> {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(as)) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, requestId: res.headers.get('x-request-id'), body: await res.json() };
  }

  test('finding 1+6: the request id is returned to the client and leads to its record, which carries the address', async () => {
    const res = await post('{ departments(limit: 2) { id name } }', SALES_REP);
    expect(res.status).toBe(200);
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [record, ...others] = await records(`requestId: "${res.requestId}"`);
    expect(others).toEqual([]);
    expect(record).toMatchObject({ principal: SALES_REP, eventType: 'read', address: '127.0.0.1', outcome: 'ok' });
    expect(Date.parse(record!.at)).not.toBeNaN();
    expect(await records('address: "127.0.0.1", eventType: read')).toEqual(
      expect.arrayContaining([expect.objectContaining({ requestId: res.requestId })]),
    );
  });

  test("finding 2: a departed employee's refused token names them, with kind, count and address", async () => {
    const res = await post('{ departments(limit: 1) { id } }', DEPARTED);
    expect(res.status).toBe(401);
    const [record] = await records(`principal: "${DEPARTED}", eventType: authentication`);
    expect(record).toMatchObject({
      principal: DEPARTED,
      outcome: 'refused',
      eventType: 'authentication',
      refusalKind: 'ACCESS_REVOKED',
      refusalCount: 1,
      address: '127.0.0.1',
      requestId: res.requestId,
    });
  });

  test('finding 4: ids of the records returned for personal-data fields, literal arguments, personal-data filter', async () => {
    const res = await hub.query<{
      employees: Array<{ id: string; idCardNo: string | null; monthlySalary: string | null }>;
    }>('{ employees(limit: 7) { id name idCardNo monthlySalary } }', {}, HR_MANAGER);
    expect(res.errors).toBeUndefined();
    const returned = res
      .data!.employees.filter((e) => e.idCardNo !== null)
      .map((e) => e.id)
      .sort();
    expect(returned.length).toBeGreaterThan(0);
    const [record] = await records(`principal: "${HR_MANAGER}", personalData: true`);
    expect(record!.recordIds).toEqual(expect.arrayContaining([{ field: 'Employee.idCardNo', ids: returned, more: 0 }]));
    expect(JSON.parse(record!.arguments!)).toEqual({ 'Query.employees(limit)': 7 });
  });

  test('finding 4: an indicator is recorded with the version of every input (gross_margin → gross_profit…)', async () => {
    const res = await hub.query(
      '{ indicatorValues(codes: ["gross_margin"], from: "2025-Q4", grain: QUARTER) { rows { cells { value } } } }',
      {},
      FINANCE_MANAGER,
    );
    expect(res.errors).toBeUndefined();
    const [record] = await records(`principal: "${FINANCE_MANAGER}", indicator: "gross_margin"`);
    const gm = record!.indicatorInputs.find((i) => i.code === 'gross_margin')!;
    const dict = hub.runtime.dictionary;
    expect(gm.inputs.length).toBeGreaterThan(0);
    for (const input of gm.inputs) expect(input.version).toBe(dict.get(input.code)!.version);
    expect(gm.inputs.map((i) => i.code)).toEqual(expect.arrayContaining(['gross_profit', 'invoiced_revenue']));
  });

  test('finding 4: suppressed cells of indicatorValues are recorded, and the disclosure log is readable by auditors', async () => {
    const res = await hub.query<{
      indicatorValues: { rows: Array<{ member: { id: string }; cells: Array<{ reason: string | null }> }> };
    }>(
      '{ indicatorValues(codes: ["payroll_cost"], from: "2025-Q4", grain: QUARTER, groupBy: "department") { rows { member { id } cells { value reason } } } }',
      {},
      FINANCE_MANAGER,
    );
    expect(res.errors).toBeUndefined();
    const suppressed = res
      .data!.indicatorValues.rows.filter((r) => r.cells.some((c) => c.reason?.startsWith('suppressed')))
      .map((r) => r.member.id)
      .sort();
    // The demo has departments where fewer than the minimum were paid: the finding is about those.
    expect(suppressed.length).toBeGreaterThan(0);
    const [record] = await records(`principal: "${FINANCE_MANAGER}", indicator: "payroll_cost"`);
    expect(record!.suppressed.map((s) => s.member).sort()).toEqual(suppressed);
    for (const s of record!.suppressed) expect(s).toMatchObject({ indicator: 'payroll_cost', reason: /^suppressed/ });
    const log = await hub.query<{ disclosureLog: { entries: Array<{ principal: string; fact: string }> } }>(
      `{ disclosureLog(principal: "${FINANCE_MANAGER}") { entries { principal fact windowFrom windowTo members releasedAt } } }`,
      {},
      AUDITOR,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.disclosureLog.entries.length).toBeGreaterThan(0);
    for (const e of log.data!.disclosureLog.entries)
      expect(e).toMatchObject({ principal: FINANCE_MANAGER, fact: 'hr.payroll' });
    const denied = await hub.query('{ disclosureLog { entries { id } } }', {}, SALES_REP);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('finding 6: filters with a typo are errors with a did-you-mean, not an empty page', async () => {
    const field = await hub.query('{ auditLog(field: "Employee.idCardno") { records { seq } } }', {}, AUDITOR);
    expect(field.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(field.errors?.[0]?.message).toContain('did you mean "Employee.idCardNo"');
    const principal = await hub.query('{ auditLog(principal: "EMP-0000100") { records { seq } } }', {}, AUDITOR);
    expect(principal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const role = await hub.query('{ auditLog(role: "auditr") { records { seq } } }', {}, AUDITOR);
    expect(role.errors?.[0]?.message).toContain('did you mean "auditor"');
  });

  test("finding 6: the finance manager's effective access shows the clear phone, through his department-head role", async () => {
    const res = await hub.query<{ effectiveAccess: Access }>(
      `{ effectiveAccess(principal: "${FINANCE_MANAGER}", fields: ["Employee.phone"]) { admitted roles
           fields { field decision rule byRole { role decision } } } }`,
      {},
      AUDITOR,
    );
    expect(res.errors).toBeUndefined();
    const access = res.data!.effectiveAccess;
    expect(access.roles).toEqual(expect.arrayContaining(['finance_manager', 'department_head']));
    expect(access.fields[0]).toMatchObject({
      field: 'Employee.phone',
      decision: 'allow',
      rule: expect.stringContaining('department_head'),
    });
    expect(access.fields[0]!.byRole).toEqual(
      expect.arrayContaining([
        { role: 'finance_manager', decision: 'mask:phone' },
        { role: 'department_head', decision: 'allow' },
      ]),
    );
    // What he really receives agrees: phones in clear (no mask characters).
    const phones = await hub.query<{ employees: Array<{ phone: string | null }> }>(
      '{ employees(limit: 5) { phone } }',
      {},
      FINANCE_MANAGER,
    );
    for (const e of phones.data!.employees) if (e.phone) expect(e.phone).not.toContain('*');
  });

  test('finding 6: who holds role X, with how it comes', async () => {
    const res = await hub.query<{ roleHolders: { holders: Array<{ principal: string; via: string[] }> } }>(
      '{ roleHolders(role: "department_head") { role holders { principal via } } }',
      {},
      AUDITOR,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.roleHolders.holders).toEqual(
      expect.arrayContaining([{ principal: FINANCE_MANAGER, via: [expect.stringMatching(/^title:/)] }]),
    );
    const typo = await hub.query('{ roleHolders(role: "departmnt_head") { role } }', {}, AUDITOR);
    expect(typo.errors?.[0]?.message).toContain('did you mean "department_head"');
  });

  test('finding 6: the impact report of a change is kept with the decision, readable once it is decided', async () => {
    const proposed = await hub.query<{
      proposeIndicatorChange: { id: string; revision: number; impact: { dependents: Array<{ code: string }> } };
    }>(
      `mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id revision impact { dependents { code } } } }`,
      { i: { code: 'invoiced_revenue', kind: 'ARCHIVE', reason: 'billing system moves', submit: true } },
      'EMP-000271',
    );
    expect(proposed.errors).toBeUndefined();
    const { id, revision, impact } = proposed.data!.proposeIndicatorChange;
    expect(impact.dependents.map((d) => d.code)).toContain('gross_margin');
    const rejected = await hub.query(
      `mutation { rejectIndicatorChange(id: "${id}", expectedRevision: ${revision}, comment: "not this year") { state } }`,
      {},
      FINANCE_MANAGER,
    );
    expect(rejected.errors).toBeUndefined();
    const after = await hub.query<{
      indicatorChange: { state: string; impact: { dependents: Array<{ code: string }> } | null };
    }>(`{ indicatorChange(id: "${id}") { state impact { dependents { code } } } }`, {}, FINANCE_MANAGER);
    expect(after.data!.indicatorChange.state).toBe('REJECTED');
    expect(after.data!.indicatorChange.impact).toEqual(impact);
    const [decision] = await records(`principal: "${FINANCE_MANAGER}", eventType: administration`);
    expect(decision).toBeDefined();
  });

  test('finding 5: an exported month re-verifies offline (refused records included); an edited line does not', async () => {
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    const res = await fetch(`${hub.origin}/audit/export?from=${from}&to=${to}&format=jsonl`, {
      headers: await authHeaders(AUDITOR),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines.some((l) => l.includes('"outcome":"refused"') && l.includes(DEPARTED))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    try {
      const file = join(dir, 'month.jsonl');
      writeFileSync(file, text);
      const ok = await run(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify-export.ts', file]);
      expect(ok.stdout).toContain(`audit export intact: ${lines.length} records`);
      const edited = text.replace(`"principal":"${DEPARTED}"`, '"principal":"anonymous"');
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      const broken = await run(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify-export.ts', file]).catch(
        (e: { code: number; stdout: string }) => e,
      );
      expect((broken as { code: number }).code).toBe(1);
      expect((broken as { stdout: string }).stdout).toContain('hash mismatch');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The export itself was audited; a non-auditor is refused, and that is audited too.
    const refused = await fetch(`${hub.origin}/audit/export?format=csv`, { headers: await authHeaders(SALES_REP) });
    expect(refused.status).toBe(403);
    const exports = await records('eventType: audit_access');
    expect(exports.filter((r) => r.principal === AUDITOR && r.outcome === 'ok').length).toBeGreaterThan(0);
    expect(exports).toEqual(
      expect.arrayContaining([expect.objectContaining({ principal: SALES_REP, outcome: 'denied' })]),
    );
    const csv = await fetch(`${hub.origin}/audit/export?from=${from}&format=csv`, {
      headers: await authHeaders(AUDITOR),
    });
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^seq,at,eventType,principal,roles,address,/);
  });

  test("finding 5: deleting the store's newest records passes without an anchor and is caught with one", async () => {
    const head = await hub.query<{ verifyAuditChain: { ok: boolean; headSeq: number; headHash: string } }>(
      '{ verifyAuditChain { ok headSeq headHash } }',
      {},
      AUDITOR,
    );
    const { headSeq, headHash } = head.data!.verifyAuditChain;
    expect(head.data!.verifyAuditChain.ok).toBe(true);
    // Someone with write access to the store cuts the newest records (the verify request's own and two before).
    const conn = hub.runtime.store.conn;
    await conn
      .knex(conn.schema ? `${conn.schema}.audit_log` : 'audit_log')
      .where('seq', '>=', headSeq - 1)
      .delete();
    const plain = await hub.query<{ verifyAuditChain: { ok: boolean } }>('{ verifyAuditChain { ok } }', {}, AUDITOR);
    expect(plain.data!.verifyAuditChain.ok).toBe(true);
    const anchored = await hub.query<{ verifyAuditChain: { ok: boolean; reason: string; firstBrokenSeq: number } }>(
      `{ verifyAuditChain(anchor: { seq: ${headSeq}, hash: "${headHash}" }) { ok reason firstBrokenSeq } }`,
      {},
      AUDITOR,
    );
    expect(anchored.data!.verifyAuditChain.ok).toBe(false);
    // Cut below the anchor: either the anchor's seq is gone or a new record now holds it with another hash.
    expect(['missing sequence number', 'hash mismatch']).toContain(anchored.data!.verifyAuditChain.reason);
  });
});
