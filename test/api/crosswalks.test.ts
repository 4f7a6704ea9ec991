import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { demoKeyMap } from '../../models/demo/generator/keymap';
import { parsePairsCsv } from '../../src/keys/crosswalk-csv';
import { CrosswalkLoadError, loadCrosswalkPairs } from '../../src/keys/crosswalk-load';
import { rulePairs } from '../../src/keys/crosswalk-rules';
import type { CrosswalkRule } from '../../src/model/crosswalk';
import type { EmbeddedEngine } from '../../src/db/embedded';
import { HubStore } from '../../src/store/hub-store';
import { DEMO_MODEL, SOURCES, type SourceName } from '../support/demo-model';
import { SqlAdapter } from '../../src/sources/sql/adapter';
import { RequestTrace } from '../../src/observability/trace';
import { DirectSql } from '../support/direct-sql';
import {
  ALL_EMBEDDED,
  copyEmbeddedTemplate,
  openEmbeddedCopy,
  openSourceConnection,
  startTestRuntime,
  testCompany,
  TEST_ENGINES,
  type Layout,
  type TestEngine,
} from '../support/engines';
import { startTestHub } from '../support/hub-client';

/**
 * Crosswalks (models/demo/crosswalks, src/keys/crosswalks.ts): each rule kind resolves the pairs the
 * source holds (oracle: SQL written by hand on the source), the demo's key map built from its rules equals
 * the pairs its generated company implies, a key added to a source while the hub runs is found without a
 * restart, a refresh that finds a duplicate keeps the old map, and loaded CSV pairs are all or nothing.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const layoutOf = (engine: TestEngine): Layout => ({ crm: engine, erp: engine, hr: engine, procurement: engine });
const pairSet = (pairs: ReadonlyArray<{ sourceKey: string; hubId: string }>) =>
  pairs.map((p) => `${p.sourceKey} → ${p.hubId}`).sort();

interface RuleCase {
  kind: string;
  entity: string;
  source: SourceName;
  rule: CrosswalkRule;
  /** Where the oracle's SQL runs and what it reads: `k` (source key) and `h` (hub id). */
  on: SourceName;
  oracle: string;
}

const RULES: RuleCase[] = [
  {
    kind: 'same (key = hub id)',
    entity: 'Supplier',
    source: 'procurement',
    rule: { kind: 'same' },
    on: 'procurement',
    oracle: 'select vendor_id as k, vendor_id as h from {s}.vendor',
  },
  {
    kind: 'expression over the entity table',
    entity: 'Department',
    source: 'hr',
    rule: DEMO_MODEL.crosswalks!.Department!.rules.hr!,
    on: 'hr',
    oracle: "select org_id as k, concat('D', lpad(substr(org_id, 5), 4, '0')) as h from {s}.org_unit",
  },
  {
    kind: 'crosswalk table in the same source',
    entity: 'Department',
    source: 'crm',
    rule: DEMO_MODEL.crosswalks!.Department!.rules.crm!,
    on: 'crm',
    oracle: 'select team_code as k, department_id as h from {s}.team_xref',
  },
  {
    kind: 'crosswalk table in another source',
    entity: 'Department',
    source: 'procurement',
    rule: { kind: 'table', table: 'cost_center', sourceKey: 'cc_code', hubId: 'hr_org_id', in: 'erp' },
    on: 'erp',
    oracle: 'select cc_code as k, hr_org_id as h from {s}.cost_center',
  },
];

describe.each(TEST_ENGINES)('crosswalks on %s', (engine) => {
  let embedded: { engine: EmbeddedEngine; dispose(): Promise<void> } | undefined;
  let direct: DirectSql;
  beforeAll(async () => {
    if (engine === 'embedded') embedded = await openEmbeddedCopy();
    direct = new DirectSql(layoutOf(engine), embedded?.engine);
  });
  afterAll(async () => {
    await direct.close();
    await embedded?.dispose();
  });

  test.each(RULES)("$kind: one statement of the source's adapter gives the pairs the source holds", async (c) => {
    const adapters = new Map<string, SqlAdapter>();
    const adapterOf = (source: string) => {
      if (!adapters.has(source)) {
        const conn = openSourceConnection(engine, source, embedded?.engine);
        adapters.set(source, new SqlAdapter(source, SOURCES[source as SourceName].mapping, conn, DEMO_MODEL));
      }
      return adapters.get(source)!;
    };
    const trace = new RequestTrace();
    try {
      const pairs = await rulePairs(DEMO_MODEL, c.entity, c.source, c.rule, adapterOf, trace);
      const expected = (await direct.rows(c.on, c.oracle)).map((r) => ({ sourceKey: String(r.k), hubId: String(r.h) }));
      expect(expected.length).toBeGreaterThan(0);
      expect(pairSet(pairs)).toEqual(pairSet(expected));
      // The read is a traced statement of the source that holds the pairs, with the rows it returned.
      const summary = trace.summary();
      expect(summary).toMatchObject({ statements: 1, bySource: { [c.on]: { statements: 1, rows: expected.length } } });
    } finally {
      await Promise.all([...adapters.values()].map((a) => a.close()));
    }
  });

  test("the demo's key map, built from its crosswalks, equals the pairs its generated company implies", async () => {
    const { runtime, dispose } = await startTestRuntime(layoutOf(engine));
    try {
      const implied = demoKeyMap(testCompany());
      const keyMap = runtime.keyMap;
      const wrong = implied.filter(
        (p) =>
          keyMap.toHub(p.entity, p.source, p.sourceKey) !== p.hubId ||
          keyMap.toSource(p.entity, p.source, p.hubId) !== p.sourceKey,
      );
      expect(wrong).toEqual([]);
      expect(keyMap.size).toBe(implied.length);
      // The hub ids are the demo's as before (tests and tokens depend on them).
      expect(keyMap.toSource('Employee', 'hr', 'EMP-000123')).toBe('100123');
      expect(keyMap.toSource('Department', 'erp', 'D0017')).toBe('CC-1017');
    } finally {
      await dispose();
    }
  });
});

describe('crosswalks while the hub runs (embedded, a private copy)', () => {
  test('a department added to HR is found through the API without a restart', async () => {
    const hub = await startTestHub(ALL_EMBEDDED, { crosswalks: { refreshSeconds: 0, missRefreshSeconds: 1 } });
    try {
      const query = 'query($id: ID!) { department(id: $id) { id name } }';
      expect((await hub.query(query, { id: 'D0999' })).data).toEqual({ department: null });
      await hub.runtime.store.conn.knex.raw(
        "insert into hr.org_unit (org_id, org_name, parent_org_id, org_level, head_emp_no) values ('ORG-999', 'New Team', 'ORG-1', 3, null)",
      );
      const deadline = Date.now() + 30_000;
      let found: unknown = null;
      while (Date.now() < deadline) {
        found = (await hub.query<{ department: unknown }>(query, { id: 'D0999' })).data?.department ?? null;
        if (found) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(found).toEqual({ id: 'D0999', name: 'New Team' });
    } finally {
      await hub.dispose();
    }
  });

  test('a refresh that finds a duplicate keeps the old map whole', async () => {
    const { runtime, dispose } = await startTestRuntime(ALL_EMBEDDED, {
      crosswalks: { refreshSeconds: 0, missRefreshSeconds: 0 },
    });
    try {
      const [xref] = (
        await runtime.store.conn.knex.raw(
          'select team_code, department_id from crm.team_xref order by team_code limit 1',
        )
      ).rows as Array<{ team_code: string; department_id: string }>;
      const before = runtime.keyMap;
      // A second team claiming the same department: one hub id, two CRM keys.
      await runtime.store.conn.knex.raw("insert into crm.team_xref (team_code, department_id) values ('T-NEW-1', ?)", [
        `${xref!.department_id}-x`,
      ]);
      expect(await runtime.crosswalks.refresh()).toBe(true);
      expect(runtime.keyMap.toHub('Department', 'crm', 'T-NEW-1')).toBe(`${xref!.department_id}-x`);
      const good = runtime.keyMap;
      expect(good).not.toBe(before);
      await runtime.store.conn.knex.raw("insert into crm.team_xref (team_code, department_id) values ('T-NEW-2', ?)", [
        xref!.department_id,
      ]);
      expect(await runtime.crosswalks.refresh()).toBe(false);
      expect(runtime.keyMap).toBe(good);
      expect(runtime.keyMap.toHub('Department', 'crm', xref!.team_code)).toBe(xref!.department_id);
      expect(runtime.keyMap.toHub('Department', 'crm', 'T-NEW-2')).toBeUndefined();
    } finally {
      await dispose();
    }
  });
});

interface CsvCase {
  name: string;
  entity: string;
  source: string;
  csv: string;
  problem: RegExp;
}

const CSV_CASES: CsvCase[] = [
  {
    name: 'one source key twice',
    entity: 'Product',
    source: 'crm',
    csv: 'source_key,hub_id\nP-9001,PRD-9001\nP-9002,PRD-9002\nP-9001,PRD-9003\n',
    problem: /: line 4: CROSSWALK_DUPLICATE: source key "P-9001" → "PRD-9003", but line 2 maps it to "PRD-9001"/,
  },
  {
    name: 'one hub id twice',
    entity: 'Product',
    source: 'crm',
    csv: 'source_key,hub_id\nP-9001,PRD-9001\nP-9002,PRD-9001\n',
    problem: /: line 3: CROSSWALK_DUPLICATE: hub id "PRD-9001" ← "P-9002", but line 2 gives it to source key "P-9001"/,
  },
  {
    name: 'a key already stored with another hub id',
    entity: 'Product',
    source: 'crm',
    csv: 'source_key,hub_id\nP-9001,PRD-9001\nP-1001,PRD-9002\n',
    problem:
      /: line 3: CROSSWALK_CONFLICT_EXISTING: source key "P-1001" → "PRD-9002", but the store maps it to "PRD-0001"/,
  },
  {
    name: 'a line with one field',
    entity: 'Product',
    source: 'crm',
    csv: 'source_key,hub_id\nP-9001,PRD-9001\nP-9002\n',
    problem: /: line 3: CROSSWALK_BAD_LINE: expected two fields/,
  },
  {
    name: 'a wrong header',
    entity: 'Product',
    source: 'crm',
    csv: 'key,id\nP-9001,PRD-9001\n',
    problem: /: line 1: CROSSWALK_BAD_HEADER: /,
  },
  {
    name: 'an unknown entity',
    entity: 'Prodcut',
    source: 'crm',
    csv: 'source_key,hub_id\nP-9001,PRD-9001\n',
    problem: /: CROSSWALK_UNKNOWN_ENTITY: unknown entity "Prodcut" \(did you mean "Product"\?\)/,
  },
  {
    name: 'an unknown source',
    entity: 'Product',
    source: 'crn',
    csv: 'source_key,hub_id\nP-9001,PRD-9001\n',
    problem: /: CROSSWALK_UNKNOWN_SOURCE: unknown source "crn" \(did you mean "crm"\?\)/,
  },
  {
    name: 'a source whose rule is not loaded',
    entity: 'Product',
    source: 'erp',
    csv: 'source_key,hub_id\nMAT-09001,PRD-9001\n',
    problem: /: CROSSWALK_NOT_LOADED: /,
  },
];

describe('crosswalk:load (CSV pairs into the hub store)', () => {
  let embedded: { engine: EmbeddedEngine; dispose(): Promise<void> };
  let store: HubStore;
  const stored = async () => (await store.keyMap()).length;
  beforeAll(async () => {
    embedded = await openEmbeddedCopy();
    store = new HubStore(embedded.engine.connection('hub'));
  });
  afterAll(async () => {
    await store.close();
    await embedded.dispose();
  });

  test.each(CSV_CASES)('$name: refused with its code and line, nothing written', async (c) => {
    const before = await stored();
    const { pairs, problems } = parsePairsCsv(c.csv);
    const refusal = await loadCrosswalkPairs(DEMO_MODEL, store, {
      entity: c.entity,
      source: c.source,
      file: 'pairs.csv',
      pairs,
      readProblems: problems,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(CrosswalkLoadError);
    expect((refusal as CrosswalkLoadError).problems.some((p) => p.startsWith('pairs.csv') && c.problem.test(p))).toBe(
      true,
    );
    expect(await stored()).toBe(before);
  });

  test('a valid file is written in one go, an identical reload writes nothing more, and a running hub reads it at its next refresh', async () => {
    const before = await stored();
    const { pairs, problems } = parsePairsCsv('source_key,hub_id\n"P-9001",PRD-9001\r\nP-9002,PRD-9002\n\n');
    expect(problems).toEqual([]);
    expect(
      await loadCrosswalkPairs(DEMO_MODEL, store, { entity: 'Product', source: 'crm', file: 'pairs.csv', pairs }),
    ).toBe(2);
    expect(
      await loadCrosswalkPairs(DEMO_MODEL, store, { entity: 'Product', source: 'crm', file: 'pairs.csv', pairs }),
    ).toBe(0);
    expect(await stored()).toBe(before + 2);
  });
});

describe('npm run crosswalk:load', () => {
  test('a bad line: exit 1 naming it, nothing written; then a good file: exit 0, and the hub finds the pairs', async () => {
    const dataDir = copyEmbeddedTemplate();
    const files = mkdtempSync(join(tmpdir(), 'crosswalk-csv-'));
    const env = { ...process.env, HUB_DATA_DIR: dataDir, HUB_STORE_ENGINE: 'embedded', INIT_CWD: ROOT };
    const args = (file: string) => [
      'tsx',
      'src/cli/crosswalk-load.ts',
      '--model',
      'models/demo',
      '--entity',
      'Department',
      '--source',
      'procurement',
      file,
    ];
    try {
      writeFileSync(join(files, 'bad.csv'), 'source_key,hub_id\nCC-9001,D9001\nCC-9002,D9001\n');
      const bad = await run('npx', args(join(files, 'bad.csv')), { cwd: ROOT, env }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/bad\.csv: line 3: CROSSWALK_DUPLICATE: hub id "D9001"/);
      writeFileSync(join(files, 'good.csv'), 'source_key,hub_id\nCC-9001,D9001\n');
      const good = await run('npx', args(join(files, 'good.csv')), { cwd: ROOT, env });
      expect(good.stdout).toMatch(/^Department procurement: 1 pair written/);

      const { runtime, dispose } = await startTestRuntime(ALL_EMBEDDED, { embedded: { dataDir } });
      try {
        expect(runtime.keyMap.toSource('Department', 'procurement', 'D9001')).toBe('CC-9001');
        expect(runtime.keyMap.toSource('Department', 'procurement', 'D9002')).toBeUndefined();
      } finally {
        await dispose();
      }
    } finally {
      rmSync(files, { recursive: true, force: true });
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
    // Two CLI processes (tsx) and a hub start on a shared two-core machine.
  }, 300_000);
});
