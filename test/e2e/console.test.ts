import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chromiumPath, launchBrowser } from '../helpers/browser.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
// Screenshots for a person to look at; not compared by the test.
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';

const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

describe.skipIf(!chromium)('console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    // A Chinese browser: the first visit must pick zh-CN on its own.
    browser = await launchBrowser(chromium as string, { locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Waits for antd's open/close and loading animations, then saves a screenshot. */
  const snap = async (name: string) => {
    await browser.page.waitForTimeout(600);
    await browser.page.screenshot({ path: `${shots}/${name}.png` });
  };

  test('an admin signs in, creates an API key, finds it in the audit log and switches language', async () => {
    const { page } = browser;

    // Not signed in: the console sends us to /login.
    await page.goto(`${server.url}/api-keys`);
    await page.waitForURL(/\/login\?next=%2Fapi-keys$/);
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toContain('登');

    // A wrong password is refused with a clear message and we stay on /login.
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill('not-the-password-1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('邮箱或密码不正确');
    await snap('warden-login');

    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/api-keys$/);
    expect(await page.getByTestId('current-user-email').textContent()).toBe(admin.email);
    expect(await page.getByTestId('current-user-role').textContent()).toBe('管理员');
    expect(await page.getByTestId('nav-dashboard').textContent()).toBe('概览');

    // Create a key narrowed to `screen`.
    await page.getByTestId('apikey-create').click();
    await page.getByTestId('apikey-name').fill('短信网关');
    await page.getByTestId('apikey-scopes').click();
    await page.keyboard.type('screen');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await snap('warden-apikey-create');
    await page.getByTestId('apikey-create-submit').click();

    // The secret is shown once, with its warning …
    const secretLocator = page.getByTestId('apikey-secret');
    await secretLocator.waitFor();
    const secret = (await secretLocator.textContent()) ?? '';
    expect(secret).toMatch(/^wdn_\S{20,}$/);
    expect(await page.getByTestId('apikey-secret-dialog').textContent()).toContain('唯一一次');
    await snap('warden-apikey-secret');

    // … and it works, with its scope.
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { apiKey: { name: string }; permissions: string[] };
    expect(body.apiKey.name).toBe('短信网关');
    expect(body.permissions).toEqual(['screen']);

    // Once closed it is gone from the page; the table shows the prefix only.
    await page.getByTestId('apikey-secret-close').click();
    await secretLocator.waitFor({ state: 'detached' });
    const table = page.getByTestId('apikeys-table');
    await expect.poll(() => table.textContent()).toContain('短信网关');
    expect(await page.content()).not.toContain(secret);
    await snap('warden-apikeys');

    // The audit log has the creation, and the chain verifies.
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit$/);
    const actions = page.getByTestId('audit-action');
    // Actions in the reader's language; the code stays on the tag.
    await expect.poll(() => actions.allTextContents()).toContain('创建 API 密钥');
    const filter = page.getByTestId('audit-filter').locator('input');
    await filter.fill('apikey.create');
    await filter.press('Enter');
    await expect.poll(() => actions.allTextContents()).toEqual(['创建 API 密钥']);
    expect(await actions.first().getAttribute('data-action')).toBe('apikey.create');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toContain('哈希链完整');
    await snap('warden-audit');

    // Switch to English: navigation and page change; the choice survives a reload.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('nav-dashboard').textContent()).toBe('Dashboard');
    expect(await page.getByTestId('nav-audit').textContent()).toBe('Audit log');
    expect(await page.getByTestId('page-title').textContent()).toBe('Audit log');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-dashboard').textContent()).toBe('Dashboard');
    await expect.poll(() => actions.allTextContents()).toContain('Create API key');
    await snap('warden-audit-en');
    await page.getByTestId('nav-users').click();
    await page.waitForURL(/\/users$/);
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain(admin.email);
    await snap('warden-users-en');

    // The complaints queue (no "coming soon" placeholder is left).
    await page.getByTestId('nav-complaints').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Complaints queue');

    // And back to Chinese.
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(() => page.getByTestId('nav-dashboard').textContent()).toBe('概览');
    expect(await page.getByTestId('page-title').textContent()).toBe('投诉队列');

    // Sign out: the session is gone, the console is behind /login again.
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/users`);
    await page.waitForURL(/\/login\?next=%2Fusers$/);
  });
  test('an admin adds a colleague, sees the password rule on the field, and disables the account', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/users`);
    await page.waitForURL(/\/login\?next=%2Fusers$/);
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/users$/);

    await page.getByTestId('user-create').click();
    await page.getByTestId('user-email').fill('li.na@warden.test');
    await page.getByTestId('user-name').fill('李娜');
    await page.getByTestId('user-password').fill('onlyletters');
    await page.getByTestId('user-create-submit').click();
    // The server's WEAK_PASSWORD field error lands on the password field, in Chinese.
    await page.getByText('需混合字母与数字或符号', { exact: true }).waitFor();

    await page.getByTestId('user-password').fill('letters-and-42');
    await page.getByTestId('user-create-submit').click();
    const table = page.getByTestId('users-table');
    await expect.poll(() => table.textContent()).toContain('li.na@warden.test');
    await snap('warden-users');

    const row = table.locator('tr', { hasText: 'li.na@warden.test' });
    await row.getByRole('switch').click();
    await expect.poll(() => row.textContent()).toContain('已停用');
    const users = (await (await page.request.get(`${server.url}/api/v1/users`)).json()) as {
      items: { email: string; disabled: boolean }[];
    };
    expect(users.items.find((u) => u.email === 'li.na@warden.test')?.disabled).toBe(true);
  });
});

describe.skipIf(!chromium)('first start without WARDEN_ADMIN_* (Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ admin: null });
    browser = await launchBrowser(chromium as string, { locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the one-time setup link creates the first admin, who can then sign in', async () => {
    const { page } = browser;
    await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/setup\?token=\S+/);
    const token = /setup\?token=(\S+)/.exec(server.output())?.[1] ?? '';

    // An English browser gets English on its first visit; /login explains the setup link.
    await page.goto(`${server.url}/login`);
    await expect.poll(() => page.locator('body').textContent()).toContain('No administrator yet');

    await page.goto(`${server.url}/setup?token=${encodeURIComponent(token)}`);
    await page.getByTestId('setup-email').fill('owner@warden.test');
    await page.getByTestId('setup-name').fill('Owner');
    await page.getByTestId('setup-password').fill('first-admin-2026');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/warden-setup-en.png` });
    await page.getByTestId('setup-submit').click();
    await page.waitForURL(/\/login$/);
    await expect.poll(() => page.locator('body').textContent()).toContain('Administrator created');

    await page.getByTestId('login-email').fill('owner@warden.test');
    await page.getByTestId('login-password').fill('first-admin-2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByTestId('nav-dashboard').textContent()).toBe('Dashboard');
    expect(await page.getByTestId('current-user-role').textContent()).toBe('Admin');

    // The link works once.
    const again = await fetch(`${server.url}/api/v1/auth/setup`);
    expect(await again.json()).toEqual({ needsSetup: false });
  });
});
