import { OrgDirectory } from '../../../src/auth/org-directory';
import type { CompanyModel } from '../../../src/model/entities';
import type { NeutralRow, SourceAdapter } from '../../../src/sources/contract';

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

function directory(read: (keys: readonly string[]) => Promise<NeutralRow[]>) {
  let statements = 0;
  const adapter = {
    fetch: async (request: { where?: { keys: readonly string[] } }) => {
      statements++;
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
