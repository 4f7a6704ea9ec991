import knexFactory, { type Knex } from 'knex';
import type { AggregateQuery, FetchQuery, KeyPairQuery, SourceScope } from '../../src/sources/contract';
import { DEMO_MODEL, SOURCES, type SourceName } from '../support/demo-model';
import { departmentScope } from './oracle';
import { SqlAdapter, fingerprintOf } from '../../src/sources/sql/adapter';
import type { SqlConnection } from '../../src/db/connection';
import type { EngineName } from '../../src/db/dialect';
import { DIALECTS as REGISTRY } from '../../src/db/dialects';

/**
 * The SQL the generic adapter builds, per dialect, without a database (knex's test/unit/query/builder.js):
 * knex clients with no connection only compile, so every case runs in milliseconds. The conformance
 * suite proves the answers right on real engines; these pin the statement shapes — scope predicates,
 * CASE WHEN filters, time bounds — and that values only ever travel as bindings.
 */
/** Every engine of the registry and the SQL family it must compile to (the embedded engine is PostgreSQL). */
const DIALECTS = [
  { engine: 'postgres', dialect: 'postgres', quote: '"' },
  { engine: 'embedded', dialect: 'postgres', quote: '"' },
  { engine: 'mysql', dialect: 'mysql', quote: '`' },
] as const;

test('the SQL tests cover every engine of the dialect registry', () => {
  expect(DIALECTS.map((d) => d.engine).sort()).toEqual(Object.keys(REGISTRY).sort());
});

const UNRESTRICTED: SourceScope = {};
const INJECTIONS = ["'; DROP TABLE x; --", 'pg_sleep(5)', '1) or (1=1', '` or 1=1 --', '" or 1=1 --'];

describe.each(DIALECTS)('SqlAdapter SQL on $engine', ({ engine, dialect, quote }) => {
  const knex = knexFactory({ client: REGISTRY[engine].client });
  afterAll(() => knex.destroy());

  /** Expected SQL with identifiers quoted the dialect's way: sql`select ${'a'}` → select "a" (or `a`). */
  const sql = (parts: TemplateStringsArray, ...identifiers: string[]) =>
    parts.reduce(
      (out, part, i) => out + part + (i < identifiers.length ? `${quote}${identifiers[i]}${quote}` : ''),
      '',
    );
  /** An exact DECIMAL column without a declared scale: PostgreSQL casts to unconstrained numeric, MariaDB sums it as stored. */
  const exact = (column: string) => (dialect === 'postgres' ? sql`cast(${column} as numeric)` : sql`${column}`);
  const adapter = (source: SourceName) =>
    new SqlAdapter(source, SOURCES[source].mapping, offline(knex, engine, source), DEMO_MODEL);
  const fetchSql = (source: SourceName, query: FetchQuery, scope = UNRESTRICTED) =>
    adapter(source).buildFetch(query, scope).toSQL();
  /** A lookup's keys: one bound parameter (`= any(?)` on PostgreSQL, `json_table(?)` on MariaDB). */
  const keysIn = (column: string) =>
    dialect === 'mysql'
      ? sql`${column}` + " in (select k0 from json_table(?, '$[*]' columns (k0 varchar(2048) path '$')) as hub_keys)"
      : sql`${column} = any(?)`;
  const keysParam = (keys: string[]) =>
    dialect === 'mysql' ? JSON.stringify(keys) : `{${keys.map((k) => `"${k.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  const aggregateSql = (source: SourceName, query: AggregateQuery, scope = UNRESTRICTED) =>
    adapter(source).buildAggregate(query, scope).toSQL();

  describe('fetch', () => {
    test('selects mapped columns under conformed names; where-in and the scope column are bound predicates', () => {
      const { sql: text, bindings } = fetchSql(
        'crm',
        { entity: 'Customer', where: { field: 'key', keys: ['A1', 'A2'] } },
        departmentScope(['T-EAST-1']),
      );
      expect(text).toBe(
        sql`select ${'account_id'} as ${'key'}, ${'account_name'} as ${'name'}, ${'segment'} as ${'segment'}, ` +
          sql`${'industry'} as ${'industry'}, ${'region'} as ${'region'}, ${'owner_team_code'} as ${'salesDepartment'}, ` +
          sql`${'created_at'} as ${'createdOn'} from ${'crm'}.${'account'} ` +
          `where ${keysIn('account_id')} and (${quote}owner_team_code${quote} in (?)) order by ${quote}account_id${quote} asc`,
      );
      expect(bindings).toEqual([keysParam(['A1', 'A2']), 'T-EAST-1']);
    });

    test('a one-hop `through` scope is a subquery on the owning table (CRM contact → account → team)', () => {
      const { sql: text, bindings } = fetchSql(
        'crm',
        { entity: 'Contact', where: { field: 'customer', keys: ['A1'] }, limit: 10, offset: 20 },
        departmentScope(['T-EAST-1', 'T-WEST-4']),
      );
      expect(text).toBe(
        sql`select ${'contact_id'} as ${'key'}, ${'account_id'} as ${'customer'}, ${'contact_name'} as ${'name'}, ` +
          sql`${'phone'} as ${'phone'}, ${'email'} as ${'email'} from ${'crm'}.${'contact'} where ` +
          keysIn('account_id') +
          ' ' +
          sql`and (${'account_id'} in (select ${'account_id'} from ${'crm'}.${'account'} where ${'owner_team_code'} in (?, ?))) ` +
          sql`order by ${'contact_id'} asc limit ? offset ?`,
      );
      expect(bindings).toEqual([keysParam(['A1']), 'T-EAST-1', 'T-WEST-4', 10, 20]);
    });

    test('unrestricted adds no scope predicate; an empty scope matches nothing', () => {
      expect(fetchSql('hr', { entity: 'Employee' }).sql).not.toContain('where');
      const never = { sql: expect.stringContaining('where (1 = ?)'), bindings: [0] };
      expect(fetchSql('hr', { entity: 'Employee' }, departmentScope([]))).toMatchObject(never);
      // One hop through the account: the subquery selects no account.
      expect(fetchSql('crm', { entity: 'Contact' }, departmentScope([]))).toMatchObject({
        sql: expect.stringContaining(sql`in (select ${'account_id'} from ${'crm'}.${'account'} where 1 = ?))`),
        bindings: [0],
      });
    });

    test('grants are OR-ed: a department grant, or an own-records grant that rules Employee by its key', () => {
      const own = { Employee: ['100010'], Department: [] };
      const { sql: text, bindings } = fetchSql('hr', { entity: 'Employee' }, { any: [{ Department: ['ORG-3'] }, own] });
      expect(text).toContain(sql`where ((${'org_id'} in (?)) or (${'emp_no'} in (?)))`);
      expect(bindings).toEqual(['ORG-3', '100010']);
      const onlyOwn = fetchSql('hr', { entity: 'Employee' }, { any: [own] });
      expect(onlyOwn.sql).toContain(sql`where (${'emp_no'} in (?))`);
      // An own-records grant also rules departments (none): it sees no department's customers.
      expect(fetchSql('crm', { entity: 'Customer' }, { any: [own] }).sql).toContain('where (1 = ?)');
    });

    test('an entity tied to no ruled entity is not restricted (a grant that ties nothing lets all through)', () => {
      expect(fetchSql('erp', { entity: 'Product' }, departmentScope([])).sql).not.toContain('where');
      expect(
        fetchSql('crm', { entity: 'Customer' }, { any: [{ Department: [] }, { Supplier: ['V1'] }] }).sql,
      ).not.toContain('where');
    });

    test("orders by the mapping's default list field, then by key so pages are stable", () => {
      expect(fetchSql('crm', { entity: 'Order' }).sql).toMatch(
        endingWith(sql`order by ${'order_date'} asc, ${'order_no'} asc`),
      );
      const byName = fetchSql('hr', {
        entity: 'Employee',
        orderBy: { field: 'name', direction: 'desc' },
        limit: 5,
      }).sql;
      expect(byName).toMatch(endingWith(sql`order by ${'full_name'} desc, ${'emp_no'} asc limit ?`));
    });
  });

  describe('aggregate', () => {
    test('filtered measures are CASE WHEN with their values bound, sharing one GROUP BY statement', () => {
      const { sql: text, bindings } = aggregateSql('procurement', {
        fact: 'purchases',
        measures: ['procurementSpend', 'poCount'],
        groupBy: ['department'],
      });
      expect(text).toBe(
        sql`select ${'cost_center'} as ${'department'}, ` +
          sql`sum(case when ${'status'} in (?, ?, ?) then ` +
          exact('total_amount') +
          sql` end) as ${'procurementSpend'}, ` +
          sql`count(case when ${'status'} in (?, ?, ?) then 1 end) as ${'poCount'} ` +
          sql`from ${'procurement'}.${'purchase_order'} ` +
          sql`group by ${'cost_center'} order by ${'cost_center'} asc`,
      );
      expect(bindings).toEqual(['APPROVED', 'RECEIVED', 'CLOSED', 'APPROVED', 'RECEIVED', 'CLOSED']);
      expect(text).not.toContain('APPROVED');
    });

    test('a row cap is pushed into the statement as a bound limit (issue 12: limits.maxStatementRows + 1)', () => {
      const { sql: text, bindings } = aggregateSql('procurement', {
        fact: 'purchases',
        measures: ['poCount'],
        groupBy: ['department'],
        limit: 250_001,
      });
      expect(text).toMatch(/order by .* asc limit \?$/);
      expect(bindings[bindings.length - 1]).toBe(250_001);
    });

    const decimal = dialect === 'postgres' ? 'numeric' : 'decimal';
    test.each([
      { storage: { kind: 'decimal', scale: 4 }, agg: 'sum', value: `cast(${quote}amt${quote} as ${decimal}(38, 4))` },
      { storage: { kind: 'float', scale: 2 }, agg: 'sum', value: `cast(${quote}amt${quote} as ${decimal}(38, 2))` },
      { storage: { kind: 'text', scale: 3 }, agg: 'min', value: `cast(${quote}amt${quote} as ${decimal}(38, 3))` },
      {
        storage: { kind: 'cents', scale: 2 },
        agg: 'max',
        value: `cast(${quote}amt${quote} * 0.01 as ${decimal}(38, 2))`,
      },
      { storage: { kind: 'cents', scale: 0 }, agg: 'sum', value: `cast(${quote}amt${quote} as ${decimal}(38, 0))` },
    ] as const)(
      'storage $storage.kind (scale $storage.scale) is cast to an exact decimal before $agg',
      ({ storage, agg, value }) => {
        const mapping = {
          entities: {},
          facts: {
            lines: {
              table: 'line',
              time: { column: 'day' },
              dimensions: {},
              measures: { amount: { agg, column: 'amt', type: 'decimal' as const, storage } },
            },
          },
        };
        const built = new SqlAdapter('test', mapping, offline(knex, engine, 'test'), { entities: {} }).buildAggregate(
          { fact: 'lines', measures: ['amount'], groupBy: [] },
          UNRESTRICTED,
        );
        expect(built.toSQL().sql).toBe(
          `select ${agg}(${value}) as ${quote}amount${quote} from ${quote}test${quote}.${quote}line${quote}`,
        );
      },
    );

    test('an average selects its exact sum and its count (the hub divides; engines disagree on the scale of avg)', () => {
      const mapping = {
        entities: {},
        facts: {
          lines: {
            table: 'line',
            time: { column: 'day' },
            dimensions: {},
            measures: {
              mean: {
                agg: 'avg' as const,
                column: 'amt',
                type: 'decimal' as const,
                filter: { ok: [1] },
                storage: { kind: 'float' as const, scale: 2 },
              },
            },
          },
        },
      };
      const built = new SqlAdapter('test', mapping, offline(knex, engine, 'test'), { entities: {} }).buildAggregate(
        { fact: 'lines', measures: ['mean'], groupBy: [] },
        UNRESTRICTED,
      );
      expect(built.toSQL().sql).toBe(
        sql`select sum(case when ${'ok'} in (?) then cast(${'amt'} as ` +
          `${decimal}(38, 2)) end) as ` +
          sql`${'mean'}, ` +
          sql`count(case when ${'ok'} in (?) then ${'amt'} end) as ${'mean__count'} from ${'test'}.${'line'}`,
      );
    });

    test.each([
      [{ kind: 'float' }, '"float" needs "scale"'],
      [{ kind: 'cents', scale: 2.5 }, 'scale must be an integer from 0 to 12, received 2.5'],
      [{ kind: 'binary', scale: 2 }, 'unknown kind "binary" (known: decimal, float, cents, text)'],
    ])('a storage %j is refused at start: %s', (storage, problem) => {
      const mapping = {
        entities: {},
        facts: {
          lines: {
            table: 'line',
            time: { column: 'day' },
            dimensions: {},
            measures: {
              amount: { agg: 'sum' as const, column: 'amt', type: 'decimal' as const, storage: storage as never },
            },
          },
        },
      };
      expect(() => new SqlAdapter('test', mapping, offline(knex, engine, 'test'), { entities: {} })).toThrow(
        `Source "test" mapping facts.lines.measures.amount.storage: ${problem}`,
      );
    });

    test('a measure name ending in __count is refused (an average selects its count under that alias)', () => {
      const mapping = {
        entities: {},
        facts: {
          lines: {
            table: 'line',
            time: { column: 'day' },
            dimensions: {},
            measures: { mean__count: { agg: 'count' as const, type: 'int' as const } },
          },
        },
      };
      expect(() => new SqlAdapter('test', mapping, offline(knex, engine, 'test'), { entities: {} })).toThrow(
        'Source "test" mapping facts.lines.measures.mean__count: names ending in "__count" are reserved',
      );
    });

    test('a filter on a counted column keeps the column (NULLs not counted) and binds numeric values as numbers', () => {
      const { sql: text, bindings } = aggregateSql('procurement', {
        fact: 'deliveries',
        measures: ['deliveries', 'onTimeDeliveries'],
        groupBy: [],
      });
      expect(text).toBe(
        sql`select count(${'actual_date'}) as ${'deliveries'}, count(case when ${'on_time'} in (?) then ${'actual_date'} end) as ${'onTimeDeliveries'} ` +
          sql`from ${'procurement'}.${'delivery'}`,
      );
      expect(bindings).toEqual([1]);
    });

    test.each([
      { window: { from: '2025-04-01', to: '2025-07-01' }, bounds: ['202504', '202507'] },
      { window: { from: '2025-04-15', to: '2025-07-15' }, bounds: ['202505', '202508'] },
      { window: { from: '2024-12-02', to: '2025-01-01' }, bounds: ['202501', '202501'] },
    ])('a `yyyymm` time column gets period bounds: [$window.from, $window.to) → $bounds', ({ window, bounds }) => {
      const { sql: text, bindings } = aggregateSql('erp', {
        fact: 'budget',
        measures: ['budget'],
        groupBy: ['department'],
        buckets: [{ label: 'W', ...window }],
      });
      expect(text).toBe(
        sql`select ${'cc_code'} as ${'department'}, sum(` +
          exact('amount') +
          sql`) as ${'budget'}, ` +
          sql`case when ${'fiscal_period'} >= ? and ${'fiscal_period'} < ? then ? end as ${'period'} from ${'erp'}.${'budget'} ` +
          sql`where ${'fiscal_period'} >= ? and ${'fiscal_period'} < ? group by ${'cc_code'}, ${'period'} order by ${'cc_code'} asc`,
      );
      expect(bindings).toEqual([...bounds, 'W', ...bounds]);
    });

    test('a state fact in windows: per window a half-open validity test at its end on every measure and a row count; the scope applies', () => {
      const { sql: text, bindings } = aggregateSql(
        'hr',
        {
          fact: 'employment',
          measures: ['headcount'],
          groupBy: ['department'],
          buckets: [
            { label: '2025-H1', from: '2025-01-01', to: '2025-07-01' },
            { label: '2025', from: '2025-01-01', to: '2026-01-01' },
          ],
        },
        departmentScope(['ORG-3']),
      );
      const valid = sql`${'hire_date'} < ? and (${'leave_date'} is null or ${'leave_date'} >= ?)`;
      expect(text).toBe(
        sql`select ${'org_id'} as ${'department'}, ` +
          `count(case when ${valid} then 1 end) as ${sql`${'w0__rows'}`}, count(case when ${valid} then 1 end) as ${sql`${'w0__headcount'}`}, ` +
          `count(case when ${valid} then 1 end) as ${sql`${'w1__rows'}`}, count(case when ${valid} then 1 end) as ${sql`${'w1__headcount'}`} ` +
          sql`from ${'hr'}.${'employee'} where ${'hire_date'} < ? and (${'leave_date'} is null or ${'leave_date'} >= ?) and (${'org_id'} in (?)) ` +
          sql`group by ${'org_id'} order by ${'org_id'} asc`,
      );
      const h1 = ['2025-07-01', '2025-07-01'];
      const year = ['2026-01-01', '2026-01-01'];
      // Rows valid at no window's end are filtered out: hired before the last end, not left before the first.
      expect(bindings).toEqual([...h1, ...h1, ...year, ...year, '2026-01-01', '2025-07-01', 'ORG-3']);
    });

    test('a dimension filter and the scope both apply, even on the same column', () => {
      const { sql: text, bindings } = aggregateSql(
        'erp',
        {
          fact: 'invoice',
          measures: ['invoiceCount'],
          groupBy: ['customer'],
          where: { department: ['CC-1003', 'CC-1004'] },
        },
        departmentScope(['CC-1004']),
      );
      expect(text).toContain(sql`where ${'cc_code'} in (?, ?) and (${'cc_code'} in (?)) group by ${'cust_no'}`);
      expect(bindings).toEqual(['CC-1003', 'CC-1004', 'CC-1004']);
    });
  });

  describe('values are bound, never inlined', () => {
    const places: Array<{ place: string; build: (value: string) => Knex.Sql }> = [
      {
        place: 'fetch where key',
        build: (v) => fetchSql('crm', { entity: 'Customer', where: { field: 'key', keys: ['A1', v] } }),
      },
      {
        place: 'fetch where reference',
        build: (v) => fetchSql('hr', { entity: 'Employee', where: { field: 'department', keys: [v] } }),
      },
      { place: 'fetch scope column', build: (v) => fetchSql('hr', { entity: 'Employee' }, departmentScope([v])) },
      { place: 'fetch through scope', build: (v) => fetchSql('crm', { entity: 'Contact' }, departmentScope([v])) },
      {
        place: 'aggregate where',
        build: (v) =>
          aggregateSql('crm', {
            fact: 'orders',
            measures: ['revenue'],
            groupBy: ['customer'],
            where: { customer: [v] },
          }),
      },
      {
        place: 'aggregate scope',
        build: (v) =>
          aggregateSql('crm', { fact: 'orders', measures: ['revenue'], groupBy: ['department'] }, departmentScope([v])),
      },
      {
        place: 'window bounds and label',
        build: (v) =>
          aggregateSql('crm', {
            fact: 'orders',
            measures: ['revenue'],
            groupBy: [],
            buckets: [{ label: v, from: v, to: v }],
          }),
      },
      {
        place: 'state window end',
        build: (v) =>
          aggregateSql('hr', {
            fact: 'employment',
            measures: ['headcount'],
            groupBy: [],
            buckets: [{ label: 'W', from: v, to: v }],
          }),
      },
    ];
    test.each(places)('$place: injection-looking values appear only in the bindings', ({ build }) => {
      for (const value of INJECTIONS) {
        const { sql: text, bindings } = build(value);
        expect(text).not.toContain(value);
        expect(text).not.toMatch(/drop|pg_sleep|1=1/i);
        // A lookup's keys travel inside one array (or JSON) parameter: read back, it holds the value as is.
        expect(
          bindings.flatMap((b) =>
            b === keysParam(['A1', value]) ? ['A1', value] : b === keysParam([value]) ? [value] : [b],
          ),
        ).toContain(value);
      }
    });

    test('names never reach SQL: an injection-looking field, dimension or measure is an unknown name', () => {
      const name = INJECTIONS[0]!;
      expect(() => fetchSql('hr', { entity: 'Employee', where: { field: name, keys: ['x'] } })).toThrow(
        `unknown field of Employee "${name}"`,
      );
      expect(() => fetchSql('hr', { entity: 'Employee', orderBy: { field: name, direction: 'asc' } })).toThrow(
        `unknown field of Employee "${name}"`,
      );
      expect(() => aggregateSql('hr', { fact: 'payroll', measures: [name], groupBy: [] })).toThrow(
        `unknown measure of fact "payroll" "${name}"`,
      );
      expect(() => aggregateSql('hr', { fact: 'payroll', measures: [], groupBy: [name] })).toThrow(
        `unknown dimension of fact "payroll" "${name}"`,
      );
    });

    test('an order direction other than asc/desc falls back to asc', () => {
      const direction = 'desc; drop table x' as 'desc';
      expect(fetchSql('hr', { entity: 'Employee', orderBy: { field: 'name', direction } }).sql).not.toMatch(/drop/i);
    });
  });

  test('fingerprints ignore IN-list length and values, not the statement shape', () => {
    const byKeys = (keys: string[]) =>
      fingerprintOf(fetchSql('hr', { entity: 'Employee', where: { field: 'key', keys } }).sql);
    expect(byKeys(['1'])).toMatch(/^[0-9a-f]{12}$/);
    expect(byKeys(['1', '2', '3'])).toBe(byKeys(['1']));
    expect(byKeys(['other'])).toBe(byKeys(['1']));
    expect(
      fingerprintOf(fetchSql('hr', { entity: 'Employee', where: { field: 'department', keys: ['1'] } }).sql),
    ).not.toBe(byKeys(['1']));
  });
});

describe.each(DIALECTS)('crosswalk reads and member counts on $engine', ({ engine, quote }) => {
  const knex = knexFactory({ client: REGISTRY[engine].client });
  afterAll(() => knex.destroy());
  const q = (name: string) => `${quote}${name}${quote}`;
  const crm = new SqlAdapter('crm', SOURCES.crm.mapping, offline(knex, engine, 'crm'), DEMO_MODEL);
  const pairsSql = (rule: KeyPairQuery['rule']) => crm.buildKeyPairs({ entity: 'Customer', rule }).toSQL();
  const countSql = (scope: SourceScope) => crm.buildCount({ entity: 'Customer' }, scope).toSQL();
  const account = `${q('crm')}.${q('account')}`;

  test('a crosswalk read is one statement of source_key and hub_id: the key itself, an expression, or a table', () => {
    const key = q('account_id');
    expect(pairsSql({ kind: 'same' }).sql).toBe(`select ${key} as source_key, ${key} as hub_id from ${account}`);
    expect(pairsSql({ kind: 'expression', sql: "'C-' || account_id" }).sql).toBe(
      `select ${key} as source_key, ('C-' || account_id) as hub_id from ${account}`,
    );
    const table = pairsSql({ kind: 'table', table: 'xwalk', sourceKey: 'crm_id', hubId: 'hub_id' });
    const xwalk = `${q('crm')}.${q('xwalk')}`;
    expect(table.sql).toBe(`select distinct ${q('crm_id')} as source_key, ${q('hub_id')} as hub_id from ${xwalk}`);
    expect(table.bindings).toEqual([]);
  });

  test("a member count is one count(*) over the entity's table, within the scope", () => {
    expect(countSql(UNRESTRICTED).sql).toBe(`select count(*) as ${q('n')} from ${account}`);
    const scoped = countSql(departmentScope(['T-EAST-1']));
    expect(scoped.sql).toBe(`select count(*) as ${q('n')} from ${account} where (${q('owner_team_code')} in (?))`);
    expect(scoped.bindings).toEqual(['T-EAST-1']);
  });
});

/** A SqlConnection that only compiles: knex without a connection never opens a socket. */
function offline(knex: Knex, engine: EngineName, schema: string): SqlConnection {
  return { knex, schema, dialect: REGISTRY[engine], close: async () => {} };
}

function endingWith(text: string): RegExp {
  return new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
