import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chromiumPath, createScreenKey, launchBrowser, signInAt } from '../helpers/browser.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';
const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

describe.skipIf(!chromium)('data protection console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    server = await startServerProcess({ admin, env: { WARDEN_RETENTION_MESSAGES_DAYS: '30' } });
    browser = await launchBrowser(chromium as string, {
      locale: 'en-US',
      viewport: { width: 1440, height: 1100 },
    });
    await signInAt(browser.page, server.url, '/privacy', admin);
    key = await createScreenKey(browser.page, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an admin exports, then erases a customer; the 360 shows the erasure and the block still holds', async () => {
    const { page } = browser;
    const upsert = await page.request.put(`${server.url}/api/v1/customers/crm-e2e-erase`, {
      data: { name: 'Zhao Lei', identifiers: [{ type: 'phone', value: '13500135000' }] },
    });
    expect(upsert.status(), await upsert.text()).toBe(201);
    const customerId = ((await upsert.json()) as { id: string }).id;
    const block = await page.request.post(`${server.url}/api/v1/blocklist`, {
      data: {
        identifier: { type: 'phone', value: '13500135000' },
        level: 1,
        category: 'harassment',
        reason: 'e2e',
      },
    });
    expect(block.status(), await block.text()).toBe(201);
    const screen = (text: string) =>
      page.request.post(`${server.url}/api/v1/screen`, {
        headers: { authorization: `Bearer ${key}` },
        data: { channel: 'sms', from: { phone: '13500135000' }, text },
      });
    expect(
      ((await (await screen('my address is 1 Long Road')).json()) as { decision: string }).decision,
    ).toBe('block');

    await page.goto(`${server.url}/customers/${customerId}`);
    await page.getByTestId('cus-360').waitFor();
    expect(await page.getByTestId('cus-name').textContent()).toBe('Zhao Lei');

    // Subject access: the export downloads a JSON file with everything held.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('cus-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${customerId}.json`);
    const exported = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        void download
          .createReadStream()
          .then((s) => {
            let body = '';
            s.on('data', (d: Buffer) => {
              body += d.toString();
            });
            s.on('end', () => resolve(body));
            s.on('error', reject);
          })
          .catch(reject);
      }),
    ) as { customer: { name: string }; messages: { text: string }[] };
    expect(exported.customer.name).toBe('Zhao Lei');
    expect(exported.messages.map((m) => m.text)).toContain('my address is 1 Long Road');

    // Erasure needs a reason: submitting without one shows the field error and erases nothing.
    await page.getByTestId('cus-erase').click();
    await page.getByTestId('cus-erase-submit').click();
    await page.getByText('Give a reason (at least 3 characters)').waitFor();
    expect(await page.getByTestId('cus-name').textContent()).toBe('Zhao Lei');
    await page.getByTestId('cus-erase-reason').fill('DSR ticket 4711');
    await page.getByTestId('cus-erase-submit').click();
    await page.getByTestId('cus-erased').waitFor();
    await expect.poll(() => page.getByTestId('cus-name').textContent()).not.toBe('Zhao Lei');
    expect(await page.getByTestId('cus-identifiers').textContent()).toContain('(erased)');
    expect(await page.getByTestId('cus-erase').count()).toBe(0);
    // … and still shows the block, reached through the phone's blind index.
    await page.getByTestId('cus-blocked').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${shots}/warden-customer-erased-en.png` });

    // The tombstone: the erased phone is still blocked.
    expect(((await (await screen('again')).json()) as { decision: string }).decision).toBe('block');
    const audit = await page.request.get(
      `${server.url}/api/v1/audit?action=customer.erase&targetId=${customerId}`,
    );
    expect(
      ((await audit.json()) as { items: { summary: { reason: string } }[] }).items[0]?.summary.reason,
    ).toBe('DSR ticket 4711');
  });

  test('the data protection page shows backup status, takes a backup, and previews retention', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/privacy`);
    await page.getByTestId('nav-privacy').waitFor();
    expect(await page.getByTestId('nav-privacy').textContent()).toBe('Data protection');
    await page.getByTestId('backup-card').waitFor();
    expect(await page.getByTestId('backup-last').textContent()).toBe('No backup yet');
    await page.getByTestId('backup-now').click();
    await expect
      .poll(() => page.getByTestId('backup-path').textContent(), { timeout: 30_000 })
      .toMatch(/backups\/warden-\d{8}T\d{9}Z\.db$/);
    expect(await page.getByTestId('backup-last').textContent()).not.toBe('No backup yet');
    expect(await page.getByTestId('backup-size').textContent()).toMatch(/KiB|MiB/);
    expect(await page.getByTestId('backup-list').locator('tbody tr').count()).toBe(1);

    // Retention: messages kept 30 days, the rest for ever; nothing is due on a new install.
    const table = page.getByTestId('retention-table');
    await table.getByText('Screened messages').waitFor();
    expect(await table.getByText('30 days').count()).toBe(1);
    expect(await table.getByText('For ever').count()).toBe(3);
    expect(await page.getByTestId('retention-count-messages').textContent()).toBe('0');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${shots}/warden-data-protection-en.png` });

    // In Chinese too.
    await page.evaluate("localStorage.setItem('warden.locale', 'zh-CN')");
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-privacy').textContent()).toBe('数据保护');
    await page.getByTestId('retention-table').getByText('消息', { exact: true }).waitFor();
  });
});
