import { type SignalKind, signalKindOf } from './analysis/analyze.js';
import type { Priority, SeverityFactor } from './model.js';
import type { ComplaintSettings } from './settings.js';

/** What severity is scored from; everything counted beforehand, so scoring is pure. */
export interface SeverityInput {
  sentiment: number;
  riskWords: readonly string[];
  /** Kinds of the signals found (threat, safety, regulator, media, legal …); those with points in settings add a factor each. */
  signals?: readonly SignalKind[] | undefined;
  tier: string | null;
  /** Complaint submissions by this customer in the frequency window, this one included. */
  recentComplaints: number;
  /** Distinct channels this customer raised this category on in the multi-channel window, this one's included. */
  channels: readonly string[];
  /** How long the complaint has waited, and its SLA span (both ms); 0 waited at creation. */
  waitedMs: number;
  slaMs: number;
}

export interface Severity {
  severity: number;
  priority: Priority;
  factors: SeverityFactor[];
}

/**
 * Severity 0–100 as the sum of its factors (capped), and the priority its
 * score maps to. Each factor that adds points is listed, so an agent sees why.
 *
 * @example scoreSeverity({sentiment: -0.8, riskWords: ['投诉'], tier: 'vip', …}, settings.severity)
 */
export function scoreSeverity(input: SeverityInput, s: ComplaintSettings['severity']): Severity {
  const factors: SeverityFactor[] = [{ name: 'base', points: s.base, detail: 'reads as a complaint' }];
  const add = (name: string, points: number, detail: string) => {
    if (points > 0) factors.push({ name, points, detail });
  };

  const sent = Math.round(input.sentiment * 100) / 100;
  if (input.sentiment <= s.sentiment.strongAt)
    add('sentiment', s.sentiment.strongPoints, `strongly negative (${sent})`);
  else if (input.sentiment <= s.sentiment.negativeAt)
    add('sentiment', s.sentiment.negativePoints, `negative (${sent})`);

  // Each grave kind of signal counts once, with its own weight; the other risk words (投诉, 退款) count by number.
  const kinds = new Set<SignalKind>(input.signals ?? []);
  for (const word of input.riskWords) {
    const kind = signalKindOf(word);
    if (kind) kinds.add(kind);
  }
  const generic = input.riskWords.filter((w) => {
    const kind = signalKindOf(w);
    return kind === undefined || !(s.signals[kind] ?? 0);
  });
  if (generic.length)
    add('risk_words', Math.min(s.riskWords.cap, generic.length * s.riskWords.each), generic.join(', '));
  let signalPoints = 0;
  for (const kind of signalOrder) {
    const points = Math.min(s.signals[kind] ?? 0, s.signalCap - signalPoints);
    if (!kinds.has(kind) || points <= 0) continue;
    const words = input.riskWords.filter((w) => signalKindOf(w) === kind);
    add(kind, points, words.length ? words.join(', ') : kind);
    signalPoints += points;
  }

  if (input.tier !== null) {
    const points = s.tiers[input.tier] ?? 0;
    add('vip_tier', points, `tier ${input.tier}`);
  }

  const f = s.frequency;
  if (input.recentComplaints >= f.atLeast)
    add(
      'frequency',
      Math.min(f.cap, f.points + (input.recentComplaints - f.atLeast) * f.eachMore),
      `${input.recentComplaints} complaints in ${f.windowDays} days`,
    );

  const m = s.multiChannel;
  const channels = [...new Set(input.channels)];
  if (channels.length >= m.atLeast)
    add('multi_channel', m.points, `same issue on ${channels.sort().join(', ')} within ${m.windowDays} days`);

  if (input.slaMs > 0) {
    if (input.waitedMs >= input.slaMs)
      add(
        'sla_overdue',
        s.waiting.overduePoints,
        `waited ${hours(input.waitedMs)} h, SLA ${hours(input.slaMs)} h`,
      );
    else if (input.waitedMs >= input.slaMs / 2)
      add(
        'waiting',
        s.waiting.halfPoints,
        `waited ${hours(input.waitedMs)} h of ${hours(input.slaMs)} h SLA`,
      );
  }

  const total = factors.reduce((sum, x) => sum + x.points, 0);
  const severity = Math.max(0, Math.min(100, Math.round(total)));
  return { severity, priority: priorityOf(severity, s.thresholds), factors };
}

export function priorityOf(severity: number, t: ComplaintSettings['severity']['thresholds']): Priority {
  if (severity >= t.P1) return 'P1';
  if (severity >= t.P2) return 'P2';
  if (severity >= t.P3) return 'P3';
  return 'P4';
}

// Most serious first, so the cap trims the milder kinds.
const signalOrder: readonly SignalKind[] = ['threat', 'safety', 'media', 'regulator', 'legal'];

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;
