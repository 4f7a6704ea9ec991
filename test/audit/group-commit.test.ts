import { AuditLog } from '../../src/audit/audit-log';
import { sha256Hex, type AuditEntry } from '../../src/audit/record';
import { STORE_ENGINES, openAuditTestStore, type AuditTestStore } from './audit-engines';

/** Group commit (src/audit/group-commit.ts): concurrent appends share a transaction, the chain stays whole. */
function entry(i: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2025, 10, 3, 8, 0, i)).toISOString(),
    requestId: `req-${i}`,
    principal: 'EMP-000001',
    roles: ['analyst'],
    scope: 'everything',
    operationName: 'Point',
    documentHash: sha256Hex(`query Point ${i}`),
    variables: null,
    fieldsRequested: ['Query.customer'],
    denied: [],
    masked: [],
    indicators: [],
    statements: [],
    rows: 0,
    outcome: 'ok',
    errorCodes: [],
    latencyMs: 1,
    ip: null,
    reason: null,
    ...over,
  };
}

describe.each(STORE_ENGINES)('audit group commit on %s', (engine) => {
  let store: AuditTestStore;
  let log: AuditLog;

  beforeAll(async () => {
    store = await openAuditTestStore(engine);
    log = new AuditLog(store.conn);
    await log.migrate();
  });
  afterAll(async () => {
    await store?.dispose();
  });
  beforeEach(async () => {
    await store.sql('delete from {t}');
  });

  /** Rows as the store holds them (the oracle: SQL on the table, not the log's own reader). */
  async function rows(): Promise<Array<{ seq: number; request_id: string; hash: string; prev_hash: string }>> {
    const out = await store.sql('select seq, request_id, hash, prev_hash from {t} order by seq');
    return out.map((r) => ({
      seq: Number(r.seq),
      request_id: String(r.request_id),
      hash: String(r.hash),
      prev_hash: String(r.prev_hash),
    }));
  }

  test('300 concurrent appends: every one has its own record, in arrival order, the chain verifies', async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(entry(i + 1))));
    // Arrival order is chain order: the batch keeps the order appends were made in.
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const stored = await rows();
    expect(stored.map((r) => r.request_id)).toEqual(results.map((_, i) => `req-${i + 1}`));
    stored.forEach((r, i) => {
      expect(r.hash).toBe(results[i]!.hash);
      if (i > 0) expect(r.prev_hash).toBe(stored[i - 1]!.hash);
    });
    expect(await log.verify()).toMatchObject({ ok: true, checked: 300 });
  });

  /** A log on a connection whose knex counts its transactions and its statements outside them. */
  function countingLog(conn = store.conn): { log: AuditLog; writes: { transactions: number; statements: number } } {
    const writes = { transactions: 0, statements: 0 };
    const knex = new Proxy(conn.knex, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if ((name !== 'transaction' && name !== 'raw') || typeof value !== 'function') return value;
        return (...a: unknown[]) => {
          if (name === 'transaction') writes.transactions += 1;
          else writes.statements += 1;
          return (value as (...b: unknown[]) => unknown).apply(target, a);
        };
      },
    });
    return { log: new AuditLog({ ...conn, knex }), writes };
  }

  test('appends made while a batch is written share the next one (fewer writes than records)', async () => {
    const { log: counted, writes } = countingLog();
    await Promise.all(Array.from({ length: 50 }, (_, i) => counted.append(entry(i + 1))));
    // The first append is written alone (a transaction: the log's head is read under the lock); the 49 made
    // meanwhile wait and go together, in one statement after the head the log wrote itself.
    expect(writes).toEqual({ transactions: 1, statements: 1 });
    expect(await log.verify()).toMatchObject({ ok: true, checked: 50 });
    expect((await rows()).map((r) => r.request_id)).toEqual(Array.from({ length: 50 }, (_, i) => `req-${i + 1}`));
  });

  test('after its first record a log appends one request in one statement, not a transaction', async () => {
    const { log: counted, writes } = countingLog();
    for (let i = 1; i <= 6; i++) await counted.append(entry(i));
    expect(writes).toEqual({ transactions: 1, statements: 5 });
    const stored = await rows();
    expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    stored.forEach((r, i) => i > 0 && expect(r.prev_hash).toBe(stored[i - 1]!.hash));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 6 });
  });

  test('a head another writer moved: nothing is inserted after the old head, the append reads the head and retries in one statement', async () => {
    // On PostgreSQL another pool stands in for a second hub process; on the embedded engine it is the same
    // session, still another AuditLog with its own idea of the head.
    const { log: a, writes } = countingLog();
    const b = new AuditLog(store.engine === 'postgres' ? store.openAnother() : store.conn);
    await a.append(entry(1));
    await b.append(entry(2));
    await b.append(entry(3));
    // a still knows seq 1 as its last record: its statement after seq 1 must not fork the chain at seq 2.
    const fourth = await a.append(entry(4));
    expect(fourth.seq).toBe(4);
    // Its statement after seq 1 writes nothing; the head is read again and one statement appends after seq 3:
    // no transaction beyond the first record's.
    expect(writes).toEqual({ transactions: 1, statements: 2 });
    const stored = await rows();
    expect(stored.map((r) => r.request_id)).toEqual(['req-1', 'req-2', 'req-3', 'req-4']);
    expect(stored[3]!.prev_hash).toBe(stored[2]!.hash);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 4 });
  });

  test('a head no longer in the table (records removed behind its back): the append reads the head again', async () => {
    const { log: counted } = countingLog();
    await counted.append(entry(1));
    await counted.append(entry(2));
    await store.sql('delete from {t} where seq = 2');
    const next = await counted.append(entry(3));
    // Chained to what the table holds (seq 1), not to the removed record the log wrote last.
    expect(next.seq).toBe(2);
    const stored = await rows();
    expect(stored.map((r) => r.request_id)).toEqual(['req-1', 'req-3']);
    expect(stored[1]!.prev_hash).toBe(stored[0]!.hash);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 2 });
  });

  test('a batch the store refuses fails every request in it and writes nothing of it', async () => {
    await log.append(entry(1));
    // The store refuses one row of the next batch (a constraint), as a full disk or a lost connection would.
    await store.sql(`alter table {t} add constraint refuse_one check (request_id <> 'req-poison')`);
    try {
      const first = log.append(entry(2)); // written alone: the next appends wait for it
      const batch = [3, 4, 5, 6].map((i) =>
        log.append(entry(i, i === 5 ? { requestId: 'req-poison' } : {})).then(
          () => 'written',
          () => 'refused',
        ),
      );
      await first;
      expect(await Promise.all(batch)).toEqual(['refused', 'refused', 'refused', 'refused']);
      // The log goes on after the failed batch, chained to the last committed record.
      await log.append(entry(7));
    } finally {
      await store.sql('alter table {t} drop constraint refuse_one');
    }
    const stored = await rows();
    expect(stored.map((r) => r.request_id)).toEqual(['req-1', 'req-2', 'req-7']);
    expect(stored.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  test('an entry that cannot be hashed is refused alone; the rest of its batch is written', async () => {
    const first = log.append(entry(1));
    const bad = log.append(entry(2, { latencyMs: Number.NaN, rows: Number.POSITIVE_INFINITY })).then(
      () => 'written',
      () => 'refused',
    );
    const good = log.append(entry(3));
    await first;
    expect(await bad).toBe('refused');
    await good;
    const stored = await rows();
    expect(stored.map((r) => r.request_id)).toEqual(['req-1', 'req-3']);
    expect(await log.verify()).toMatchObject({ ok: true, checked: stored.length });
  });
});
