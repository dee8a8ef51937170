import type { BuiltInCategory } from './analysis/categories.js';
import type { SignalKind } from './analysis/signals.js';
import type { Priority } from './model.js';

/**
 * Every weight, threshold and window of complaint handling in one object, so
 * a team tunes them in one place. Defaults are below; `createApp` passes them
 * unchanged unless a caller overrides a part.
 */
export interface ComplaintSettings {
  severity: {
    /** Every complaint starts with this many points. */
    base: number;
    sentiment: { negativeAt: number; negativePoints: number; strongAt: number; strongPoints: number };
    /** Risk words without a weight of their own (投诉, 退款), by number. */
    riskWords: { each: number; cap: number };
    /** Points per kind of grave signal found (threat, safety, media, regulator, legal), each kind once … */
    signals: Readonly<Partial<Record<SignalKind, number>>>;
    /** … and at most this many together. */
    signalCap: number;
    /** Points by customer tier; a tier not listed adds nothing. */
    tiers: Readonly<Record<string, number>>;
    /** Complaints (submissions) by one customer in a window, this one included. */
    frequency: { windowDays: number; atLeast: number; points: number; eachMore: number; cap: number };
    /** The same category from one customer on several channels in a window. */
    multiChannel: { windowDays: number; atLeast: number; points: number };
    /** Time waited against the SLA: past half of it, and past it. */
    waiting: { halfPoints: number; overduePoints: number };
    /** Lowest score of each priority; below P3 is P4. */
    thresholds: { P1: number; P2: number; P3: number };
  };
  routing: {
    /** Category → team: every built-in, and a team's own categories. */
    teams: Readonly<Record<BuiltInCategory, string>> & Readonly<Record<string, string | undefined>>;
    /** Tiers whose complaints go to the senior queue. */
    seniorTiers: readonly string[];
    seniorQueue: string;
    slaHours: Readonly<Record<Priority, number>>;
  };
  detection: {
    /** A new complaint joins the open one of the same customer and category younger than this. */
    mergeWindowHours: number;
  };
  surge: {
    baselineHours: number;
    zThreshold: number;
    minDistinctCustomers: number;
    /** Lower bound on the baseline's standard deviation, so a quiet series does not alarm on 2. */
    stdFloor: number;
    samples: number;
  };
}

export const defaultComplaintSettings: Readonly<ComplaintSettings> = Object.freeze({
  severity: {
    base: 10,
    sentiment: { negativeAt: -0.3, negativePoints: 10, strongAt: -0.6, strongPoints: 25 },
    riskWords: { each: 5, cap: 10 },
    signals: { threat: 40, safety: 30, media: 15, regulator: 10, legal: 10 },
    signalCap: 50,
    tiers: { vip: 20, svip: 30 },
    frequency: { windowDays: 30, atLeast: 3, points: 15, eachMore: 5, cap: 25 },
    multiChannel: { windowDays: 7, atLeast: 2, points: 20 },
    waiting: { halfPoints: 5, overduePoints: 15 },
    thresholds: { P1: 80, P2: 45, P3: 30 },
  },
  routing: {
    teams: {
      logistics: 'logistics',
      after_sales: 'after-sales',
      product_quality: 'quality',
      billing_refund: 'billing',
      service_attitude: 'service-quality',
      technical: 'tech-support',
      other: 'general',
    },
    seniorTiers: ['vip', 'svip'],
    seniorQueue: 'senior',
    slaHours: { P1: 2, P2: 8, P3: 24, P4: 72 },
  },
  detection: { mergeWindowHours: 72 },
  surge: { baselineHours: 7 * 24, zThreshold: 3, minDistinctCustomers: 5, stdFloor: 1, samples: 5 },
});
