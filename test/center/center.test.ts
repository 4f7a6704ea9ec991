import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoKeyMap } from '../../models/demo/generator/keymap';
import type { EmbeddedEngine } from '../../src/db/embedded';
import { DirectSql, hubId } from '../support/direct-sql';
import { ALL_EMBEDDED, openEmbeddedCopy, testCompany } from '../support/engines';
import { startTestHub, tokenFor, type TestHub } from '../support/hub-client';
import { launchChromium } from '../support/chromium';

/**
 * The indicator center in headless Chromium against a real hub: what three roles see (a masked value, a
 * denied field, an out-of-scope unit), a chart's numbers against the API's, an approval made in the page
 * and in force in the API, export refused without the `export` operation and equal to the screen with it,
 * and no request leaving 127.0.0.1. The expected values come from SQL on the sources and from the API.
 */
const CEO = 'EMP-000001'; // executive: everything, phone and salary in clear, export
const ANALYST = 'EMP-000271'; // finance_analyst: phone masked, salary denied, no export
const MANAGER = 'EMP-000267'; // finance_manager: approves finance, export
const SALES_REP = 'EMP-000010'; // sales_rep: own department only, no export

let hub: TestHub;
let browser: Browser;
let direct: DirectSql;
let embedded: { engine: EmbeddedEngine; dispose(): Promise<void> } | undefined;
const contexts: BrowserContext[] = [];
/** Every URL any page of the suite requested. */
const requested: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  hub = await startTestHub(ALL_EMBEDDED);
  embedded = await openEmbeddedCopy();
  direct = new DirectSql(ALL_EMBEDDED, embedded.engine);
}, 900_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await direct?.close();
  await embedded?.dispose();
  await hub?.dispose();
});

/** A fresh browser profile signed in as `employee`: the CEO through the demo picker, others with a token. */
async function openAs(employee: string, query: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (new URL(url).hostname !== '127.0.0.1') await route.abort();
    else await route.continue();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${hub.origin}/center/?${query}`);
  await page.waitForSelector('#signin');
  if (employee === CEO) {
    const option = await page.locator('#demo-user option', { hasText: CEO }).getAttribute('value');
    await page.selectOption('#demo-user', option!);
    await page.click('#demo-sign-in');
  } else {
    await page.fill('#token', await tokenFor(employee));
    await page.click('#token-sign-in');
  }
  await page.waitForSelector('#who');
  expect(await page.textContent('#who')).toContain(employee);
  expect(errors).toEqual([]);
  return page;
}

/** The table on screen: headers and cell texts. */
async function screenTable(page: Page, id: string): Promise<{ headers: string[]; rows: string[][] }> {
  return page.$eval(`#${id}`, (block) => ({
    headers: [...block.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...block.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    ),
  }));
}

function column(table: { headers: string[]; rows: string[][] }, header: string): string[] {
  const i = table.headers.indexOf(header);
  return i < 0 ? [] : table.rows.map((r) => r[i]!);
}

function sourceKey(entity: string, source: string, id: string): string {
  const row = demoKeyMap(testCompany()).find((r) => r.entity === entity && r.source === source && r.hubId === id);
  if (!row) throw new Error(`no ${source} key for ${entity} ${id}`);
  return row.sourceKey;
}

test('the page and its assets come from the hub, compressed, with no request leaving 127.0.0.1', async () => {
  const res = await fetch(`${hub.origin}/center/`, { headers: { 'accept-encoding': 'gzip' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-encoding')).toBe('gzip');
  expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
  const html = await res.text();
  const assets = [...html.matchAll(/(?:src|href)="([^":]+\.(?:js|css))"/g)].map((m) => m[1]!);
  expect(assets.length).toBe(2);
  for (const a of assets) {
    const asset = await fetch(`${hub.origin}/center/${a}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
  }
  expect(html).not.toMatch(/https?:\/\//);
});

test('three roles see three different things: a masked value, a denied field, an out-of-scope unit absent', async () => {
  const rawPhones = new Map(
    (await direct.rows('hr', 'select emp_no as k, mobile as v from {s}.employee')).map((r) => [
      hubId('Employee', 'hr', String(r.k)),
      r.v === null ? '' : String(r.v),
    ]),
  );
  const allUnits = (await direct.rows('hr', 'select org_id as k from {s}.org_unit')).map((r) =>
    hubId('Department', 'hr', String(r.k)),
  );
  const repUnit = (
    await direct.rows('hr', 'select org_id as k from {s}.employee where emp_no = ?', [
      sourceKey('Employee', 'hr', SALES_REP),
    ])
  ).map((r) => hubId('Department', 'hr', String(r.k)));

  // The executive: phones in clear (equal to the source), the salary column shown, every unit.
  const ceo = await openAs(CEO, 'screen=lists&list=employees');
  await ceo.waitForSelector('#list table.data');
  const ceoTable = await screenTable(ceo, 'list');
  expect(ceoTable.headers).toContain('monthlySalary');
  const ids = column(ceoTable, 'id');
  expect(ids.length).toBeGreaterThan(10);
  column(ceoTable, 'phone').forEach((phone, i) => expect(phone).toBe(rawPhones.get(ids[i]!)));
  await ceo.selectOption('#list-pick', 'departments');
  await ceo.waitForSelector('#list-body[data-list="departments"] #list');
  expect(new Set(column(await screenTable(ceo, 'list'), 'id'))).toEqual(new Set(allUnits));

  // The finance analyst: the same phones masked, the salary denied (column left out and named).
  const analyst = await openAs(ANALYST, 'screen=lists&list=employees');
  await analyst.waitForSelector('#list table.data');
  const analystTable = await screenTable(analyst, 'list');
  expect(analystTable.headers).not.toContain('monthlySalary');
  expect(await analyst.textContent('#denied-fields')).toContain('Employee.monthlySalary');
  const analystIds = column(analystTable, 'id');
  column(analystTable, 'phone').forEach((phone, i) => {
    const raw = rawPhones.get(analystIds[i]!)!;
    if (raw === '') return expect(phone).toBe('');
    expect(phone).not.toBe(raw);
    expect(phone).toBe(`${raw.slice(0, 3)}${'*'.repeat(raw.length - 7)}${raw.slice(-4)}`);
  });

  // The sales rep: their own department only — every other unit is absent.
  const rep = await openAs(SALES_REP, 'screen=lists&list=departments');
  await rep.waitForSelector('#list table.data');
  expect(column(await screenTable(rep, 'list'), 'id')).toEqual(repUnit);
  expect(allUnits.length).toBeGreaterThan(repUnit.length);
});

test('the charts show the numbers the API returns', async () => {
  const page = await openAs(CEO, 'screen=charts&indicator=revenue&period=2025-Q4');
  await page.waitForSelector('#breakdown table.data');
  const option = (name: string) =>
    page.evaluate(
      (n) => (window as unknown as { centerCharts: Record<string, () => unknown> }).centerCharts[n]!(),
      name,
    ) as Promise<{
      xAxis: Array<{ data: string[] }>;
      series: Array<{ name: string; data: Array<number | null> }>;
    }>;
  const trend = await option('trend');
  const api = await hub.query<{
    now: { rows: Array<{ period: string; cells: Array<{ value: string | null }> }> };
    last: { rows: Array<{ period: string; cells: Array<{ value: string | null }> }> };
  }>(`{ now: indicatorValues(codes: ["revenue"], from: "2025-01", to: "2025-12", grain: MONTH) { rows { period cells { value } } }
       last: indicatorValues(codes: ["revenue"], from: "2024-01", to: "2024-12", grain: MONTH) { rows { period cells { value } } } }`);
  expect(api.errors).toBeUndefined();
  expect(trend.xAxis[0]!.data).toEqual(api.data!.now.rows.map((r) => r.period));
  expect(trend.series.find((s) => s.name === '2025')!.data).toEqual(
    api.data!.now.rows.map((r) => Number(r.cells[0]!.value)),
  );
  expect(trend.series.find((s) => s.name === '2024')!.data).toEqual(
    api.data!.last.rows.map((r) => Number(r.cells[0]!.value)),
  );

  // Targets by quarter: the targets file, summed over the units (the CEO sees all of them).
  const target = await option('target');
  const targets = await hub.query<{ indicator: { targets: Array<{ period: string; value: string }> } }>(
    '{ indicator(code: "revenue") { targets(from: "2025-01", to: "2025-12") { period value } } }',
  );
  const byQuarter = new Map<string, number>();
  for (const t of targets.data!.indicator.targets.filter((x) => /-Q\d$/.test(x.period)))
    byQuarter.set(t.period, (byQuarter.get(t.period) ?? 0) + Number(t.value));
  expect(byQuarter.size).toBe(4);
  expect(target.series.find((s) => s.name === 'target')!.data).toEqual(
    target.xAxis[0]!.data.map((q) => byQuarter.get(q)),
  );

  // The breakdown by department: the chart, the table and the API agree.
  const breakdown = await option('breakdown');
  const byDept = await hub.query<{
    indicatorValues: { rows: Array<{ members: Array<{ name: string }>; cells: Array<{ value: string }> }> };
  }>(
    '{ indicatorValues(codes: ["revenue"], from: "2025", grain: YEAR, by: [department]) { rows { members { name } cells { value } } } }',
  );
  expect(breakdown.xAxis[0]!.data).toEqual(byDept.data!.indicatorValues.rows.map((r) => r.members[0]!.name));
  expect(breakdown.series[0]!.data).toEqual(byDept.data!.indicatorValues.rows.map((r) => Number(r.cells[0]!.value)));
  expect(column(await screenTable(page, 'breakdown'), 'revenue')).toEqual(
    byDept.data!.indicatorValues.rows.map((r) => r.cells[0]!.value),
  );
  // The decomposition tree's root is the API's value for the period.
  const tree = (await option('tree')) as unknown as { series: Array<{ data: Array<{ value: number; code: string }> }> };
  const dec = await hub.query<{ decomposition: { value: string } }>(
    '{ decomposition(code: "revenue", period: "2025-Q4") { value } }',
  );
  expect(tree.series[0]!.data[0]!.value).toBe(Number(dec.data!.decomposition.value));
});

test("the period's alerts on screen are the API's, with severity and whom to notify", async () => {
  const page = await openAs(MANAGER, 'screen=alerts&period=2025-Q4');
  await page.waitForSelector('#alerts table.data');
  const screen = await screenTable(page, 'alerts');
  const api = await hub.query<{
    alerts: Array<{ severity: string; indicator: { code: string }; unit: { id: string } | null; notify: string[] }>;
  }>('{ alerts(period: "2025-Q4") { severity indicator { code } unit { id } notify } }', {}, MANAGER);
  expect(api.errors).toBeUndefined();
  expect(api.data!.alerts.length).toBeGreaterThan(0);
  expect(screen.rows.map((r) => [r[0], r[1], r[3], r[8]])).toEqual(
    api.data!.alerts.map((a) => [a.severity, a.indicator.code, a.unit?.id ?? '', a.notify.join(', ')]),
  );
  expect(screen.headers).toEqual([
    'Severity',
    'Indicator',
    '名称',
    'Unit',
    'Rule',
    'Value',
    'Threshold',
    'Message',
    'Notify',
  ]);
});

test('an approval made in the page is in force in the API', async () => {
  const definition = readFileSync('models/demo/indicators/finance/gross_profit.yaml', 'utf8').replace(
    'formula: invoiced_revenue - cogs',
    'formula: invoiced_revenue * 0.98 - cogs',
  );
  const proposed = await hub.query<{ proposeIndicatorChange: { id: string; state: string } }>(
    'mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id state } }',
    { i: { code: 'gross_profit', kind: 'UPDATE', definition, reason: 'Net of a 2% surcharge', submit: true } },
    ANALYST,
  );
  expect(proposed.errors).toBeUndefined();
  const id = proposed.data!.proposeIndicatorChange.id;

  const page = await openAs(MANAGER, 'screen=approvals');
  const card = page.locator(`.change[data-change="${id}"]`);
  await card.waitFor();
  expect(await card.textContent()).toContain('invoiced_revenue * 0.98 - cogs');
  expect(await card.locator('.impact').textContent()).toContain('gross_margin'); // a dependent, from the impact report
  await card.locator('.comment').fill('Approved in the browser test');
  await card.locator('button.approve').click();
  await page.waitForFunction(
    (cid) =>
      document.querySelector(`.change[data-change="${cid}"] .decision-status`)?.textContent?.startsWith('APPROVED'),
    id,
  );

  const after = await hub.query<{
    indicator: { version: string; formula: string; history: Array<{ approvedBy: string; reason: string }> };
    indicatorChange: { state: string; reviewer: string; comment: string };
  }>(
    `{ indicator(code: "gross_profit") { version formula history { approvedBy reason } }
       indicatorChange(id: "${id}") { state reviewer comment } }`,
    {},
    MANAGER,
  );
  expect(after.errors).toBeUndefined();
  expect(after.data!.indicatorChange).toEqual({
    state: 'APPROVED',
    reviewer: MANAGER,
    comment: 'Approved in the browser test',
  });
  expect(after.data!.indicator.version).toBe('v2');
  expect(after.data!.indicator.formula).toBe('invoiced_revenue * 0.98 - cogs');
  expect(after.data!.indicator.history.at(-1)!.approvedBy).toBe(MANAGER);
});

test('export is refused without the export operation and equals the screen with it (CSV and XLSX), audited', async () => {
  // Without `export`: no export button on screen, and the API refuses the same request.
  const rep = await openAs(SALES_REP, 'screen=charts&indicator=revenue&period=2025-Q4');
  await rep.waitForSelector('#breakdown table.data');
  expect(await rep.locator('button.export').count()).toBe(0);
  const refused = await hub.query(
    `query($q: String!) { exportTable(query: $q, rows: "indicators", columns: [{ header: "Code", path: "code" }], format: CSV) }`,
    { q: '{ indicators { code } }' },
    SALES_REP,
  );
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EXPORT_NOT_GRANTED' });
  expect(refused.data?.exportTable ?? null).toBeNull();

  // With it (the finance manager): the employees list — salary masked as a band — exported both ways.
  const page = await openAs(MANAGER, 'screen=lists&list=employees');
  await page.waitForSelector('#list table.data');
  const screen = await screenTable(page, 'list');
  expect(screen.headers).toContain('monthlySalary');
  expect(column(screen, 'monthlySalary').every((s) => /^\d+-\d+$|^$/.test(s))).toBe(true); // salary_band mask

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#list button.export-csv')]);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(parseCsv(csv.slice(1))).toEqual([screen.headers, ...screen.rows]);

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('#list button.export-xlsx')]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsxDownload.path())!);
  const sheet = book.worksheets[0]!;
  const cells: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    cells.push(
      screen.headers.map((_h, i) => (row.getCell(i + 1).value === null ? '' : String(row.getCell(i + 1).value))),
    );
  });
  expect(cells).toEqual([screen.headers, ...screen.rows]);

  // Each export is in the audit log with its row count.
  const audit = await hub.query<{
    auditLog: {
      records: Array<{ principal: string; lifecycleEvents: Array<{ kind: string; code: string; note: string }> }>;
    };
  }>(
    `{ auditLog(principal: "${MANAGER}", first: 50) { records { principal lifecycleEvents { kind code note } } } }`,
    {},
    'EMP-000312',
  );
  expect(audit.errors).toBeUndefined();
  const exports = audit.data!.auditLog.records.flatMap((r) => r.lifecycleEvents).filter((e) => e.kind === 'export');
  expect(exports.map((e) => e.note.split(';')[0])).toEqual(
    expect.arrayContaining([
      `CSV, ${screen.rows.length} rows, ${screen.headers.length} columns`,
      `XLSX, ${screen.rows.length} rows, ${screen.headers.length} columns`,
    ]),
  );
});

test('no page of the suite asked anything of a host other than 127.0.0.1', () => {
  expect(requested.length).toBeGreaterThan(20);
  expect(requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
});

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}
