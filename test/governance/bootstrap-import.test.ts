import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../../src/cli/indicators-import';
import { openConnection } from '../../src/db/open';
import { DEMO_MODEL_DIR } from '../support/demo-model';
import { MIXED, pgSourcesUrl } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';

/**
 * First set-up: changed dictionary files reach a store that already holds definitions (imported at first
 * start) before any editor or approver exists, with `indicators:import --bootstrap` — published at once as
 * system:bootstrap, one audit record. As soon as a person has used governance, the bootstrap is refused and
 * nothing is written. Versions are counted with SQL on the store.
 */
const ANALYST = 'EMP-000271';

describe('indicators:import --bootstrap', () => {
  let hub: TestHub;
  let store: Awaited<ReturnType<typeof isolatedPostgresStore>>;
  const dir = join(mkdtempSync(join(tmpdir(), 'hub-bootstrap-')), 'indicators');
  const schema = () => (store.overrides.store as { schema: string }).schema;

  async function versions(): Promise<Array<{ code: string; version: number; author: string }>> {
    const conn = openConnection({ engine: 'postgres', url: pgSourcesUrl(), schema: schema() }, 'hub');
    try {
      const { rows } = (await conn.knex.raw(
        'select code, version, author from ??.indicator_version order by code, version',
        [schema()],
      )) as { rows: Array<{ code: string; version: number; author: string }> };
      return rows.map((r) => ({ ...r, version: Number(r.version) }));
    } finally {
      await conn.close();
    }
  }
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain(from);
    writeFileSync(join(dir, file), text.replace(from, to));
  };

  beforeAll(async () => {
    cpSync(join(DEMO_MODEL_DIR, 'indicators'), dir, { recursive: true });
    store = await isolatedPostgresStore();
    hub = await startTestHub(MIXED, store.overrides);
  });
  afterAll(async () => {
    await hub?.dispose();
    await store?.drop();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  test('publishes new and changed files at once while no person used governance; refused afterwards, writing nothing', async () => {
    const before = await versions();
    expect(new Set(before.map((v) => v.author))).toEqual(new Set(['system:bootstrap']));

    edit('finance/expense.yaml', 'tags: [finance, budget]', 'tags: [finance, budget, opex]');
    writeFileSync(
      join(dir, 'finance', 'cogs_copy.yaml'),
      readFileSync(join(dir, 'finance', 'cogs.yaml'), 'utf8').replace('code: cogs', 'code: cogs_copy'),
    );
    const printed: string[] = [];
    const options = {
      dir,
      bootstrap: true,
      reason: 'Set-up: first dictionary of the company',
      submit: false,
      dryRun: false,
    };
    expect(await runImport(hub.runtime, options, (l) => printed.push(l))).toBe(0);
    expect(printed.filter((l) => l.endsWith('(system:bootstrap)')).sort()).toEqual([
      'cogs_copy: published v1 (system:bootstrap)',
      'expense: published v2 (system:bootstrap)',
    ]);

    const after = await versions();
    expect(after.length).toBe(before.length + 2);
    expect(after.filter((v) => v.code === 'expense').map((v) => v.version)).toEqual([1, 2]);
    expect(hub.runtime.governance.published().get('expense')!.def.tags).toContain('opex');
    expect(hub.runtime.governance.published().get('cogs_copy')).toBeDefined();
    const page = await hub.runtime.audit.query({ principal: 'system:bootstrap' }, { first: 5 });
    const record = page.records.find((r) => r.operationName === 'indicators:import --bootstrap')!;
    expect(record.events!.map((e) => `${e.kind} ${e.code} v${e.version}`).sort()).toEqual([
      'approved cogs_copy v1',
      'approved expense v2',
    ]);

    // A person proposes a change: governance is in use, the bootstrap is closed.
    edit('finance/cogs.yaml', 'tags: [finance]', 'tags: [finance, margin]');
    expect(await runImport(hub.runtime, { ...options, bootstrap: false, as: ANALYST }, () => undefined)).toBe(0);
    const proposed = await versions();
    edit('finance/expense.yaml', 'tags: [finance, budget, opex]', 'tags: [finance]');
    await expect(runImport(hub.runtime, options, () => undefined)).rejects.toThrow(/first set-up only/);
    expect(await versions()).toEqual(proposed);
  });
});
