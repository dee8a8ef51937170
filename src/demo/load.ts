import type { AuditContext } from '../access/audit.js';
import type { App } from '../app.js';
import type { ManualClock } from '../core/clock.js';
import type { ScreenInput } from '../screening/model.js';
import { demoCustomers, demoEntries, pick, seeded, texts } from './data.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoSummary {
  customers: number;
  entries: number;
  rules: number;
  messages: number;
  complaints: number;
  surges: number;
  alerts: number;
}

/** The instance already holds data and `--force` was not given. */
export class DemoRefused extends Error {
  constructor(what: string) {
    super(`this instance is not empty (it has ${what}); give --force to load the demo data anyway`);
    this.name = 'DemoRefused';
  }
}

/** Whether anything a person would have entered exists: customers, entries, rules or messages. */
async function firstData(app: App, ctx: AuditContext): Promise<string | null> {
  if ((await app.rules.list()).length > 0) return 'rules';
  if ((await app.blocklist.list(ctx, { limit: 1 })).items.length > 0) return 'blocklist entries';
  if ((await app.customers.list(ctx, { limit: 1 })).items.length > 0) return 'customers';
  if ((await app.messages.list(ctx, { limit: 1 })).items.length > 0) return 'screened messages';
  return null;
}

interface Inbound {
  at: number;
  input: ScreenInput;
}

/**
 * Loads a week of a Chinese shop's customer service into `app`, through its
 * services (so everything is encrypted, indexed and audited as if typed in):
 * customers with VIPs, entries of every level and category, four rules (one in
 * shadow mode), a week of screened messages with complaints, a watch-rule
 * burst, an afternoon's logistics surge, resolved and overdue complaints, and
 * the alerts all that raises. `clock` is the app's clock; it walks from a week
 * ago to `now` so every record carries a believable time.
 */
export async function loadDemo(
  app: App,
  clock: ManualClock,
  ctx: AuditContext,
  options: { force?: boolean; now?: number; onProgress?: (line: string) => void } = {},
): Promise<DemoSummary> {
  const now = options.now ?? Date.now();
  const progress = options.onProgress ?? (() => {});
  const found = await firstData(app, ctx);
  if (found && !options.force) throw new DemoRefused(found);

  const start = Math.floor(now / HOUR) * HOUR - 7 * DAY;
  clock.set(start);
  const rnd = seeded(2026);

  // Customers.
  const customers = demoCustomers();
  const customerIds: string[] = [];
  for (const c of customers) {
    const { customer } = await app.customers.upsertByExternalId(ctx, c.externalId, {
      name: c.name,
      tier: c.tier,
      lifetimeValue: c.lifetimeValue,
      attributes: c.attributes,
      identifiers: [
        { type: 'phone', value: c.phone },
        ...(c.email ? [{ type: 'email' as const, value: c.email }] : []),
      ],
    });
    customerIds.push(customer.id);
  }
  progress(`customers: ${customers.length}`);

  // Rules: three enforced, one still proving itself in shadow mode.
  await app.rules.create(ctx, {
    name: '广告引流',
    stage: 'filter',
    mode: 'enforce',
    priority: 200,
    conditions: { all: [{ keywords: { list: ['加微信', '刷单', '日结', '代开发票'] } }] },
    actions: [{ type: 'mark_spam' }, { type: 'tag', value: '广告' }],
  });
  await app.rules.create(ctx, {
    name: '辱骂威胁',
    stage: 'filter',
    mode: 'enforce',
    priority: 150,
    conditions: { any: [{ keywords: { list: ['骗子', '等着瞧', '骂你们'] } }] },
    actions: [{ type: 'quarantine' }, { type: 'tag', value: '辱骂' }],
  });
  await app.rules.create(ctx, {
    name: '短时间大量消息',
    stage: 'watch',
    mode: 'enforce',
    conditions: { all: [{ messageCount: { gt: 15, windowSeconds: 3600 } }] },
    actions: [
      {
        type: 'add_to_blocklist',
        level: 1,
        category: 'harassment',
        durationSeconds: 604_800,
        status: 'pending',
      },
    ],
  });
  await app.rules.create(ctx, {
    name: '夜间退款催单',
    stage: 'filter',
    mode: 'shadow',
    conditions: {
      all: [
        { keywords: { list: ['退款'] } },
        { timeOfDay: { from: '23:00', to: '07:00', timeZone: 'Asia/Shanghai' } },
      ],
    },
    actions: [
      { type: 'set_priority', priority: 'P2' },
      { type: 'route', team: '售后夜班' },
    ],
  });
  progress('rules: 4 (one in shadow mode)');

  // Blocklist entries of every level and category.
  let entries = 0;
  for (const e of demoEntries) {
    const entry = await app.blocklist.create(ctx, {
      ...(e.customer !== undefined ? { customerId: customerIds[e.customer] } : { identifier: e.identifier }),
      level: e.level,
      category: e.category,
      reason: e.reason,
      ...(e.limit ? { limit: e.limit } : {}),
      ...(e.allowedChannels ? { allowedChannels: e.allowedChannels } : {}),
      ...(e.startsInDays ? { startsAt: start + e.startsInDays * DAY } : {}),
      ...(e.expiresInDays ? { expiresAt: start + e.expiresInDays * DAY } : {}),
      ...(e.status ? { status: e.status } : {}),
      // A key customer needs the explicit confirmation a supervisor gives in the console.
      confirm: true,
    });
    entries++;
    if (e.release) {
      await app.blocklist.release(ctx, entry.id, e.release);
      // A supervisor starts winning the released customer back.
      await app.winback.create(ctx, {
        entryId: entry.id,
        ownerId: null, // for a supervisor to take (the loader is no user)
        template: 'apology',
        locale: 'zh-CN',
        notes: '客户解除后第一次回访',
        satisfactionBefore: 2,
      });
    }
    if (e.exemptionDays)
      await app.blocklist.addExemption(ctx, entry.id, {
        from: start,
        until: now + e.exemptionDays * DAY,
        reason: '核实中，暂时放行',
      });
  }
  progress(`blocklist entries: ${entries}`);

  // A week of inbound messages, in time order.
  const inbound: Inbound[] = [];
  const channelOf = () => pick(rnd, ['sms', 'sms', 'chat', 'chat', 'app'] as const);
  const customerFrom = (i: number) => ({ phone: customers[i]?.phone ?? '' });
  const strangerPhone = () => `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
  for (let day = 0; day < 7; day++) {
    const dayStart = start + day * DAY;
    const at = () => dayStart + Math.floor(rnd() * DAY);
    for (let n = 0; n < 24; n++)
      inbound.push({
        at: at(),
        input: {
          channel: channelOf(),
          from: customerFrom(Math.floor(rnd() * customers.length)),
          text: pick(rnd, texts.inquiry),
        },
      });
    const categories = Object.keys(texts.complaints) as (keyof typeof texts.complaints)[];
    for (let n = 0; n < 7; n++) {
      const from =
        rnd() < 0.7 ? customerFrom(Math.floor(rnd() * customers.length)) : { phone: strangerPhone() };
      inbound.push({
        at: at(),
        input: { channel: channelOf(), from, text: pick(rnd, texts.complaints[pick(rnd, categories)]) },
      });
    }
    for (let n = 0; n < 5; n++)
      inbound.push({
        at: at(),
        input: {
          channel: 'sms',
          from: {
            phone: rnd() < 0.5 ? `170${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : strangerPhone(),
          },
          text: pick(rnd, texts.spam),
        },
      });
    inbound.push({
      at: at(),
      input: { channel: 'voice', from: { phone: '13700137001' }, text: pick(rnd, texts.abuse) },
    });
    inbound.push({
      at: at(),
      input: { channel: 'chat', from: { phone: '13700137003' }, text: pick(rnd, texts.abuse) },
    });
  }
  // Day 3, 21:00 (Beijing is UTC+8: 13:00Z): one sender floods the line; the watch rule proposes a block.
  const flooder = strangerPhone();
  for (let n = 0; n < 20; n++)
    inbound.push({
      at: start + 3 * DAY + 13 * HOUR + n * 90_000,
      input: { channel: 'sms', from: { phone: flooder }, text: `在吗？在吗？快回复我 ${n + 1}` },
    });
  // Yesterday afternoon: the logistics surge, many different people within an hour.
  const surgeHour = Math.floor((now - DAY) / HOUR) * HOUR - 4 * HOUR;
  for (let n = 0; n < 14; n++)
    inbound.push({
      at: surgeHour + 5 * 60_000 + n * 3 * 60_000,
      input: {
        channel: n % 3 === 0 ? 'app' : 'sms',
        from: n < 6 ? customerFrom(20 + n) : { phone: strangerPhone() },
        text: texts.surge[n % texts.surge.length] as string,
      },
    });
  inbound.sort((a, b) => a.at - b.at);

  const complaintIds = new Map<string, number>();
  let surges = 0;
  let hour = Math.floor(start / HOUR) * HOUR;
  const closeHoursUntil = async (t: number) => {
    // The surge job, as it would have run at the end of every hour.
    while (hour + HOUR <= t) {
      clock.set(hour + HOUR);
      surges += (await app.complaints.detectSurges(hour)).length;
      hour += HOUR;
    }
  };
  for (const m of inbound) {
    await closeHoursUntil(m.at);
    clock.set(m.at);
    const r = await app.screening.screen(m.input, { ctx });
    if (r.complaint && !complaintIds.has(r.complaint.id)) complaintIds.set(r.complaint.id, m.at);
  }
  await closeHoursUntil(now);
  progress(`messages: ${inbound.length}, complaints: ${complaintIds.size}, surges: ${surges}`);

  // Most complaints older than two days were worked to resolved; the rest are open, some past their SLA.
  for (const [id, at] of complaintIds) {
    if (at > now - 2 * DAY || rnd() < 0.3) continue;
    clock.set(at + 2 * HOUR);
    await app.complaints.update(ctx, id, { status: 'processing', note: '已联系客户，正在核实' });
    clock.set(at + 20 * HOUR);
    await app.complaints.update(ctx, id, { status: 'resolved', note: '已处理完毕，客户表示满意' });
  }
  clock.set(now);
  await app.complaints.escalateOverdue();
  await app.blocklist.raiseReviewReminders(now);

  const { openCount } = await app.alerts.list({ status: 'open', limit: 1 });
  return {
    customers: customers.length,
    entries,
    rules: 4,
    messages: inbound.length,
    complaints: complaintIds.size,
    surges,
    alerts: openCount,
  };
}
