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
  reasons: { kind: string; name?: string }[];
}

describe.skipIf(!chromium)('screening console (Chromium against the built server)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    server = await startServerProcess({ admin });
    // English, so the screenshots are readable on a machine without a CJK font.
    browser = await launchBrowser(chromium as string, { locale: 'en-US' });
    const { page } = browser;
    await signInAt(page, server.url, '/rules', admin);
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

  const screen = async (text: string, phone: string): Promise<ScreenAnswer> => {
    const res = await browser.page.request.post(`${server.url}/api/v1/screen`, {
      headers: { authorization: `Bearer ${key}` },
      data: { channel: 'sms', source: 'aliyun-sms', from: { phone }, text },
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as ScreenAnswer;
  };

  test('a keyword rule made in the editor marks spam; agents mark messages; stats and trial count it', async () => {
    const { page } = browser;
    const innocent = await screen('你好，我的订单什么时候发货？', '+86 138 0013 8001');
    expect(innocent.decision).toBe('allow');

    // The editor: keywords pasted as a list, mark spam and tag "ad". A new rule starts
    // safe: shadow mode on and no action chosen, so saving it as it is asks for one.
    await page.getByTestId('rule-new').click();
    await page.waitForURL(/\/rules\/new$/);
    await page.getByTestId('rule-name').fill('Ads to WeChat');
    await page.getByTestId('rule-cond-0-keywords').fill('加微信\n刷单');
    await expect
      .poll(() => page.getByTestId('rule-cond-0-keywords-count').textContent())
      .toContain('2 keyword(s)');
    expect(await page.getByTestId('rule-shadow').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('rule-act-0').count()).toBe(0);
    await page.getByTestId('rule-save').click();
    await expect
      .poll(() => page.getByTestId('rule-actions').textContent())
      .toContain('Add at least one action');
    expect(page.url()).toMatch(/\/rules\/new$/);
    await page.getByTestId('rule-act-add').click();
    await page.getByTestId('rule-act-add-mark_spam').click();
    await page.getByTestId('rule-act-add').click();
    await page.getByTestId('rule-act-add-tag').click();
    await page.getByTestId('rule-act-1-value').fill('ad');

    // A server field error lands on the input it is about: an unsafe regex on row 1's pattern.
    await page.getByTestId('rule-cond-add').click();
    await chooseOption(page, 'rule-cond-1-type', 'Regular expression');
    await page.getByTestId('rule-cond-1-pattern').fill('(a+)+$');
    await page.getByTestId('rule-save').click();
    const patternError = page.getByTestId('rule-cond-1').locator('.ant-form-item-explain-error');
    await expect.poll(() => patternError.count()).toBeGreaterThan(0);
    expect(await patternError.first().textContent()).toMatch(/quantifier|backtrack/i);
    await snap('warden-rule-editor-error-en');
    await page.getByTestId('rule-cond-1-remove').click();

    // Trusted at once here: shadow off, so it acts on the next message.
    await page.getByTestId('rule-shadow').click();
    await page.getByTestId('rule-save').click();
    await page.waitForURL(/\/rules\/rul_[0-9a-z]+$/);
    const ruleId = page.url().split('/').pop() as string;
    await snap('warden-rule-editor-en');

    // Spaces between the characters do not hide the keyword.
    const spam = await screen('加 微 信领红包', '+86 139 0013 9002');
    expect(spam.decision).toBe('spam');
    expect(spam.reasons.map((r) => r.name)).toContain('Ads to WeChat');

    // Messages: the spam with the rule as its reason; mark the other one as not spam.
    await page.getByTestId('nav-messages').click();
    await page.waitForURL(/\/messages$/);
    const spamRow = page.getByTestId(`msg-row-${spam.messageId}`);
    await spamRow.waitFor();
    expect(await spamRow.getByTestId('msg-decision').textContent()).toBe('Spam');
    expect(await spamRow.getByTestId('msg-reasons').textContent()).toContain('Ads to WeChat');
    // The sender is masked in the list.
    expect(await spamRow.getByTestId('msg-sender').textContent()).toBe('+86 139****9002');
    const okRow = page.getByTestId(`msg-row-${innocent.messageId}`);
    await okRow.getByTestId('msg-mark-not_spam').click();
    await expect.poll(() => okRow.getByTestId('msg-mark').textContent()).toBe('Not spam');
    await snap('warden-messages-en');
    // It holds after a reload (the server has it, not just the screen).
    await page.reload();
    await expect
      .poll(() => page.getByTestId(`msg-row-${innocent.messageId}`).getByTestId('msg-mark').textContent())
      .toBe('Not spam');
    // The detail drawer shows the full sender and why.
    await page.getByTestId(`msg-row-${spam.messageId}`).click();
    const detail = page.getByTestId('msg-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('+8613900139002');
    expect(await detail.textContent()).toContain('Ads to WeChat');
    await snap('warden-message-detail-en');
    await page.keyboard.press('Escape');

    // The date filter shows and means days in the reader's chosen zone, like the table's times:
    // 5 December in Shanghai runs from 16:00 UTC on the 4th to 15:59:59.999 UTC on the 5th.
    // The range picker puts its data-testid on both of its inputs (start, end).
    const dates = page.locator('input[data-testid="msg-filter-dates"]');
    const shanghaiDay = `${server.url}/messages?from=2026-12-04T16%3A00%3A00.000Z&to=2026-12-05T15%3A59%3A59.999Z`;
    await page.evaluate("localStorage.setItem('warden.timeZone', 'Asia/Shanghai')");
    await page.goto(shanghaiDay);
    await expect.poll(() => dates.nth(0).inputValue()).toBe('2026-12-05');
    expect(await dates.nth(1).inputValue()).toBe('2026-12-05');
    // The same filter read in UTC spans two days.
    await page.evaluate("localStorage.setItem('warden.timeZone', 'UTC')");
    await page.goto(shanghaiDay);
    await expect.poll(() => dates.nth(0).inputValue()).toBe('2026-12-04');
    expect(await dates.nth(1).inputValue()).toBe('2026-12-05');
    await page.evaluate("localStorage.removeItem('warden.timeZone')");
    await page.goto(`${server.url}/messages`);

    // Rules list: one hit for the rule.
    await page.getByTestId('nav-rules').click();
    await page.waitForURL(/\/rules$/);
    await expect.poll(() => page.getByTestId(`rule-stats-${ruleId}`).textContent()).toContain('1 hit(s)');
    await snap('warden-rules-en');

    // The rule's page: the same stats, and a trial run over the stored messages.
    await page.getByTestId(`rule-row-${ruleId}`).click();
    await page.waitForURL(new RegExp(`/rules/${ruleId}$`));
    await expect
      .poll(() => page.getByTestId('rule-stats-panel').getByTestId('rule-stats-hits').textContent())
      .toBe('1 hit(s)');
    await page.getByTestId('rule-trial-run').click();
    await expect
      .poll(() => page.getByTestId('rule-trial-result').textContent())
      .toContain('Would have matched 1 of 2 messages in the last 7 days');
    expect(await page.getByTestId('rule-trial-samples').textContent()).toContain('加 微 信领红包');
    await page.getByTestId('rule-trial-samples').scrollIntoViewIfNeeded();
    await snap('warden-rule-trial-en');
  }, 180_000);

  test('a watch rule proposes a blocklist entry: it waits in approvals and raises an alert', async () => {
    const { page } = browser;
    const res = await page.request.post(`${server.url}/api/v1/rules`, {
      data: {
        name: 'Scam threats',
        stage: 'watch',
        mode: 'enforce',
        conditions: { all: [{ keywords: { list: ['骗子'] } }] },
        actions: [{ type: 'add_to_blocklist', level: 1, category: 'harassment', status: 'pending' }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    await screen('你们都是骗子', '+86 137 0013 7003');

    // The header's bell counts the open alert (polled; a reload fetches it now).
    await page.getByTestId('nav-alerts').click();
    await page.waitForURL(/\/alerts$/);
    const title = page.getByTestId('alert-title').first();
    await expect
      .poll(() => title.textContent())
      .toContain('Rule “Scam threats” added a sender to the blocklist');
    await expect.poll(() => page.getByTestId('nav-alerts-count').textContent()).toContain('1');
    await snap('warden-alerts-en');
    // Acknowledged with the bulk action: select, then "Acknowledge selected".
    await page
      .getByTestId('alert-table')
      .locator('tbody tr[data-row-key] .ant-checkbox-input')
      .first()
      .check();
    await expect.poll(() => page.getByTestId('alert-bulk-ack').textContent()).toContain('(1)');
    await page.getByTestId('alert-bulk-ack').click();
    await expect.poll(() => page.getByTestId('alert-table').textContent()).toContain('No alerts');

    // Approvals: the entry with the rule that proposed it; approve with a note.
    await page.getByTestId('nav-blocklist').click();
    await page.getByTestId('nav-blocklist-approvals').click();
    await page.waitForURL(/\/blocklist\/approvals$/);
    const table = page.getByTestId('approvals-table');
    await expect.poll(() => table.getByTestId('approval-rule').first().textContent()).toBe('Scam threats');
    await snap('warden-approvals-en');
    await table.getByRole('button', { name: 'Approve' }).first().click();
    await page.getByTestId('blk-approve-dialog').locator('textarea').fill('Confirmed with the team lead');
    await page.getByTestId('blk-approve-dialog-submit').click();
    await expect.poll(() => table.textContent()).toContain('Nothing awaits approval');
  });

  test('consents: opting a number out makes the outbound check refuse marketing', async () => {
    const { page } = browser;
    await page.getByTestId('nav-consents').click();
    await page.waitForURL(/\/consents$/);
    await page.getByTestId('consent-id-value').fill('13800138005');
    await page.getByTestId('consent-lookup-submit').click();
    await expect.poll(() => page.getByTestId('consent-status-tag').textContent()).toContain('No record');
    await page.getByTestId('consent-opt-out').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByTestId('consent-status-tag').textContent()).toBe('Opted out');

    await page.getByTestId('outbound-to').fill('+86 138 0013 8005');
    await page.getByTestId('outbound-submit').click();
    const result = page.getByTestId('outbound-result');
    await expect.poll(() => result.textContent()).toContain('Must not be sent');
    expect(await result.textContent()).toContain('Opted out');
    await snap('warden-consents-en');
  });
});
