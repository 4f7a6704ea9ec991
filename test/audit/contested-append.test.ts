import { AuditLog } from '../../src/audit/audit-log';
import { AuditStore, OPTIMISTIC_TRIES } from '../../src/audit/audit-store';
import { GENESIS_HASH, hashOf, normaliseEntry, sha256Hex, type AuditEntry } from '../../src/audit/record';
import type { SqlConnection } from '../../src/db/connection';
import { auditAppendConflicts, auditAppends } from '../../src/observability/metrics';
import { STORE_ENGINES, openAuditTestStore, type AuditTestStore } from './audit-engines';

/**
 * Several writers on one audit log (src/audit/audit-store.ts appendChained): two hub processes appending in
 * turn. On PostgreSQL the second writer is an AuditLog on its own pool (its own connections: what a second
 * process has); on the embedded engine it is a second AuditLog on the same session (one process only can
 * open it). The oracle is the table itself, read with SQL: seq 1..n without a gap, each prev_hash the hash of
 * the row before, every request exactly once — and the log's own verify().
 */
function entry(id: string, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2025, 10, 3, 8, 0, 0)).toISOString(),
    requestId: id,
    principal: 'EMP-000001',
    roles: ['analyst'],
    scope: 'everything',
    operationName: 'Point',
    documentHash: sha256Hex(`query Point ${id}`),
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

/** Batches appended by path so far in this process (the /metrics counter). */
async function appendsByPath(): Promise<Record<string, number>> {
  const out: Record<string, number> = { fast: 0, optimistic: 0, locked: 0 };
  for (const v of (await auditAppends.get()).values) out[String(v.labels.path)] = v.value;
  return out;
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
}

describe.each(STORE_ENGINES)('contested audit appends on %s', (engine) => {
  let store: AuditTestStore;
  let other: SqlConnection;

  beforeAll(async () => {
    store = await openAuditTestStore(engine);
    other = engine === 'postgres' ? store.openAnother() : store.conn;
    await new AuditLog(store.conn).migrate();
  });
  afterAll(async () => {
    await store?.dispose();
  });
  beforeEach(async () => {
    await store.sql('delete from {t}');
  });

  /** The table as SQL reads it, checked as a chain: 1..n, each linked to the one before. */
  async function chain(): Promise<Array<{ seq: number; request_id: string; hash: string; prev_hash: string }>> {
    const out = (await store.sql('select seq, request_id, hash, prev_hash from {t} order by seq')).map((r) => ({
      seq: Number(r.seq),
      request_id: String(r.request_id),
      hash: String(r.hash),
      prev_hash: String(r.prev_hash),
    }));
    out.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : out[i - 1]!.hash);
    });
    return out;
  }

  /** A connection whose knex counts its transactions (the locked path) and raw statements (one-statement appends). */
  function counting(conn: SqlConnection): {
    conn: SqlConnection;
    writes: { transactions: number; statements: number };
  } {
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
    return { conn: { ...conn, knex }, writes };
  }

  /** Writes one record on `other` straight through an AuditStore of its own (not through a queue this
   *  process's logs share on the embedded engine): a second process writing at a chosen moment. */
  function interloper(): (id: string) => Promise<void> {
    const direct = new AuditStore(other);
    return async (id) => {
      await direct.appendChained((last) => {
        const unsigned = {
          ...normaliseEntry(entry(id)),
          seq: (last?.seq ?? 0) + 1,
          prevHash: last?.hash ?? GENESIS_HASH,
        };
        return [{ ...unsigned, hash: hashOf(unsigned) }];
      });
    };
  }

  /** store.conn, but `before` runs before each one-statement append (knex.raw) made on it. */
  function hooked(before: (bindings: unknown) => Promise<void>): SqlConnection {
    const knex = new Proxy(store.conn.knex, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name !== 'raw' || typeof value !== 'function') return value;
        return async (...a: unknown[]) => {
          await before(a[1]);
          return (value as (...b: unknown[]) => unknown).apply(target, a);
        };
      },
    });
    return { ...store.conn, knex };
  }

  test('two writers appending in turn: each append after the other wrote is one read and one statement, no transaction', async () => {
    const a = counting(store.conn);
    const b = counting(other);
    const logA = new AuditLog(a.conn);
    const logB = new AuditLog(b.conn);
    await logA.append(entry('a-0')); // the empty log: written under the lock
    const before = await appendsByPath();
    for (let i = 1; i <= 5; i++) {
      await logB.append(entry(`b-${i}`));
      await logA.append(entry(`a-${i}`));
    }
    const paths = delta(before, await appendsByPath());
    // b's first append knows no head (one optimistic statement after a read); every later one of either writer
    // finds the head moved by the other: its one statement writes nothing, then a read and one statement.
    expect(paths).toEqual({ fast: 0, optimistic: 10, locked: 0 });
    expect(a.writes).toEqual({ transactions: 1, statements: 5 * 2 });
    expect(b.writes).toEqual({ transactions: 0, statements: 1 + 4 * 2 });
    const rows = await chain();
    expect(rows.map((r) => r.request_id)).toEqual(['a-0', ...[1, 2, 3, 4, 5].flatMap((i) => [`b-${i}`, `a-${i}`])]);
    expect(await logA.verify()).toMatchObject({ ok: true, checked: 11 });
  });

  test('a contested burst of 2 x 150 concurrent appends: one chain, no fork, no gap, every request once', async () => {
    const logA = new AuditLog(store.conn);
    const logB = new AuditLog(other);
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const results = await Promise.all([
      ...ids.map((i) => logA.append(entry(`a-${i}`))),
      ...ids.map((i) => logB.append(entry(`b-${i}`))),
    ]);
    const rows = await chain();
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(300);
    // What each append resolved with is the committed row of its request.
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    results.forEach((r, i) => {
      const id = i < 150 ? `a-${i + 1}` : `b-${i - 149}`;
      expect(bySeq.get(r.seq)).toMatchObject({ request_id: id, hash: r.hash });
    });
    // Each writer's records keep its arrival order.
    for (const w of ['a', 'b']) {
      const mine = rows.filter((r) => r.request_id.startsWith(`${w}-`)).map((r) => Number(r.request_id.slice(2)));
      expect(mine).toEqual(ids);
    }
    expect(await logA.verify()).toMatchObject({ ok: true, checked: 300 });
  });

  test(`a head that keeps moving: after ${OPTIMISTIC_TRIES} optimistic tries the append takes the locked transaction`, async () => {
    const write = interloper();
    await write('b-0');
    // Before each of a's one-statement appends, b writes a record: every optimistic try finds the head moved.
    let interleaved = 0;
    const logA = new AuditLog(hooked(() => write(`b-${++interleaved}`)));
    const before = await appendsByPath();
    const written = await logA.append(entry('a-1'));
    expect(interleaved).toBe(OPTIMISTIC_TRIES);
    expect(delta(before, await appendsByPath()).locked).toBeGreaterThanOrEqual(1);
    const rows = await chain();
    expect(rows.map((r) => r.request_id)).toEqual([
      'b-0',
      ...Array.from({ length: OPTIMISTIC_TRIES }, (_, i) => `b-${i + 1}`),
      'a-1',
    ]);
    expect(written).toEqual({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
    expect(await logA.verify()).toMatchObject({ ok: true, checked: OPTIMISTIC_TRIES + 2 });
  });

  test('a batch refused on the optimistic path fails every request in it and writes nothing of it', async () => {
    const write = interloper();
    // Just before a's batch holding the poisoned record is written, b writes: a's head is stale, the batch
    // goes the optimistic way (its one statement writes nothing, a read, one statement the store refuses).
    let interleaved = false;
    const logA = new AuditLog(
      hooked(async (bindings) => {
        if (!interleaved && JSON.stringify(bindings).includes('poison')) {
          interleaved = true;
          await write('b-1');
        }
      }),
    );
    await logA.append(entry('a-1'));
    await store.sql(`alter table {t} add constraint refuse_one check (request_id <> 'poison')`);
    try {
      const leader = logA.append(entry('a-2')); // written alone: the next appends wait and go together
      const batch = ['a-3', 'poison', 'a-4'].map((id) =>
        logA.append(entry(id)).then(
          () => 'written',
          () => 'refused',
        ),
      );
      await leader;
      expect(await Promise.all(batch)).toEqual(['refused', 'refused', 'refused']);
      expect(interleaved).toBe(true);
      await write('b-2');
      await logA.append(entry('a-5'));
    } finally {
      await store.sql('alter table {t} drop constraint refuse_one');
    }
    expect((await chain()).map((r) => r.request_id)).toEqual(['a-1', 'a-2', 'b-1', 'b-2', 'a-5']);
    expect(await logA.verify()).toMatchObject({ ok: true, checked: 5 });
  });

  if (engine === 'postgres')
    test('a record committed while the one statement waited for the lock: nothing forks, the append goes after it', async () => {
      const logA = new AuditLog(store.conn);
      await logA.append(entry('a-1'));
      // Another process holds the lock in an open transaction: a's one statement (after seq 1, the head it
      // wrote) starts, takes its snapshot and waits for the lock.
      const lockName = `indicator-hub:audit_log:${store.schema}`;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const holding = new Promise<void>((resolve) => (locked = resolve));
      const holder = other.knex.transaction(async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [lockName]);
        locked();
        await released;
        // Seq 2, chained to seq 1, written inside the lock-holding transaction (the lock is re-entrant).
        const inTrx = new AuditStore({ ...other, knex: trx });
        await inTrx.appendChained((last) => {
          const unsigned = { ...normaliseEntry(entry('b-1')), seq: last!.seq + 1, prevHash: last!.hash };
          return [{ ...unsigned, hash: hashOf(unsigned) }];
        });
      });
      await holding;
      const uniqueViolations = async () =>
        (await auditAppendConflicts.get()).values.find((v) => v.labels.how === 'unique-violation')?.value ?? 0;
      const violationsBefore = await uniqueViolations();
      const appended = logA.append(entry('a-2'));
      // Wait until a's statement is blocked on the advisory lock.
      for (let i = 0; i < 200; i++) {
        const [w] = await store.sql(
          "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
        );
        if (Number(w!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      release();
      await holder;
      const written = await appended;
      const rows = await chain();
      expect(rows.map((r) => r.request_id)).toEqual(['a-1', 'b-1', 'a-2']);
      expect(written).toEqual({ seq: 3, hash: rows[2]!.hash });
      // The statement's snapshot predates b-1, so its own check passed: the primary key refused seq 2.
      expect((await uniqueViolations()) - violationsBefore).toBe(1);
      expect(await logA.verify()).toMatchObject({ ok: true, checked: 3 });
    });
});
