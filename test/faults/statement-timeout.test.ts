import { sourceFailure } from '../../src/sources/errors';
import { openConnection } from '../../src/db/open';
import { pgSourcesUrl, serverUrl } from '../support/engines';

/**
 * Statement timeouts are enforced by the source server itself (PostgreSQL statement_timeout, MariaDB
 * max_statement_time, set per session by the pool), so a slow statement stops on the server, not only in
 * the hub — and the hub reports it as SOURCE_TIMEOUT.
 */
describe.each([
  { engine: 'postgres' as const, url: () => pgSourcesUrl(), slow: 'select pg_sleep(3)' },
  { engine: 'mysql' as const, url: () => serverUrl('mysql'), slow: 'select sleep(3)' },
])('statement timeout on $engine', ({ engine, url, slow }) => {
  test('the server cancels a statement that runs longer, and the hub calls it SOURCE_TIMEOUT', async () => {
    const conn = openConnection({ engine, url: url(), statementTimeoutMs: 300, acquireTimeoutMs: 10_000 }, 'public');
    try {
      const started = Date.now();
      const error = await conn.knex.raw(slow).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error).not.toBeNull();
      // The engine's dialect tells a timeout from other failures (src/db/dialects).
      expect(conn.dialect.classify(error)).toBe('timeout');
      const coded = sourceFailure('crm', 'abc', error, conn.dialect.classify(error));
      expect(coded.extensions.code).toBe('SOURCE_TIMEOUT');
      expect(coded.retryable).toBe(false);
      // The session is still usable afterwards: the server stopped the statement, not the connection.
      // A value no error text or column name contains: the row itself must come back.
      const ok = (await conn.knex.raw('select 4242 + 1 as answer')) as { rows?: unknown[] } | unknown[][];
      const rows = (Array.isArray(ok) ? ok[0] : ok.rows) as Array<{ answer: number | string }>;
      expect(rows.map((r) => Number(r.answer))).toEqual([4243]);
    } finally {
      await conn.close();
    }
  });
});
