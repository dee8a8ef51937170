import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chromiumPath, launchBrowser, signInAt } from '../helpers/browser.js';
import { loadDemoData } from '../helpers/demo.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';
const WIDTH = 390;

describe.skipIf(!chromium)('phone layout at 390×844 (Chromium, demo data)', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ admin, startTimeoutMs: 90_000 });
    await loadDemoData(server.dataDir);
    browser = await launchBrowser(chromium as string, {
      locale: 'zh-CN',
      viewport: { width: WIDTH, height: 844 },
    });
    await signInAt(browser.page, server.url, '/complaints', admin);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Nothing wider than the screen: the page never scrolls sideways. */
  const scrollWidth = () => browser.page.evaluate<number>('document.scrollingElement.scrollWidth');

  test('the queue is cards, a card opens its complaint, and nothing is cut off on the queue, detail or 360', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/complaints`);
    const cards = page.getByTestId('cmp-cards');
    await cards.waitFor();
    // Cards, not the wide table, and the sidebar out of the way.
    expect(await page.getByTestId('cmp-table').count()).toBe(0);
    const first = cards.locator('[data-testid^="cmp-row-"]').first();
    await first.waitFor();
    expect(await scrollWidth(), 'queue scrolls sideways').toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: `${shots}/warden-mobile-queue.png` });

    // A customer to open the 360 of, from the queue (the first complaint may be from an unknown sender).
    const customerHref = (await cards.getByTestId('cmp-customer').first().getAttribute('href')) as string;
    expect(customerHref).toMatch(/^\/customers\/cus_/);
    const id = ((await first.getAttribute('data-testid')) ?? '').replace('cmp-row-', '');
    expect(id).toMatch(/^cmp_/);
    await first.getByTestId('cmp-text').click();
    await page.waitForURL(new RegExp(`/complaints/${id}$`));
    await page.getByTestId('cmp-detail').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await scrollWidth(), 'complaint detail scrolls sideways').toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: `${shots}/warden-mobile-complaint.png`, fullPage: true });

    // The customer's 360.
    await page.goto(`${server.url}${customerHref}`);
    await page.getByTestId('cus-360').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(await scrollWidth(), 'customer 360 scrolls sideways').toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: `${shots}/warden-mobile-360.png`, fullPage: true });
  }, 120_000);
});
