import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SPLIT, splitChinook } from '../support/chinook';
import { CHINOOK_KEYS, startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { launchChromium } from '../support/chromium';
import { demoToken } from '../../src/cli/demo-tokens';
import { resolveJwtSecret } from '../../src/auth/jwt-secret';
import { ask, columnAt } from './center-page';

/**
 * The same page on the second company (models/chinook, split over PostgreSQL and MariaDB): nothing in the
 * page names a demo entity or indicator, so the dictionary, the charts and the lists follow the model.
 * Signed in with the model's API key (Chinook ships no demo users, so the page offers no picker).
 */
let hub: ChinookHub;
let browser: Browser;
const requested: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  const split = await splitChinook(DEFAULT_SPLIT, 'chinook_center');
  hub = await startChinookHub(split, 'chinook_center_hub');
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function open(query: string, person?: string): Promise<Page> {
  const context = await browser.newContext();
  await context.route('**/*', async (route) => {
    requested.push(route.request().url());
    if (new URL(route.request().url()).hostname !== '127.0.0.1') await route.abort();
    else await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${hub.url.replace(/\/graphql$/, '')}/center/?${query}`);
  await page.waitForSelector('#signin');
  expect(await page.locator('#demo-user').count()).toBe(0);
  if (person) {
    const jwt = hub.runtime.config.auth.jwt;
    const secret = resolveJwtSecret(jwt.secret, hub.runtime.config.embedded.dataDir);
    await page.fill('#token', await demoToken(person, secret, jwt.issuer, jwt.audience, '1h'));
    await page.click('#token-sign-in');
  } else {
    await page.fill('#api-key', CHINOOK_KEYS.manager);
    await page.click('#key-sign-in');
  }
  await page.waitForSelector('#who');
  await page.waitForSelector('main[data-ready]');
  return page;
}

test('the dictionary searches Chinook in Chinese and in English', async () => {
  const page = await open('screen=dictionary');
  await page.waitForSelector('#indicator-list table.data');
  for (const term of ['发票', 'invoice']) {
    await page.fill('#search', term);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#indicator-list td[data-path="code"]')].some(
        (td) => td.textContent === 'average_invoice',
      ),
    );
    const api = await hub.query<{ indicators: Array<{ code: string }> }>(
      'query($s: String) { indicators(search: $s) { code } }',
      { s: term },
      CHINOOK_KEYS.manager,
    );
    const codes = await page.$$eval('#indicator-list td[data-path="code"]', (tds) => tds.map((td) => td.textContent));
    expect(codes).toEqual(api.data!.indicators.map((i) => i.code));
  }
  await page.click('#indicator-list td[data-path="code"]:text-is("average_invoice")');
  await page.waitForSelector('#history .version');
  expect(await page.textContent('#indicator-detail')).toContain('平均发票金额');
});

test("Chinook's revenue trend shows the API's numbers", async () => {
  const page = await open('screen=charts&indicator=revenue&period=2024-Q4');
  await page.waitForSelector('#chart-tree, #breakdown');
  await page.waitForFunction(
    () => (window as unknown as { centerCharts: Record<string, () => unknown> }).centerCharts.trend!() !== undefined,
  );
  const trend = (await page.evaluate(() =>
    (window as unknown as { centerCharts: Record<string, () => unknown> }).centerCharts.trend!(),
  )) as { series: Array<{ name: string; data: Array<number | null> }> };
  const api = await hub.query<{ indicatorValues: { rows: Array<{ cells: Array<{ value: string | null }> }> } }>(
    '{ indicatorValues(codes: ["revenue"], from: "2024-01", to: "2024-12", grain: MONTH) { rows { cells { value } } } }',
    {},
    CHINOOK_KEYS.manager,
  );
  const expected = api.data!.indicatorValues.rows.map((r) =>
    r.cells[0]!.value === null ? null : Number(r.cells[0]!.value),
  );
  expect(expected.some((v) => v !== null && v > 0)).toBe(true);
  expect(trend.series.find((s) => s.name === '2024')!.data).toEqual(expected);
  expect(requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
});

test('the ask box on Chinook: an answer equal to indicatorValues, a question it cannot read said as such', async () => {
  const page = await open('period=2025-Q2'); // relative periods read as of 2025-06-30
  expect(await ask(page, '去年销售收入')).toBe('ANSWERED');
  expect(await page.textContent('#ask-interpretation dd[data-part="Period"]')).toContain('2024');
  const api = await hub.query<{ indicatorValues: { rows: Array<{ cells: Array<{ value: string | null }> }> } }>(
    '{ indicatorValues(codes: ["revenue"], from: "2024", to: "2024", grain: YEAR) { rows { cells { value } } } }',
    {},
    CHINOOK_KEYS.manager,
  );
  const expected = api.data!.indicatorValues.rows.map((r) => r.cells[0]!.value);
  expect(Number(expected[0])).toBeGreaterThan(0);
  expect(await columnAt(page, 'ask-table', 'cells.0.value')).toEqual(expected);

  expect(await ask(page, 'blah blah foo')).toBe('NOT_UNDERSTOOD');
  expect(await page.textContent('#ask-status')).toContain('Not understood');
  expect(await page.locator('#ask-candidates .candidate').count()).toBeGreaterThan(0);
});

test("Chinook's audit screen: absent for the manager key (the API refuses it), there for the general manager", async () => {
  const manager = await open('screen=audit');
  expect(await manager.locator('nav button[data-screen="audit"]').count()).toBe(0);
  expect(await manager.locator('#audit-chain').count()).toBe(0);
  const refused = await hub.query('{ auditLog(first: 5) { records { seq } } }', {}, CHINOOK_KEYS.manager);
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const gm = await open('screen=audit', '1'); // Andrew Adams, general_manager: audit granted
  await gm.waitForSelector('#audit-chain-status');
  expect(await gm.getAttribute('#audit-chain-status', 'data-ok')).toBe('true');
  await gm.waitForSelector('#audit-records-block[data-loaded]');
  const principals = await columnAt(gm, 'audit-records', 'principal');
  expect(principals).toContain('apikey:chinook-manager'); // the manager key's requests above
  expect(requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
});
