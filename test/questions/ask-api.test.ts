import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Decimal, toMoney } from '../../src/values/decimal';
import { DirectSql, hubId } from '../support/direct-sql';
import { ALL_POSTGRES } from '../support/engines';
import { DEMO_SERVICE_KEY, startTestHub, type As, type TestHub } from '../support/hub-client';

/**
 * `ask` over real HTTP on the demo company: its values equal indicatorValues for the same interpretation
 * for three roles (executive, the East sales manager, a sales rep), the executive's also equal SQL on the
 * CRM's native tables; an indicator a role may not see is the ordinary FORBIDDEN; bad input is a coded
 * refusal with no statement; the question's text is in the audit record.
 */
let hub: TestHub;
let direct: DirectSql;

const TODAY = '2025-11-15';
const EXECUTIVE = 'EMP-000001';
const EAST_MANAGER = 'EMP-000009';
const SALES_REP = 'EMP-000010';
const AUDITOR = 'EMP-000312';
const ROLES: Array<[string, As]> = [
  ['executive', EXECUTIVE],
  ['sales_manager_east', EAST_MANAGER],
  ['sales_rep', SALES_REP],
];

beforeAll(async () => {
  hub = await startTestHub(ALL_POSTGRES);
  direct = new DirectSql(ALL_POSTGRES);
}, 120_000);
afterAll(async () => {
  await direct?.close();
  await hub?.dispose();
});

const TABLE = `periods { label } rows { period members { id } cells { code value reason } }`;
const ASK = `query($q: String!, $today: String) {
  ask(question: $q, today: $today) {
    status answer reason refusalCode
    interpretation { indicators grain by period { from to } filters { dimension ids } ranking { indicator n direction dimension per } }
    request { codes from to grain by filters { dimension ids } top { indicator n direction per } }
    candidates { kind value label score }
    values { ${TABLE} }
  }
}`;
const VALUES = `query($codes: [String!]!, $from: String!, $to: String, $grain: Grain!, $by: [IndicatorDimension!], $filters: [DimensionFilter!], $top: TopMembers) {
  indicatorValues(codes: $codes, from: $from, to: $to, grain: $grain, by: $by, filters: $filters, top: $top) { ${TABLE} }
}`;

interface Table {
  periods: Array<{ label: string }>;
  rows: Array<{
    period: string;
    members: Array<{ id: string }>;
    cells: Array<{ code: string; value: string | null; reason: string | null }>;
  }>;
}
interface Ask {
  status: string;
  answer: string | null;
  reason: string | null;
  refusalCode: string | null;
  interpretation: Record<string, unknown> | null;
  request: {
    codes: string[];
    from: string;
    to: string;
    grain: string;
    by: string[];
    filters: Array<{ dimension: string; ids: string[] }>;
    top: { indicator: string; n: number; direction: string; per: string | null } | null;
  } | null;
  candidates: Array<{ kind: string; value: string; label: string; score: number }>;
  values: Table | null;
}

const ask = (q: string, as: As = EXECUTIVE) => hub.query<{ ask: Ask }>(ASK, { q, today: TODAY }, as);

async function sameAsIndicatorValues(question: string, as: As) {
  const res = await ask(question, as);
  expect(res.errors).toBeUndefined();
  const a = res.data!.ask;
  expect(a.status).toBe('ANSWERED');
  const r = a.request!;
  const top = r.top
    ? { indicator: r.top.indicator, n: r.top.n, direction: r.top.direction, ...(r.top.per ? { per: r.top.per } : {}) }
    : undefined;
  const again = await hub.query<{ indicatorValues: Table }>(
    VALUES,
    { codes: r.codes, from: r.from, to: r.to, grain: r.grain, by: r.by, filters: r.filters, ...(top ? { top } : {}) },
    as,
  );
  expect(again.errors).toBeUndefined();
  expect(a.values).toEqual(again.data!.indicatorValues);
  return a;
}

describe('ask computes through indicatorValues', () => {
  const QUESTIONS = [
    '一季度销售收入是多少?',
    'top 5 customers by revenue last year',
    '按部门按月的营业收入 上个月',
    'which departments are over budget',
    'Key Accounts上季度订单数',
    // Top per group: the engine's top.per, ranked within each region.
    '今年每个区域营业收入最高的三个产品',
    'the top product in each region by revenue this year',
  ];
  for (const [role, as] of ROLES) {
    for (const q of QUESTIONS) {
      it(`${role}: "${q}" equals indicatorValues for its interpretation`, async () => {
        const a = await sameAsIndicatorValues(q, as);
        expect(a.answer).toBeTruthy();
        // Top per group reaches the engine as top.per, one of `by`.
        if (/每个|each/.test(q)) expect(a.request!.by).toContain(a.request!.top!.per);
      });
    }
  }

  it("the executive's 一季度销售收入 is the SUM of the CRM's Q1 orders", async () => {
    const a = (await ask('一季度销售收入是多少?')).data!.ask;
    expect(a.request).toMatchObject({ codes: ['revenue'], from: '2025-Q1', to: '2025-Q1', grain: 'QUARTER' });
    const [row] = await direct.rows(
      'crm',
      "select sum(amount) as v from {s}.sales_order where order_date >= '2025-01-01' and order_date < '2025-04-01'",
    );
    expect(a.values!.rows[0]!.cells[0]!.value).toBe(toMoney(String(row!.v)));
    expect(a.answer).toContain(a.values!.rows[0]!.cells[0]!.value);
  });

  it("the executive's top 5 customers by revenue last year are SQL's top 5", async () => {
    const a = (await ask('top 5 customers by revenue last year')).data!.ask;
    const rows = await direct.rows(
      'crm',
      "select account_id as k, sum(amount) as v from {s}.sales_order where order_date >= '2024-01-01' and order_date < '2025-01-01' group by account_id",
    );
    const expected = rows
      .map((r) => ({ id: hubId('Customer', 'crm', String(r.k)), v: Decimal.of(String(r.v)) }))
      .sort((x, y) => y.v.compare(x.v) || (x.id < y.id ? -1 : 1))
      .slice(0, 5);
    expect(a.values!.rows.map((r) => r.members[0]!.id)).toEqual(expected.map((e) => e.id));
    expect(a.values!.rows.map((r) => r.cells[0]!.value)).toEqual(expected.map((e) => e.v.toFixed(2)));
  });
});

describe('a comparison the dictionary has no indicator for', () => {
  it('computes the same request over the year-ago period, through indicatorValues', async () => {
    const q = `query($q: String!, $today: String) { ask(question: $q, today: $today) {
      status answer interpretation { comparison { kind indicators from to } filters { path name } }
      request { codes from to grain by filters { dimension ids } }
      values { ${TABLE} } compared { ${TABLE} } } }`;
    const res = await hub.query<{
      ask: Ask & { compared: Table; interpretation: { comparison: Record<string, unknown> } };
    }>(q, { q: '今年以来EAST区域毛利率同比怎么样?', today: TODAY });
    expect(res.errors).toBeUndefined();
    const a = res.data!.ask;
    expect(a.status).toBe('ANSWERED');
    expect(a.interpretation!.comparison).toEqual({ kind: 'year_ago', indicators: [], from: '2024-01', to: '2024-11' });
    const r = a.request!;
    const again = await hub.query<{ indicatorValues: Table }>(VALUES, {
      codes: r.codes,
      from: '2024-01',
      to: '2024-11',
      grain: r.grain,
      by: r.by,
      filters: r.filters,
    });
    expect(a.compared).toEqual(again.data!.indicatorValues);
    const now = Number(a.values!.rows[0]!.cells[0]!.value);
    const before = Number(a.compared.rows[0]!.cells[0]!.value);
    const growth = (((now - before) / Math.abs(before)) * 100).toFixed(1);
    expect(a.answer).toContain(`同比${Number(growth) >= 0 ? '+' : ''}${growth}%`);
  });
});

describe('permissions', () => {
  it('an indicator the role may not see: REFUSED, with the ordinary "not permitted" cells of indicatorValues', async () => {
    const res = await ask('去年人工成本是多少', SALES_REP);
    expect(res.errors).toBeUndefined();
    const a = res.data!.ask;
    expect(a.status).toBe('REFUSED');
    expect(a.refusalCode).toBe('FORBIDDEN');
    expect(a.answer).toBeNull();
    expect(a.interpretation).toMatchObject({ indicators: ['payroll_cost'] });
    const direct = await hub.query<{ indicatorValues: Table }>(
      VALUES,
      { codes: ['payroll_cost'], from: '2024', to: '2024', grain: 'YEAR', by: [], filters: [] },
      SALES_REP,
    );
    expect(a.values).toEqual(direct.data!.indicatorValues);
    const cell = direct.data!.indicatorValues.rows[0]!.cells[0]!;
    expect(cell.value).toBeNull();
    expect(a.reason).toBe(cell.reason);
  });

  it('the executive gets the same question answered', async () => {
    await sameAsIndicatorValues('去年人工成本是多少', EXECUTIVE);
  });
});

describe('bad input', () => {
  const CASES: Array<[string, string]> = [
    ['empty', ''],
    ['blank', '   '],
    ['10,000 characters', '收入'.repeat(5000)],
    ['invisible formatting characters', 'revenue\u200b last month\u202e'],
    ['SQL', "revenue'; drop table sales_order; --"],
    ['SQL select', 'select * from sales_order where 1=1'],
    ['GraphQL', '{ indicatorValues(codes: ["revenue"], from: "2025", grain: YEAR) { rows { period } } }'],
  ];
  for (const [name, q] of CASES) {
    it(`${name}: a coded refusal, never a 500, no statement`, async () => {
      const res = await ask(q);
      expect(res.status).toBe(200);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.raw).not.toMatch(/stack|select .* from|postgres:\/\//i);
      expect(res.extensions?.trace?.statements ?? 0).toBe(0);
    });
  }

  it('control characters in a variable: refused before GraphQL runs (400, coded), no statement', async () => {
    const res = await ask('revenue\u0000 last month\u0007');
    expect(res.status).toBe(400);
    expect(typeof res.errors?.[0]?.extensions?.code).toBe('string');
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
  });

  it('nonsense: NOT_UNDERSTOOD with suggestions, no statement', async () => {
    const res = await ask('purple elephants dancing on the moon');
    expect(res.errors).toBeUndefined();
    expect(res.data!.ask.status).toBe('NOT_UNDERSTOOD');
    expect(res.data!.ask.candidates.length).toBeGreaterThan(0);
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
  });
});

describe('audit', () => {
  it('the question text is in the audit record', async () => {
    const q = '一季度销售收入是多少?';
    expect((await ask(q)).data!.ask.status).toBe('ANSWERED');
    const res = await hub.query<{
      auditLog: { records: Array<{ questions: string[]; indicators: Array<{ code: string }> }> };
    }>('{ auditLog(first: 50) { records { questions indicators { code } } } }', {}, AUDITOR);
    const record = res.data!.auditLog.records.find((r) => r.questions.includes(q));
    expect(record).toBeDefined();
    expect(record!.indicators.map((i) => i.code)).toContain('revenue');
  });
});

describe('npm run ask', () => {
  it('asks the running hub with an API key and prints the interpretation and the table', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        'src/cli/ask.ts',
        '--url',
        hub.url,
        '--api-key',
        DEMO_SERVICE_KEY,
        '--today',
        TODAY,
        'top 5 customers by revenue last year',
      ],
      { cwd: `${__dirname}/../..`, env: { ...process.env, HUB_TOKEN: '', HUB_API_KEY: '' } },
    );
    const a = (await ask('top 5 customers by revenue last year')).data!.ask;
    expect(stdout).toContain('ranking     top 5 customer by revenue');
    expect(stdout).toContain(a.answer!);
    for (const row of a.values!.rows) expect(stdout).toContain(row.cells[0]!.value!);
  }, 60_000);
});
