import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { toMoney } from '../../src/values/decimal';
import { DirectSql } from '../support/direct-sql';
import { ALL_POSTGRES, pgSourcesUrl } from '../support/engines';
import { querySql } from '../support/chinook';
import { startTestHub, tokenFor, type TestHub } from '../support/hub-client';
import { launchChromium } from '../support/chromium';
import { ask, centerPages, chartOption, columnAt, screenTable, type CenterPages } from './center-page';

/**
 * The indicator center's ask box and audit screen in headless Chromium against a real hub on PostgreSQL
 * (its own store schema, so the audit trail holds this suite's requests only). The ask box's answers are
 * compared with indicatorValues for the same request through the API and, for one number, with SQL on the
 * CRM; the audit screen with the API's auditLog under the same filters, and refused to every other role.
 */
const CEO = 'EMP-000001'; // executive: every unit, no audit
const FINANCE_MANAGER = 'EMP-000267'; // payroll by department: small groups suppressed
const SALES_REP = 'EMP-000010'; // own department only; payroll (personal data) not permitted
const AUDITOR = 'EMP-000312'; // auditor: Query.auditLog, verifyAuditChain
const STORE = 'center_ask_store';
const PERIOD = 'period=2025-Q4'; // relative periods read as of 2025-12-31

let hub: TestHub;
let browser: Browser;
let pages: CenterPages;
let direct: DirectSql;

beforeAll(async () => {
  browser = await launchChromium();
  pages = centerPages(browser);
  await querySql('postgres', pgSourcesUrl(), `drop schema if exists ${STORE} cascade`);
  hub = await startTestHub(ALL_POSTGRES, { store: { schema: STORE } });
  direct = new DirectSql(ALL_POSTGRES);
}, 900_000);

afterAll(async () => {
  await pages?.close();
  await browser?.close();
  await direct?.close();
  await hub?.dispose();
});

const openAs = async (employee: string, query = PERIOD): Promise<Page> =>
  pages.open(hub.origin, { token: await tokenFor(employee) }, query);

interface Table {
  rows: Array<{
    period: string;
    members: Array<{ id: string; name: string | null }>;
    cells: Array<{ value: string | null; reason: string | null }>;
  }>;
}
const VALUES = `query($codes: [String!]!, $from: String!, $to: String, $grain: Grain!, $by: [IndicatorDimension!]) {
  indicatorValues(codes: $codes, from: $from, to: $to, grain: $grain, by: $by) { rows { period members { id name } cells { value reason } } }
}`;
const values = async (as: string, v: Record<string, unknown>): Promise<Table> => {
  const res = await hub.query<{ indicatorValues: Table }>(VALUES, v, as);
  expect(res.errors).toBeUndefined();
  return res.data!.indicatorValues;
};

describe('the ask box', () => {
  test('"一季度销售收入是多少?" and "what was revenue in Q1 2025?" show indicatorValues\' number, SQL\'s sum of the Q1 orders', async () => {
    const page = await openAs(CEO);
    expect(await ask(page, '一季度销售收入是多少?')).toBe('ANSWERED');
    // What the hub understood, on screen.
    expect(await page.textContent('#ask-interpretation dd[data-part="Indicator"]')).toContain('(revenue)');
    expect(await page.textContent('#ask-interpretation dd[data-part="Period"]')).toContain('2025-Q1');
    expect(await page.textContent('#ask-interpretation dd[data-part="Grain"]')).toBe('QUARTER');
    const shown = await columnAt(page, 'ask-table', 'cells.0.value');
    expect(await columnAt(page, 'ask-table', 'period')).toEqual(['2025-Q1']);

    const api = await values(CEO, { codes: ['revenue'], from: '2025-Q1', to: '2025-Q1', grain: 'QUARTER' });
    expect(shown).toEqual(api.rows.map((r) => r.cells[0]!.value));
    const [sql] = await direct.rows(
      'crm',
      "select sum(amount) as v from {s}.sales_order where order_date >= '2025-01-01' and order_date < '2025-04-01'",
    );
    expect(shown).toEqual([toMoney(String(sql!.v))]);
    expect(await page.textContent('#ask-sentence')).toContain(shown[0]);
    expect(await page.locator('#chart-ask').count()).toBe(0); // one number: no chart

    expect(await ask(page, 'what was revenue in Q1 2025?')).toBe('ANSWERED');
    expect(await columnAt(page, 'ask-table', 'cells.0.value')).toEqual(shown);
    expect(await page.textContent('#ask-sentence')).toMatch(/^Revenue/);
  });

  test("a series is a chart and a table of the API's numbers", async () => {
    const page = await openAs(CEO);
    expect(await ask(page, '今年按月的营业收入')).toBe('ANSWERED');
    const api = await values(CEO, { codes: ['revenue'], from: '2025-01', to: '2025-12', grain: 'MONTH' });
    expect(api.rows.length).toBe(12);
    expect(await columnAt(page, 'ask-table', 'period')).toEqual(api.rows.map((r) => r.period));
    expect(await columnAt(page, 'ask-table', 'cells.0.value')).toEqual(api.rows.map((r) => r.cells[0]!.value));
    const option = await chartOption<{
      xAxis: Array<{ data: string[] }>;
      series: Array<{ data: Array<number | null> }>;
    }>(page, 'ask');
    expect(option.xAxis[0]!.data).toEqual(api.rows.map((r) => r.period));
    expect(option.series[0]!.data).toEqual(api.rows.map((r) => Number(r.cells[0]!.value)));
    // Exported (the executive has `export`): the ask query run again by the API, equal to the screen.
    const screen = await screenTable(page, 'ask-table');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ask-table button.export-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(csv).not.toContain('"');
    expect(
      csv
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(',')),
    ).toEqual([screen.headers, ...screen.rows]);

    // By a dimension: bars over the members, the API's values for the same request.
    expect(await ask(page, '去年各部门营业收入')).toBe('ANSWERED');
    const byDept = await values(CEO, {
      codes: ['revenue'],
      from: '2024',
      to: '2024',
      grain: 'YEAR',
      by: ['department'],
    });
    expect(await columnAt(page, 'ask-table', 'members.0.name')).toEqual(byDept.rows.map((r) => r.members[0]!.name));
    const bars = await chartOption<{ series: Array<{ type: string; data: Array<number | null> }> }>(page, 'ask');
    expect(bars.series[0]!.type).toBe('bar');
    expect(bars.series[0]!.data).toEqual(byDept.rows.map((r) => Number(r.cells[0]!.value)));

    if (process.env.HUB_CENTER_SCREENSHOT === '1') {
      expect(await ask(page, '今年按月的营业收入')).toBe('ANSWERED');
      await chartOption(page, 'ask');
      await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'indicator-center.png') });
    }
  });

  test("under the viewer's policy: row scope, a suppressed value and a refused one show as the API answers them", async () => {
    // The sales rep's Q1 revenue is their own department's, as indicatorValues gives it to them.
    const rep = await openAs(SALES_REP);
    expect(await ask(rep, '一季度销售收入是多少?')).toBe('ANSWERED');
    const repApi = await values(SALES_REP, { codes: ['revenue'], from: '2025-Q1', to: '2025-Q1', grain: 'QUARTER' });
    const ceoApi = await values(CEO, { codes: ['revenue'], from: '2025-Q1', to: '2025-Q1', grain: 'QUARTER' });
    expect(await columnAt(rep, 'ask-table', 'cells.0.value')).toEqual([repApi.rows[0]!.cells[0]!.value]);
    expect(repApi.rows[0]!.cells[0]!.value).not.toBe(ceoApi.rows[0]!.cells[0]!.value);

    // Payroll is personal data the sales rep may not use: REFUSED, the cell empty with the API's reason.
    expect(await ask(rep, '去年人工成本是多少')).toBe('REFUSED');
    expect(await rep.textContent('#ask-refusal')).toMatch(/^FORBIDDEN: not permitted/);
    const denied = await values(SALES_REP, { codes: ['payroll_cost'], from: '2024', to: '2024', grain: 'YEAR' });
    expect(await columnAt(rep, 'ask-table', 'cells.0.value')).toEqual(['']);
    expect(await columnAt(rep, 'ask-table', 'cells.0.reason')).toEqual([denied.rows[0]!.cells[0]!.reason]);
    expect(await rep.locator('#ask-sentence').count()).toBe(0);

    // The finance manager sees payroll by department with the small groups suppressed, cell for cell as
    // indicatorValues gives the same request to them.
    const fm = await openAs(FINANCE_MANAGER);
    expect(await ask(fm, '去年各部门人工成本')).toBe('ANSWERED');
    const api = await values(FINANCE_MANAGER, {
      codes: ['payroll_cost'],
      from: '2024',
      to: '2024',
      grain: 'YEAR',
      by: ['department'],
    });
    const suppressed = api.rows.filter((r) => r.cells[0]!.value === null);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.every((r) => r.cells[0]!.reason!.startsWith('suppressed'))).toBe(true);
    expect(await columnAt(fm, 'ask-table', 'members.0.name')).toEqual(api.rows.map((r) => r.members[0]!.name));
    expect(await columnAt(fm, 'ask-table', 'cells.0.value')).toEqual(api.rows.map((r) => r.cells[0]!.value ?? ''));
    expect(await columnAt(fm, 'ask-table', 'cells.0.reason')).toEqual(api.rows.map((r) => r.cells[0]!.reason ?? ''));
    expect(await fm.locator('#ask-table td.withheld').count()).toBe(suppressed.length);
  });

  test('a question not understood, one needing a choice and one refused as input are said, with their code', async () => {
    const page = await openAs(CEO);
    expect(await ask(page, 'blah blah foo')).toBe('NOT_UNDERSTOOD');
    expect(await page.textContent('#ask-reason')).toContain('no indicator');
    expect(await page.locator('#ask-candidates .candidate').count()).toBeGreaterThan(0);
    expect(await page.locator('#ask-table').count()).toBe(0);

    // 收入 is 营业收入 or 开票收入: choosing asks again with the word replaced — the same number as above.
    expect(await ask(page, '一季度收入是多少')).toBe('NEEDS_CHOICE');
    expect(await page.textContent('#ask-interpretation dd[data-part="Period"]')).toContain('2025-Q1');
    await page.click('#ask-candidates .candidate[data-value="revenue"]');
    await page.waitForFunction(() => document.querySelector('#ask-answer')?.getAttribute('data-status') === 'ANSWERED');
    expect(await page.textContent('.ask-question h2')).toBe('问 一季度营业收入是多少');
    const api = await values(CEO, { codes: ['revenue'], from: '2025-Q1', to: '2025-Q1', grain: 'QUARTER' });
    expect(await columnAt(page, 'ask-table', 'cells.0.value')).toEqual([api.rows[0]!.cells[0]!.value]);

    expect(await ask(page, 'select * from sales_order')).toBe('ERROR');
    expect(await page.textContent('#ask-refusal')).toMatch(/^BAD_USER_INPUT: /);
  });
});

describe('the audit screen', () => {
  const AUDIT = `query($principal: String, $field: String, $outcome: AuditOutcome, $from: String, $to: String) {
    auditLog(principal: $principal, field: $field, outcome: $outcome, from: $from, to: $to, first: 50) { records { seq principal questions outcome } }
  }`;

  test('a role without the audit trail has no audit screen, and the API refuses it the same queries', async () => {
    const page = await openAs(CEO, `${PERIOD}&screen=audit`);
    expect(await page.locator('nav button[data-screen="audit"]').count()).toBe(0);
    expect(await page.getAttribute('main', 'data-ready')).toBe('dictionary'); // the first screen instead
    expect(await page.locator('#audit-chain').count()).toBe(0);
    for (const q of [AUDIT, '{ verifyAuditChain { ok } }']) {
      const res = await hub.query(q, {}, CEO);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('the auditor sees the chain verified, an ask made earlier in the test, the refusals, and the filters work', async () => {
    // Earlier actions: the CEO asks in the page; somebody sends a malformed token.
    const question = 'what was revenue in Q1 2025?';
    const ceo = await openAs(CEO);
    expect(await ask(ceo, question)).toBe('ANSWERED');
    const bad = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ me { principal } }' }),
    });
    expect(bad.status).toBe(401);

    const page = await openAs(AUDITOR, `${PERIOD}&screen=audit`);
    expect(await page.locator('nav button[data-screen="audit"]').count()).toBe(1);
    await page.waitForSelector('#audit-chain-status');
    expect(await page.getAttribute('#audit-chain-status', 'data-ok')).toBe('true');
    const chain = await hub.query<{ verifyAuditChain: { ok: boolean; checked: number } }>(
      '{ verifyAuditChain { ok checked } }',
      {},
      AUDITOR,
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);

    // The refused request, with its kind.
    await page.waitForSelector('#audit-refusals table.data');
    const refusals = await screenTable(page, 'audit-refusals');
    expect(refusals.rows.some((r) => r[2] === 'BAD_TOKEN' && r[8] === 'UNAUTHENTICATED')).toBe(true);

    const filter = async (set: Record<string, string>): Promise<{ headers: string[]; rows: string[][] }> => {
      await page.click('#audit-clear');
      await page.waitForSelector('#audit-records-block[data-loaded]');
      for (const [id, value] of Object.entries(set)) {
        if (id === 'audit-outcome' || id === 'audit-event') await page.selectOption(`#${id}`, value);
        else await page.fill(`#${id}`, value);
      }
      await page.click('#audit-apply');
      await page.waitForSelector('#audit-records-block[data-loaded]');
      return (await page.locator('#audit-records').count())
        ? screenTable(page, 'audit-records')
        : { headers: [], rows: [] };
    };
    const col = (t: { headers: string[]; rows: string[][] }, h: string) => t.rows.map((r) => r[t.headers.indexOf(h)]!);

    // Principal and operation: the CEO's asks, the question among them; the API's records for the same filters.
    const asks = await filter({ 'audit-principal': CEO, 'audit-operation': 'Query.ask' });
    expect(asks.rows.length).toBeGreaterThan(0);
    expect(new Set(col(asks, 'Principal'))).toEqual(new Set([CEO]));
    expect(col(asks, 'Fields').every((f) => f.split(', ').includes('Query.ask'))).toBe(true);
    expect(col(asks, 'Questions')).toContain(question);
    const api = await hub.query<{ auditLog: { records: Array<{ seq: number }> } }>(
      AUDIT,
      { principal: CEO, field: 'Query.ask' },
      AUDITOR,
    );
    expect(col(asks, 'Seq')).toEqual(api.data!.auditLog.records.map((r) => String(r.seq)));
    // "ask" alone is read as Query.ask.
    expect(col(await filter({ 'audit-principal': CEO, 'audit-operation': 'ask' }), 'Seq')).toEqual(col(asks, 'Seq'));

    // Outcome: only refused records, the malformed token's among them.
    const refused = await filter({ 'audit-outcome': 'refused' });
    expect(refused.rows.length).toBeGreaterThan(0);
    expect(new Set(col(refused, 'Outcome'))).toEqual(new Set(['refused']));
    expect(col(refused, 'Errors')).toContain('UNAUTHENTICATED');
    // The other principal's records are not the CEO's.
    const auditor = await filter({ 'audit-principal': AUDITOR });
    expect(new Set(col(auditor, 'Principal'))).toEqual(new Set([AUDITOR]));

    // Date range (UTC days, inclusive): today holds the CEO's asks, tomorrow and yesterday none.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const today = await filter({
      'audit-principal': CEO,
      'audit-operation': 'Query.ask',
      'audit-from': day(0),
      'audit-to': day(0),
    });
    expect(col(today, 'Seq')).toEqual(col(asks, 'Seq'));
    expect((await filter({ 'audit-principal': CEO, 'audit-from': day(1) })).rows).toEqual([]);
    expect((await filter({ 'audit-principal': CEO, 'audit-to': day(-1) })).rows).toEqual([]);

    // A name nobody knows is the API's coded error, not an empty page.
    await filter({ 'audit-principal': 'EMP-999999' });
    expect(await page.textContent('#audit-error')).toMatch(/^BAD_USER_INPUT: Unknown principal/);
  });
});

test('no page of the suite asked anything of a host other than 127.0.0.1', () => {
  expect(pages.requested.length).toBeGreaterThan(20);
  expect(pages.requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
});
