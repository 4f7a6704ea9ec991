import { AuditLog } from '../../src/audit/audit-log';
import { GENESIS_HASH, hashOf, sha256Hex, type AuditEntry, type AuditRecord } from '../../src/audit/record';
import { HubStore } from '../../src/store/hub-store';
import { STORE_ENGINES, openAuditTestStore, type AuditTestStore } from './audit-engines';

/** The n-th request of a made-up morning: one per second from 2025-11-03T08:00:00Z. */
function entry(i: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2025, 10, 3, 8, 0, i)).toISOString(),
    requestId: `req-${i}`,
    principal: 'EMP-000001',
    roles: ['analyst'],
    scope: 'departments: D0001 and below',
    operationName: 'Dashboard',
    documentHash: sha256Hex(`query Dashboard ${i}`),
    variables: { period: '2025-Q4' },
    fieldsRequested: ['Department.revenue', 'Query.departments'],
    denied: [],
    masked: [],
    indicators: [{ code: 'REVENUE', version: '3' }],
    statements: [{ source: 'crm', statements: 1, rows: 10, fingerprints: ['a1b2c3'] }],
    rows: 10,
    outcome: 'ok',
    errorCodes: [],
    latencyMs: 12,
    ip: null,
    reason: null,
    ...over,
  };
}

describe.each(STORE_ENGINES)('audit log on %s', (engine) => {
  let store: AuditTestStore;
  let log: AuditLog;

  beforeAll(async () => {
    store = await openAuditTestStore(engine);
    log = new AuditLog(store.conn);
    await log.migrate();
    await log.migrate(); // idempotent
  });
  afterAll(async () => {
    await store?.dispose();
  });
  beforeEach(async () => {
    await store.sql('delete from {t}');
  });

  async function appendMany(n: number, make: (i: number) => AuditEntry = entry): Promise<void> {
    for (let i = 1; i <= n; i += 1) await log.append(make(i));
  }

  /** Every record, oldest first, read through query() in pages. */
  async function allRecords(pageSize = 20): Promise<AuditRecord[]> {
    const out: AuditRecord[] = [];
    let after: number | null = null;
    do {
      const page = await log.query({}, { first: pageSize, after });
      out.push(...page.records);
      after = page.nextCursor;
    } while (after !== null);
    return out.reverse();
  }

  describe('the chain', () => {
    test('50 appends: seq 1..50, each record chained to the previous, verify ok', async () => {
      const results: Array<{ seq: number; hash: string }> = [];
      for (let i = 1; i <= 50; i += 1) results.push(await log.append(entry(i)));
      expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

      const records = await allRecords();
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(records[0]!.prevHash).toBe(GENESIS_HASH);
      records.forEach((r, i) => {
        expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hashOf(r)).toBe(r.hash);
        expect(r.hash).toBe(results[i]!.hash);
        if (i > 0) expect(r.prevHash).toBe(records[i - 1]!.hash);
      });
      expect(new Set(records.map((r) => r.hash)).size).toBe(50);

      expect(await log.verify()).toEqual({ ok: true, checked: 50, head: { seq: 50, hash: results[49]!.hash } });
      // Reading in small chunks gives the same verdict (the chunk boundary carries the link).
      expect(await log.verify({ chunkSize: 7 })).toEqual({
        ok: true,
        checked: 50,
        head: { seq: 50, hash: results[49]!.hash },
      });
    });

    test('an empty log verifies (0 records)', async () => {
      expect(await log.verify()).toEqual({ ok: true, checked: 0, head: null });
    });

    test('40 concurrent appends from two pools: 40 distinct contiguous seqs, no fork', async () => {
      // On PostgreSQL the second pool stands in for a second hub process: only the advisory lock
      // orders the two (each AuditLog has its own in-process queue).
      const other = new AuditLog(store.openAnother());
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? log : other).append(entry(i + 1))),
      );
      expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const verdict = await log.verify();
      expect(verdict).toMatchObject({ ok: true, checked: 40 });
      const records = await allRecords();
      expect(new Set(records.map((r) => r.prevHash)).size).toBe(40);
      expect(records.map((r) => r.requestId).sort()).toEqual(results.map((_, i) => `req-${i + 1}`).sort());
    });

    test('append stores the normalised entry: sorted unique lists, ISO time, whole milliseconds', async () => {
      await log.append(
        entry(1, {
          at: '2025-11-03T09:00:00+01:00',
          roles: ['viewer', 'analyst', 'viewer'],
          fieldsRequested: ['Query.departments', 'Department.name', 'Department.name'],
          errorCodes: ['SOURCE_UNAVAILABLE', 'FORBIDDEN', 'FORBIDDEN'],
          denied: [
            { field: 'Employee.salary', rule: 'fields["Employee.salary"] = deny' },
            { field: 'Employee.email', rule: 'r2' },
          ],
          latencyMs: 12.6,
          outcome: 'error',
        }),
      );
      const [record] = (await log.query()).records;
      expect(record).toMatchObject({
        seq: 1,
        at: '2025-11-03T08:00:00.000Z',
        roles: ['analyst', 'viewer'],
        fieldsRequested: ['Department.name', 'Query.departments'],
        errorCodes: ['FORBIDDEN', 'SOURCE_UNAVAILABLE'],
        denied: [
          { field: 'Employee.email', rule: 'r2' },
          { field: 'Employee.salary', rule: 'fields["Employee.salary"] = deny' },
        ],
        latencyMs: 13,
        variables: { period: '2025-Q4' },
      });
    });
  });

  describe('tampering is detected at the first broken record', () => {
    test.each([
      ['principal', "'EMP-000666'"],
      ['outcome', "'ok'"],
      ['latency_ms', '1'],
      ['fields_requested', `'["Query.departments"]'`],
      ['at', "'2025-11-03T07:59:59.000Z'"],
    ])('UPDATE of %s in row 17 → hash mismatch at 17', async (column, value) => {
      await appendMany(40, (i) => entry(i, { outcome: i === 17 ? 'partial' : 'ok' }));
      await store.sql(`update {t} set ${column} = ${value} where seq = 17`);
      expect(await log.verify()).toEqual({
        ok: false,
        checked: 17,
        head: null,
        firstBroken: { seq: 17, reason: 'hash mismatch' },
      });
    });

    test('a column that is no longer valid JSON → hash mismatch', async () => {
      await appendMany(20);
      await store.sql(`update {t} set variables = '{"period":' where seq = 5`);
      expect((await log.verify()).firstBroken).toEqual({ seq: 5, reason: 'hash mismatch' });
    });

    test('DELETE of row 23 → missing sequence number 23', async () => {
      await appendMany(40);
      await store.sql('delete from {t} where seq = 23');
      expect(await log.verify()).toEqual({
        ok: false,
        checked: 22,
        head: null,
        firstBroken: { seq: 23, reason: 'missing sequence number' },
      });
    });

    test('DELETE of row 1 → missing sequence number 1', async () => {
      await appendMany(5);
      await store.sql('delete from {t} where seq = 1');
      expect((await log.verify()).firstBroken).toEqual({ seq: 1, reason: 'missing sequence number' });
    });

    test('rows 10 and 11 swapped (reordered) → broken at 10', async () => {
      await appendMany(40);
      await store.sql('update {t} set seq = -10 where seq = 10');
      await store.sql('update {t} set seq = 10 where seq = 11');
      await store.sql('update {t} set seq = 11 where seq = -10');
      const verdict = await log.verify();
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBroken!.seq).toBe(10);
      expect(verdict.firstBroken!.reason).toBe('hash mismatch');
    });

    test('row 30 rewritten with a recomputed hash → broken link at 31', async () => {
      await appendMany(40);
      const [original] = (await log.query({}, { first: 1, after: 31 })).records;
      expect(original!.seq).toBe(30);
      const forged: AuditRecord = { ...original!, principal: 'EMP-000666' };
      forged.hash = hashOf(forged);
      await store.sql('update {t} set principal = ?, hash = ? where seq = 30', [forged.principal, forged.hash]);
      expect(await log.verify()).toEqual({
        ok: false,
        checked: 31,
        head: null,
        firstBroken: { seq: 31, reason: 'broken link to previous' },
      });
    });

    test('records cut from the end: the chain alone cannot tell, an anchor can', async () => {
      await appendMany(30);
      const { head } = await log.verify();
      expect(head!.seq).toBe(30);
      await store.sql('delete from {t} where seq > 28');
      expect(await log.verify()).toMatchObject({ ok: true, checked: 28 });
      expect((await log.verify({ anchor: head! })).firstBroken).toEqual({ seq: 29, reason: 'missing sequence number' });
    });

    test('the whole chain recomputed from row 5 on: caught by an anchor at or after 5', async () => {
      await appendMany(10);
      const { head } = await log.verify();
      const records = await allRecords();
      let prev = records[3]!.hash;
      for (const r of records.slice(4)) {
        const forged: AuditRecord = { ...r, principal: 'EMP-000666', prevHash: prev };
        forged.hash = hashOf(forged);
        await store.sql('update {t} set principal = ?, prev_hash = ?, hash = ? where seq = ?', [
          forged.principal,
          prev,
          forged.hash,
          r.seq,
        ]);
        prev = forged.hash;
      }
      expect((await log.verify()).ok).toBe(true);
      expect((await log.verify({ anchor: head! })).firstBroken).toEqual({ seq: 10, reason: 'hash mismatch' });
    });
  });

  describe('query', () => {
    // 30 records: principals by i % 3, outcomes by i % 5, REVENUE on even i, salary denied when i % 7 = 0.
    const principals = ['EMP-000001', 'EMP-000002', 'apikey:bi'];
    const outcomes = ['ok', 'ok', 'partial', 'error', 'denied'] as const;
    const make = (i: number): AuditEntry =>
      entry(i, {
        principal: principals[i % 3]!,
        outcome: outcomes[i % 5]!,
        indicators: i % 2 === 0 ? [{ code: 'REVENUE', version: '3' }] : [{ code: 'HEADCOUNT', version: '1' }],
        fieldsRequested:
          i % 4 === 0 ? ['Employee.name', 'Query.employees'] : ['Department.revenue', 'Query.departments'],
        denied: i % 7 === 0 ? [{ field: 'Employee.salary', rule: 'deny' }] : [],
      });
    const range = (pred: (i: number) => boolean) => Array.from({ length: 30 }, (_, k) => 30 - k).filter(pred); // newest first

    beforeEach(async () => {
      await appendMany(30, make);
    });

    test('newest first, paged by cursor without gaps or repeats', async () => {
      const seen: number[] = [];
      let after: number | null = null;
      let pages = 0;
      do {
        const page = await log.query({}, { first: 8, after });
        expect(page.records.length).toBeLessThanOrEqual(8);
        seen.push(...page.records.map((r) => r.seq));
        after = page.nextCursor;
        pages += 1;
      } while (after !== null);
      expect(pages).toBe(4);
      expect(seen).toEqual(range(() => true));
    });

    test('a page boundary exactly at the end gives nextCursor null, not an empty page', async () => {
      const page = await log.query({}, { first: 30 });
      expect(page.records).toHaveLength(30);
      expect(page.nextCursor).toBeNull();
      const first = await log.query({}, { first: 10 });
      expect(first.nextCursor).toBe(21);
    });

    test('records appended while paging do not shift later pages', async () => {
      const first = await log.query({}, { first: 10 });
      await log.append(make(31));
      const second = await log.query({}, { first: 10, after: first.nextCursor });
      expect(second.records.map((r) => r.seq)).toEqual(range((i) => i <= 20 && i > 10));
    });

    test.each([
      ['principal', { principal: 'EMP-000002' }, (i: number) => i % 3 === 1],
      ['outcome', { outcome: 'partial' as const }, (i: number) => i % 5 === 2],
      ['indicator', { indicator: 'REVENUE' }, (i: number) => i % 2 === 0],
      ['field requested', { field: 'Employee.name' }, (i: number) => i % 4 === 0],
      ['field denied', { field: 'Employee.salary' }, (i: number) => i % 7 === 0],
      // at = 08:00:i → [08:00:05, 08:00:12) holds i = 5..11
      [
        'time range',
        { from: '2025-11-03T08:00:05Z', to: '2025-11-03T09:00:12+01:00' },
        (i: number) => i >= 5 && i < 12,
      ],
      [
        'combined',
        { principal: 'EMP-000001', indicator: 'REVENUE', from: '2025-11-03T08:00:10.000Z' },
        (i: number) => i % 3 === 0 && i % 2 === 0 && i >= 10,
      ],
      ['nothing matches', { indicator: 'NO_SUCH' }, () => false],
    ])('filter: %s', async (_name, filter, pred) => {
      const seen: number[] = [];
      let after: number | null = null;
      do {
        const page = await log.query(filter, { first: 3, after });
        seen.push(...page.records.map((r) => r.seq));
        after = page.nextCursor;
      } while (after !== null);
      expect(seen).toEqual(range(pred));
    });

    test('invalid arguments are refused with BAD_USER_INPUT', async () => {
      const code = (p: Promise<unknown>) =>
        p.then(
          () => 'resolved',
          (e: { extensions?: { code?: string } }) => e.extensions?.code,
        );
      expect(await code(log.query({}, { first: 501 }))).toBe('BAD_USER_INPUT');
      expect(await code(log.query({}, { first: 0 }))).toBe('BAD_USER_INPUT');
      expect(await code(log.query({}, { after: -1 }))).toBe('BAD_USER_INPUT');
      expect(await code(log.query({ from: 'yesterday' }))).toBe('BAD_USER_INPUT');
      expect(await code(log.query({ outcome: 'great' as never }))).toBe('BAD_USER_INPUT');
      expect((await log.query({}, { first: 500 })).records).toHaveLength(30);
    });
  });

  test("HubStore.migrate creates the audit log in the hub's schema", async () => {
    const conn = store.openAnother('hub');
    expect(await new AuditLog(conn).exists()).toBe(false);
    await new HubStore(conn).migrate();
    expect(await new AuditLog(conn).exists()).toBe(true);
    const log2 = new AuditLog(conn);
    await log2.append(entry(1));
    expect(await log2.verify()).toMatchObject({ ok: true, checked: 1 });
  });
});
