import { describe, expect, it } from 'vitest';
import { analyze } from './analysis/analyze.js';
import { defaultComplaintSettings } from './settings.js';
import { priorityOf, type SeverityInput, scoreSeverity } from './severity.js';

const s = defaultComplaintSettings.severity;
const H = 3_600_000;
const calm: SeverityInput = {
  sentiment: 0,
  riskWords: [],
  tier: null,
  recentComplaints: 1,
  channels: ['sms'],
  waitedMs: 0,
  slaMs: 0,
};

// base 10; sentiment −0.3 → 10, −0.6 → 25; risk words without a weight of their own 5 each, cap 10;
// signal kinds threat 40, safety 30, media 15, regulator 10, legal 10, together at most 50; vip 20, svip 30;
// frequency ≥3 in 30 d → 15 (+5 each more, cap 25); 2+ channels → 20; half SLA 5, overdue 15.
// P1 ≥ 80, P2 ≥ 45, P3 ≥ 30, else P4.
const cases: [string, Partial<SeverityInput>, number, string, string[]][] = [
  ['a calm complaint is base only', {}, 10, 'P4', ['base']],
  ['mildly negative', { sentiment: -0.3 }, 20, 'P4', ['base', 'sentiment']],
  ['just above the negative line adds nothing', { sentiment: -0.29 }, 10, 'P4', ['base']],
  ['strongly negative', { sentiment: -0.6 }, 35, 'P3', ['base', 'sentiment']],
  ['furious', { sentiment: -1 }, 35, 'P3', ['base', 'sentiment']],
  ['one risk word', { riskWords: ['投诉'] }, 15, 'P4', ['base', 'risk_words']],
  [
    'a risk word and a regulator',
    { riskWords: ['投诉', '12315'] },
    25,
    'P4',
    ['base', 'risk_words', 'regulator'],
  ],
  [
    'each kind of signal counts once',
    { riskWords: ['投诉', '12315', '曝光', '律师', '起诉'] },
    50,
    'P2',
    ['base', 'risk_words', 'media', 'regulator', 'legal'],
  ],
  ['vip tier', { tier: 'vip' }, 30, 'P3', ['base', 'vip_tier']],
  ['svip tier', { tier: 'svip' }, 40, 'P3', ['base', 'vip_tier']],
  ['an unlisted tier adds nothing', { tier: 'standard' }, 10, 'P4', ['base']],
  ['two complaints in the window is not yet frequent', { recentComplaints: 2 }, 10, 'P4', ['base']],
  ['three complaints in the window', { recentComplaints: 3 }, 25, 'P4', ['base', 'frequency']],
  ['five complaints', { recentComplaints: 5 }, 35, 'P3', ['base', 'frequency']],
  ['frequency is capped', { recentComplaints: 40 }, 35, 'P3', ['base', 'frequency']],
  ['same issue on two channels', { channels: ['sms', 'voice'] }, 30, 'P3', ['base', 'multi_channel']],
  ['the same channel twice is one channel', { channels: ['sms', 'sms'] }, 10, 'P4', ['base']],
  ['waited under half the SLA', { waitedMs: 3 * H, slaMs: 8 * H }, 10, 'P4', ['base']],
  ['waited half the SLA', { waitedMs: 4 * H, slaMs: 8 * H }, 15, 'P4', ['base', 'waiting']],
  ['overdue', { waitedMs: 9 * H, slaMs: 8 * H }, 25, 'P4', ['base', 'sla_overdue']],
  [
    'angry vip with risk words on two channels',
    { sentiment: -0.8, riskWords: ['投诉', '12315'], tier: 'vip', channels: ['sms', 'chat'] },
    90,
    'P1',
    ['base', 'sentiment', 'risk_words', 'regulator', 'vip_tier', 'multi_channel'],
  ],
  [
    'everything at once is capped at 100',
    {
      sentiment: -1,
      riskWords: ['a', 'b', 'c', 'd'],
      tier: 'svip',
      recentComplaints: 9,
      channels: ['sms', 'chat', 'voice'],
      waitedMs: 10 * H,
      slaMs: 2 * H,
    },
    100,
    'P1',
    ['base', 'sentiment', 'risk_words', 'vip_tier', 'frequency', 'multi_channel', 'sla_overdue'],
  ],
  [
    'negative with one risk word',
    { sentiment: -0.4, riskWords: ['退款'] },
    25,
    'P4',
    ['base', 'sentiment', 'risk_words'],
  ],
  [
    'strongly negative with media exposure reaches P2',
    { sentiment: -0.7, riskWords: ['投诉', '曝光'] },
    55,
    'P2',
    ['base', 'sentiment', 'risk_words', 'media'],
  ],
];

describe('scoreSeverity', () => {
  it.each(cases)('%s', (_name, input, severity, priority, names) => {
    const r = scoreSeverity({ ...calm, ...input }, s);
    expect(r.severity).toBe(severity);
    expect(r.priority).toBe(priority);
    expect(r.factors.map((f) => f.name)).toEqual(names);
    expect(r.factors.every((f) => f.points > 0 && f.detail.length > 0)).toBe(true);
  });

  it('explains risk words and channels in the factor detail', () => {
    const r = scoreSeverity({ ...calm, riskWords: ['投诉', '12315'], channels: ['voice', 'sms'] }, s);
    expect(r.factors.find((f) => f.name === 'risk_words')?.detail).toBe('投诉');
    expect(r.factors.find((f) => f.name === 'regulator')?.detail).toBe('12315');
    expect(r.factors.find((f) => f.name === 'multi_channel')?.detail).toContain('sms, voice');
  });

  it('takes its weights from the settings', () => {
    const r = scoreSeverity({ ...calm, tier: 'gold' }, { ...s, tiers: { gold: 50 } });
    expect(r).toMatchObject({ severity: 60, priority: 'P2' });
  });
});

describe('priorityOf', () => {
  it.each([
    [100, 'P1'],
    [80, 'P1'],
    [79, 'P2'],
    [45, 'P2'],
    [44, 'P3'],
    [30, 'P3'],
    [29, 'P4'],
    [0, 'P4'],
  ])('%i → %s', (severity, priority) => {
    expect(priorityOf(severity, s.thresholds)).toBe(priority);
  });
});

/**
 * What a supervisor would give each message, read by the analyser and scored
 * with the default weights: null when it is no complaint at all. Tier and the
 * customer's complaints in the window (this one included) as the queue shows them.
 */
const supervisor: [text: string, tier: string | null, recent: number, priority: string | null][] = [
  // Regulators, media, VIPs.
  ['我是你们的VIP，再不退款我就打12315，还要找媒体曝光你们', 'vip', 1, 'P1'],
  ['你们再不处理，我就去12315投诉，再发微博曝光', 'vip', 1, 'P1'],
  ['I will report you to the BBB and post this on Twitter, this is a scam', 'vip', 1, 'P1'],
  ['你们再不退款我就去12315投诉，太气人了', 'vip', 1, 'P2'],
  ['你们再不退款我就去12315投诉', null, 1, 'P2'],
  ['再不解决我就发微博曝光你们', null, 1, 'P2'],
  ['已经联系了记者，准备曝光你们', null, 1, 'P2'],
  ['我要找律师起诉你们，这是诈骗', null, 1, 'P2'],
  ['我要去市场监管局举报你们虚假宣传', null, 1, 'P2'],
  ["I'm going to sue you, my lawyer is ready", null, 1, 'P2'],
  // Threats of violence.
  ['再不给我退款我就弄死你', null, 1, 'P1'],
  ['再不給我退款我就弄死你', null, 1, 'P1'],
  ['信不信我找人砸了你们的店', null, 1, 'P2'],
  ["If you don't refund me I'll find you and make you pay", null, 1, 'P2'],
  // Safety incidents.
  ['充电宝发烫冒烟，差点着火，必须给说法', null, 1, 'P2'],
  ['电动车在楼道里自燃了，差点出人命', null, 1, 'P2'],
  ['孩子玩你们的玩具被电池烫伤了，我要你们负责', null, 1, 'P2'],
  ['吃了你们的海鲜全家食物中毒进了医院', null, 1, 'P2'],
  ['热水器漏电差点出事', null, 1, 'P2'],
  ['The kettle gave me an electric shock, this is dangerous', null, 1, 'P2'],
  ['充电宝冒烟了，我是你们的VIP，必须给我一个说法，不然就找媒体', 'vip', 1, 'P1'],
  // First mild fault and service reports (P3|P4: either is what a supervisor would accept).
  ['洗衣机用了一周就漏水希望尽快处理', null, 1, 'P3|P4'],
  ['耳机左边没声音，才用了两天', null, 1, 'P3|P4'],
  ['新买的冰箱不制冷，售后拒绝上门', null, 1, 'P3'],
  ['快递三天了还没到，给个说法', null, 1, 'P3'],
  ['快递一直不送货，太慢了', null, 1, 'P3'],
  ['My new fridge stopped cooling after two days', null, 1, 'P3|P4'],
  ['Where is my order? It has been a week.', null, 1, 'P4'],
  ['The lamp stopped working after two days', null, 1, 'P3|P4'],
  ['客服态度太差了', null, 1, 'P3'],
  ['外卖超时一个多小时，饭都凉透了', null, 1, 'P3'],
  // Repeat complainants climb.
  ['维修一拖再拖，都一个月了还没修好', null, 3, 'P2'],
  ['第三次联系你们了，退款还是没到账', null, 4, 'P2'],
  // VIP with a plain fault goes to the senior queue, but is no emergency.
  ['手机刚买三天就黑屏了，开不了机', 'vip', 1, 'P2'],
  // Not complaints.
  ['请问我的快递什么时候能到？', null, 1, null],
  ['請問我的快遞什麼時候能到？', null, 1, null],
  ['发票怎么还没开', null, 1, null],
  ['请问怎么申请退款', 'vip', 1, null],
  ['没有问题，谢谢你们', null, 1, null],
  ['如果坏了可以保修吗？', null, 1, null],
  ['加微信领红包，每天都有惊喜', null, 1, null],
  ['【京东】您的验证码是482913，5分钟内有效，请勿泄露', null, 1, null],
  ['谢谢你们处理了我的投诉，非常满意', 'vip', 1, null],
  ['When will my parcel arrive?', null, 1, null],
  ['Refund received, thank you', null, 1, null],
];

describe('severity as a supervisor judges it', () => {
  it.each(supervisor)('%s (tier %s, %i in window) → %s', (text, tier, recent, priority) => {
    const a = analyze(text);
    if (priority === null) {
      expect(a.complaint).toBe(false);
      return;
    }
    expect(a.complaint).toBe(true);
    const r = scoreSeverity(
      {
        ...calm,
        sentiment: a.sentiment,
        riskWords: a.riskWords,
        signals: a.signals.map((x) => x.kind),
        tier,
        recentComplaints: recent,
      },
      s,
    );
    expect(priority.split('|'), JSON.stringify(r.factors)).toContain(r.priority);
  });
});
