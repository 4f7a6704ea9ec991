import { OrgDirectory } from '../../../src/auth/org-directory';
import type { CompanyModel } from '../../../src/model/entities';
import type { NeutralRow, SourceAdapter, StatementSink } from '../../../src/sources/contract';

/**
 * The people directory under concurrency (found by `npm run bench`: valid tokens refused with
 * UNAUTHENTICATED at 8 concurrent requests once the person cache expired). A read under way must never be
 * seen half done, and a failed read must not cache anyone as unknown.
 */
const model = {
  entities: {
    person: { name: 'person', home: 'hr', key: { type: 'string' }, conformed: false, people: {} },
  },
} as unknown as CompanyModel;

/** A directory over one stub source that counts its statements and records each in the caller's sink. */
function directory(read: (keys: readonly string[]) => Promise<NeutralRow[]>, now: () => number = Date.now) {
  let statements = 0;
  const adapter = {
    fetch: async (request: { where?: { keys: readonly string[] } }, opts: { trace: StatementSink }) => {
      statements++;
      opts.trace.record({ source: 'hr', kind: 'fetch', fingerprint: 'f', durationMs: 0, rows: 1, ok: true });
      return read(request.where?.keys ?? []);
    },
  } as unknown as SourceAdapter;
  const org = new OrgDirectory(
    {
      model,
      routing: { owner: () => 'hr' },
      adapters: new Map([['hr', adapter]]),
      crosswalks: { keyMap: {} as never, noticeMiss: () => undefined },
      maxBatchSize: 1000,
    },
    30_000,
    now,
  );
  return { org, statements: () => statements };
}

const later = <T>(value: T, ms = 20) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

test('requests arriving while a person is being read wait for that read: every one gets the row, one statement', async () => {
  const { org, statements } = directory((keys) => later(keys.map((key) => ({ key, name: `person ${key}` }))));
  const rows = await Promise.all(Array.from({ length: 8 }, () => org.person('E1')));
  expect(rows.map((r) => r?.key)).toEqual(Array(8).fill('E1'));
  expect(statements()).toBe(1);
  // a refresh of many people, and a lookup of one of them during it
  const refresh = org.refreshPeople(['E2', 'E3']);
  const during = org.person('E3');
  await refresh;
  expect((await during)?.key).toBe('E3');
  expect(statements()).toBe(2);
});

test('a person the source does not return is unknown; a failed read caches nobody as unknown', async () => {
  let fail = true;
  const { org, statements } = directory(async (keys) => {
    if (fail) throw new Error('connection reset');
    return keys.filter((k) => k !== 'GONE').map((key) => ({ key }));
  });
  await expect(org.person('E1')).rejects.toThrow('connection reset');
  fail = false;
  expect((await org.person('E1'))?.key).toBe('E1'); // read again, not "unknown" from the failed read
  expect(await org.person('GONE')).toBeNull();
  expect(await org.person('GONE')).toBeNull(); // cached as unknown: no third statement
  expect(statements()).toBe(3);
});

test('a row past half its cache time is served and read again in the background; a row past its time is read before answering', async () => {
  let now = 0;
  let leftAt: string | null = null; // what the people directory says now
  const { org, statements: count } = directory(
    (keys) => later(keys.map((key) => ({ key, leftAt }))),
    () => now,
  );
  const request = { record: jest.fn() };
  expect((await org.person('E1', request))?.leftAt).toBeNull();
  expect(count()).toBe(1);
  now = 14_999; // under half: from the cache, nothing read
  await org.person('E1', request);
  expect(count()).toBe(1);
  leftAt = '2026-01-01';
  now = 20_000; // past half: the cached row answers at once, a read starts in the background
  expect((await org.person('E1', request))?.leftAt).toBeNull();
  expect(count()).toBe(2);
  await org.person('E1', request); // the background read is under way: not a second one
  expect(count()).toBe(2);
  await later(null, 40);
  // the background read replaced the row: the person's departure is seen 20 s after it, not 30 s
  expect((await org.person('E1', request))?.leftAt).toBe('2026-01-01');
  expect(count()).toBe(2);
  now = 20_000 + 30_000; // past the whole cache time: read before answering, in the request's sink
  leftAt = null;
  expect((await org.person('E1', request))?.leftAt).toBeNull();
  expect(count()).toBe(3);
  // the request's sink counted the two reads made before answering, not the one made in the background
  expect(request.record).toHaveBeenCalledTimes(2);
});
