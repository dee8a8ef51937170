import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, chromiumPath, launchBrowser, signInAt } from '../helpers/browser.js';
import { loadDemoData } from '../helpers/demo.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

/**
 * The console's routes, read from the sources the router is built from (the
 * feature list and app.tsx's own <Route>s), so a new page is walked without
 * anyone remembering to add it here. `:id` routes are reached through links.
 */
function consoleRoutes(): { pages: string[]; details: RegExp[] } {
  const features = readFileSync(join(root, 'web/src/features.tsx'), 'utf8');
  const app = readFileSync(join(root, 'web/src/app.tsx'), 'utf8');
  const paths = [
    ...[...features.matchAll(/\bpath:\s*'([^']+)'/g)].map((m) => m[1] as string),
    ...[...app.matchAll(/<Route\s+(?:key=\{[^}]*\}\s+)?path="([^"]+)"/g)].map((m) => m[1] as string),
  ];
  const unique = [...new Set(paths)].filter((p) => p !== '*' && p !== '/login' && p !== '/setup');
  return {
    pages: unique.filter((p) => !p.includes(':')),
    details: unique
      .filter((p) => p.includes(':'))
      .map((p) => new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '[A-Za-z0-9_-]+')}$`)),
  };
}

/**
 * What may stay Latin on a Chinese page: product names and codes, and things
 * that are data rather than wording (ids, references, e-mail addresses, URLs).
 */
const ALLOWED = new Set([
  'Warden',
  'API',
  'SMS',
  'VIP',
  'CSV',
  'XLSX',
  'ID',
  // The language switch names the other language by its code.
  'EN',
  'Excel',
  'IP',
  'URL',
  'JSON',
  'SMTP',
  'HTTP',
  'HTTPS',
  'HMAC',
  'SLA',
  // File formats, encodings and sizes the import page names.
  'TSV',
  'GBK',
  'MB',
  // Time zone offsets (GMT+8) in the time zone picker.
  'GMT',
  'UTC',
  'OpenAPI',
  'Webhook',
  'App',
  'QQ',
  'STOP',
  'UNSUBSCRIBE',
  // A person's name is data: the first admin made from WARDEN_ADMIN_* is called this until
  // renamed on the users page (the audit page now names actors).
  'Administrator',
]);

/** Latin words in `text` that are neither allowed nor data. */
function englishWords(text: string): string[] {
  const cleaned = text
    // URLs and e-mail addresses are data.
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    // Domains (an email_domain entry) and file paths (the backup folder) are data too.
    .replace(/\b[\w-]+(\.[\w-]+)+\b/g, ' ')
    .replace(/(^|\s)\/\S+/g, ' ')
    // File extensions (.csv, .tsv) are names, not words.
    .replace(/\.[A-Za-z]{2,4}\b/g, ' ')
    // Ids (cus_…, wdn_…), references (TS-…), priorities and codes with digits or underscores.
    .replace(/\b[A-Za-z]+[_-][\w*-]*/g, ' ')
    .replace(/\b\w*\d\w*\b/g, ' ');
  const words = cleaned.match(/[A-Za-z][A-Za-z']*/g) ?? [];
  return words.filter((w) => !ALLOWED.has(w) && !ALLOWED.has(w.toUpperCase()));
}

describe('the English-word check itself', () => {
  test('finds words and lets data and product names through', () => {
    expect(englishWords('规则 messageCount 51 > 50 in 86400s')).toEqual(['messageCount', 'in']);
    expect(englishWords('Warden VIP 客户 cus_01HX 投诉 TS-20261205-0001 P1 a@b.cn https://x.y/z')).toEqual(
      [],
    );
    expect(englishWords('Complaint surge: after_sales')).toEqual(['Complaint', 'surge']);
  });

  test('reads the routes from the router sources', () => {
    const { pages, details } = consoleRoutes();
    expect(pages).toEqual(expect.arrayContaining(['/', '/complaints', '/blocklist/approvals', '/rules/new']));
    expect(details.some((r) => r.test('/complaints/cmp_1'))).toBe(true);
  });
});

describe.skipIf(!chromium)('no English words on any zh-CN page of the demo data (Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ admin, startTimeoutMs: 90_000 });
    await loadDemoData(server.dataDir);
    browser = await launchBrowser(chromium as string, { locale: 'zh-CN' });
    await signInAt(browser.page, server.url, '/complaints', admin);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every route and the detail pages its lists link to', async () => {
    const { page } = browser;
    const { pages, details } = consoleRoutes();
    const leaks: string[] = [];
    const visited = new Set<string>();
    const detailQueue: string[] = [];
    const perPattern = new Map<RegExp, number>();

    const visit = async (path: string) => {
      visited.add(path);
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      // Let lazy pages and their queries settle: no spinner or skeleton left (a busy machine is slow).
      await expect
        .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 15_000 })
        .toBe(0);
      await page.waitForTimeout(400);
      // Elements marked translate="no" hold data, not wording (names, free text, the English label
      // an admin typed for a category); their text is left out.
      const text = await page.evaluate<string>(`(() => {
        const style = document.createElement('style');
        style.textContent = '[translate="no"] { display: none !important; }';
        document.head.appendChild(style);
        const text = document.body.innerText;
        style.remove();
        return text;
      })()`);
      const words = [...new Set(englishWords(text))];
      if (words.length) leaks.push(`${path}: ${words.join(', ')}`);
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      // Rows that open their detail by a click rather than a link: try the first row of the table.
      // Such rows say so with a pointer cursor (set on the row); wait for the page they open (not a fixed pause:
      // on a busy machine the navigation can take longer than any guess).
      const row = page.locator('.ant-table-row').first();
      if (
        !path.includes('_') &&
        (await row.count()) > 0 &&
        ((await row.getAttribute('style')) ?? '').includes('cursor: pointer')
      ) {
        const cell = row.locator('td:not(.ant-table-selection-column)').first();
        await cell.click({ position: { x: 5, y: 5 } });
        // Some such rows open a drawer, not a page (messages): then the URL stays.
        await page.waitForURL((u) => u.pathname !== path, { timeout: 5_000 }).catch(() => undefined);
        const landed = new URL(page.url()).pathname;
        if (landed !== path) hrefs.push(landed);
      }
      for (const href of hrefs) {
        const pattern = details.find((r) => r.test(href));
        if (!pattern || visited.has(href) || detailQueue.includes(href)) continue;
        const n = perPattern.get(pattern) ?? 0;
        if (n >= 3) continue;
        perPattern.set(pattern, n + 1);
        detailQueue.push(href);
      }
    };

    for (const path of pages) await visit(path);
    for (const pattern of details)
      expect(perPattern.get(pattern) ?? 0, `no link to a ${pattern} page on any list`).toBeGreaterThan(0);
    while (detailQueue.length) await visit(detailQueue.shift() as string);

    expect(leaks, `English words on zh-CN pages:\n${leaks.join('\n')}`).toEqual([]);
  }, 600_000);
});
