import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Browser,
  chooseOption,
  chromiumPath,
  createScreenKey,
  launchBrowser,
  signInAt,
} from '../helpers/browser.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const chromium = chromiumPath();
// Screenshots for a person to look at; not compared by the test.
const shots = process.env.WARDEN_SCREENSHOTS ?? '/tmp';

const admin = { email: 'admin@warden.test', password: 'correct-horse-42' };

/** The words each walk checks, in the console's two languages. */
const words = {
  'zh-CN': {
    title: '工作台',
    processing: '处理中',
    resolved: '已解决',
    category: '恶意骚扰',
    noAlerts: '没有预警',
    agent: '李娜',
    customer: '王芳',
  },
  en: {
    title: 'Workbench',
    processing: 'Processing',
    resolved: 'Resolved',
    category: 'Harassment',
    noAlerts: 'No alerts',
    agent: 'Li Na',
    customer: 'Wang Fang',
  },
} as const;

describe.skipIf(!chromium).each(['zh-CN', 'en'] as const)(
  'the workbench walk in %s (Chromium against the built server)',
  (locale) => {
    const w = words[locale];
    let server: ServerProcess;
    let browser: Browser;
    const ids: Record<string, string> = {};
    const people = {
      agent: { email: 'li.na@warden.test', name: w.agent, role: 'agent', password: 'correct-horse-43' },
      supervisor: {
        email: 'zhao.lei@warden.test',
        name: 'Zhao Lei',
        role: 'supervisor',
        password: 'correct-horse-44',
      },
    };

    beforeAll(async () => {
      // Six sessions share two cores: a cold start can take longer than the default 30 s.
      server = await startServerProcess({ admin, startTimeoutMs: 90_000 });
      browser = await launchBrowser(chromium as string, { locale, viewport: { width: 1440, height: 1000 } });
      const { page } = browser;
      await signInAt(page, server.url, '/complaints', admin);
      const call = async (method: 'post' | 'put' | 'get', path: string, data?: object) => {
        const res = await page.request[method](`${server.url}/api/v1${path}`, data ? { data } : {});
        expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
        return res.json();
      };
      for (const [k, u] of Object.entries(people)) ids[k] = (await call('post', '/users', u)).id;
      ids.customer = (
        await call('put', '/customers/crm-wb-1', {
          name: w.customer,
          tier: 'vip',
          lifetimeValue: 80000,
          identifiers: [{ type: 'phone', value: '13800138001' }],
        })
      ).id;
      // An overdue complaint: SLA hours so short that it is late a moment after it arrives, then back.
      const settings = await call('get', '/settings/complaints');
      const shortSla = structuredClone(settings.settings);
      for (const p of ['P1', 'P2', 'P3', 'P4']) shortSla.routing.slaHours[p] = 0.0002;
      const changed = await call('put', '/settings/complaints', {
        version: settings.version,
        settings: shortSla,
      });
      const late = await call('post', '/complaints', {
        channel: 'phone',
        from: { phone: '13800138001' },
        text: '快递一个星期还没到，打电话也没人管，我要投诉',
      });
      ids.late = late.id;
      ids.lateRef = late.reference;
      await call('put', '/settings/complaints', { version: changed.version, settings: settings.settings });
      // Three senders a watch rule proposes for the blocklist: three alerts to acknowledge at once.
      await call('post', '/rules', {
        name: 'Scam threats',
        stage: 'watch',
        mode: 'enforce',
        conditions: { all: [{ keywords: { list: ['骗子'] } }] },
        actions: [{ type: 'add_to_blocklist', level: 1, category: 'harassment', status: 'pending' }],
      });
      const key = await createScreenKey(page, server.url);
      for (const phone of ['13700137001', '13700137002', '13700137003']) {
        const res = await page.request.post(`${server.url}/api/v1/screen`, {
          headers: { authorization: `Bearer ${key}` },
          data: { channel: 'sms', from: { phone }, text: '你们都是骗子' },
        });
        expect(res.status(), await res.text()).toBe(200);
      }
      await page.request.post(`${server.url}/api/v1/auth/logout`);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const snap = async (name: string) => {
      await browser.page.waitForTimeout(600);
      await browser.page.screenshot({ path: `${shots}/${name}-${locale}.png` });
    };

    /** The workbench's answer after `act` (a reload, a click): no sleeping for the poll. */
    const workbenchAfter = async (act: () => Promise<unknown>) => {
      const { page } = browser;
      const answer = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/v1/workbench' && r.status() === 200,
      );
      await act();
      return (await answer).json();
    };

    test('workbench → the overdue complaint → a supervisor assigns it to an agent → resolved', async () => {
      const { page } = browser;
      await signInAt(page, server.url, '/complaints', people.supervisor);
      // The workbench is the console's landing page; its trend counts the reader's days.
      const trend = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/analytics/overview');
      const wb = await workbenchAfter(() => page.getByTestId('nav-workbench').click());
      await page.waitForURL(`${server.url}/`);
      expect(wb.overdue.count).toBe(1);
      // The reader's zone: the browser's, unless it says only UTC (then Shanghai for a zh-CN reader).
      const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      const readerZone = ['UTC', 'Etc/UTC'].includes(browserZone)
        ? { 'zh-CN': 'Asia/Shanghai', en: 'UTC' }[locale]
        : browserZone;
      expect(new URL((await trend).url()).searchParams.get('timeZone')).toBe(readerZone);
      // The menu's badges ask for the workbench too: the answer may come before the page is drawn.
      await page.getByTestId('page-title').filter({ hasText: w.title }).waitFor();
      expect(await page.getByTestId('page-title').textContent()).toBe(w.title);
      const card = page.getByTestId('wb-overdue');
      const item = card.getByTestId(`wb-item-${ids.late}`);
      await item.waitFor();
      // People, not ids: the customer's name and masked phone, the human reference.
      expect(await item.getByTestId('wb-reference').textContent()).toBe(ids.lateRef);
      expect(ids.lateRef).toMatch(/^TS-\d{8}-\d{4}$/);
      expect(await item.getByTestId('customer-name').textContent()).toBe(w.customer);
      expect(await item.getByTestId('customer-contact').textContent()).toBe('+86 138****8001');
      expect(await item.textContent()).not.toContain(ids.customer);
      expect(await page.getByTestId('wb-overdue-count').textContent()).toBe('1');
      // The proposals wait for approval, the alerts for acknowledgement; the menu counts what needs me.
      expect(await page.getByTestId('wb-pendingApprovals-count').textContent()).toBe('3');
      expect(await page.getByTestId('wb-openAlerts-count').textContent()).toBe(String(wb.openAlerts.count));
      expect(wb.openAlerts.count).toBeGreaterThanOrEqual(3);
      const needsMe =
        wb.overdue.count +
        wb.unassignedUrgent.count +
        wb.pendingApprovals.count +
        wb.reviewsDue.count +
        wb.openSurges.count;
      await expect.poll(() => page.getByTestId('nav-count-all').textContent()).toBe(String(needsMe));
      await expect.poll(() => page.getByTestId('nav-count-overdue').textContent()).toBe('1');
      await snap('warden-workbench');

      // "View all" is the queue filtered to the overdue, asked of the server as such.
      const filtered = page.waitForResponse(
        (r) => r.url().includes('/api/v1/complaints?') && r.url().includes('due=overdue'),
      );
      await card.getByTestId('wb-overdue-all').click();
      expect((await filtered).status()).toBe(200);
      await page.getByTestId(`cmp-row-${ids.late}`).waitFor();
      await page.getByTestId('cmp-filter-due').waitFor();
      await page.goBack();

      await page.getByTestId('wb-overdue').getByTestId(`wb-item-${ids.late}`).click();
      await page.waitForURL(new RegExp(`/complaints/${ids.late}$`));
      expect(await page.getByTestId('cmp-reference').textContent()).toBe(ids.lateRef);
      await page.getByTestId('cmp-assign').click();
      await page.getByTestId(`cmp-assign-user-${ids.agent}`).click();
      await expect.poll(() => page.getByTestId('cmp-assign').textContent()).toContain(w.agent);
      await page.getByTestId('cmp-move-processing').click();
      await page.getByTestId('cmp-move-note').fill('已回电，安排补发');
      await page.getByTestId('cmp-move-submit').click();
      await expect
        .poll(() => page.getByTestId('cmp-detail').getByTestId('cmp-status').textContent())
        .toBe(w.processing);
      await page.getByTestId('cmp-move-resolved').click();
      await page.getByTestId('cmp-move-note').fill('已补发，客户确认');
      await page.getByTestId('cmp-move-submit').click();
      await expect
        .poll(() => page.getByTestId('cmp-detail').getByTestId('cmp-status').textContent())
        .toBe(w.resolved);

      // Back on the workbench, nothing is overdue any more.
      const after = await workbenchAfter(() => page.getByTestId('nav-workbench').click());
      expect(after.overdue.count).toBe(0);
      await page.getByTestId('wb-overdue-empty').waitFor();
    }, 120_000);

    test('customer 360 → block → temporary release → release', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/customers/${ids.customer}`);
      await page.getByTestId('cus-not-blocked').waitFor();
      await page.getByTestId('cus-block').click();
      expect(await page.getByTestId('blk-form-customer-fixed').textContent()).toBe(w.customer);
      await chooseOption(page, 'blk-form-category', w.category);
      await page.getByTestId('blk-form-reason').fill('多次辱骂客服');
      const posted = () =>
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/blocklist',
        );
      const first = posted();
      await page.getByTestId('blk-form-submit').click();
      // A VIP worth 80,000 is a key customer: asked a second time.
      expect((await first).status()).toBe(428);
      await page.getByTestId('blk-confirm-dialog').waitFor();
      const second = posted();
      await page.getByTestId('blk-confirm-ok').click();
      const saved = await second;
      expect(saved.status(), await saved.text()).toBe(201);
      await page.getByTestId('cus-blocked').waitFor();
      await snap('warden-360-blocked');

      const entries = await (
        await page.request.get(`${server.url}/api/v1/blocklist?customerId=${ids.customer}`)
      ).json();
      expect(entries.items).toHaveLength(1);
      const entryId = entries.items[0].id as string;
      await page.getByTestId('cus-exempt').click();
      const exempted = page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/blocklist/${entryId}/exemptions`) && r.request().method() === 'POST',
      );
      await page.getByTestId('blk-exempt-reason').fill('客户来电说明情况，放行一天');
      await page.getByTestId('blk-exempt-dialog-submit').click();
      expect((await exempted).status()).toBe(201);
      const entry = await (await page.request.get(`${server.url}/api/v1/blocklist/${entryId}`)).json();
      expect(entry.exemptions).toHaveLength(1);

      await page.getByTestId('cus-release').click();
      await page.getByTestId('blk-release-reason').fill('主管同意解除');
      await page.getByTestId('blk-release-dialog-submit').click();
      await page.getByTestId('cus-not-blocked').waitFor();
      await page.getByTestId('cus-block').waitFor();
      const released = await (await page.request.get(`${server.url}/api/v1/blocklist/${entryId}`)).json();
      expect(released.status).toBe('released');
    }, 120_000);

    test('logs a phone complaint with its text', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/complaints`);
      await page.getByTestId('cmp-log').click();
      await page.getByTestId('cmp-log-phone').fill('139 0013 9555');
      const text = '电话投诉：收到的商品是坏的，要求退货退款';
      await page.getByTestId('cmp-log-text').fill(text);
      await page.getByTestId('cmp-log-submit').click();
      await page.waitForURL(/\/complaints\/cmp_[0-9a-z]+$/);
      await expect.poll(() => page.getByTestId('cmp-detail-text').textContent()).toBe(text);
      expect(await page.getByTestId('cmp-reference').textContent()).toMatch(/^TS-\d{8}-\d{4}$/);
      await snap('warden-complaint-logged');
    }, 60_000);

    test("a message's 拉黑 starts the block form with its sender filled in", async () => {
      const { page } = browser;
      const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/messages');
      await page.goto(`${server.url}/messages`);
      await listed;
      await page.locator('[data-testid^="msg-row-"]').first().click();
      await page.getByTestId('msg-detail').waitFor();
      await page.getByTestId('msg-block').click();
      await expect
        .poll(() => page.getByTestId('blk-form-id-value').inputValue())
        .toMatch(/^\+86137001370\d{2}$/);
      await page.keyboard.press('Escape');
    }, 60_000);

    test('acknowledges the alerts at once', async () => {
      const { page } = browser;
      const listed = page.waitForResponse(
        (r) => r.url().includes('/api/v1/alerts?') && r.url().includes('status=open'),
      );
      await page.goto(`${server.url}/alerts`);
      await listed;
      const table = page.getByTestId('alert-table');
      // The watch rule's three, and what the SLA job raised about the late complaint meanwhile.
      await expect.poll(() => table.locator('tbody tr[data-row-key]').count()).toBeGreaterThanOrEqual(3);
      const n = await table.locator('tbody tr[data-row-key]').count();
      await table.locator('thead .ant-checkbox-input').check();
      await expect
        .poll(() => page.getByTestId('alert-bulk-ack').textContent()) // Full-width brackets in Chinese.
        .toMatch(new RegExp(`[(（]${n}[)）]`));
      await page.getByTestId('alert-bulk-ack').click();
      await expect.poll(() => table.textContent()).toContain(w.noAlerts);
      const wb = await workbenchAfter(() => page.getByTestId('nav-workbench').click());
      expect(wb.openAlerts.count).toBe(0);
    }, 60_000);
  },
);
