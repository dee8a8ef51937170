import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { findBinary, missing } from './binaries.js';

/**
 * Debian's Chromium (browser downloads do not work here): `CHROMIUM_PATH`, else
 * /usr/bin/chromium, else `chromium` on PATH. Null (suite skipped, loudly) when
 * there is none — except with CI=true, where `missing` throws and the run fails.
 */
export function chromiumPath(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : missing('Chromium', `CHROMIUM_PATH=${given} does not exist`);
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return (
    findBinary('chromium') ??
    findBinary('chromium-browser') ??
    missing('Chromium', 'apt-get install chromium, or set CHROMIUM_PATH')
  );
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with a fresh profile (user-data-dir), removed on close. */
export async function launchBrowser(
  executablePath: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'warden-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ARGS,
    locale: options.locale ?? 'zh-CN',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    timeout: 30_000,
  });
  // Chromium, the server and the integration suites share 2 cores in CI: a server's answer can
  // take many seconds to show. A wrong screen still fails, at the test's own timeout at the latest.
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens `path`, is sent to the login page, signs in and lands back on `path`. */
export async function signInAt(
  page: Browser['page'],
  baseUrl: string,
  path: string,
  user: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(
    new RegExp(`/login\\?next=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  );
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
}

/** A channel integration's API key (scope `screen` only), made with the signed-in session. */
export async function createScreenKey(page: Browser['page'], baseUrl: string): Promise<string> {
  const res = await page.request.post(`${baseUrl}/api/v1/api-keys`, {
    data: { name: 'sms-gateway', role: 'agent', scopes: ['screen'] },
  });
  if (res.status() !== 201)
    throw new Error(`creating the screen key answered ${res.status()}: ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

/**
 * Opens the antd Select with this test id and picks the option with this text,
 * then waits until the select shows it. On a loaded machine the option list can
 * re-render (its query refetched) between Playwright finding the option and the
 * click landing, and the click then closes the list picking nothing; a person
 * would click again, and so does this, at most three times.
 */
export async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      if ((await select.textContent())?.includes(option)) return;
      await page.waitForTimeout(50);
    }
    if (attempt === 3) throw new Error(`the select ${testId} does not show "${option}" after 3 picks`);
    await page.keyboard.press('Escape');
  }
}
