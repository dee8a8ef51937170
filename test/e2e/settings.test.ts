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

interface Settings {
  version: number;
  settings: { routing: { slaHours: Record<string, number> }; riskWords: { add: Record<string, string[]> } };
}

/**
 * An admin changes the team's settings in the console — a risk word and an
 * SLA — saves, and the change is in force at once: /analyze counts the word
 * and a new complaint gets the new SLA. A blocked sender's alarming message
 * shows in the queue and on its page with the blocked-sender tag.
 */
describe.skipIf(!chromium)('settings console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    browser = await launchBrowser(chromium as string, {
      locale: 'en-US',
      viewport: { width: 1440, height: 1200 },
    });
    await signInAt(browser.page, server.url, '/settings', admin);
    key = await createScreenKey(browser.page, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const snap = async (name: string) => {
    await browser.page.waitForTimeout(600);
    await browser.page.screenshot({ path: `${shots}/${name}.png` });
  };
  const analyze = async (text: string) => {
    const res = await browser.page.request.post(`${server.url}/api/v1/analyze`, { data: { text } });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as { riskWords: string[] };
  };

  test('a risk word and an SLA changed on the settings page are in force after saving', async () => {
    const { page } = browser;
    expect(await page.getByTestId('page-title').textContent()).toBe('Complaint and opt-out settings');
    await page.getByTestId('nav-settings').waitFor();
    expect(await page.getByTestId('settings-version').textContent()).toContain('Version 0');
    expect((await analyze('我要去上访')).riskWords).not.toContain('上访');

    // A legal risk word.
    await page.getByTestId('settings-risk-add-legal').click();
    await page.keyboard.type('上访');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-risk-add-legal').getByText('上访').waitFor();

    // P3's SLA from 24 to 12 hours.
    await page.getByRole('tab', { name: 'Routing and SLA' }).click();
    const p3 = page.getByTestId('settings-sla-P3');
    await p3.waitFor();
    await p3.fill('12');
    await p3.press('Tab');
    await snap('warden-settings-en');

    await page.getByTestId('settings-save').click();
    await page.getByText('Saved; version 1 is in force').waitFor();
    await page.getByTestId('settings-version').getByText('Version 1', { exact: false }).waitFor();

    const stored = await page.request.get(`${server.url}/api/v1/settings/complaints`);
    const s = (await stored.json()) as Settings;
    expect(s.version).toBe(1);
    expect(s.settings.routing.slaHours.P3).toBe(12);
    expect(s.settings.riskWords.add.legal).toEqual(['上访']);
    expect((await analyze('我要去上访')).riskWords).toContain('上访');

    // A new complaint is due by the new SLA of its priority.
    const created = await page.request.post(`${server.url}/api/v1/complaints`, {
      data: { channel: 'phone', from: { phone: '13700000001' }, text: '快递一直没到' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const c = (await created.json()) as { priority: string; slaDueAt: string; createdAt: string };
    const hours = { P1: 2, P2: 8, P3: 12, P4: 72 }[c.priority] ?? 0;
    expect(Date.parse(c.slaDueAt) - Date.parse(c.createdAt)).toBe(hours * 3_600_000);

    // A bad value is refused with the field named, and nothing changes.
    await p3.fill('100');
    await p3.press('Tab');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-errors').waitFor();
    expect(await page.getByTestId('settings-errors').textContent()).toContain('/routing/slaHours/P4');
    const after = (await (
      await page.request.get(`${server.url}/api/v1/settings/complaints`)
    ).json()) as Settings;
    expect(after.version).toBe(1);
    await page.getByTestId('settings-reset').click();
  });

  test('a blocked sender threatening the regulator shows with the blocked-sender tag', async () => {
    const { page } = browser;
    const entry = await page.request.post(`${server.url}/api/v1/blocklist`, {
      data: {
        identifier: { type: 'phone', value: '13900000001' },
        category: 'harassment',
        reason: '辱骂客服',
      },
    });
    expect(entry.status(), await entry.text()).toBe(201);
    const res = await page.request.post(`${server.url}/api/v1/screen`, {
      headers: { authorization: `Bearer ${key}` },
      data: { channel: 'sms', from: { phone: '13900000001' }, text: '不处理我就去12315投诉，还要找媒体曝光' },
    });
    const answer = (await res.json()) as { decision: string; complaint: { id: string } | null };
    expect(answer.decision).toBe('block');
    const id = answer.complaint?.id as string;
    expect(id).toMatch(/^cmp_/);

    await page.goto(`${server.url}/complaints`);
    const row = page.getByTestId(`cmp-row-${id}`);
    await row.waitFor();
    expect(await row.getByTestId('cmp-blocked-sender').textContent()).toBe('Blocked sender');
    await snap('warden-complaints-blocked-sender-en');

    await page.goto(`${server.url}/complaints/${id}`);
    await page.getByTestId('cmp-detail').waitFor();
    expect(await page.getByTestId('cmp-blocked-sender').textContent()).toBe('Blocked sender');
    expect(await page.getByTestId('cmp-reference').textContent()).toMatch(/^TS-\d{8}-\d{4}/);
  });

  test('a category added on the settings page classifies a screened message, and the queue shows its label', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/settings`);
    await page.getByRole('tab', { name: 'Categories and teams' }).click();
    // The form refuses a bad key before anything is sent.
    await page.getByTestId('settings-new-category-key').fill('Insurance-Claim');
    await page.getByTestId('settings-new-category-zh').fill('保险理赔');
    await page.getByTestId('settings-new-category-en').fill('Insurance claim');
    await page.getByTestId('settings-new-category-team').fill('claims-desk');
    await page.getByTestId('settings-new-category-add').click();
    expect(await page.getByTestId('settings-new-category-error').textContent()).toContain('a-z, 0-9');
    await page.getByTestId('settings-new-category-key').fill('insurance_claim');
    await page.getByTestId('settings-new-category-add').click();
    await page.getByTestId('settings-category-insurance_claim').waitFor();
    await page.getByTestId('settings-words-insurance_claim').click();
    await page.keyboard.type('理赔');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-words-insurance_claim').getByText('理赔').waitFor();
    await snap('warden-settings-category-en');
    const before = (await (await page.request.get(`${server.url}/api/v1/settings/complaints`)).json()) as {
      version: number;
    };
    await page.getByTestId('settings-save').click();
    await page.getByText(`Saved; version ${before.version + 1} is in force`).waitFor();

    const res = await page.request.post(`${server.url}/api/v1/screen`, {
      headers: { authorization: `Bearer ${key}` },
      data: { channel: 'sms', from: { phone: '13700000077' }, text: '理赔申请一个月了还没人处理，我要投诉' },
    });
    const answer = (await res.json()) as { complaint: { id: string } | null };
    const id = answer.complaint?.id as string;
    expect(id).toMatch(/^cmp_/);

    await page.goto(`${server.url}/complaints`);
    const row = page.getByTestId(`cmp-row-${id}`);
    await row.waitFor();
    expect(await row.getByTestId('cmp-category').textContent()).toBe('Insurance claim');
    expect(await row.getByTestId('cmp-team').textContent()).toContain('claims-desk');
    // The category filter offers it by its label, and keeps the complaint.
    await chooseOption(page, 'cmp-filter-category', 'Insurance claim');
    await page.waitForURL(/category=insurance_claim/);
    await page.getByTestId(`cmp-row-${id}`).waitFor();
    await page.goto(`${server.url}/complaints/${id}`);
    expect(await page.getByTestId('cmp-detail').getByTestId('cmp-category').textContent()).toBe(
      'Insurance claim',
    );
  });
});
