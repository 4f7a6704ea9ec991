import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Opening the indicator center in a fresh browser profile for the browser tests: every request recorded
 * (and aborted unless it goes to 127.0.0.1), page errors collected, signed in with a token or an API key.
 */
export interface CenterPages {
  /** Every URL any page asked for. */
  requested: string[];
  open(origin: string, credentials: { token: string } | { apiKey: string }, query: string): Promise<Page>;
  close(): Promise<void>;
}

export function centerPages(browser: Browser): CenterPages {
  const requested: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    requested,
    async open(origin, credentials, query) {
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
      await page.goto(`${origin}/center/?${query}`);
      await page.waitForSelector('#signin');
      if ('token' in credentials) {
        await page.fill('#token', credentials.token);
        await page.click('#token-sign-in');
      } else {
        await page.fill('#api-key', credentials.apiKey);
        await page.click('#key-sign-in');
      }
      await page.waitForSelector('#who');
      await page.waitForSelector('main[data-ready]');
      expect(errors).toEqual([]);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
    },
  };
}

/** Types a question into the header's ask box and waits for the ask screen's answer. */
export async function ask(page: Page, question: string): Promise<string> {
  await page.fill('#ask-input', question);
  await page.press('#ask-input', 'Enter');
  await page.waitForFunction(
    (q) =>
      document.querySelector('main')?.dataset.ready === 'ask' &&
      document.querySelector('.ask-question h2')?.textContent === `问 ${q}`,
    question,
  );
  return (await page.getAttribute('#ask-answer', 'data-status'))!;
}

/** A table on screen: headers and cell texts. */
export async function screenTable(page: Page, id: string): Promise<{ headers: string[]; rows: string[][] }> {
  return page.$eval(`#${id}`, (block) => ({
    headers: [...block.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...block.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    ),
  }));
}

/** The cells of the column whose data path is `path` (e.g. `cells.0.value`). */
export async function columnAt(page: Page, id: string, path: string): Promise<string[]> {
  return page.$$eval(`#${id} td[data-path="${path}"]`, (tds) => tds.map((td) => td.textContent ?? ''));
}

/** A chart's ECharts option as the page set it (window.centerCharts). */
export async function chartOption<T>(page: Page, name: string): Promise<T> {
  await page.waitForFunction(
    (n) => (window as unknown as { centerCharts: Record<string, () => unknown> }).centerCharts[n]!() !== undefined,
    name,
  );
  return page.evaluate(
    (n) => (window as unknown as { centerCharts: Record<string, () => unknown> }).centerCharts[n]!(),
    name,
  ) as Promise<T>;
}
