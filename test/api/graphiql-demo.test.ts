import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { MIXED } from '../support/engines';
import { startTestHub, tokenFor, type TestHub } from '../support/hub-client';

/**
 * GraphiQL in headless Chromium: the schema is re-fetched when the headers change (the Docs pane follows a
 * pasted token), and in demo mode a picker signs in as a demo user — Docs loads, a query runs as that user.
 * Outside demo mode there is no picker and no token is served. No request leaves 127.0.0.1.
 */
const FINANCE_MANAGER = 'EMP-000267';

let demo: TestHub;
let production: TestHub;
let browser: Browser;
const requested: string[] = [];

beforeAll(async () => {
  [demo, production] = await Promise.all([startTestHub(MIXED, { demo: { enabled: true } }), startTestHub(MIXED)]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.dispose();
  await production?.dispose();
});

async function open(url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/*', async (route) => {
    const target = route.request().url();
    requested.push(target);
    if (!['127.0.0.1'].includes(new URL(target).hostname) && !target.startsWith('blob:')) await route.abort();
    else await route.continue();
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.graphiql-container', { timeout: 90_000 });
  return { context, page };
}

const docs = (page: Page) => page.locator('.graphiql-doc-explorer');

async function openDocs(page: Page): Promise<void> {
  await page.click('button[aria-label="Show Documentation Explorer"]');
  await docs(page).waitFor({ timeout: 30_000 });
}

/** Replaces the text of the Monaco editor inside `selector` as a user would (select all, type). */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(`${selector} .graphiql-editor:not(.hidden) .monaco-editor .view-lines`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const pageHtml = async (hub: TestHub) => (await fetch(hub.url, { headers: { accept: 'text/html' } })).text();

describe('demo users', () => {
  test('served in demo mode with working tokens, absent outside it (route and page)', async () => {
    const res = await fetch(`${demo.origin}/graphiql/demo-users`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const users = (await res.json()) as Array<{ label: string; employee: string; token: string }>;
    expect(users.map((u) => u.employee)).toContain(FINANCE_MANAGER);
    const manager = users.find((u) => u.employee === FINANCE_MANAGER)!;
    const me = await demo.query<{ me: { principal: string } }>(
      '{ me { principal } }',
      {},
      {
        headers: { authorization: `Bearer ${manager.token}` },
      },
    );
    expect(me.data!.me.principal).toBe(FINANCE_MANAGER);

    const refused = await fetch(`${production.origin}/graphiql/demo-users`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toMatch(/eyJ/); // no token anywhere in the answer
    expect(await pageHtml(demo)).toContain('hub-demo-user');
    const productionPage = await pageHtml(production);
    expect(productionPage).not.toContain('hub-demo-user');
    expect(productionPage).toContain('Re-fetch GraphQL schema'); // the header watch is on every page
  });
});

describe('GraphiQL in Chromium', () => {
  test('demo mode: pick a user — Docs loads the schema and a query runs as that user', async () => {
    const { context, page } = await open(demo.url);
    try {
      const picker = page.locator('#hub-demo-user select');
      await picker.waitFor({ timeout: 30_000 });
      await Promise.all([page.waitForEvent('load'), picker.selectOption(FINANCE_MANAGER)]);
      await page.waitForSelector('.graphiql-container', { timeout: 90_000 });
      await expect(page.locator('#hub-demo-user select').inputValue()).resolves.toBe(FINANCE_MANAGER);

      await openDocs(page);
      await expect(docs(page).getByText('Query', { exact: true }).first().waitFor({ timeout: 30_000 })).resolves.toBe(
        undefined,
      );
      expect(await docs(page).textContent()).not.toContain('Error fetching schema');

      await typeInto(page, 'section.graphiql-query-editor', '{ me { principal roles } }');
      await page.click('button.graphiql-execute-button');
      await page.locator('section.result-window').getByText(`"${FINANCE_MANAGER}"`).waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });

  test('a token pasted into the headers: the schema is re-fetched, Docs leaves "Error fetching schema"', async () => {
    const { context, page } = await open(production.url);
    try {
      expect(await page.locator('#hub-demo-user').count()).toBe(0); // no picker outside demo mode
      await openDocs(page);
      await docs(page).getByText('Error fetching schema').waitFor({ timeout: 30_000 }); // the placeholder token: 401

      const token = await tokenFor(FINANCE_MANAGER);
      await typeInto(
        page,
        'section.graphiql-editor-tool[aria-label="Headers"]',
        JSON.stringify({ Authorization: `Bearer ${token}` }),
      );
      await docs(page).getByText('Query', { exact: true }).first().waitFor({ timeout: 30_000 });
      expect(await docs(page).textContent()).not.toContain('Error fetching schema');
    } finally {
      await context.close();
    }
  });

  test('no request left 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => !u.startsWith('http://127.0.0.1') && !u.startsWith('blob:'))).toEqual([]);
  });
});
