import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chooseOption, chromiumPath, launchBrowser, signInAt } from '../helpers/browser.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';
const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

describe.skipIf(!chromium)('customer create and edit in zh-CN (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    browser = await launchBrowser(chromium as string, {
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1100 },
    });
    await signInAt(browser.page, server.url, '/customers', admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const choose = (testId: string, option: string) => chooseOption(browser.page, testId, option);

  test('新建客户 → 360 → 编辑 tier, VIP protection and lifetime value', async () => {
    const { page } = browser;
    await page.getByTestId('cus-new').click();
    await page.getByTestId('cus-form').waitFor();
    expect(await page.locator('.ant-drawer-title').textContent()).toBe('新建客户');

    await page.getByTestId('cus-form-name').fill('钱多多');
    await page.getByTestId('cus-form-phones').click();
    await page.keyboard.type('139 0000 2001');
    await page.keyboard.press('Enter');
    await page.getByTestId('cus-form-emails').click();
    await page.keyboard.type('qian@example.com');
    await page.keyboard.press('Enter');
    await choose('cus-form-tier', '金卡');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/customers') && r.request().method() === 'POST',
    );
    await page.getByTestId('cus-form-submit').click();
    expect((await created).status()).toBe(201);

    // The new customer's 360 opens.
    await page.waitForURL(/\/customers\/cus_[0-9a-z]+$/);
    await page.getByTestId('cus-profile').waitFor();
    expect(await page.getByTestId('cus-name').textContent()).toBe('钱多多');
    expect(await page.getByTestId('cus-profile').getByTestId('cus-tier').textContent()).toBe('金卡');
    expect(await page.getByTestId('cus-identifiers').textContent()).toContain('+8613900002001');
    expect(await page.getByTestId('cus-identifiers').textContent()).toContain('qian@example.com');
    expect(await page.getByTestId('cus-profile').getByTestId('cus-protected').count()).toBe(0);

    // 编辑: VIP, protected, lifetime value 80,000; an identifier of someone else is refused on its field.
    await page.getByTestId('cus-edit').click();
    await page.getByTestId('cus-form').waitFor({ state: 'visible' });
    expect(await page.locator('.ant-drawer-title:visible').textContent()).toBe('编辑客户');
    await choose('cus-form-tier', 'VIP');
    await page.getByTestId('cus-form-protected').click();
    await page.getByTestId('cus-form-ltv').fill('80000');
    const patched = page.waitForResponse(
      (r) => /\/api\/v1\/customers\/cus_/.test(r.url()) && r.request().method() === 'PATCH',
    );
    await page.getByTestId('cus-form-submit').click();
    const patch = await patched;
    expect(patch.status()).toBe(200);
    expect(patch.request().postDataJSON()).toEqual({ tier: 'vip', protected: true, lifetimeValue: 80000 });

    const profile = page.getByTestId('cus-profile');
    await profile.getByTestId('cus-protected').waitFor();
    expect(await profile.getByTestId('cus-tier').textContent()).toBe('VIP');
    expect(await page.getByTestId('cus-ltv').textContent()).toBe('80,000');
    await page.screenshot({ path: `${shots}/customer-edit-zh.png` });

    // The audit log names who changed whom, and words the action.
    await page.goto(`${server.url}/audit`);
    const row = page.locator('tr', { has: page.locator('[data-action="customer.update"]') }).first();
    await row.waitFor();
    expect(await row.getByTestId('audit-action').textContent()).toBe('修改客户');
    expect(await row.getByTestId('audit-target-label').textContent()).toContain('钱多多 · +86 139****2001');
    expect(await row.getByTestId('audit-actor-name').textContent()).not.toMatch(/^usr_/);
    expect(await row.textContent()).not.toContain('cus_');
  });
});
