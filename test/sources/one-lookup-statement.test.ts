import { configSchema } from '../../src/config/schema';
import { createLoaders } from '../../src/loaders';
import type { CallContext, NeutralRow, StatementEvent } from '../../src/sources/contract';
import { SqlAdapter } from '../../src/sources/sql/adapter';
import { DEMO_MODEL, SOURCES } from '../support/demo-model';
import { openSourceConnection } from '../support/engines';
import type { SqlConnection } from '../../src/db/connection';

/**
 * Issue 20: a lookup is one statement whatever the number of keys — the keys travel as one array parameter
 * (`= any(?)` on PostgreSQL, `json_table(?)` on MariaDB), not as an IN list split at loader.maxBatchSize.
 * 5,000 keys (the seeded customers and contacts plus keys no row has) through the request's row loaders with
 * the default configuration: one statement, and exactly the rows plain SQL on the native table returns.
 */
describe.each(['postgres', 'mysql'] as const)('a 5,000-key lookup on %s', (engine) => {
  let conn: SqlConnection;
  beforeAll(() => {
    conn = openSourceConnection(engine, 'crm');
  });
  afterAll(async () => {
    await conn?.close();
  });

  async function nativeRows(sql: string): Promise<Array<Record<string, unknown>>> {
    const result = await conn.knex.raw(sql);
    return engine === 'mysql' ? (result as [Array<Record<string, unknown>>])[0] : (result as { rows: [] }).rows;
  }

  async function lookup(entity: string, field: string, keys: string[]) {
    const events: StatementEvent[] = [];
    const call: CallContext = { scope: {}, trace: { record: (e) => events.push(e) } };
    const adapter = new SqlAdapter('crm', SOURCES.crm.mapping, conn, DEMO_MODEL);
    const { loader } = configSchema.parse({});
    const loaders = createLoaders(
      new Map([['crm', adapter]]),
      () => call,
      loader,
      async () => [],
    );
    const rows = await loaders.rows('crm', entity, field).loadMany(keys);
    return { rows: rows as NeutralRow[][], events };
  }

  test('customers by key: 1 statement, every row SQL has for those keys', async () => {
    const native = await nativeRows('select account_id as k, account_name as n from crm.account');
    const known = native.map((r) => String(r.k));
    const keys = [...known, ...Array.from({ length: 5000 }, (_, i) => `NO-SUCH-${i}`)].slice(0, 5000);
    expect(keys).toHaveLength(5000);
    const { rows, events } = await lookup('Customer', 'key', keys);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'fetch', ok: true });
    const names = new Map(native.map((r) => [String(r.k), String(r.n)]));
    keys.forEach((key, i) => {
      const expected = names.has(key) ? [names.get(key)] : [];
      expect(rows[i]!.map((r) => r.name)).toEqual(expected);
    });
    expect(rows.filter((r) => r.length > 0).length).toBe(Math.min(known.length, 5000));
  });

  test('contacts by their customer (a reference field): 1 statement, the same contacts as SQL', async () => {
    const native = await nativeRows('select contact_id as c, account_id as a from crm.contact');
    const accounts = [...new Set(native.map((r) => String(r.a)))];
    const keys = [...accounts, ...Array.from({ length: 5000 }, (_, i) => `NONE-${i}`)].slice(0, 5000);
    const { rows, events } = await lookup('Contact', 'customer', keys);
    expect(events).toHaveLength(1);
    const byAccount = new Map<string, string[]>();
    for (const r of native) byAccount.set(String(r.a), [...(byAccount.get(String(r.a)) ?? []), String(r.c)]);
    keys.forEach((key, i) => {
      expect(rows[i]!.map((r) => r.key).sort()).toEqual((byAccount.get(key) ?? []).sort());
    });
  });

  test('keys that look like SQL or array syntax are values, matched exactly', async () => {
    const odd = ['"', '\\', '{a,b}', "'; drop table account; --", 'NULL', ''];
    const { rows, events } = await lookup('Customer', 'key', odd);
    expect(events).toHaveLength(1);
    expect(rows.every((r) => r.length === 0)).toBe(true);
  });
});
