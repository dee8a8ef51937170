import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chooseOption, chromiumPath, launchBrowser } from '../helpers/browser.js';
import { encodeGb18030 } from '../helpers/gb18030.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
// Screenshots for a person to look at; not compared by the test.
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';

const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

describe.skipIf(!chromium)('blocklist console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let files: string;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    // English, so the screenshots are readable on a machine without a CJK font.
    browser = await launchBrowser(chromium as string, { locale: 'en-US' });
    files = mkdtempSync(join(tmpdir(), 'warden-blocklist-e2e-'));

    const { page } = browser;
    await page.goto(`${server.url}/blocklist`);
    await page.waitForURL(/\/login\?next=%2Fblocklist$/);
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/blocklist$/);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  /** Waits for antd's open/close and loading animations, then saves a screenshot. */
  const snap = async (name: string) => {
    await browser.page.waitForTimeout(600);
    await browser.page.screenshot({ path: `${shots}/${name}.png` });
  };

  const choose = (testId: string, option: string) => chooseOption(browser.page, testId, option);

  test('adding a VIP customer asks a second time; releasing keeps the entry with its history', async () => {
    const { page } = browser;

    // A VIP customer owns the phone number (through the API, with the console's session).
    const put = await page.request.put(`${server.url}/api/v1/customers/vip-e2e-1`, {
      data: { name: 'Wang Wei', tier: 'vip', identifiers: [{ type: 'phone', value: '13900139000' }] },
    });
    expect(put.status(), await put.text()).toBe(201);

    // The section is real now: overview, entries, categories, import.
    expect(await page.getByTestId('nav-blocklist').textContent()).toBe('Blocklist');
    await page.getByTestId('nav-blocklist-list').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('Blocklist');

    await page.getByTestId('blk-add').click();
    const idValue = page.getByTestId('blk-form-id-value');
    await idValue.fill('139 0013 9000');
    await choose('blk-form-category', 'Harassment');
    await page.getByTestId('blk-form-reason').fill('Threatening messages to agents every night');
    // The form holds what was typed and picked (nothing reset it while the drawer opened).
    await expect.poll(() => idValue.inputValue()).toBe('139 0013 9000');
    await expect.poll(() => page.getByTestId('blk-form-category').textContent()).toContain('Harassment');
    await snap('warden-blocklist-add-en');
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/blocklist',
    );
    await page.getByTestId('blk-form-submit').click();

    // The server answers 428 to what the form sent: a second dialog says why, in our words.
    const first = await posted;
    const sent = first.request().postDataJSON() as { identifier?: { value?: string }; confirm?: boolean };
    expect(first.status(), `${first.request().postData()} → ${await first.text()}`).toBe(428);
    expect(sent.identifier?.value).toBe('139 0013 9000');
    expect(sent.confirm).toBeUndefined();
    const confirm = page.getByTestId('blk-confirm-dialog');
    await confirm.waitFor();
    await expect.poll(() => confirm.textContent()).toContain('VIP');
    await snap('warden-blocklist-confirm-en');
    const again = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/blocklist',
    );
    await page.getByTestId('blk-confirm-ok').click();
    const second = await again;
    expect(second.status(), await second.text()).toBe(201);
    expect((second.request().postDataJSON() as { confirm?: boolean }).confirm).toBe(true);

    // Saved with the confirmation: the entry's page, active.
    await page.waitForURL(/\/blocklist\/blk_[0-9a-z]+$/);
    const status = page.getByTestId('blk-detail').getByTestId('blk-status');
    await expect.poll(() => status.textContent()).toBe('Active');
    expect(await page.getByTestId('blk-detail').textContent()).toContain('+8613900139000');
    expect(await page.getByTestId('blk-event-created').textContent()).toContain('key customer confirmed');
    await snap('warden-blocklist-detail-en');

    // Release, with a reason.
    await page.getByTestId('blk-release').click();
    await page.getByTestId('blk-release-dialog-submit').click();
    await page.getByText('Give a reason', { exact: true }).waitFor();
    await page.getByTestId('blk-release-reason').fill('Customer apologised; manager agreed');
    await page.getByTestId('blk-release-dialog-submit').click();
    await expect.poll(() => status.textContent()).toBe('Released');
    const history = page.getByTestId('blk-history');
    await expect.poll(() => history.getByTestId('blk-event-released').count()).toBe(1);
    expect(await history.getByTestId('blk-event-created').count()).toBe(1);
    expect(await history.textContent()).toContain('Customer apologised; manager agreed');
    // Released entries can no longer change: the actions are gone.
    expect(await page.getByTestId('blk-release').count()).toBe(0);
    await snap('warden-blocklist-released-en');

    // The list shows it, released; a plain phone number in the search finds it.
    await page.getByTestId('nav-blocklist-list').click();
    await page.waitForURL(/\/blocklist$/);
    const search = page.getByTestId('blk-filter-identifier').locator('input');
    await search.fill('13900139000');
    // Until the filtered answer arrives the table still shows the previous rows (kept on
    // purpose, no flicker); read it only after that answer, and poll while React renders it.
    const filtered = page.waitForResponse(
      (r) =>
        r.request().method() === 'GET' &&
        new URL(r.url()).pathname === '/api/v1/blocklist' &&
        new URL(r.url()).searchParams.get('identifier') === 'phone:13900139000',
    );
    await search.press('Enter');
    await page.waitForURL(/identifier=phone%3A13900139000/);
    expect((await filtered).status()).toBe(200);
    const table = page.getByTestId('blk-table');
    await expect.poll(() => table.locator('tbody tr[data-row-key]').count()).toBe(1);
    await expect.poll(() => table.textContent()).toContain('Released');
    await snap('warden-blocklist-list-en');

    // Overview, categories.
    await page.getByTestId('nav-blocklist-overview').click();
    await page.waitForURL(/\/blocklist\/overview$/);
    await expect.poll(() => page.getByTestId('blk-ov-total').textContent()).toContain('1');
    await page.getByTestId('blk-ov-per-day').locator('canvas').first().waitFor();
    await snap('warden-blocklist-overview-en');
    await page.getByTestId('nav-blocklist-categories').click();
    await expect.poll(() => page.getByTestId('blk-cat-table').textContent()).toContain('Complaint abuse');
    expect(await page.getByTestId('blk-cat-table').textContent()).toContain('5 per day');
    await snap('warden-blocklist-categories-en');
  }, 180_000);

  test('an import with a bad row: the dry run names the line, and the real import writes nothing', async () => {
    const { page } = browser;
    const csv = join(files, 'blocklist.csv');
    writeFileSync(
      csv,
      [
        '手机号,分类,原因',
        '13800138001,spam,广告短信',
        '13800138002,spam,广告短信',
        '12345,spam,号码不对',
        '13800138003,harassment,夜间骚扰',
        '',
      ].join('\n'),
    );

    await page.getByTestId('nav-blocklist-import').click();
    await page.waitForURL(/\/blocklist\/import$/);
    await page.getByTestId('blk-imp-file').locator('input[type=file]').setInputFiles(csv);
    await page.getByTestId('blk-imp-dry-run').click();

    const result = page.getByTestId('blk-imp-dry-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 row(s) have problems');
    const errors = page.getByTestId('blk-imp-errors');
    const firstBad = errors.locator('tbody tr').first();
    await expect.poll(() => firstBad.locator('td').first().textContent()).toBe('4');
    expect(await page.getByTestId('blk-imp-report').textContent()).toContain('3');
    await snap('warden-blocklist-import-dry-run-en');

    // Without "skip bad rows" the file is refused as a whole.
    await page.getByTestId('blk-imp-start').click();
    await page.getByTestId('blk-imp-rejected').waitFor();
    await snap('warden-blocklist-import-rejected-en');
    const imported = (await (
      await page.request.get(`${server.url}/api/v1/blocklist?source=import`)
    ).json()) as {
      items: unknown[];
    };
    expect(imported.items).toEqual([]);

    // Skipping the bad row imports the three good ones.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByTestId('blk-imp-skip-invalid').click();
    await page.getByTestId('blk-imp-start').click();
    const done = page.getByTestId('blk-imp-success');
    await done.waitFor();
    expect(await done.textContent()).toContain('Created 3');
    await snap('warden-blocklist-import-done-en');
    const after = (await (await page.request.get(`${server.url}/api/v1/blocklist?source=import`)).json()) as {
      items: unknown[];
    };
    expect(after.items).toHaveLength(3);
  });

  test('a GBK CSV saved by Excel: the dry run shows the encoding and what the import would do', async () => {
    const { page } = browser;
    const gbk = join(files, 'excel-gbk.csv');
    // Excel on Chinese Windows: GBK, CRLF, no BOM; synonyms for the category and level.
    writeFileSync(
      gbk,
      encodeGb18030(
        ['手机号,级别,分类,原因', '13800138011,一级,骚扰,夜间骚扰', '13800138012,2级,广告,群发广告', ''].join(
          '\r\n',
        ),
      ),
    );
    await page.getByTestId('nav-blocklist-import').click();
    await page.waitForURL(/\/blocklist\/import$/);
    await page
      .getByRole('button', { name: 'Import another file' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await page.getByTestId('blk-imp-file').locator('input[type=file]').setInputFiles(gbk);
    await page.getByTestId('blk-imp-dry-run').click();
    await page.getByTestId('blk-imp-dry-result').waitFor();
    expect(await page.getByTestId('blk-imp-read-as').textContent()).toContain('GB18030 (GBK)');
    const report = await page.getByTestId('blk-imp-report').textContent();
    expect(report).toContain('Would create2');
    await snap('warden-blocklist-import-gbk-en');
    await page.getByTestId('blk-imp-start').click();
    const done = page.getByTestId('blk-imp-success');
    await done.waitFor();
    expect(await done.textContent()).toContain('Created 2');
  });
  test('a page that fails to load recovers, the add form keeps its input, and failed figures show "—"', async () => {
    const { page } = browser;
    await page.getByTestId('nav-blocklist-list').click();
    await page.waitForURL(/\/blocklist$/);

    // Half-typed entry; the drawer is closed without Cancel (Escape), as a person would wander off.
    await page.getByTestId('blk-add').click();
    await page.getByTestId('blk-form-id-value').fill('137 0013 7000');
    await page.getByTestId('blk-form-reason').fill('Draft survives a failed page load');
    await page.keyboard.press('Escape');

    // The customers page's file cannot be fetched (server restarting, old chunk name after an upgrade).
    const chunk = /\/assets\/customer-lookup-page-[^/]*\.js$/;
    await page.route(chunk, (route) => route.abort('connectionrefused'));
    await page.getByTestId('nav-customers').click();
    const problem = page.getByTestId('page-error');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('This page could not be loaded');
    // The menu is still there: only the page area is replaced, never a white screen.
    expect(await page.getByTestId('nav-blocklist').count()).toBe(1);
    await snap('warden-page-load-failed-en');

    // The server is back: "Retry" loads the page without a reload.
    await page.unroute(chunk);
    await page.getByTestId('page-error-retry').click();
    await page.getByTestId('cus-search').waitFor();
    expect(await problem.count()).toBe(0);

    // Back on the blocklist after a full reload, the form still holds what was typed.
    await page.goto(`${server.url}/blocklist`);
    // The list has answered (the page is settled) before the drawer opens; a starved renderer can be slow.
    await page
      .getByTestId('blk-table')
      .locator('tbody tr[data-row-key]')
      .first()
      .waitFor({ timeout: 45_000 });
    await page.getByTestId('blk-add').click({ timeout: 45_000 });
    await expect.poll(() => page.getByTestId('blk-form-id-value').inputValue()).toBe('137 0013 7000');
    expect(await page.getByTestId('blk-form-reason').inputValue()).toBe('Draft survives a failed page load');
    await page.keyboard.press('Escape');
    // Cancel means "throw it away".
    await page.getByTestId('blk-add').click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('blk-add').click();
    await expect.poll(() => page.getByTestId('blk-form-id-value').inputValue()).toBe('');
    await page.keyboard.press('Escape');

    // A list that cannot be fetched says so with a retry, and shows "—", not "no entries".
    const listCalls = (url: URL) => url.pathname === '/api/v1/blocklist';
    await page.route(listCalls, (route) => route.abort('connectionrefused'));
    await page.reload();
    const table = page.getByTestId('blk-table');
    await expect.poll(() => table.getByTestId('list-unknown').count(), { timeout: 20_000 }).toBe(1);
    expect(await table.textContent()).not.toContain('No entries');
    await page.unroute(listCalls);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => table.locator('tbody tr[data-row-key]').count()).toBeGreaterThan(0);

    // The dashboard's counts are "—" when unknown, never 0.
    const complaintCalls = (url: URL) => url.pathname === '/api/v1/complaints';
    await page.route(complaintCalls, (route) => route.abort('connectionrefused'));
    await page.getByTestId('nav-dashboard').click();
    const open = page.getByTestId('dash-open-complaints');
    await expect.poll(() => open.textContent(), { timeout: 20_000 }).toContain('—');
    expect(await open.textContent()).not.toMatch(/\b0\b/);
    await snap('warden-dashboard-unknown-en');
    await page.unroute(complaintCalls);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => open.textContent()).toMatch(/\d/);
  }, 180_000);
});
