import { generateCompany } from '../../models/demo/generator/company';
import { loadUnits } from '../../src/indicators/units';
import { Decimal } from '../../src/values/decimal';
import { MIXED } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';

/** The indicator API as a dashboard and an analyst use it (values are checked against SQL elsewhere). */
const NO_CACHE = {
  sources: Object.fromEntries(['crm', 'erp', 'hr', 'procurement'].map((s) => [s, { cacheTtlSeconds: 0 }])),
};

type Cell = { code: string; value: string | null; reason: string | null };
type Table = {
  rows: Array<{ period: string; member: { id: string; name: string | null } | null; cells: Cell[] }>;
  statements: Array<{
    source: string;
    fact: string;
    cached: boolean;
    fingerprint: string;
    asOf: string;
    indicators: Array<{ code: string }>;
  }>;
  explain: Array<{
    code: string;
    version: string;
    inputs: Array<{ code: string; version: string }>;
    statements: Array<{ fact: string }>;
    filters: string[];
  }>;
};

const VALUES = /* GraphQL */ `
  query V(
    $codes: [String!]!
    $from: String!
    $to: String
    $grain: Grain!
    $groupBy: String
    $filters: [DimensionFilter!]
    $rollup: Boolean
  ) {
    indicatorValues(
      codes: $codes
      from: $from
      to: $to
      grain: $grain
      groupBy: $groupBy
      filters: $filters
      rollup: $rollup
    ) {
      rows {
        period
        member {
          id
          name
        }
        cells {
          code
          value
          reason
        }
      }
      statements {
        source
        fact
        cached
        fingerprint
        asOf
        indicators {
          code
        }
      }
      explain {
        code
        version
        inputs {
          code
          version
        }
        statements {
          fact
        }
        filters
      }
    }
  }
`;

const DASHBOARD_CODES = [
  'revenue',
  'gross_margin',
  'receivables_balance',
  'budget_execution_rate',
  'headcount',
  'payroll_cost',
  'revenue_per_head',
  'expense_ratio',
  'procurement_spend',
  'supplier_on_time_rate',
  'revenue_yoy',
  'revenue_ytd',
];

describe('indicator API without cache', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(MIXED, NO_CACHE);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('the dictionary can be browsed and searched in both languages', async () => {
    type Owner = { unit: { name: string }; department: { name: string }; person: string };
    const res = await hub.query<{
      zh: Array<{ code: string }>;
      syn: Array<{ code: string }>;
      one: { nameEn: string; sources: string[]; inputs: Array<{ code: string }>; owner: Owner };
    }>(
      `{ zh: indicators(search: "营业收入") { code } syn: indicators(search: "销售收入") { code }
         one: indicator(code: "revenue_per_head") { nameEn sources inputs { code } owner { unit { name } department { name } person } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.zh.map((i) => i.code)).toContain('revenue');
    expect(res.data!.syn.map((i) => i.code)).toContain('revenue');
    // owner: { unit: D0022, person: EMP-000267 } in its file; `department` is unit's deprecated name.
    const owner = { unit: { name: 'Finance & Admin' }, department: { name: 'Finance & Admin' }, person: 'EMP-000267' };
    expect(res.data!.one).toEqual({
      nameEn: 'Revenue per head',
      sources: ['crm', 'hr'],
      inputs: [{ code: 'revenue' }, { code: 'headcount' }],
      owner,
    });
  });

  test("each value leaves the hub rounded once, at its precision (the definition's, else its unit's in units.yaml)", async () => {
    const units = loadUnits('models/demo/units.yaml');
    const res = await hub.query<{
      indicators: Array<{ code: string; unit: string; precision: number }>;
      indicatorValues: Table;
    }>(
      `query D($codes: [String!]!) { indicators { code unit precision }
         indicatorValues(codes: $codes, from: "2025-10", to: "2025-12", grain: MONTH, groupBy: "department") { rows { cells { code value } } } }`,
      { codes: DASHBOARD_CODES },
    );
    expect(res.errors).toBeUndefined();
    const declared = new Map(res.data!.indicators.map((i) => [i.code, i]));
    for (const i of res.data!.indicators)
      expect([i.code, i.precision]).toEqual([i.code, units.units[i.unit]!.precision]);
    const places = res
      .data!.indicatorValues.rows.flatMap((r) => r.cells)
      .filter((c) => c.value !== null)
      .map((c) => [c.code, c.value!.split('.')[1]?.length ?? 0]);
    expect(places.length).toBeGreaterThan(DASHBOARD_CODES.length);
    for (const [code, n] of places) {
      const { unit, precision } = declared.get(code as string)!;
      expect([code, [precision, units.units[unit]!.fractionalPrecision].includes(n as number)]).toEqual([code, true]);
    }
  });

  test('a 12-indicator dashboard costs the same statements for 3 months or 24, for the company or every department', async () => {
    const counts = [];
    for (const vars of [
      { from: '2025-10', to: '2025-12', grain: 'MONTH' },
      { from: '2024-01', to: '2025-12', grain: 'MONTH' },
      { from: '2024-01', to: '2025-12', grain: 'MONTH', groupBy: 'department' },
    ]) {
      const res = await hub.query<{ indicatorValues: Table }>(VALUES, { codes: DASHBOARD_CODES, ...vars });
      expect(res.errors).toBeUndefined();
      counts.push(statementsBySource(res));
    }
    // One statement per (source, fact) the 12 indicators read; department names add one HR lookup.
    const facts = { crm: 1, erp: 4, hr: 3, procurement: 2 };
    expect(counts[0]).toEqual(facts);
    expect(counts[1]).toEqual(facts);
    expect(counts[2]).toEqual({ ...facts, hr: facts.hr + 1 });
  });

  test('explain names the definition versions, inputs and the statements behind each value', async () => {
    const res = await hub.query<{ indicatorValues: Table }>(VALUES, {
      codes: ['gross_margin'],
      from: '2025-Q4',
      grain: 'QUARTER',
      filters: [{ dimension: 'department', ids: ['D0003'] }],
    });
    const [explain] = res.data!.indicatorValues.explain;
    expect(explain!.inputs.map((i) => i.code)).toEqual(['cogs', 'gross_profit', 'invoiced_revenue']);
    expect(explain!.version).toBe('v1');
    expect(explain!.inputs.map((i) => i.version)).toEqual(['v1', 'v1', 'v1']);
    expect(explain!.statements).toEqual([{ fact: 'invoice' }]);
    expect(explain!.filters).toEqual(['department in (D0003)']);
    const [statement] = res.data!.indicatorValues.statements;
    expect(statement).toMatchObject({ source: 'erp', fact: 'invoice', cached: false });
    expect(statement!.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(res.raw).not.toMatch(/select|cc_code|inv_date/i);
  });

  test('Department.indicators gives the same values as indicatorValues, batched across departments', async () => {
    const nested = await hub.query<{ departments: Array<{ id: string; indicators: Cell[] }> }>(
      `{ departments(limit: 1000) { id indicators(codes: ["revenue", "headcount", "revenue_per_head"], period: "2025-Q3") { code value reason } } }`,
    );
    const flat = await hub.query<{ indicatorValues: Table }>(VALUES, {
      codes: ['revenue', 'headcount', 'revenue_per_head'],
      from: '2025-Q3',
      grain: 'QUARTER',
      groupBy: 'department',
    });
    expect(statementsBySource(nested)).toEqual({ hr: 3, crm: 1 });
    const byId = new Map(flat.data!.indicatorValues.rows.map((r) => [r.member!.id, r.cells]));
    for (const d of nested.data!.departments)
      expect({ id: d.id, cells: d.indicators }).toEqual({ id: d.id, cells: byId.get(d.id) });
    const hq = nested.data!.departments.find((d) => d.id === 'D0001')!;
    expect(hq.indicators[0]).toEqual({ code: 'revenue', value: null, reason: 'D0001 has no counterpart in crm' });
  });

  test.each([
    ['an unknown indicator', { codes: ['revenu'], from: '2025-01', grain: 'MONTH' }, /Unknown indicator "revenu"/],
    [
      'a dimension the indicator lacks',
      { codes: ['headcount'], from: '2025-01', grain: 'MONTH', groupBy: 'customer' },
      /"headcount" cannot be cut by "customer" \(it can by: department\)/,
    ],
    [
      'an unknown attribute',
      { codes: ['revenue'], from: '2025-01', grain: 'MONTH', groupBy: 'department.colour' },
      /Unknown attribute "colour" of department/,
    ],
    [
      'rollup without departments',
      { codes: ['revenue'], from: '2025-01', grain: 'MONTH', rollup: true },
      /rollup needs groupBy: department/,
    ],
    [
      'too many periods',
      { codes: ['revenue'], from: '2020-01-01', to: '2025-12-31', grain: 'DAY' },
      /At most 400 periods/,
    ],
    [
      'a range backwards',
      { codes: ['revenue'], from: '2025-06', to: '2025-01', grain: 'MONTH' },
      /must not be before "from"/,
    ],
  ])('%s is refused with BAD_USER_INPUT before any statement', async (_name, vars, message) => {
    const res = await hub.query(VALUES, vars);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.extensions?.trace?.statements).toBe(0);
  });

  test('decomposition: driver contributions add up to the change', async () => {
    const res = await hub.query<{ decomposition: Node }>(
      `{ decomposition(code: "gross_margin", period: "2025-Q4", comparedTo: "2025-Q3", depth: 2) { ...N drivers { ...N drivers { ...N } } } }
       fragment N on DecompositionNode { code change contribution residual }`,
    );
    expect(res.errors).toBeUndefined();
    const check = (node: Node) => {
      if (!node.drivers?.length) return;
      const sum = node.drivers.reduce((s, d) => s.add(Decimal.of(d.contribution!)), Decimal.ZERO);
      expect(Math.abs(Number(sum.sub(Decimal.of(node.change!)).toString()))).toBeLessThanOrEqual(
        0.02 * node.drivers.length,
      );
      expect(node.residual).toMatch(/^-?0\.00$/);
      node.drivers.forEach(check);
    };
    check(res.data!.decomposition);
    expect(res.data!.decomposition.drivers!.map((d) => d.code)).toEqual(['gross_profit', 'invoiced_revenue']);
  });

  test('alerts fire exactly where the values cross the bands, and name whom to notify', async () => {
    const alerts = await hub.query<{
      alerts: Array<{
        indicator: { code: string };
        department: { id: string };
        severity: string;
        metric: string;
        notify: string[];
      }>;
    }>(`{ alerts(period: "2025-Q4") { indicator { code } department { id } severity metric notify } }`);
    expect(alerts.errors).toBeUndefined();
    const values = await hub.query<{ indicatorValues: Table }>(VALUES, {
      codes: ['budget_execution_rate', 'revenue'],
      from: '2025-Q4',
      grain: 'QUARTER',
      groupBy: 'department',
    });
    const budgetAlerts = alerts.data!.alerts.filter((a) => a.indicator.code === 'budget_execution_rate');
    const expected = values
      .data!.indicatorValues.rows.map((r) => ({ id: r.member!.id, v: r.cells[0]!.value }))
      .filter((r) => r.v !== null && Number(r.v) > 90)
      .map((r) => ({ id: r.id, severity: Number(r.v) > 100 ? 'CRITICAL' : 'WARNING' }));
    expect(
      budgetAlerts.map((a) => ({ id: a.department.id, severity: a.severity })).sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    // Revenue behind target (24,000,000 per sales team per quarter in targets/revenue-2025.yaml).
    const behind = values.data!.indicatorValues.rows.filter(
      (r) => r.cells[1]!.value !== null && Number(r.cells[1]!.value) < 0.9 * 24_000_000,
    );
    const targetAlerts = alerts.data!.alerts.filter((a) => a.indicator.code === 'revenue' && Number(a.metric) < 90);
    expect(targetAlerts.map((a) => a.department.id).sort()).toEqual(behind.map((r) => r.member!.id).sort());
    for (const a of alerts.data!.alerts) expect(a.notify[0]).toMatch(/\(owner of /);
  });

  test('alerts(units:) and Alert.unit answer as their deprecated names departments: and Alert.department', async () => {
    const units = ['D0003', 'D0004', 'D0022'];
    const res = await hub.query<{
      now: Array<{ indicator: { code: string }; unit: { id: string }; notify: string[] }>;
      before: Array<{ indicator: { code: string }; department: { id: string }; notify: string[] }>;
    }>(
      `query A($units: [ID!]) { now: alerts(period: "2025-Q4", units: $units) { indicator { code } unit { id } notify }
         before: alerts(period: "2025-Q4", departments: $units) { indicator { code } department { id } notify } }`,
      { units },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.now.length).toBeGreaterThan(0);
    expect(res.data!.now.every((a) => units.includes(a.unit.id))).toBe(true);
    expect(res.data!.now).toEqual(res.data!.before.map(({ department, ...a }) => ({ ...a, unit: department })));
    // The owning person is named as HR names them: the demo company's data, not the hub, says who that is.
    const people = new Map(generateCompany(1).employees.map((e) => [e.id, e.name]));
    const dictionary = await hub.query<{ indicators: Array<{ code: string; owner: { person: string } }> }>(
      '{ indicators { code owner { person } } }',
    );
    const owners = new Map(dictionary.data!.indicators.map((i) => [i.code, i.owner.person]));
    for (const a of res.data!.now)
      expect(a.notify[0]).toBe(`${people.get(owners.get(a.indicator.code)!)} (owner of ${a.indicator.code})`);
  });

  test('decomposition(unit:) is decomposition(department:); both at once is BAD_USER_INPUT', async () => {
    const q = (arg: string) =>
      `{ decomposition(code: "revenue", period: "2025-Q4", comparedTo: "2025-Q3", ${arg}) { code value change drivers { code contribution } } }`;
    const now = await hub.query<{ decomposition: Node }>(q('unit: "D0003"'));
    const before = await hub.query<{ decomposition: Node }>(q('department: "D0003"'));
    const company = await hub.query<{ decomposition: Node }>(q('depth: 1'));
    expect(now.errors).toBeUndefined();
    expect(now.data).toEqual(before.data);
    expect(now.data!.decomposition).not.toEqual(company.data!.decomposition);
    const both = await hub.query(q('unit: "D0003", department: "D0003"'));
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.message).toBe('Give unit or department (its deprecated name), not both.');
  });
});

interface Node {
  code: string;
  change: string | null;
  contribution: string | null;
  residual: string | null;
  drivers?: Node[];
}

describe('indicator result cache', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(MIXED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test('a repeated request reuses every aggregate: no statement, marked cached, same as-of', async () => {
    const vars = { codes: DASHBOARD_CODES, from: '2025-01', to: '2025-12', grain: 'MONTH' };
    const cold = await hub.query<{ indicatorValues: Table }>(VALUES, vars);
    const warm = await hub.query<{ indicatorValues: Table }>(VALUES, vars);
    expect(cold.extensions!.trace!.statements).toBeGreaterThan(0);
    expect(warm.extensions!.trace!.statements).toBe(0);
    expect(warm.data!.indicatorValues.rows).toEqual(cold.data!.indicatorValues.rows);
    expect(warm.data!.indicatorValues.statements.every((s) => s.cached)).toBe(true);
    expect(warm.data!.indicatorValues.statements.map((s) => s.asOf)).toEqual(
      cold.data!.indicatorValues.statements.map((s) => s.asOf),
    );
  });

  test('another shape of request (other grouping) is not served from the cache', async () => {
    const res = await hub.query<{ indicatorValues: Table }>(VALUES, {
      codes: ['revenue'],
      from: '2025-01',
      to: '2025-12',
      grain: 'MONTH',
      groupBy: 'product',
    });
    expect(res.data!.indicatorValues.statements.every((s) => !s.cached)).toBe(true);
  });
});
