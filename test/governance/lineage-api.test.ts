import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport } from '../../src/cli/indicators-export';
import { runImport } from '../../src/cli/indicators-import';
import { sha256 } from '../../src/server/trusted-documents';
import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';

/**
 * Lineage, reverse lineage and the impact report through the API. The hub runs in trusted-documents mode,
 * so every query below is registered — and the registered dashboards are what the impact report reads.
 */
const ANALYST = 'EMP-000271'; // finance_analyst: proposes finance changes
const MANAGER = 'EMP-000267'; // finance_manager: approves finance changes
const SALES_REP = 'EMP-000010'; // neither: the change does not exist for them
const EMPLOYEE = 'EMP-000100'; // plain employee: no Query fields but a few
const CEO = 'EMP-000001';

const LINEAGE = `query Lineage($code: String!) { indicator(code: $code) {
  lineage { upstream { code inputs } columns { source table column roles readBy } tables { source table facts } sources }
  dependents { code path via indicator { owner { person } } } } }`;
const COLUMN =
  'query Column($s: String!, $t: String!, $c: String) { columnImpact(source: $s, table: $t, column: $c) { code } }';
const PROPOSE = `mutation Propose($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id state
  impact { code kind dependents { code path via } owners { owner { person } codes } flags { kind message }
           operations { hash names verdict codes breaks note } dashboards { id owner codes } } } }`;
const CHANGE = 'query Change($id: ID!) { indicatorChange(id: $id) { id impact { code } } }';
const SUBSCRIBE = 'mutation Subscribe { registerNoticeSubscription(codes: ["gross_margin", "cash_received"]) { id } }';
const CHANGES =
  'query Changes($code: String!) { indicatorChanges(code: $code) { id kind state author baseVersion reason } }';
/** Registered dashboards that never run here: one names gross_margin, one passes its codes as variables. */
const MARGIN_DASHBOARD =
  'query Margins { indicatorValues(codes: ["gross_margin"], from: "2025", grain: QUARTER, groupBy: "department") { rows { period } } }';
const BOARD =
  'query Board($codes: [String!]!) { indicatorValues(codes: $codes, from: "2025", grain: MONTH) { rows { period } } }';

describe('lineage and impact API', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-trusted-'));
    const file = join(dir, 'trusted.json');
    writeFileSync(
      file,
      JSON.stringify(
        Object.fromEntries(
          [LINEAGE, COLUMN, PROPOSE, CHANGE, CHANGES, SUBSCRIBE, MARGIN_DASHBOARD, BOARD].map((q) => [sha256(q), q]),
        ),
      ),
    );
    hub = await startTestHub(ALL_EMBEDDED, { security: { trustedDocumentsFile: file } });
  });
  afterAll(async () => {
    await hub?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const ok = <T>(res: GraphQLResponse<T>): T => {
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  type Column = { source: string; table: string; column: string; roles: string[]; readBy: string[] };
  type LineageData = {
    indicator: {
      lineage: {
        upstream: Array<{ code: string; inputs: string[] }>;
        columns: Column[];
        tables: Array<{ source: string; table: string; facts: string[] }>;
        sources: string[];
      };
      dependents: Array<{ code: string; path: string[]; via: string; indicator: { owner: { person: string } } }>;
    };
  };

  test('revenue per head: CRM and HR columns with their roles, the upstream edges, the tables', async () => {
    const { lineage } = ok(await hub.query<LineageData>(LINEAGE, { code: 'revenue_per_head' })).indicator;
    expect(lineage.sources).toEqual(['crm', 'hr']);
    expect(lineage.upstream[0]).toEqual({ code: 'revenue_per_head', inputs: ['revenue', 'headcount'] });
    expect(lineage.columns).toContainEqual({
      source: 'crm',
      table: 'sales_order',
      column: 'amount',
      roles: ['MEASURE'],
      readBy: ['revenue'],
    });
    expect(lineage.columns).toContainEqual({
      source: 'hr',
      table: 'employee',
      column: 'hire_date',
      roles: ['TIME'],
      readBy: ['hires'],
    });
    expect(lineage.columns).toContainEqual({
      source: 'hr',
      table: 'employee',
      column: 'org_id',
      roles: ['DIMENSION', 'FILTER'],
      readBy: ['departures', 'hires'],
    });
    expect(lineage.tables).toEqual([
      { source: 'crm', table: 'sales_order', facts: ['orders'] },
      { source: 'hr', table: 'employee', facts: ['departures', 'hires'] },
    ]);
  });

  test('dependents of revenue, with paths and their owners', async () => {
    const { dependents } = ok(await hub.query<LineageData>(LINEAGE, { code: 'revenue' })).indicator;
    expect(dependents.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        'revenue_per_head',
        'revenue_yoy',
        'revenue_ytd',
        'labor_cost_ratio',
        'procurement_to_revenue',
      ]),
    );
    expect(dependents.find((d) => d.code === 'revenue_yoy')).toEqual({
      code: 'revenue_yoy',
      path: ['revenue', 'revenue_yoy'],
      via: 'INPUT',
      indicator: { owner: { person: 'EMP-000267' } },
    });
  });

  test('column impact: who reads a column, a whole table; unknown names are refused with what is mapped', async () => {
    const amount = ok(
      await hub.query<{ columnImpact: Array<{ code: string }> }>(COLUMN, { s: 'crm', t: 'sales_order', c: 'amount' }),
    ).columnImpact.map((i) => i.code);
    expect(amount).toEqual(expect.arrayContaining(['revenue', 'revenue_per_head', 'labor_cost_ratio', 'revenue_yoy']));
    expect(amount).not.toContain('invoiced_revenue');
    const payroll = ok(
      await hub.query<{ columnImpact: Array<{ code: string }> }>(COLUMN, { s: 'hr', t: 'payroll' }),
    ).columnImpact.map((i) => i.code);
    expect(payroll).toEqual(expect.arrayContaining(['payroll_cost', 'labor_cost_ratio']));

    const typo = await hub.query(COLUMN, { s: 'erp', t: 'invoice', c: 'amnt' });
    expect(typo.data).toEqual({ columnImpact: null });
    expect(typo.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(typo.errors![0]!.message).toBe(
      'Column "amnt" of erp.invoice is not mapped (mapped columns: amount, cc_code, cogs_amount, cust_no, inv_date)',
    );

    const employee = await hub.query(COLUMN, { s: 'crm', t: 'sales_order' }, EMPLOYEE);
    expect(employee.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  test('a proposal to archive invoiced_revenue shows its impact to the reviewer, and to nobody else', async () => {
    type Impact = {
      code: string;
      kind: string;
      dependents: Array<{ code: string; path: string[]; via: string }>;
      owners: Array<{ owner: { person: string }; codes: string[] }>;
      flags: Array<{ kind: string; message: string }>;
      operations: Array<{
        hash: string;
        names: string[];
        verdict: string;
        codes: string[];
        breaks: boolean;
        note: string;
      }>;
      dashboards: null | Array<{ id: string; owner: string; codes: string[] }>;
    };
    // A dashboard registers interest in gross_margin (and in an indicator the change does not touch).
    const subscription = ok(
      await hub.query<{ registerNoticeSubscription: { id: string } }>(SUBSCRIBE, {}, CEO),
    ).registerNoticeSubscription;
    const proposed = ok(
      await hub.query<{ proposeIndicatorChange: { id: string; state: string; impact: Impact } }>(
        PROPOSE,
        {
          i: {
            code: 'invoiced_revenue',
            kind: 'ARCHIVE',
            reason: 'ERP invoices move to the new billing system',
            submit: true,
          },
        },
        ANALYST,
      ),
    ).proposeIndicatorChange;
    expect(proposed.state).toBe('IN_REVIEW');
    const impact = proposed.impact;
    expect(impact.code).toBe('invoiced_revenue');
    expect(impact.kind).toBe('ARCHIVE');
    expect(impact.dependents).toContainEqual({
      code: 'gross_margin',
      path: ['invoiced_revenue', 'gross_margin'],
      via: 'INPUT',
    });
    expect(impact.dependents).toContainEqual({
      code: 'gross_profit_per_head',
      path: ['invoiced_revenue', 'gross_profit', 'gross_profit_per_head'],
      via: 'INPUT',
    });
    expect(impact.owners.flatMap((o) => o.codes)).toContain('gross_margin');
    expect(impact.flags.map((f) => f.kind)).toEqual(['ARCHIVED_WITHOUT_SUCCESSOR']);
    // The registered Lineage query takes its code as a variable too: it cannot be read statically either.
    const cannotTell = [
      [BOARD, 'Board'],
      [LINEAGE, 'Lineage'],
    ].map(([text, name]) => ({
      hash: sha256(text!),
      names: [name],
      verdict: 'CANNOT_TELL',
      codes: [],
      breaks: false,
      note: 'uses variables for indicator codes: cannot tell',
    }));
    expect(impact.operations).toEqual([
      {
        hash: sha256(MARGIN_DASHBOARD),
        names: ['Margins'],
        verdict: 'USES',
        codes: ['gross_margin'],
        breaks: false,
        note: 'uses gross_margin',
      },
      ...cannotTell.sort((a, b) => a.hash.localeCompare(b.hash)),
    ]);
    expect(impact.dashboards).toEqual([{ id: subscription.id, owner: CEO, codes: ['gross_margin'] }]);

    const asManager = await hub.query<{ indicatorChange: { id: string; impact: { code: string } | null } }>(
      CHANGE,
      { id: proposed.id },
      MANAGER,
    );
    expect(ok(asManager).indicatorChange).toEqual({ id: proposed.id, impact: { code: 'invoiced_revenue' } });
    const asRep = await hub.query<{ indicatorChange: unknown }>(CHANGE, { id: proposed.id }, SALES_REP);
    expect(asRep.data?.indicatorChange ?? null).toBeNull();
  });

  test('export writes the published dictionary; import of the edited export proposes only what changed', async () => {
    const out = join(dir, 'export');
    const lines: string[] = [];
    expect(runExport(hub.runtime, out, (l) => lines.push(l))).toBe(0);
    const published = hub.runtime.governance
      .published()
      .all()
      .filter((i) => i.status !== 'archived');
    expect(lines[0]).toMatch(new RegExp(`^exported ${published.length} published indicators to `));
    // Paths are shown as typed from where the user stands (npm's INIT_CWD for the CLI).
    const fromDir: string[] = [];
    runExport(hub.runtime, out, (l) => fromDir.push(l), dir);
    expect(fromDir[0]).toBe(`exported ${published.length} published indicators to export`);
    expect(readdirSync(out).sort()).toEqual(['finance', 'hr', 'procurement', 'sales']);

    const marginFile = join(out, 'finance', 'gross_margin.yaml');
    writeFileSync(marginFile, readFileSync(marginFile, 'utf8').replace('scale: 100', 'scale: 1000'));
    writeFileSync(
      join(out, 'sales', 'revenue_per_order.yaml'),
      readFileSync(join(out, 'sales', 'average_deal_size.yaml'), 'utf8').replace(
        'code: average_deal_size',
        'code: revenue_per_order',
      ),
    );

    // Someone who may not edit finance definitions: refused before anything is written.
    const options = { dir: out, reason: 'Align with the group reporting manual', submit: true, dryRun: false };
    await expect(runImport(hub.runtime, { ...options, as: SALES_REP }, () => undefined)).rejects.toThrow(
      /may not propose changes to finance, sales definitions: .*gross_margin\.yaml.*Nothing was written\.$/,
    );

    const printed: string[] = [];
    expect(await runImport(hub.runtime, { ...options, as: ANALYST }, (l) => printed.push(l))).toBe(0);
    expect(printed[0]).toMatch(/^update {2}gross_margin {2}against v1: scale/);
    expect(printed[0]!.endsWith(`(${marginFile})`)).toBe(true);
    expect(printed[1]).toMatch(/^create {2}revenue_per_order/);
    expect(printed.at(-1)).toBe(`2 proposed, ${published.length - 1} skipped`);
    const changes = ok(
      await hub.query<{
        indicatorChanges: Array<{
          kind: string;
          state: string;
          author: string;
          baseVersion: number | null;
          reason: string;
        }>;
      }>(CHANGES, { code: 'gross_margin' }, MANAGER),
    );
    expect(changes.indicatorChanges).toEqual([
      {
        id: expect.any(String),
        kind: 'UPDATE',
        state: 'IN_REVIEW',
        author: ANALYST,
        baseVersion: 1,
        reason: options.reason,
      },
    ]);

    // The run is one audit record naming who proposed what.
    const page = await hub.runtime.audit.query({ principal: ANALYST }, { first: 5 });
    const record = page.records.find((r) => r.operationName === 'indicators:import')!;
    expect(record.events!.map((e) => `${e.kind} ${e.code}`).sort()).toEqual([
      'proposed gross_margin',
      'proposed revenue_per_order',
    ]);

    // Importing the same directory again: both codes now have open changes; the published state is unchanged, so the plan is the same.
    const dry: string[] = [];
    expect(await runImport(hub.runtime, { ...options, as: ANALYST, dryRun: true, cwd: dir }, (l) => dry.push(l))).toBe(
      0,
    );
    expect(dry[0]).toMatch(/^update {2}gross_margin {2}against v1: scale {2}\(export\/finance\/gross_margin\.yaml\)$/);
    expect(dry.at(-1)).toBe(`2 to propose, ${published.length - 1} skipped (dry run: nothing written)`);
  });
});
