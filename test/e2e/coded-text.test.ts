import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chromiumPath, launchBrowser, signInAt } from '../helpers/browser.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';
const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

/** Server text that travels as a code: the zh-CN console words it, never the English. */
describe.skipIf(!chromium)('coded server text in zh-CN (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let files: string;

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'warden-coded-'));
    server = await startServerProcess({ admin });
    browser = await launchBrowser(chromium as string, {
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1100 },
    });
    await signInAt(browser.page, server.url, '/messages', admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  test('a rule reason in the message drawer', async () => {
    const { page } = browser;
    const rule = await page.request.post(`${server.url}/api/v1/rules`, {
      data: {
        name: '短时间多条',
        stage: 'filter',
        mode: 'enforce',
        enabled: true,
        conditions: { all: [{ messageCount: { gt: 1, windowSeconds: 3600 } }] },
        actions: [{ type: 'tag', value: 'burst' }],
      },
    });
    expect(rule.status(), await rule.text()).toBe(201);
    const screen = async () => {
      const res = await page.request.post(`${server.url}/api/v1/screen`, {
        data: { channel: 'sms', from: { phone: '13900003001' }, text: '在吗' },
      });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as { messageId: string; reasons: { detail: string; code?: string }[] };
    };
    await screen();
    const second = await screen();
    expect(second.reasons[0]).toMatchObject({ detail: 'messageCount 2 > 1 in 3600s', code: 'screen.rule' });

    await page.goto(`${server.url}/messages`);
    await page.getByTestId(`msg-row-${second.messageId}`).click();
    const reason = page.getByTestId('msg-detail').getByTestId('msg-reason-detail');
    await reason.waitFor();
    expect(await reason.textContent()).toBe('1 小时内发了 2 条消息（上限 1 条）');
    await page.screenshot({ path: `${shots}/coded-reason-zh.png` });
    await page.keyboard.press('Escape');
  });

  test('an import row error on the import page', async () => {
    const { page } = browser;
    const csv = join(files, 'bad.csv');
    writeFileSync(
      csv,
      ['手机号,分类,原因', '13800138001,spam,广告短信', '13800138002,坏人,辱骂', '12345,spam,太短', ''].join(
        '\n',
      ),
    );
    await page.goto(`${server.url}/blocklist/import`);
    await page.getByTestId('blk-imp-file').locator('input[type=file]').setInputFiles(csv);
    await page.getByTestId('blk-imp-dry-run').click();
    const firstBad = page.getByTestId('blk-imp-errors').locator('tbody tr').first();
    await expect.poll(() => firstBad.locator('td').first().textContent()).toBe('3');
    const problem = (await firstBad.locator('td').nth(1).textContent()) ?? '';
    expect(problem).toMatch(/^没有这个分类；请填分类键或名称：/);
    expect(problem).not.toContain('not a known category');
    // A bad phone number: its type's code and what is wrong, in Chinese.
    const badPhone = page.getByTestId('blk-imp-errors').locator('tbody tr').nth(1);
    expect(await badPhone.locator('td').first().textContent()).toBe('4');
    expect(await badPhone.locator('td').nth(1).textContent()).toBe('手机号格式不正确：太短');
  });
});
