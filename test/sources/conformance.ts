import type { EntityName, FieldType } from '../../src/model/entities';
import {
  UNRESTRICTED,
  type AggregateQuery,
  type AggregateRow,
  type CallContext,
  type FetchQuery,
  type NeutralRow,
  type SourceAdapter,
  type SourceCatalog,
  type SourceScope,
  type StatementEvent,
} from '../../src/sources/contract';
import { DEMO_MODEL, ENTITIES, SOURCES, type SourceName } from '../support/demo-model';
import { SqlAdapter } from '../../src/sources/sql/adapter';
import type { SqlFactMapping, SqlSourceMapping } from '../../src/model/mapping';
import { TEST_ENGINES, openEmbeddedCopy, openSourceConnection, testCompany, type TestEngine } from '../support/engines';
import {
  byDimensions,
  byKey,
  departmentScope,
  entityTies,
  expectedAggregate,
  expectedRows,
  nativeRows,
  type SourceData,
} from './oracle';

/**
 * The adapter conformance suite (after apollo-server's integration-testsuite and Cube's testing-drivers):
 * the same cases for one source on every engine in TEST_ENGINES, every answer checked against an oracle
 * computed in JS from the native rows the databases were seeded with (./oracle.ts). When it passes on
 * every engine, the source's adapter is done.
 *
 *   describeSourceConformance('crm');
 *   describeSourceConformance('erp', { skip: { 'mysql: fetch Product: …': 'why it cannot hold there' } });
 *
 * Every fetch and aggregate goes through `traced`, which also checks the call recorded exactly one
 * statement event on the call's trace sink.
 */
export interface ConformanceOptions {
  /** Case name, or "<engine>: <case name>" → why it does not apply. Unknown names fail the file. */
  skip?: Record<string, string>;
}

/** Event-fact windows; the second has mid-month bounds (a `yyyymm` period counts when its first day is inside). */
const WINDOWS = [
  { label: '2025-Q2', from: '2025-04-01', to: '2025-07-01' },
  { label: 'mid-month', from: '2024-11-15', to: '2025-02-15' },
];
/** State-fact windows, counted on their last day; 2025-12-31 is also the last leave date in the demo
 *  company (a half-open boundary). The two overlap: a row valid at both ends counts in both. */
const STATE_WINDOWS = [
  { label: '2024-H1', from: '2024-01-01', to: '2024-07-01' },
  { label: '2025', from: '2025-01-01', to: '2026-01-01' },
];
const LARGE_LIMIT = 1_000_000;

interface Suite {
  source: SourceName;
  data: SourceData;
  /** Two of the source's departments that own rows in its scoped entities and facts. */
  scope(): SourceScope;
  /** All of the source's department keys (to find in-scope rows for a sparse fact). */
  departments: readonly string[];
  adapter(): SourceAdapter;
  /** Registers a case, or a named skip with its reason. */
  test(name: string, fn: () => Promise<void>): void;
}

export function describeSourceConformance(source: SourceName, options: ConformanceOptions = {}): void {
  const def = SOURCES[source];
  const data: SourceData = { mapping: def.mapping, tables: def.demo.rows(testCompany()) };
  const skips = new Skips(options.skip ?? {});
  const departments = def.demo.keyMap(testCompany()).flatMap((p) => (p.entity === 'Department' ? [p.sourceKey] : []));
  const scope = lazy(() => departmentScope(busiestDepartments(data, departments)));
  const adapters = new Map<TestEngine, SourceAdapter>();
  let embedded: Awaited<ReturnType<typeof openEmbeddedCopy>> | undefined;

  describe(`${source} adapter conformance`, () => {
    beforeAll(async () => {
      if (TEST_ENGINES.includes('embedded')) embedded = await openEmbeddedCopy();
      for (const engine of TEST_ENGINES) {
        const conn = openSourceConnection(engine, source, embedded?.engine);
        adapters.set(engine, new SqlAdapter(source, def.mapping, conn, DEMO_MODEL));
      }
    });

    afterAll(async () => {
      for (const adapter of adapters.values()) await adapter.close();
      await embedded?.dispose();
    });

    describe.each(TEST_ENGINES)('on %s', (engine) => {
      const suite: Suite = {
        source,
        data,
        scope,
        departments,
        adapter: () => adapters.get(engine)!,
        test: (name, fn) => skips.register(engine, name, fn),
      };
      contractCases(suite);
      fetchCases(suite);
      aggregateCases(suite);
      traceCases(suite);
      scopeCases(suite);
      countAndKeyPairCases(suite);
      errorCases(suite);
    });

    describe('across engines', () => {
      crossEngineCases(data, scope, adapters, (name, fn) => skips.register(undefined, name, fn));
    });
  });

  skips.assertAllKnown();
}

// ---- cases ----

function contractCases(s: Suite): void {
  s.test('health() is ok and reports a latency', async () => {
    const health = await s.adapter().health();
    expect(health).toEqual({ source: s.source, ok: true, latencyMs: expect.any(Number) });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  s.test('catalog lists exactly the mapped entities, fields, facts and measures', async () => {
    expect(s.adapter().name).toBe(s.source);
    expect(s.adapter().catalog).toStrictEqual(mappedCatalog(s.data.mapping));
  });
}

function fetchCases(s: Suite): void {
  for (const entity of mappedEntities(s.data)) {
    s.test(`fetch ${entity}: every native row, in the neutral shape`, async () => {
      const rows = await fetchRows(s.adapter(), { entity, limit: LARGE_LIMIT });
      const expected = expectedRows(s.data, entity);
      expect(rows).toHaveLength(expected.length);
      expect(new Set(rows.map((r) => r.key))).toEqual(new Set(expected.map((r) => r.key)));
      expect(neutralShapeProblems(entity, Object.keys(s.data.mapping.entities[entity]!.fields), rows)).toEqual([]);
      expect([...rows].sort(byKey)).toStrictEqual(expected);
    });

    s.test(`fetch ${entity}: where key in a few keys and an unknown one`, async () => {
      const keys = [...spread(expectedRows(s.data, entity).map((r) => r.key)), unknownKeyFor(s.data, entity, 'key')];
      await expectFetch(s, { entity, where: { field: 'key', keys } });
    });

    const reference = referenceField(entity, s.data.mapping);
    if (reference) {
      s.test(`fetch ${entity}: where ${reference} (a reference) in a few values`, async () => {
        const values = spread(distinct(expectedRows(s.data, entity).map((r) => r[reference])).map(String));
        await expectFetch(s, {
          entity,
          where: { field: reference, keys: [...values, unknownKeyFor(s.data, entity, reference)] },
        });
      });
    }

    const order = pagingOrder(entity, s.data.mapping);
    s.test(
      `fetch ${entity}: pages by ${order.field} ${order.direction} concatenate to the full ordered list`,
      async () => {
        const full = await fetchRows(s.adapter(), { entity, orderBy: order, limit: LARGE_LIMIT });
        const size = Math.ceil(full.length / 4) + 1;
        const pages: NeutralRow[][] = [];
        for (let offset = 0; offset <= full.length; offset += size) {
          pages.push(await fetchRows(s.adapter(), { entity, orderBy: order, limit: size, offset }));
        }
        expect(pages.flat()).toStrictEqual(full);
        expect(new Set(full.map((r) => r.key)).size).toBe(expectedRows(s.data, entity).length);
        expect(orderViolations(full, order, ENTITIES[entity]!.fields[order.field]!)).toEqual([]);
      },
    );
  }
}

function aggregateCases(s: Suite): void {
  for (const [fact, f] of Object.entries(s.data.mapping.facts)) {
    for (const time of timeFilters(f)) {
      for (const dim of Object.keys(f.dimensions)) {
        const query: AggregateQuery = { fact, measures: Object.keys(f.measures), groupBy: [dim], ...time.query };
        s.test(`aggregate ${fact} by ${dim} ${time.label}: all measures in one call`, () => expectAggregate(s, query));
        s.test(`aggregate ${fact} by ${dim} ${time.label}: where ${dim} in a few keys`, async () => {
          const keys = spread(distinct(expectedAggregate(s.data, query).map((r) => r.dimensions[dim])));
          await expectAggregate(s, { ...query, where: { [dim]: [...keys, unknownDimensionKey(s.data, f, dim)] } });
        });
      }
    }
  }
}

function traceCases(s: Suite): void {
  const entity = mappedEntities(s.data)[0]!;
  s.test(`trace: fetch ${entity} records one event; by 1 or 3 keys one fingerprint, unfiltered another`, async () => {
    const keys = spread(expectedRows(s.data, entity).map((r) => r.key));
    const fetch = (query: FetchQuery) =>
      traced(s.adapter(), 'fetch', UNRESTRICTED, (call) => s.adapter().fetch(query, call));
    const one = await fetch({ entity, where: { field: 'key', keys: keys.slice(0, 1) } });
    const three = await fetch({ entity, where: { field: 'key', keys } });
    const unfiltered = await fetch({ entity, limit: 1 });
    expect(three.result).toHaveLength(3);
    expect(three.event.fingerprint).toBe(one.event.fingerprint);
    expect(unfiltered.event.fingerprint).not.toBe(one.event.fingerprint);
  });

  const [fact, f] = Object.entries(s.data.mapping.facts)[0]!;
  const dim = Object.keys(f.dimensions)[0]!;
  s.test(`trace: aggregate ${fact} records one event; where ${dim} in 1 or 3 keys one fingerprint`, async () => {
    const query: AggregateQuery = {
      fact,
      measures: Object.keys(f.measures),
      groupBy: [dim],
      ...timeFilters(f)[0]!.query,
    };
    const keys = spread(distinct(expectedAggregate(s.data, query).map((r) => r.dimensions[dim])));
    const byKeys = (n: number) =>
      traced(s.adapter(), 'aggregate', UNRESTRICTED, (call) =>
        s.adapter().aggregate({ ...query, where: { [dim]: keys.slice(0, n) } }, call),
      );
    const [one, three] = [await byKeys(1), await byKeys(3)];
    expect(three.result).toHaveLength(3);
    expect(three.event.fingerprint).toBe(one.event.fingerprint);
  });
}

function scopeCases(s: Suite): void {
  const scope = s.scope;
  const none: SourceScope = departmentScope([]);

  for (const entity of mappedEntities(s.data)) {
    if (!scopedByDepartment(s.data, entity)) {
      s.test(`scope: fetch ${entity} is not restricted (nothing ties it to a department)`, () =>
        expectFetch(s, { entity, limit: LARGE_LIMIT }, scope()),
      );
      continue;
    }
    s.test(`scope: fetch ${entity} returns exactly the in-scope rows`, () =>
      expectFetch(s, { entity, limit: LARGE_LIMIT }, scope(), { nonEmpty: true }),
    );
    s.test(
      `scope: fetch ${entity} where key names rows in and out of scope returns only the in-scope ones`,
      async () => {
        const inScope = new Set(expectedRows(s.data, entity, { scope: scope() }).map((r) => r.key));
        const outOfScope = expectedRows(s.data, entity).find((r) => !inScope.has(r.key))!;
        const keys = [[...inScope][0]!, outOfScope.key];
        await expectFetch(s, { entity, where: { field: 'key', keys } }, scope(), { nonEmpty: true });
      },
    );
    s.test(`scope: fetch ${entity} with no departments returns nothing`, async () => {
      expect(await fetchRows(s.adapter(), { entity, limit: LARGE_LIMIT }, none)).toEqual([]);
    });
  }

  for (const [fact, f] of Object.entries(s.data.mapping.facts)) {
    if (!scopeDimensionOf(f)) continue;
    const time = timeFilters(f)[0]!;
    for (const dim of Object.keys(f.dimensions)) {
      const query: AggregateQuery = { fact, measures: Object.keys(f.measures), groupBy: [dim], ...time.query };
      s.test(`scope: aggregate ${fact} by ${dim} ${time.label} counts exactly the in-scope rows`, () =>
        expectAggregate(s, query, scopeWithRows(s, query, scope())),
      );
    }
    const byDepartment: AggregateQuery = {
      fact,
      measures: Object.keys(f.measures),
      groupBy: [scopeDimensionOf(f)!],
      ...time.query,
    };
    s.test(`scope: aggregate ${fact} with no departments returns nothing`, async () => {
      expect(await aggregateRows(s.adapter(), byDepartment, none)).toEqual([]);
    });
  }
}

/** Member counts and crosswalk reads: adapter operations, one traced statement each. */
function countAndKeyPairCases(s: Suite): void {
  const counted = async (entity: EntityName, scope: SourceScope): Promise<number> => {
    const events: StatementEvent[] = [];
    const n = await s.adapter().count({ entity }, { scope, trace: { record: (event) => events.push(event) } });
    const fingerprint = expect.stringMatching(/^[0-9a-f]{12}$/);
    const event = { source: s.source, kind: 'count', fingerprint, durationMs: expect.any(Number), rows: 1, ok: true };
    expect(events).toEqual([event]);
    return n;
  };
  for (const entity of mappedEntities(s.data)) {
    s.test(`count ${entity}: every native row, and within a scope exactly the in-scope ones`, async () => {
      expect(await counted(entity, UNRESTRICTED)).toBe(expectedRows(s.data, entity).length);
      expect(await counted(entity, s.scope())).toBe(expectedRows(s.data, entity, { scope: s.scope() }).length);
    });
    if (DEMO_MODEL.entities[entity]?.conformed) {
      s.test(`keyPairs ${entity} (same): every key paired with itself, one traced statement`, async () => {
        const events: StatementEvent[] = [];
        const call = { scope: UNRESTRICTED, trace: { record: (event: StatementEvent) => events.push(event) } };
        const pairs = await s.adapter().keyPairs({ entity, rule: { kind: 'same' } }, call);
        const keys = expectedRows(s.data, entity).map((r) => r.key);
        expect(pairs.map((p) => `${p.sourceKey}|${p.hubId}`).sort()).toEqual(keys.map((k) => `${k}|${k}`).sort());
        const event = { source: s.source, kind: 'key-pairs', rows: keys.length, ok: true };
        expect(events).toEqual([expect.objectContaining(event)]);
      });
    }
  }
}

function errorCases(s: Suite): void {
  const entity = mappedEntities(s.data)[0]!;
  const [fact, f] = Object.entries(s.data.mapping.facts)[0]!;
  const aggregate = { fact, measures: Object.keys(f.measures), groupBy: [] };
  const fields = Object.keys(s.data.mapping.entities[entity]!.fields);
  const cases: Array<{
    what: string;
    name: string;
    known: readonly string[];
    call: (a: SourceAdapter, c: CallContext) => Promise<unknown>;
  }> = [
    {
      what: 'entity',
      name: 'NoSuchEntity',
      known: mappedEntities(s.data),
      call: (a, c) => a.fetch({ entity: 'NoSuchEntity' as EntityName }, c),
    },
    {
      what: `field of ${entity}`,
      name: 'noSuchField',
      known: fields,
      call: (a, c) => a.fetch({ entity, where: { field: 'noSuchField', keys: ['x'] } }, c),
    },
    {
      what: 'fact',
      name: 'noSuchFact',
      known: Object.keys(s.data.mapping.facts),
      call: (a, c) => a.aggregate({ ...aggregate, fact: 'noSuchFact' }, c),
    },
    {
      what: `measure of ${fact}`,
      name: 'noSuchMeasure',
      known: Object.keys(f.measures),
      call: (a, c) => a.aggregate({ ...aggregate, measures: ['noSuchMeasure'] }, c),
    },
    {
      what: `dimension of ${fact}`,
      name: 'noSuchDimension',
      known: Object.keys(f.dimensions),
      call: (a, c) => a.aggregate({ ...aggregate, groupBy: ['noSuchDimension'] }, c),
    },
  ];
  for (const c of cases) {
    s.test(`errors: an unknown ${c.what} names the source, "${c.name}" and the known ones`, async () => {
      const events: StatementEvent[] = [];
      const error = await c.call(s.adapter(), { scope: UNRESTRICTED, trace: { record: (e) => events.push(e) } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      for (const part of [s.source, c.name, ...c.known]) expect((error as Error).message).toContain(part);
      expect(events).toEqual([]);
    });
  }
}

function crossEngineCases(
  data: SourceData,
  scope: () => SourceScope,
  adapters: Map<TestEngine, SourceAdapter>,
  test: Suite['test'],
): void {
  for (const call of representativeCalls(data, scope)) {
    test(`${call.label} is identical on ${TEST_ENGINES.join(', ')}`, async () => {
      const results = await Promise.all(TEST_ENGINES.map((engine) => call.run(adapters.get(engine)!)));
      const byEngine = Object.fromEntries(TEST_ENGINES.map((engine, i) => [engine, results[i]]));
      expect(byEngine).toStrictEqual(Object.fromEntries(TEST_ENGINES.map((engine) => [engine, results[0]])));
      expect(results[0]).not.toHaveLength(0);
    });
  }
}

/** A few calls whose neutral answers (order included) must not depend on the engine. */
function representativeCalls(
  data: SourceData,
  scope: () => SourceScope,
): Array<{ label: string; run: (a: SourceAdapter) => Promise<unknown[]> }> {
  const entities = mappedEntities(data);
  const largest = [...entities].sort((a, b) => expectedRows(data, b).length - expectedRows(data, a).length)[0]!;
  const order = pagingOrder(largest, data.mapping);
  const [fact, f] = Object.entries(data.mapping.facts)[0]!;
  const time = timeFilters(f)[0]!;
  const dim = Object.keys(f.dimensions).at(-1)!;
  const byDim: AggregateQuery = { fact, measures: Object.keys(f.measures), groupBy: [dim], ...time.query };
  return [
    {
      label: `fetch ${entities[0]} of a few keys`,
      run: (a) =>
        fetchRows(a, {
          entity: entities[0]!,
          where: { field: 'key', keys: spread(expectedRows(data, entities[0]!).map((r) => r.key)) },
        }),
    },
    { label: `fetch ${largest}, first 50 in default order`, run: (a) => fetchRows(a, { entity: largest, limit: 50 }) },
    {
      label: `fetch ${largest} by ${order.field} ${order.direction}, rows 100 to 149`,
      run: (a) => fetchRows(a, { entity: largest, orderBy: order, limit: 50, offset: 100 }),
    },
    { label: `aggregate ${fact} by ${dim} ${time.label}`, run: (a) => aggregateRows(a, byDim) },
    { label: `aggregate ${fact} by ${dim} ${time.label} in a scope`, run: (a) => aggregateRows(a, byDim, scope()) },
  ];
}

// ---- helpers ----

/** Named skips: registered cases are checked off, so a misspelt skip fails instead of silently doing nothing. */
class Skips {
  private readonly registered = new Set<string>();
  constructor(private readonly reasons: Record<string, string>) {}

  register(engine: TestEngine | undefined, name: string, fn: () => Promise<void>): void {
    const engineName = engine && `${engine}: ${name}`;
    this.registered.add(name);
    if (engineName) this.registered.add(engineName);
    const reason = this.reasons[name] ?? (engineName && this.reasons[engineName]);
    // A declared engine difference: skipped with its reason in the test name (none are declared today).
    if (reason) test.skip(`${name} (skip reason: ${reason})`, fn);
    else test(name, fn);
  }

  assertAllKnown(): void {
    const unknown = Object.keys(this.reasons).filter((name) => !this.registered.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `describeSourceConformance: skip names no case: ${unknown.map((n) => JSON.stringify(n)).join(', ')}. ` +
          'Use a case name as jest prints it, optionally prefixed with "<engine>: ".',
      );
    }
  }
}

interface Traced<T> {
  result: T;
  event: StatementEvent;
}

/** Runs one adapter call with a recording sink and checks it recorded exactly one statement event. */
async function traced<T extends unknown[]>(
  adapter: SourceAdapter,
  kind: StatementEvent['kind'],
  scope: SourceScope,
  run: (call: CallContext) => Promise<T>,
): Promise<Traced<T>> {
  const events: StatementEvent[] = [];
  const result = await run({ scope, trace: { record: (event) => events.push(event) } });
  expect(events).toEqual([
    {
      source: adapter.name,
      kind,
      fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
      durationMs: expect.any(Number),
      rows: result.length,
      ok: true,
    },
  ]);
  return { result, event: events[0]! };
}

async function fetchRows(
  adapter: SourceAdapter,
  query: FetchQuery,
  scope: SourceScope = UNRESTRICTED,
): Promise<NeutralRow[]> {
  return (await traced(adapter, 'fetch', scope, (call) => adapter.fetch(query, call))).result;
}

async function aggregateRows(
  adapter: SourceAdapter,
  query: AggregateQuery,
  scope: SourceScope = UNRESTRICTED,
): Promise<AggregateRow[]> {
  return (await traced(adapter, 'aggregate', scope, (call) => adapter.aggregate(query, call))).result;
}

async function expectFetch(
  s: Suite,
  query: FetchQuery,
  scope: SourceScope = UNRESTRICTED,
  opts: { nonEmpty?: boolean } = {},
): Promise<void> {
  const rows = await fetchRows(s.adapter(), query, scope);
  const expected = expectedRows(s.data, query.entity, { where: query.where, scope });
  if (opts.nonEmpty) expect(expected).not.toHaveLength(0);
  expect([...rows].sort(byKey)).toStrictEqual(expected);
}

/** Compares an aggregate with the oracle; an empty expectation would prove nothing, so it fails. */
async function expectAggregate(s: Suite, query: AggregateQuery, scope: SourceScope = UNRESTRICTED): Promise<void> {
  const rows = await aggregateRows(s.adapter(), query, scope);
  const expected = expectedAggregate(s.data, query, scope);
  expect(expected).not.toHaveLength(0);
  expect([...rows].sort(byDimensions)).toStrictEqual(expected);
}

function mappedEntities(data: SourceData): EntityName[] {
  return Object.keys(data.mapping.entities) as EntityName[];
}

function mappedCatalog(mapping: SqlSourceMapping): SourceCatalog {
  const entities = Object.entries(mapping.entities).map(([entity, m]) => [entity, { fields: Object.keys(m!.fields) }]);
  const facts = Object.entries(mapping.facts).map(([fact, f]) => [
    fact,
    {
      kind: f.validity ? 'state' : 'event',
      dimensions: Object.keys(f.dimensions),
      // A distinct count of a dimension's own column names that dimension (its members' counts add up).
      measures: Object.fromEntries(
        Object.entries(f.measures).map(([name, m]) => {
          const own = Object.entries(f.dimensions).find(
            ([, d]) =>
              m.agg === 'count_distinct' && !m.filter && d.column.split('.').pop() === m.column?.split('.').pop(),
          )?.[0];
          return [name, { agg: m.agg, type: m.type, ...(own ? { distinctOf: own } : {}) }];
        }),
      ),
    },
  ]);
  return { entities: Object.fromEntries(entities), facts: Object.fromEntries(facts) };
}

/** Each window alone, then all of them in one statement (one row per group and window with rows). */
function timeFilters(f: SqlFactMapping): Array<{ label: string; query: Pick<AggregateQuery, 'buckets'> }> {
  if (f.validity) {
    return [
      ...STATE_WINDOWS.map((b) => ({ label: `valid at the end of [${b.from}, ${b.to})`, query: { buckets: [b] } })),
      { label: `valid at the end of each of ${STATE_WINDOWS.length} windows`, query: { buckets: STATE_WINDOWS } },
    ];
  }
  return [
    ...WINDOWS.map((b) => ({ label: `in [${b.from}, ${b.to})`, query: { buckets: [b] } })),
    { label: `in each of ${WINDOWS.length} windows`, query: { buckets: WINDOWS } },
  ];
}

function scopeDimensionOf(f: SqlFactMapping): string | undefined {
  return Object.entries(f.dimensions).find(([, d]) => d.entity === 'Department')?.[0];
}

/** Does a department scope restrict this entity (its key, a reference, or one hop)? */
function scopedByDepartment(data: SourceData, entity: EntityName): boolean {
  return entityTies(data, entity, { Department: [] }).length > 0;
}

/** The first reference field of an entity's mapping (e.g. Employee.department), if any. */
function referenceField(entity: EntityName, mapping: SqlSourceMapping): string | undefined {
  return Object.keys(mapping.entities[entity]!.fields).find(
    (field) => typeof ENTITIES[entity]!.fields[field] === 'object',
  );
}

/** Paging order: the mapping's default list field (or its first field), descending, so it differs from the default. */
function pagingOrder(entity: EntityName, mapping: SqlSourceMapping): { field: string; direction: 'desc' } {
  const m = mapping.entities[entity]!;
  return { field: m.orderBy ?? Object.keys(m.fields)[0]!, direction: 'desc' };
}

/** First, middle and last of a list (deduplicated). */
function spread<T>(values: readonly T[]): T[] {
  return distinct(
    [values[0], values[Math.floor(values.length / 2)], values.at(-1)].filter((v): v is T => v !== undefined),
  );
}

function distinct<T>(values: readonly T[]): Array<NonNullable<T>> {
  return [...new Set(values)].filter((v): v is NonNullable<T> => v !== null && v !== undefined);
}

/**
 * A key no row has, of the column's own kind. Integer key columns get a number: a non-numeric key fails
 * the whole statement on PostgreSQL (invalid integer input) but matches nothing on MySQL — a known gap
 * of untyped keys, not what these cases are about.
 */
function unknownKeyFor(data: SourceData, entity: EntityName, field: string): string {
  const m = data.mapping.entities[entity]!;
  return unknownLike(nativeRows(data, m.table)[0]?.[field === 'key' ? (m.key as string) : m.fields[field]!]);
}

function unknownDimensionKey(data: SourceData, f: SqlFactMapping, dim: string): string {
  return unknownLike(nativeRows(data, f.table)[0]?.[f.dimensions[dim]!.column]);
}

function unknownLike(sample: unknown): string {
  return typeof sample === 'number' ? '987654321' : 'NO-SUCH-KEY';
}

/**
 * The two departments (keyMap order breaks ties) that own rows in the most scoped entities and facts,
 * so that scope cases compare non-trivial answers.
 */
/**
 * The suite's scope when it has rows for this query; otherwise (a sparse fact such as departures) two
 * departments that do, so the case still compares a non-empty answer.
 */
function scopeWithRows(s: Suite, query: AggregateQuery, preferred: SourceScope): SourceScope {
  if (expectedAggregate(s.data, query, preferred).length > 0) return preferred;
  const withRows = s.departments.filter((d) => expectedAggregate(s.data, query, departmentScope([d])).length > 0);
  return departmentScope(withRows.slice(0, 2));
}

function busiestDepartments(data: SourceData, departments: readonly string[]): string[] {
  const coverage = new Map(departments.map((d) => [d, scopedTargetsWithRows(data, departmentScope([d]))]));
  return [...departments].sort((a, b) => coverage.get(b)! - coverage.get(a)!).slice(0, 2);
}

function scopedTargetsWithRows(data: SourceData, scope: SourceScope): number {
  const entities = mappedEntities(data).filter(
    (e) => scopedByDepartment(data, e) && expectedRows(data, e, { scope }).length > 0,
  );
  const facts = Object.entries(data.mapping.facts).filter(([fact, f]) => {
    const dim = scopeDimensionOf(f);
    return (
      dim &&
      expectedAggregate(data, { fact, measures: [], groupBy: [dim], ...timeFilters(f)[0]!.query }, scope).length > 0
    );
  });
  return entities.length + facts.length;
}

const FORMS: Record<
  'string' | 'int' | 'decimal' | 'date' | 'bool' | 'ref',
  { label: string; ok: (v: unknown) => boolean }
> = {
  string: { label: 'a string', ok: (v) => typeof v === 'string' },
  ref: { label: 'a source key string', ok: (v) => typeof v === 'string' },
  int: { label: 'an integer number', ok: (v) => Number.isInteger(v) },
  decimal: { label: 'a decimal string with 2 places', ok: (v) => typeof v === 'string' && /^-?\d+\.\d{2}$/.test(v) },
  date: { label: "a 'YYYY-MM-DD' string", ok: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) },
  bool: { label: 'a boolean', ok: (v) => typeof v === 'boolean' },
};

/** Up to 10 readable problems: rows whose keys are not exactly `key` + the mapped fields, or values not in conformed form. */
function neutralShapeProblems(entity: EntityName, fields: readonly string[], rows: readonly NeutralRow[]): string[] {
  const expectedKeys = ['key', ...fields].sort().join(', ');
  const problems = rows.flatMap((row) => {
    const keys = Object.keys(row).sort().join(', ');
    const out = keys === expectedKeys ? [] : [`row ${row.key}: has ${keys}, expected ${expectedKeys}`];
    if (typeof row.key !== 'string') out.push(`row ${row.key}: key is not a string`);
    for (const field of fields) {
      const type: FieldType = ENTITIES[entity]!.fields[field]!;
      const form = FORMS[typeof type === 'object' ? 'ref' : type];
      if (row[field] !== null && !form.ok(row[field]))
        out.push(`row ${row.key}: ${field} = ${JSON.stringify(row[field])} is not ${form.label}`);
    }
    return out;
  });
  return problems.slice(0, 10);
}

/** Pairs of neighbours out of order on the primary field (nulls are placed differently per engine: skipped). */
function orderViolations(
  rows: readonly NeutralRow[],
  order: { field: string; direction: 'asc' | 'desc' },
  type: FieldType,
): string[] {
  const numeric = type === 'int' || type === 'decimal';
  const compare = (a: string | number | boolean, b: string | number | boolean) =>
    numeric ? Number(a) - Number(b) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  const sign = order.direction === 'asc' ? 1 : -1;
  return rows
    .slice(1)
    .flatMap((row, i) => {
      const [a, b] = [rows[i]![order.field], row[order.field]];
      if (a === null || a === undefined || b === null || b === undefined) return [];
      return sign * compare(a, b) > 0 ? [`${rows[i]!.key} (${a}) before ${row.key} (${b})`] : [];
    })
    .slice(0, 10);
}

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}
