import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chooseOption, chromiumPath, launchBrowser, signInAt } from '../helpers/browser.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';
const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

describe.skipIf(!chromium)('win-back console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    browser = await launchBrowser(chromium as string, {
      locale: 'en-US',
      viewport: { width: 1440, height: 1100 },
    });
    await signInAt(browser.page, server.url, '/winback', admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const snap = async (name: string) => {
    await browser.page.waitForTimeout(600);
    await browser.page.screenshot({ path: `${shots}/${name}.png` });
  };

  const choose = (testId: string, option: string) => chooseOption(browser.page, testId, option);

  test('release an entry with a picked reason → start win-back → tick a milestone → set the outcome', async () => {
    const { page } = browser;
    const upsert = await page.request.put(`${server.url}/api/v1/customers/crm-e2e-winback`, {
      data: { name: 'Qian Wei', identifiers: [{ type: 'phone', value: '13600136000' }] },
    });
    expect(upsert.status(), await upsert.text()).toBe(201);
    const customerId = ((await upsert.json()) as { id: string }).id;
    const block = await page.request.post(`${server.url}/api/v1/blocklist`, {
      data: {
        identifier: { type: 'phone', value: '13600136000' },
        level: 1,
        category: 'complaint_abuse',
        reason: 'e2e',
      },
    });
    expect(block.status(), await block.text()).toBe(201);
    const entryId = ((await block.json()) as { id: string }).id;

    // An entry still in force offers no win-back.
    await page.goto(`${server.url}/blocklist/${entryId}`);
    await page.getByTestId('blk-release').waitFor();
    expect(await page.getByTestId('wb-start').count()).toBe(0);

    // Release with a reason from the picklist; no text needed.
    await page.getByTestId('blk-release').click();
    await choose('blk-release-code', 'Issue resolved');
    await page.getByTestId('blk-release-dialog-submit').click();
    await page.getByTestId('blk-event-released').waitFor();

    // Start win-back from the released entry: the case page opens with the apology plan.
    await page.getByTestId('wb-start').click();
    await page.getByTestId('wb-start-dialog').waitFor();
    await page.getByTestId('wb-start-submit').click();
    await page.waitForURL(/\/winback\/wbk_[0-9a-z]+$/);
    await page.getByTestId('wb-milestones').waitFor();
    expect(await page.getByTestId('wb-plan').textContent()).toContain('Apologise');
    expect(await page.getByTestId('wb-status').textContent()).toBe('Open');

    // Tick "contacted".
    await page.getByTestId('wb-ms-contacted-tick').click();
    await page.getByTestId('wb-ms-contacted-done').waitFor();

    // Set the outcome, with satisfaction after.
    await page.getByTestId('wb-satisfaction-after').locator('.ant-rate-star').nth(3).click();
    await choose('wb-outcome-select', 'Won back');
    await page.getByTestId('wb-set-outcome').click();
    await expect.poll(() => page.getByTestId('wb-status').textContent()).toBe('Won back');
    await snap('warden-winback-case-en');
    const caseUrl = page.url();
    const caseId = caseUrl.slice(caseUrl.lastIndexOf('/') + 1);
    const stored = (await (await page.request.get(`${server.url}/api/v1/winback/${caseId}`)).json()) as {
      outcome: string;
      satisfactionAfter: number;
      customerId: string;
      milestones: { kind: string; doneAt: string | null }[];
    };
    expect(stored).toMatchObject({ outcome: 'won_back', satisfactionAfter: 4, customerId });
    expect(stored.milestones.find((m) => m.kind === 'contacted')?.doneAt).not.toBeNull();

    // The list shows it, and the figures count it won back.
    await page.goto(`${server.url}/winback`);
    await page.getByTestId('wb-row-link').first().waitFor();
    expect(await page.getByTestId('wb-row-link').first().textContent()).toBe('Qian Wei');
    await page.getByTestId('wb-tab-stats').click();
    await page.getByTestId('wb-stats-total-rate').first().waitFor();
    expect(await page.getByTestId('wb-stats-total-rate').first().textContent()).toBe('100%');
    await page.getByTestId('wb-stats-chart').waitFor();
    await snap('warden-winback-stats-en');

    // The customer 360 offers a new win-back for the released entry (the last one is closed).
    await page.goto(`${server.url}/customers/${customerId}`);
    await page.getByTestId('cus-blocklist').waitFor();
    await page.getByTestId('cus-blocklist').getByTestId('wb-start').waitFor();

    // And the console speaks Chinese.
    await page.evaluate("localStorage.setItem('warden.locale', 'zh-CN')");
    await page.goto(`${server.url}/winback`);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('挽回');
  });

  test('an admin switches on a release notice for a category in Settings', async () => {
    const { page } = browser;
    await page.evaluate("localStorage.setItem('warden.locale', 'en')");
    await page.goto(`${server.url}/settings`);
    await page.getByTestId('settings-tab-blocklist').click();
    await page.getByTestId('settings-release-reasons').waitFor();
    const box = page.getByTestId('settings-notice-complaint_abuse-released');
    await box.click();
    await page.getByTestId('settings-save').click();
    await expect
      .poll(async () => {
        const res = await page.request.get(`${server.url}/api/v1/settings/blocklist`);
        return ((await res.json()) as { settings: { notices: { categories: Record<string, unknown> } } })
          .settings.notices.categories.complaint_abuse;
      })
      .toEqual({ started: false, released: true });
    await snap('warden-settings-blocklist-en');
  });
});
