import { readFileSync } from 'node:fs';
import { ALL_EMBEDDED, ALL_POSTGRES, type Layout } from '../support/engines';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';

/**
 * Indicator governance through the API, with the store on the embedded engine and on PostgreSQL:
 * draft → review → published versions → archived, maker-checker, optimistic concurrency, as-of evaluation,
 * drafts invisible to everyone but their author and the domain's approvers, every step audited.
 */
const ANALYST = 'EMP-000271'; // finance_analyst: edits finance definitions
const MANAGER = 'EMP-000267'; // finance_manager: edits and approves finance
const CEO = 'EMP-000001'; // executive: approves finance, sales, hr, procurement
const SALES_REP = 'EMP-000010'; // neither
const AUDITOR = 'EMP-000312';

const GROSS_PROFIT = readFileSync('models/demo/indicators/finance/gross_profit.yaml', 'utf8');
const withFormula = (formula: string) =>
  GROSS_PROFIT.replace('formula: invoiced_revenue - cogs', `formula: ${formula}`);

interface Change {
  id: string;
  state: string;
  revision: number;
  resultVersion: number | null;
  author: string;
  diff: Array<{ path: string; before: string | null; after: string | null }>;
}
const CHANGE = 'id state revision resultVersion author diff { path before after }';

const cases: Array<[string, Layout, boolean]> = [
  ['embedded store', ALL_EMBEDDED, false],
  ['PostgreSQL store', ALL_POSTGRES, true],
];

describe.each(cases)('indicator lifecycle (%s)', (_label, layout, postgres) => {
  let hub: TestHub;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const isolated = postgres ? await isolatedPostgresStore() : undefined;
    drop = isolated?.drop;
    hub = await startTestHub(layout, isolated?.overrides ?? {});
  });
  afterAll(async () => {
    await hub?.dispose();
    await drop?.();
  });

  const ok = <T>(res: GraphQLResponse<T>): T => {
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

  async function propose(
    as: string,
    input: Record<string, unknown>,
  ): Promise<GraphQLResponse<{ proposeIndicatorChange: Change }>> {
    return hub.query(
      `mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { ${CHANGE} } }`,
      { i: input },
      as,
    );
  }
  async function step(
    as: string,
    name: 'submit' | 'approve' | 'reject' | 'withdraw',
    change: Change,
    comment?: string,
  ) {
    const mutation = `${name}IndicatorChange`;
    const args = comment === undefined ? '' : ', comment: $c';
    const decl = comment === undefined ? '' : ', $c: String!';
    return hub.query<Record<string, Change>>(
      `mutation($id: ID!, $r: Int!${decl}) { ${mutation}(id: $id, expectedRevision: $r${args}) { ${CHANGE} } }`,
      { id: change.id, r: change.revision, ...(comment === undefined ? {} : { c: comment }) },
      as,
    );
  }
  async function grossProfit(args: string, as = CEO) {
    const res = await hub.query<{
      indicatorValues: {
        rows: Array<{ cells: Array<{ code: string; value: string }> }>;
        explain: Array<{ code: string; version: string }>;
        indicators: Array<{ code: string; version: string }>;
      };
    }>(
      `{ indicatorValues(codes: ["gross_profit", "invoiced_revenue", "cogs"], from: "2025-06", grain: MONTH${args}) {
          rows { cells { code value } } explain { code version } indicators { code version } } }`,
      {},
      as,
    );
    const t = ok(res).indicatorValues;
    const cell = (code: string) => Number(t.rows[0]!.cells.find((c) => c.code === code)!.value);
    return {
      gp: cell('gross_profit'),
      revenue: cell('invoiced_revenue'),
      cogs: cell('cogs'),
      version: t.explain[0]!.version,
      listed: t.indicators[0]!.version,
    };
  }
  const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.011);

  let v2: Change;
  let v3: Change;
  const before = { at: '' };

  it('starts from the indicator files as v1 of every indicator, in force since always', async () => {
    const data = ok(
      await hub.query<{
        indicator: {
          version: string;
          versionNumber: number;
          status: string;
          domain: string;
          history: Array<{ version: number; author: string; inForceFrom: string }>;
        };
      }>(
        '{ indicator(code: "gross_profit") { version versionNumber status domain history { version author inForceFrom } } }',
      ),
    );
    expect(data.indicator).toMatchObject({ version: 'v1', versionNumber: 1, status: 'PUBLISHED', domain: 'finance' });
    expect(data.indicator.history).toEqual([
      { version: 1, author: 'system:bootstrap', inForceFrom: '1970-01-01T00:00:00.000Z' },
    ]);
    const v1 = await grossProfit('');
    near(v1.gp, v1.revenue - v1.cogs);
    expect(v1.version).toBe('v1');
    before.at = new Date().toISOString();
  });

  it('a draft is visible and computable only for its author and the approvers, on every path', async () => {
    const draft = ok(
      await propose(ANALYST, {
        code: 'gross_profit',
        kind: 'UPDATE',
        definition: withFormula('invoiced_revenue * 0.97 - cogs'),
        reason: 'Net of the 3% VAT surcharge (finance committee, 2026-11)',
      }),
    ).proposeIndicatorChange;
    expect(draft).toMatchObject({ state: 'DRAFT', revision: 0, author: ANALYST });
    expect(draft.diff).toEqual([
      { path: 'formula', before: '"invoiced_revenue - cogs"', after: '"invoiced_revenue * 0.97 - cogs"' },
    ]);

    // The author computes with it; the answer says which definition computed it.
    const mine = await grossProfit(`, draft: "${draft.id}"`, ANALYST);
    near(mine.gp, mine.revenue * 0.97 - mine.cogs);
    expect(mine.version).toBe(`draft #${draft.id}`);

    // Anyone else: it does not exist — values, explain, the change itself, the list; published numbers unchanged.
    const values = await hub.query(
      `{ indicatorValues(codes: ["gross_profit"], from: "2025-06", grain: MONTH, draft: "${draft.id}") { explain { version } } }`,
      {},
      SALES_REP,
    );
    expect(codeOf(values)).toBe('NOT_FOUND');
    const single = await hub.query(
      `{ indicator(code: "gross_profit", draft: "${draft.id}") { version } }`,
      {},
      SALES_REP,
    );
    expect(codeOf(single)).toBe('NOT_FOUND');
    expect(
      ok(await hub.query<{ indicatorChange: unknown }>(`{ indicatorChange(id: "${draft.id}") { id } }`, {}, SALES_REP))
        .indicatorChange,
    ).toBeNull();
    expect(
      ok(await hub.query<{ indicatorChanges: unknown[] }>('{ indicatorChanges { id } }', {}, SALES_REP))
        .indicatorChanges,
    ).toEqual([]);
    expect((await grossProfit('')).version).toBe('v1');
    // The approvers see it.
    expect(
      ok(
        await hub.query<{ indicatorChange: { id: string } }>(
          `{ indicatorChange(id: "${draft.id}") { id } }`,
          {},
          MANAGER,
        ),
      ).indicatorChange.id,
    ).toBe(draft.id);

    // Maker-checker: nobody decides a draft; the author never approves; a non-approver never does.
    expect(codeOf(await step(MANAGER, 'approve', draft, 'looks right'))).toBe('CONFLICT');
    const submitted = ok(await step(ANALYST, 'submit', draft))['submitIndicatorChange']!;
    expect(submitted).toMatchObject({ state: 'IN_REVIEW', revision: 1 });
    const own = await step(ANALYST, 'approve', submitted, 'self-approval');
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_AN_APPROVER' });
    const stranger = await step(SALES_REP, 'approve', submitted, 'not mine');
    expect(codeOf(stranger)).toBe('NOT_FOUND');

    v2 = ok(await step(MANAGER, 'approve', submitted, 'Agreed in the finance committee'))['approveIndicatorChange']!;
    expect(v2).toMatchObject({ state: 'APPROVED', resultVersion: 2 });
  });

  it('the proposer can never approve their own change, even holding the approver role', async () => {
    const change = ok(
      await propose(MANAGER, {
        code: 'gross_profit',
        kind: 'UPDATE',
        definition: withFormula('invoiced_revenue - cogs * 1.02'),
        reason: 'Include 2% inbound freight in COGS',
        submit: true,
      }),
    ).proposeIndicatorChange;
    const own = await step(MANAGER, 'approve', change, 'mine, approved by me');
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_CHANGE' });
    expect(own.errors?.[0]?.message).toMatch(/another approver of finance must decide it/);
    v3 = ok(await step(CEO, 'approve', change, 'Approved for FY2026'))['approveIndicatorChange']!;
    expect(v3).toMatchObject({ state: 'APPROVED', resultVersion: 3 });
  });

  it('keeps every version immutable with author, approver, reason and a structured diff', async () => {
    const data = ok(
      await hub.query<{
        indicator: {
          version: string;
          history: Array<{
            version: number;
            author: string;
            approvedBy: string;
            reason: string;
            diff: Array<{ path: string; before: string; after: string }>;
            definition: string;
          }>;
        };
      }>(
        '{ indicator(code: "gross_profit") { version history { version author approvedBy reason diff { path before after } definition } } }',
      ),
    );
    expect(data.indicator.version).toBe('v3');
    expect(data.indicator.history.map((h) => [h.version, h.author, h.approvedBy])).toEqual([
      [1, 'system:bootstrap', 'system:bootstrap'],
      [2, ANALYST, MANAGER],
      [3, MANAGER, CEO],
    ]);
    expect(data.indicator.history[2]!.diff).toEqual([
      { path: 'formula', before: '"invoiced_revenue * 0.97 - cogs"', after: '"invoiced_revenue - cogs * 1.02"' },
    ]);
    expect(data.indicator.history[1]!.definition).toContain('formula: invoiced_revenue * 0.97 - cogs');
  });

  it('computes as of a date or instant with the definition then in force, and pins versions, each answer labelled', async () => {
    const history = ok(
      await hub.query<{ indicator: { history: Array<{ version: number; inForceFrom: string }> } }>(
        '{ indicator(code: "gross_profit") { history { version inForceFrom } } }',
      ),
    ).indicator.history;
    const at2 = history[1]!.inForceFrom;
    const a = await grossProfit(', asOf: "2025-12-31"');
    const b = await grossProfit(`, asOf: "${at2}"`);
    const c = await grossProfit('');
    expect([a.version, b.version, c.version]).toEqual(['v1', 'v2', 'v3']);
    expect(c.listed).toBe('v3');
    near(a.gp, a.revenue - a.cogs);
    near(b.gp, b.revenue * 0.97 - b.cogs);
    near(c.gp, c.revenue - c.cogs * 1.02);
    expect(new Set([a.gp, b.gp, c.gp]).size).toBe(3);
    const pinned = await grossProfit(', versions: [{ code: "gross_profit", version: 2 }]');
    expect(pinned).toMatchObject({ version: 'v2', gp: b.gp });
    expect(
      codeOf(
        await hub.query(
          '{ indicatorValues(codes: ["gross_profit"], from: "2025-06", grain: MONTH, versions: [{ code: "gross_profit", version: 9 }]) { warnings } }',
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await hub.query(
          '{ indicatorValues(codes: ["gross_profit"], from: "2025-06", grain: MONTH, asOf: "yesterday") { warnings } }',
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      ok(
        await hub.query<{ indicator: { version: string } }>(
          `{ indicator(code: "gross_profit", asOf: "${before.at}") { version } }`,
        ),
      ).indicator.version,
    ).toBe('v1');
  });

  it('racing approvals of one change: exactly one wins, the rest get CONFLICT naming the current version', async () => {
    const change = ok(
      await propose(ANALYST, {
        code: 'gross_profit',
        kind: 'UPDATE',
        definition: withFormula('invoiced_revenue - cogs'),
        reason: 'Back to the plain definition',
        submit: true,
      }),
    ).proposeIndicatorChange;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => step(i % 2 ? MANAGER : CEO, 'approve', change, `attempt ${i}`)),
    );
    const won = attempts.filter((r) => !r.errors);
    const lost = attempts.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost.map(codeOf)).toEqual(Array(7).fill('CONFLICT'));
    for (const r of lost) expect(r.errors![0]!.message).toMatch(/v4|APPROVED|approved/i);
    const history = ok(
      await hub.query<{ indicator: { history: Array<{ version: number }> } }>(
        '{ indicator(code: "gross_profit") { history { version } } }',
      ),
    ).indicator.history;
    expect(history.map((h) => h.version)).toEqual([1, 2, 3, 4]);
  });

  it('racing approvals of two changes made against the same version: one publishes, the other is told to rebase', async () => {
    const make = (formula: string) =>
      propose(ANALYST, {
        code: 'gross_profit',
        kind: 'UPDATE',
        definition: withFormula(formula),
        reason: `try ${formula}`,
        submit: true,
      });
    const one = ok(await make('invoiced_revenue - cogs * 1.01')).proposeIndicatorChange;
    const two = ok(await make('invoiced_revenue * 0.99 - cogs')).proposeIndicatorChange;
    const [r1, r2] = await Promise.all([step(MANAGER, 'approve', one, 'one'), step(CEO, 'approve', two, 'two')]);
    expect([r1, r2].filter((r) => !r.errors)).toHaveLength(1);
    const loser = [r1, r2].find((r) => r.errors)!;
    expect(loser.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 5 });
    const history = ok(
      await hub.query<{ indicator: { history: Array<{ version: number }> } }>(
        '{ indicator(code: "gross_profit") { history { version } } }',
      ),
    ).indicator.history;
    expect(history.map((h) => h.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('racing edits of a draft: one wins, the other gets CONFLICT; bad definitions are refused with nothing written', async () => {
    const draft = ok(
      await propose(ANALYST, {
        code: 'cogs',
        kind: 'UPDATE',
        definition: readFileSync('models/demo/indicators/finance/cogs.yaml', 'utf8').replace(
          /synonyms: \[/,
          'synonyms: [销货成本, ',
        ),
        reason: 'Another synonym',
      }),
    ).proposeIndicatorChange;
    const edit = (reason: string) =>
      hub.query(
        `mutation { editIndicatorChange(id: "${draft.id}", expectedRevision: 0, reason: "${reason}") { revision } }`,
        {},
        ANALYST,
      );
    const results = await Promise.all([edit('first'), edit('second')]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);

    const count = async () =>
      ok(await hub.query<{ indicatorChanges: unknown[] }>('{ indicatorChanges(limit: 200) { id } }', {}, AUDITOR))
        .indicatorChanges.length;
    const n = await count();
    const bad = [
      await propose(ANALYST, { code: 'gross_profit', kind: 'UPDATE', definition: 'code: [unclosed', reason: 'x' }),
      await propose(ANALYST, {
        code: 'gross_profit',
        kind: 'UPDATE',
        definition: withFormula('invoiced_revenue - no_such_indicator'),
        reason: 'x',
      }),
      await propose(ANALYST, {
        code: 'gross_profit',
        kind: 'UPDATE',
        definition: GROSS_PROFIT.replace('unit: CNY', 'unit: parsecs'),
        reason: 'x',
      }),
      await propose(SALES_REP, { code: 'gross_profit', kind: 'UPDATE', definition: GROSS_PROFIT, reason: 'x' }),
    ];
    expect(bad.map(codeOf)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'FORBIDDEN']);
    expect(bad[1]!.errors![0]!.message).toMatch(/unknown indicator "no_such_indicator"/);
    for (const r of bad) expect(JSON.stringify(r.errors)).not.toMatch(/select |insert |stack|at .*\.ts/i);
    expect(await count()).toBe(n);
  });

  it('a new indicator stays invisible to others until published; archiving warns with the successor', async () => {
    const def = GROSS_PROFIT.replace('code: gross_profit', 'code: gross_profit_net').replace(
      'formula: invoiced_revenue - cogs',
      'formula: invoiced_revenue * 0.97 - cogs',
    );
    const created = ok(
      await propose(ANALYST, {
        code: 'gross_profit_net',
        kind: 'CREATE',
        definition: def,
        reason: 'Net gross profit as its own indicator',
        submit: true,
      }),
    ).proposeIndicatorChange;
    for (const as of [SALES_REP, ANALYST]) {
      expect(
        ok(await hub.query<{ indicators: unknown[] }>('{ indicators(search: "gross_profit_net") { code } }', {}, as))
          .indicators,
      ).toEqual([]);
      expect(
        codeOf(
          await hub.query(
            '{ indicatorValues(codes: ["gross_profit_net"], from: "2025-06", grain: MONTH) { warnings } }',
            {},
            as,
          ),
        ),
      ).toBe('BAD_USER_INPUT');
    }
    const alerts = ok(
      await hub.query<{ alerts: Array<{ indicator: { code: string } }> }>(
        '{ alerts(period: "2025-Q4") { indicator { code } } }',
        {},
        ANALYST,
      ),
    ).alerts;
    expect(alerts.some((a) => a.indicator.code === 'gross_profit_net')).toBe(false);
    ok(await step(MANAGER, 'approve', created, 'Published'));
    expect(
      ok(
        await hub.query<{ indicators: Array<{ code: string; version: string }> }>(
          '{ indicators(search: "gross_profit_net") { code version } }',
          {},
          SALES_REP,
        ),
      ).indicators,
    ).toEqual([{ code: 'gross_profit_net', version: 'v1' }]);

    const archive = ok(
      await propose(ANALYST, {
        code: 'gross_profit_net',
        kind: 'ARCHIVE',
        successor: 'gross_profit',
        reason: 'Folded back into gross_profit',
        submit: true,
      }),
    ).proposeIndicatorChange;
    ok(await step(CEO, 'approve', archive, 'ok'));
    const res = await hub.query<{
      indicatorValues: { warnings: string[]; rows: Array<{ cells: Array<{ value: string }> }> };
    }>(
      '{ indicatorValues(codes: ["gross_profit_net"], from: "2025-06", grain: MONTH) { warnings rows { cells { value } } } }',
      {},
      SALES_REP,
    );
    expect(ok(res).indicatorValues.warnings).toEqual([
      'Indicator gross_profit_net is archived (v1 is its last version); use gross_profit instead.',
    ]);
    expect(res.data!.indicatorValues.rows[0]!.cells[0]!.value).not.toBeNull();
    expect(
      ok(await hub.query<{ indicators: unknown[] }>('{ indicators(search: "gross_profit_net") { code } }')).indicators,
    ).toEqual([]);
  });

  it('writes every lifecycle step into the audit log', async () => {
    const res = ok(
      await hub.query<{
        auditLog: {
          records: Array<{
            principal: string;
            lifecycleEvents: Array<{ kind: string; code: string; version: number | null }>;
          }>;
        };
      }>('{ auditLog(first: 200) { records { principal lifecycleEvents { kind code version } } } }', {}, AUDITOR),
    );
    const events = res.auditLog.records.flatMap((r) =>
      r.lifecycleEvents.map((e) => ({ ...e, principal: r.principal })),
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'drafted', code: 'gross_profit', version: null, principal: ANALYST },
        { kind: 'proposed', code: 'gross_profit', version: null, principal: ANALYST },
        { kind: 'approved', code: 'gross_profit', version: 2, principal: MANAGER },
        { kind: 'approved', code: 'gross_profit', version: 3, principal: CEO },
        { kind: 'archived', code: 'gross_profit_net', version: 1, principal: CEO },
      ]),
    );
    expect(events.filter((e) => e.kind === 'approved' && e.code === 'gross_profit' && e.version === 4)).toHaveLength(1);
    const chain = ok(
      await hub.query<{ verifyAuditChain: { ok: boolean } }>('{ verifyAuditChain { ok } }', {}, AUDITOR),
    );
    expect(chain.verifyAuditChain.ok).toBe(true);
  });
});
