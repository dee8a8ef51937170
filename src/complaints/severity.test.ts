import { describe, expect, it } from 'vitest';
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

// base 10; sentiment −0.3 → 10, −0.6 → 25; risk words 10 each, cap 30; vip 20, svip 30;
// frequency ≥3 in 30 d → 15 (+5 each more, cap 25); 2+ channels → 20; half SLA 5, overdue 15.
// P1 ≥ 75, P2 ≥ 50, P3 ≥ 30, else P4.
const cases: [string, Partial<SeverityInput>, number, string, string[]][] = [
  ['a calm complaint is base only', {}, 10, 'P4', ['base']],
  ['mildly negative', { sentiment: -0.3 }, 20, 'P4', ['base', 'sentiment']],
  ['just above the negative line adds nothing', { sentiment: -0.29 }, 10, 'P4', ['base']],
  ['strongly negative', { sentiment: -0.6 }, 35, 'P3', ['base', 'sentiment']],
  ['furious', { sentiment: -1 }, 35, 'P3', ['base', 'sentiment']],
  ['one risk word', { riskWords: ['投诉'] }, 20, 'P4', ['base', 'risk_words']],
  ['two risk words', { riskWords: ['投诉', '12315'] }, 30, 'P3', ['base', 'risk_words']],
  [
    'risk words are capped',
    { riskWords: ['投诉', '12315', '曝光', '律师', '起诉'] },
    40,
    'P3',
    ['base', 'risk_words'],
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
    95,
    'P1',
    ['base', 'sentiment', 'risk_words', 'vip_tier', 'multi_channel'],
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
    30,
    'P3',
    ['base', 'sentiment', 'risk_words'],
  ],
  [
    'strongly negative with two risk words reaches P2',
    { sentiment: -0.7, riskWords: ['投诉', '曝光'] },
    55,
    'P2',
    ['base', 'sentiment', 'risk_words'],
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
    expect(r.factors.find((f) => f.name === 'risk_words')?.detail).toBe('投诉, 12315');
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
    [75, 'P1'],
    [74, 'P2'],
    [50, 'P2'],
    [49, 'P3'],
    [30, 'P3'],
    [29, 'P4'],
    [0, 'P4'],
  ])('%i → %s', (severity, priority) => {
    expect(priorityOf(severity, s.thresholds)).toBe(priority);
  });
});
