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

interface ScreenAnswer {
  messageId: string;
  decision: string;
  customer: { id: string; tier: string } | null;
  complaint: { id: string; severity: number; priority: string } | null;
}

describe.skipIf(!chromium)('complaints console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    // English, so the screenshots are readable on a machine without a CJK font.
    // Tall enough that the complaint's page fits in one screenshot.
    browser = await launchBrowser(chromium as string, {
      locale: 'en-US',
      viewport: { width: 1440, height: 1200 },
    });
    const { page } = browser;
    await signInAt(page, server.url, '/complaints', admin);
    key = await createScreenKey(page, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const snap = async (name: string) => {
    await browser.page.waitForTimeout(600);
    await browser.page.screenshot({ path: `${shots}/${name}.png` });
  };

  test('a screened SMS complaint is queued, worked to resolved, and leads to the customer 360', async () => {
    const { page } = browser;

    // The customer the phone number belongs to (so the complaint has someone to open).
    const upsert = await page.request.put(`${server.url}/api/v1/customers/crm-8812`, {
      data: {
        name: 'Wang Fang',
        tier: 'vip',
        lifetimeValue: 12800,
        identifiers: [{ type: 'phone', value: '13800138000' }],
      },
    });
    expect(upsert.status(), await upsert.text()).toBe(201);

    const res = await page.request.post(`${server.url}/api/v1/screen`, {
      headers: { authorization: `Bearer ${key}` },
      data: { channel: 'sms', from: { phone: '13800138000' }, text: '你们再不退款我就去12315投诉，太差了！' },
    });
    expect(res.status(), await res.text()).toBe(200);
    const answer = (await res.json()) as ScreenAnswer;
    expect(answer.complaint, 'the answer carries the complaint').not.toBeNull();
    const complaint = answer.complaint as NonNullable<ScreenAnswer['complaint']>;
    expect(complaint.priority).toMatch(/^P[1-4]$/);
    expect(complaint.severity).toBeGreaterThan(0);
    expect(answer.customer?.id).toMatch(/^cus_/);
    const customerId = answer.customer?.id as string;

    // The queue: the complaint with its priority, a customer link and an SLA countdown.
    await page.reload();
    const row = page.getByTestId(`cmp-row-${complaint.id}`);
    await row.waitFor();
    expect(await row.getByTestId('cmp-priority').textContent()).toBe(complaint.priority);
    expect(await row.getByTestId('cmp-severity').textContent()).toContain(String(complaint.severity));
    expect(await row.getByTestId('cmp-category').textContent()).toBe('Billing / refund');
    // The customer as a person: name, masked phone, VIP and key-customer marks; the id only in the link.
    const who = row.getByTestId('cmp-customer');
    expect(await who.getAttribute('data-customer-id')).toBe(customerId);
    expect(await who.getByTestId('customer-name').textContent()).toBe('Wang Fang');
    expect(await who.getByTestId('customer-contact').textContent()).toBe('+86 138****8000');
    expect(await who.getByTestId('cus-tier').textContent()).toBe('VIP');
    expect(await who.getByTestId('customer-key').count()).toBe(1);
    expect(await who.textContent()).not.toContain(customerId);
    expect(await row.getByTestId('cmp-status').textContent()).toBe('Received');
    expect(await row.getByTestId('cmp-sla').textContent()).toMatch(/left|Overdue/);
    // A VIP's complaint waits in the senior queue.
    expect(await row.getByTestId('cmp-team').textContent()).toContain('Senior agents');
    await snap('warden-complaints-queue-en');

    // Filters: it is among the open complaints of its priority, and not among "mine" yet.
    await page.goto(`${server.url}/complaints?priority=${complaint.priority}`);
    await page.getByTestId(`cmp-row-${complaint.id}`).waitFor();
    await page.goto(`${server.url}/complaints?assignee=me`);
    await expect.poll(() => page.getByTestId('cmp-table').textContent()).toContain('No complaints match');

    // The detail: text with risk words marked, and the factors that made the severity.
    await page.goto(`${server.url}/complaints`);
    // The complaint's text opens it (the customer cell links to the customer).
    await page.getByTestId(`cmp-row-${complaint.id}`).getByTestId('cmp-text').click();
    await page.waitForURL(new RegExp(`/complaints/${complaint.id}$`));
    const factors = page.getByTestId('cmp-factors');
    await factors.waitFor();
    expect(await factors.textContent()).toContain('Risk words');
    expect(
      await page.getByTestId('cmp-factor-risk_words').getByTestId('cmp-factor-points').textContent(),
    ).toMatch(/^\+\d+$/);
    expect(await page.getByTestId('cmp-factor-vip_tier').textContent()).toContain('Tier VIP');
    const risk = (await page.getByTestId('cmp-risk-words').textContent()) ?? '';
    for (const word of ['12315', '投诉', '退款']) expect(risk).toContain(word);
    expect(await page.getByTestId('cmp-risk-mark').allTextContents()).toEqual(
      expect.arrayContaining(['12315', '投诉', '退款']),
    );
    expect(await page.getByTestId('cmp-detail-text').textContent()).toBe(
      '你们再不退款我就去12315投诉，太差了！',
    );
    expect(await page.getByTestId('cmp-detail').getByTestId('cmp-priority').textContent()).toBe(
      complaint.priority,
    );
    await page.getByTestId('cmp-event-created').waitFor();
    await snap('warden-complaint-detail-en');

    // Assign it to me.
    await page.getByTestId('cmp-assign').click();
    await page.getByTestId('cmp-assign-me').click();
    // People by name, not e-mail or id: the admin made from WARDEN_ADMIN_* is "Administrator".
    await expect.poll(() => page.getByTestId('cmp-assign').textContent()).toContain('Administrator (you)');
    await page.getByTestId('cmp-event-assigned').waitFor();

    // received → processing → resolved, each with a note; only allowed moves are offered.
    expect(await page.getByTestId('cmp-moves').locator('button').allTextContents()).toEqual([
      'Start processing',
    ]);
    await page.getByTestId('cmp-move-processing').click();
    await page.getByTestId('cmp-move-note').fill('Called the customer; refund approved');
    await page.getByTestId('cmp-move-submit').click();
    await expect
      .poll(() => page.getByTestId('cmp-detail').getByTestId('cmp-status').textContent())
      .toBe('Processing');
    await expect
      .poll(() => page.getByTestId('cmp-moves').locator('button').allTextContents())
      .toEqual(['Mark resolved']);
    await page.getByTestId('cmp-move-resolved').click();
    await page.getByTestId('cmp-move-note').fill('Refund of 199 sent');
    await page.getByTestId('cmp-move-submit').click();
    await expect
      .poll(() => page.getByTestId('cmp-detail').getByTestId('cmp-status').textContent())
      .toBe('Resolved');
    expect(await page.getByTestId('cmp-moves').locator('button').allTextContents()).toEqual([
      'Close',
      'Reopen',
    ]);
    expect(await page.getByTestId('cmp-sla-result').textContent()).toBe('Resolved in time');

    // The timeline: created, assigned, both status moves with their notes, and the notifications.
    const timeline = page.getByTestId('cmp-timeline');
    await expect.poll(() => timeline.getByTestId('cmp-event-status').count()).toBe(2);
    const statusEvents = await timeline.getByTestId('cmp-event-status').allTextContents();
    expect(statusEvents[0]).toContain('from “Processing” to “Resolved”');
    expect(statusEvents[0]).toContain('Refund of 199 sent');
    expect(statusEvents[1]).toContain('from “Received” to “Processing”');
    expect(statusEvents[1]).toContain('Called the customer; refund approved');
    expect(await timeline.getByTestId('cmp-event-assigned').textContent()).toContain('Administrator (you)');
    expect(await timeline.getByTestId('cmp-event-created').count()).toBe(1);
    // received, processing and resolved notices to the customer, each with its delivery state.
    await expect.poll(() => timeline.getByTestId('cmp-event-notification').count()).toBeGreaterThanOrEqual(3);
    expect(await timeline.getByTestId('cmp-delivery-status').first().textContent()).toMatch(
      /Delivered|Pending|Failed/,
    );
    await snap('warden-complaint-resolved-en');

    // The customer 360, from the complaint.
    await page.getByTestId('cmp-customer-link').click();
    await page.waitForURL(new RegExp(`/customers/${customerId}$`));
    await page.getByTestId('cus-360').waitFor();
    expect(await page.getByTestId('cus-name').textContent()).toBe('Wang Fang');
    expect(await page.getByTestId('cus-tier').textContent()).toBe('VIP');
    expect(await page.getByTestId('cus-identifiers').textContent()).toContain('+8613800138000');
    expect(await page.getByTestId('cus-not-blocked').textContent()).toBe('Not blocked');
    await page.getByTestId(`cus-complaint-${complaint.id}`).waitFor();
    expect(await page.getByTestId('cus-complaints-open').textContent()).toContain('0');
    expect(await page.getByTestId('cus-complaints-total').textContent()).toContain('1');
    await page.getByTestId('cus-complaints-by-channel').locator('canvas').waitFor();
    expect(await page.getByTestId('cus-messages').textContent()).toContain('12315');
    await snap('warden-customer-360-en');

    // The look-up by phone number finds the same customer.
    await page.goto(`${server.url}/customers`);
    await page.getByTestId('cus-search').locator('input').fill('138 0013 8000');
    await page.getByTestId('cus-search').locator('input').press('Enter');
    await page.waitForURL(/identifier=phone/);
    await page.getByTestId(`cus-row-${customerId}`).waitFor();
    await snap('warden-customers-en');
    await page.getByTestId(`cus-row-${customerId}`).click();
    await page.waitForURL(new RegExp(`/customers/${customerId}$`));

    // The dashboard: complaint and blocking charts, SLA met, and the open counters.
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL(`${server.url}/dashboard`);
    await page.getByTestId('dash-complaints-per-day').locator('canvas').waitFor();
    await page.getByTestId('dash-risk-words').locator('canvas').waitFor();
    await page.getByTestId('dash-blocking').locator('canvas').waitFor();
    expect(await page.getByTestId('dash-sla').textContent()).toContain('1 of 1 resolved in time');
    expect(await page.getByTestId('dash-open-complaints').textContent()).toContain('0');
    expect(await page.getByTestId('dash-complaints-total').textContent()).toContain('1');
    await page.getByTestId('dash-range').getByText('Last 7 days').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Dashboard');
    await snap('warden-dashboard-en');
    // Opened by its address, the same page (`/` is the workbench).
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('dash-counters').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('Dashboard');

    // In Chinese: the complaint's status and category in the reader's language.
    await page.goto(`${server.url}/complaints/${complaint.id}`);
    await page.getByTestId('lang-zh-CN').click();
    await expect
      .poll(() => page.getByTestId('cmp-detail').getByTestId('cmp-status').textContent())
      .toBe('已解决');
    expect(await page.getByTestId('cmp-detail').getByTestId('cmp-category').textContent()).toBe('账单/退款');
    expect(await page.getByTestId('cmp-factors').textContent()).toContain('风险词');
    await page.getByTestId('lang-en').click();
  }, 180_000);

  test('a supervisor dispatches: the unassigned tab, two complaints to an agent by name at once, her "mine" tab', async () => {
    const { page } = browser;
    const people = {
      agent: { email: 'li.na@warden.test', name: 'Li Na', role: 'agent', password: 'correct-horse-43' },
      supervisor: {
        email: 'zhao.lei@warden.test',
        name: 'Zhao Lei',
        role: 'supervisor',
        password: 'correct-horse-44',
      },
    };
    const ids: Record<string, string> = {};
    for (const [k, u] of Object.entries(people)) {
      const res = await page.request.post(`${server.url}/api/v1/users`, { data: u });
      expect(res.status(), await res.text()).toBe(201);
      ids[k] = ((await res.json()) as { id: string }).id;
    }
    const complaintIds: string[] = [];
    for (const phone of ['13900139101', '13900139102']) {
      const res = await page.request.post(`${server.url}/api/v1/complaints`, {
        data: { channel: 'voice', from: { phone }, text: '快递一个星期还没到，打电话也没人管，我要投诉' },
      });
      expect(res.status(), await res.text()).toBe(201);
      complaintIds.push(((await res.json()) as { id: string }).id);
    }

    // The supervisor has no user administration, yet can dispatch.
    await page.request.post(`${server.url}/api/v1/auth/logout`);
    await signInAt(page, server.url, '/complaints', people.supervisor);
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    await page.getByTestId('cmp-tab-unassigned').click();
    await page.waitForURL(/assignee=none/);
    for (const id of complaintIds) {
      const row = page.getByTestId(`cmp-row-${id}`);
      await row.waitFor();
      await row.locator('.ant-checkbox-input').check();
    }
    await expect.poll(() => page.getByTestId('cmp-bulk').textContent()).toContain('2 selected');
    await page.getByTestId('cmp-bulk-assign').click();
    await page.getByTestId(`cmp-bulk-assign-user-${ids.agent}`).click();
    // Assigned: they leave the unassigned tab.
    await expect.poll(() => page.getByTestId(`cmp-row-${complaintIds[0]}`).count()).toBe(0);
    expect(await page.getByTestId(`cmp-row-${complaintIds[1]}`).count()).toBe(0);
    await page.getByTestId('cmp-tab-all').click();
    for (const id of complaintIds)
      await expect.poll(() => page.getByTestId(`cmp-assign-${id}`).textContent()).toContain('Li Na');
    await snap('warden-complaints-dispatched-en');

    // The agent finds them under "mine".
    await page.request.post(`${server.url}/api/v1/auth/logout`);
    await signInAt(page, server.url, '/complaints', people.agent);
    await page.getByTestId('cmp-tab-mine').click();
    await page.waitForURL(/assignee=me/);
    for (const id of complaintIds) await page.getByTestId(`cmp-row-${id}`).waitFor();
  }, 180_000);

  test('a blocked sender threatening 12315 still appears as a complaint, tagged, and the queue filters on it', async () => {
    const { page } = browser;
    // As the admin again (the test before ends signed in as an agent, who may not block).
    await page.request.post(`${server.url}/api/v1/auth/logout`);
    await signInAt(page, server.url, '/complaints', admin);
    const phone = '13900001234';
    const blocked = await page.request.post(`${server.url}/api/v1/blocklist`, {
      data: {
        identifier: { type: 'phone', value: phone },
        category: 'harassment',
        reason: '多次辱骂客服',
      },
    });
    expect(blocked.status(), await blocked.text()).toBe(201);
    const threat = '再不给我处理我就去12315投诉，还要找媒体曝光你们';
    const res = await page.request.post(`${server.url}/api/v1/screen`, {
      headers: { authorization: `Bearer ${key}` },
      data: { channel: 'sms', from: { phone }, text: threat },
    });
    expect(res.status(), await res.text()).toBe(200);
    const answer = (await res.json()) as ScreenAnswer;
    expect(answer.decision, 'the block decision is unchanged').toBe('block');
    expect(answer.complaint, 'the threat is still a complaint').not.toBeNull();
    const id = answer.complaint?.id as string;
    // An ordinary complaint from a sender who is not blocked, for the filter to leave out.
    const other = await page.request.post(`${server.url}/api/v1/screen`, {
      headers: { authorization: `Bearer ${key}` },
      data: { channel: 'sms', from: { phone: '13900005678' }, text: '快递一个星期了还没到，我要投诉' },
    });
    const otherId = ((await other.json()) as ScreenAnswer).complaint?.id as string;
    expect(otherId).toMatch(/^cmp_/);

    // The queue: the complaint carries the tag; the other does not.
    await page.goto(`${server.url}/complaints?status=all`);
    const row = page.getByTestId(`cmp-row-${id}`);
    await row.waitFor();
    expect(await row.getByTestId('cmp-blocked-sender').textContent()).toBe('Blocked sender');
    await page.getByTestId(`cmp-row-${otherId}`).waitFor();
    expect(await page.getByTestId(`cmp-row-${otherId}`).getByTestId('cmp-blocked-sender').count()).toBe(0);

    // The filter "from a blocked sender" keeps it and drops the other, and says so in the URL.
    await chooseOption(page, 'cmp-filter-blocked-sender', 'From a blocked sender');
    await page.waitForURL(/fromBlockedSender=true/);
    await expect.poll(() => page.getByTestId(`cmp-row-${otherId}`).count()).toBe(0);
    await page.getByTestId(`cmp-row-${id}`).waitFor();
    await snap('warden-complaints-blocked-filter-en');
    await page.goto(`${server.url}/complaints?status=all&fromBlockedSender=false`);
    await page.getByTestId(`cmp-row-${otherId}`).waitFor();
    expect(await page.getByTestId(`cmp-row-${id}`).count()).toBe(0);

    // The detail shows the tag beside the priority.
    await page.goto(`${server.url}/complaints/${id}`);
    const detail = page.getByTestId('cmp-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('cmp-blocked-sender').textContent()).toBe('Blocked sender');
    expect(await page.getByTestId('cmp-detail-text').textContent()).toBe(threat);
  }, 120_000);
});
