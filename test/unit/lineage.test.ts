import { HubError } from '../../src/errors';
import { impactOf, type RegisteredDocument } from '../../src/governance/impact';
import { LineageGraph, lineageGraph, mappingsOf } from '../../src/governance/lineage';
import { catalogOfDefinitions } from '../../src/indicators/catalog';
import { loadDictionary } from '../../src/indicators/load';
import { DEMO_MODEL, SOURCES } from '../support/demo-model';
import { thrown } from './thrown';

/** Lineage and impact of the starter dictionary, from the definitions and the source mappings alone. */
const dictionary = loadDictionary('models/demo/indicators', catalogOfDefinitions(DEMO_MODEL));
const graph = lineageGraph(dictionary, mappingsOf(DEMO_MODEL));
const [crmMapping, erpMapping, hrMapping, procurementMapping] = [
  SOURCES.crm.mapping,
  SOURCES.erp.mapping,
  SOURCES.hr.mapping,
  SOURCES.procurement.mapping,
];
const columnsOf = (code: string) =>
  graph.lineage(code).columns.map((c) => `${c.source}.${c.table}.${c.column} ${c.roles.join('+')}`);

describe('upstream lineage', () => {
  test('revenue per head reads the CRM order amounts and the HR employment dates, named as the mappings name them', () => {
    const { orders } = crmMapping.facts;
    const { hires, departures } = hrMapping.facts;
    const lineage = graph.lineage('revenue_per_head');
    expect(lineage.sources).toEqual(['crm', 'hr']);
    expect(lineage.upstream).toEqual([
      { code: 'revenue_per_head', inputs: ['revenue', 'headcount'] },
      { code: 'headcount', inputs: ['hires_to_date', 'departures_to_date'] },
      { code: 'hires_to_date', inputs: ['hires'] },
      { code: 'departures_to_date', inputs: ['departures'] },
    ]);
    expect(lineage.upstreamCodes).toEqual([
      'departures',
      'departures_to_date',
      'headcount',
      'hires',
      'hires_to_date',
      'revenue',
    ]);
    // Cut by department only (its declared dimensions): the CRM customer and product columns are not read.
    expect(columnsOf('revenue_per_head')).toEqual([
      `crm.${orders!.table}.${orders!.measures.revenue!.column} measure`,
      `crm.${orders!.table}.${orders!.time!.column} time`,
      `crm.${orders!.table}.${orders!.dimensions.department!.column} dimension+filter`,
      `hr.${hires!.table}.${hires!.time!.column} time`,
      `hr.${departures!.table}.${departures!.time!.column} time`,
      `hr.${hires!.table}.${hires!.dimensions.department!.column} dimension+filter`,
    ]);
    expect(columnsOf('revenue_per_head')[0]).toBe('crm.sales_order.amount measure');
    expect(lineage.tables).toEqual([
      { source: 'crm', table: 'sales_order', facts: ['orders'] },
      { source: 'hr', table: 'employee', facts: ['departures', 'hires'] },
    ]);
    expect(lineage.columns.find((c) => c.column === 'org_id')!.readBy).toEqual(['departures', 'hires']);
  });

  test.each([
    [
      'labor_cost_ratio',
      ['crm', 'hr'],
      `hr.${hrMapping.facts.payroll!.table}.${hrMapping.facts.payroll!.measures.payrollCost!.column} measure`,
    ],
    [
      'procurement_to_revenue',
      ['crm', 'procurement'],
      `procurement.${procurementMapping.facts.purchases!.table}.${procurementMapping.facts.purchases!.measures.procurementSpend!.column} measure`,
    ],
    [
      'gross_profit_per_head',
      ['erp', 'hr'],
      `erp.${erpMapping.facts.invoice!.table}.${erpMapping.facts.invoice!.measures.cogs!.column} measure`,
    ],
  ])('%s reads columns of %j', (code, sources, column) => {
    const lineage = graph.lineage(code);
    expect(lineage.sources).toEqual(sources);
    expect([...new Set(lineage.columns.map((c) => c.source))]).toEqual(sources);
    expect(columnsOf(code)).toContain(column);
  });

  test('every cross-system indicator shows columns from two or more sources', () => {
    const crossSystem = dictionary.all().filter((i) => i.def.tags.includes('cross-system'));
    expect(crossSystem.length).toBeGreaterThanOrEqual(7);
    for (const i of crossSystem)
      expect(new Set(graph.lineage(i.def.code).columns.map((c) => c.source)).size).toBeGreaterThanOrEqual(2);
  });

  test('measure filters and the row-scope column are filters; the time column is time', () => {
    expect(columnsOf('procurement_spend')).toEqual([
      'procurement.purchase_order.cost_center dimension+filter',
      'procurement.purchase_order.po_date time',
      'procurement.purchase_order.status filter',
      'procurement.purchase_order.total_amount measure',
      'procurement.purchase_order.vendor_id dimension',
    ]);
    expect(columnsOf('rnd_expense')).toContain('erp.gl_entry.acct_code dimension+filter');
  });
});

describe('reverse lineage', () => {
  test('the indicators reading crm.sales_order.amount are revenue and everything computed from it', () => {
    const readers = graph.readersOf({ source: 'crm', table: 'sales_order', column: 'amount' });
    const expected = [
      'revenue',
      ...graph
        .dependents('revenue')
        .filter((d) => d.via === 'input')
        .map((d) => d.code),
    ].sort();
    expect(readers.map((r) => r.code)).toEqual(expected);
    expect(readers.map((r) => r.code)).toEqual(
      expect.arrayContaining(['revenue_per_head', 'labor_cost_ratio', 'procurement_to_revenue', 'revenue_yoy']),
    );
    expect(readers.every((r) => r.columns.every((c) => c.roles.includes('measure')))).toBe(true);
  });

  test('a whole table: every indicator reading the HR employee table, headcount among them', () => {
    const readers = graph.readersOf({ source: 'hr', table: 'employee' }).map((r) => r.code);
    expect(readers).toEqual(
      expect.arrayContaining(['headcount', 'hires', 'departures', 'attrition_rate', 'revenue_per_head']),
    );
    expect(readers).not.toContain('payroll_cost');
  });

  test('a dimension column is read only by indicators that may be cut by that dimension', () => {
    const readers = graph.readersOf({ source: 'crm', table: 'sales_order', column: 'product_code' }).map((r) => r.code);
    expect(readers).toContain('revenue_yoy');
    expect(readers).not.toContain('revenue_per_head');
  });

  test.each([
    [{ source: 'billing', table: 'x' }, 'Unknown source "billing" (known: crm, erp, hr, procurement)'],
    [
      { source: 'crm', table: 'orders' },
      'Table "orders" is not mapped by crm (mapped tables: account, contact, contract, payment, sales_order, sales_team)',
    ],
    [
      { source: 'crm', table: 'sales_order', column: 'amout' },
      'Column "amout" of crm.sales_order is not mapped (mapped columns: account_id, amount, order_date, order_no, product_code, quantity, team_code)',
    ],
  ])('an unknown name is refused with what is mapped: %j', (ref, message) => {
    const error = thrown(() => graph.readersOf(ref));
    expect(error).toBeInstanceOf(HubError);
    expect(error.message).toBe(message);
    expect((error as HubError).extensions.code).toBe('BAD_USER_INPUT');
  });

  test('dependents of revenue, transitively, with the shortest path', () => {
    const dependents = graph.dependents('revenue');
    const codes = dependents.map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'revenue_per_head',
        'revenue_yoy',
        'revenue_mom',
        'revenue_ytd',
        'revenue_rolling_3',
        'labor_cost_ratio',
        'procurement_to_revenue',
        'expense_ratio',
      ]),
    );
    expect(dependents.find((d) => d.code === 'revenue_yoy')).toEqual({
      code: 'revenue_yoy',
      path: ['revenue', 'revenue_yoy'],
      via: 'input',
    });
    expect(codes).not.toContain('revenue');
    expect(codes).not.toContain('invoiced_revenue');
  });

  test('a declared driver is a dependent by reference, not an upstream input', () => {
    expect(graph.dependents('order_count')).toContainEqual({
      code: 'revenue',
      path: ['order_count', 'revenue'],
      via: 'driver',
    });
    expect(graph.lineage('revenue').upstreamCodes).toEqual([]);
  });

  test('transitive paths go through the intermediate indicator', () => {
    expect(graph.dependents('hires')).toContainEqual({
      code: 'revenue_per_head',
      path: ['hires', 'hires_to_date', 'headcount', 'revenue_per_head'],
      via: 'input',
    });
  });

  test('the graph of a dictionary is built once', () => {
    expect(lineageGraph(dictionary, mappingsOf(DEMO_MODEL))).toBe(graph);
    expect(new LineageGraph(dictionary, mappingsOf(DEMO_MODEL)).lineage('revenue_per_head')).toEqual(
      graph.lineage('revenue_per_head'),
    );
  });
});

describe('impact of a change', () => {
  const documents: RegisteredDocument[] = [
    {
      hash: 'a-margins',
      text: '{ indicatorValues(codes: ["gross_margin", "revenue"], from: "2025", grain: QUARTER) { rows { period } } }',
    },
    {
      hash: 'b-vars',
      text: 'query Board($codes: [String!]!) { indicatorValues(codes: $codes, from: "2025", grain: MONTH) { rows { period } } }',
    },
    { hash: 'c-people', text: 'query People { departments { name headcount } }' },
    {
      hash: 'd-by-customer',
      text: 'query ByCustomer { indicatorValues(codes: ["revenue_yoy"], from: "2025", grain: YEAR, groupBy: "customer.segment") { rows { period } } }',
    },
    { hash: 'e-alerts', text: 'query Alerts { alerts(period: "2025-Q4") { message } }' },
    // Lists change requests: names the code without reading its values.
    { hash: 'f-changes', text: 'query Changes { indicatorChanges(code: "invoiced_revenue") { id } }' },
  ];

  test('archiving invoiced_revenue lists gross_margin with its path, the owners to tell and the operations that use it', async () => {
    const report = await impactOf({ code: 'invoiced_revenue', kind: 'archive' }, { dictionary, documents });
    expect(report.dependents).toContainEqual({
      code: 'gross_margin',
      path: ['invoiced_revenue', 'gross_margin'],
      via: 'input',
      owner: dictionary.get('gross_margin')!.def.owner,
    });
    expect(report.dependents).toContainEqual(
      expect.objectContaining({
        code: 'gross_profit_per_head',
        path: ['invoiced_revenue', 'gross_profit', 'gross_profit_per_head'],
      }),
    );
    expect(report.dependents.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        'gross_profit',
        'collection_rate',
        'dso',
        'rnd_investment_ratio',
        'invoiced_to_date',
        'receivables_balance',
      ]),
    );
    const owners = report.owners.flatMap((o) => o.codes);
    expect(owners.sort()).toEqual(['invoiced_revenue', ...report.dependents.map((d) => d.code)].sort());
    expect(report.owners).toContainEqual(expect.objectContaining({ unit: 'D0023', person: 'EMP-000270' }));
    expect(report.flags).toEqual([
      { kind: 'archived_without_successor', message: expect.stringContaining('gross_margin') },
    ]);
    expect(report.operations).toEqual([
      // gross_margin has alert rules, so the alerts operation evaluates it.
      {
        hash: 'a-margins',
        names: [],
        verdict: 'uses',
        codes: ['gross_margin'],
        breaks: false,
        note: 'uses gross_margin',
      },
      expect.objectContaining({
        hash: 'e-alerts',
        names: ['Alerts'],
        verdict: 'uses',
        codes: expect.arrayContaining(['gross_margin', 'dso']),
      }),
      {
        hash: 'b-vars',
        names: ['Board'],
        verdict: 'cannot_tell',
        codes: [],
        breaks: false,
        note: 'uses variables for indicator codes: cannot tell',
      },
    ]);
    expect(report.dashboards).toBeNull();
  });

  test('archiving with a successor says so', async () => {
    const report = await impactOf({ code: 'revenue_mom', kind: 'archive', successor: 'revenue_yoy' }, { dictionary });
    expect(report.flags).toEqual([
      { kind: 'archived_with_successor', message: expect.stringContaining('successor revenue_yoy') },
    ]);
    expect(report.dependents).toEqual([]);
  });

  test('an update that changes the unit, the inputs and drops dimensions flags each, and the dashboards that break', async () => {
    const before = dictionary.get('revenue')!.def;
    if (before.type !== 'simple') throw new Error('revenue is simple');
    const definition = {
      ...before,
      unit: 'count' as const,
      measure: { ...before.measure, measure: 'orderCount' },
      dimensions: ['department'],
    };
    const interest = jest.fn(async (codes: string[]) => [
      { id: 'dash-1', owner: 'EMP-000009', codes: codes.filter((c) => c === 'revenue_yoy') },
    ]);
    const report = await impactOf(
      { code: 'revenue', kind: 'update', definition },
      { dictionary, documents, registeredInterest: interest },
    );
    expect(report.flags.map((f) => f.kind)).toEqual(['unit_changed', 'computation_changed', 'dimensions_removed']);
    expect(report.flags[2]!.message).toContain('Dimensions removed: customer, product');
    expect(report.flags[2]!.message).toContain('revenue_yoy (customer, product)');
    expect(report.operations.find((o) => o.hash === 'd-by-customer')).toMatchObject({
      verdict: 'uses',
      breaks: true,
      codes: ['revenue_yoy'],
    });
    expect(report.operations.find((o) => o.hash === 'a-margins')).toMatchObject({
      verdict: 'uses',
      breaks: false,
      codes: ['revenue'],
    });
    expect(interest).toHaveBeenCalledWith(['revenue', ...graph.dependents('revenue').map((d) => d.code)]);
    expect(report.dashboards).toEqual([{ id: 'dash-1', owner: 'EMP-000009', codes: ['revenue_yoy'] }]);
  });

  test('changing a ratio into another ratio flags the inputs; a create has no dependents', async () => {
    const before = dictionary.get('revenue_per_head')!.def;
    const update = await impactOf(
      {
        code: 'revenue_per_head',
        kind: 'update',
        definition: { ...before, denominator: 'payroll_cost' } as typeof before,
      },
      { dictionary },
    );
    expect(update.flags.map((f) => [f.kind, f.message])).toEqual([
      ['inputs_changed', 'Inputs revenue, headcount → revenue, payroll_cost.'],
      ['computation_changed', 'Computation "revenue / headcount" → "revenue / payroll_cost": values change.'],
    ]);
    const create = await impactOf(
      { code: 'new_one', kind: 'create', definition: { ...before, code: 'new_one' } },
      { dictionary, documents },
    );
    expect(create.dependents).toEqual([]);
    expect(create.flags.map((f) => f.kind)).toEqual(['created']);
    expect(create.operations).toEqual([expect.objectContaining({ hash: 'b-vars', verdict: 'cannot_tell' })]);
  });
});
