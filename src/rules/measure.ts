import type { DuplicateTracker } from '../screening/duplicates.js';
import { type Counters, hitEach, type SeriesSet } from '../storage/counters.js';
import { duplicateKey, type RuleNeeds } from './model.js';

/** What `measureForRules` found for one message. */
export interface RuleMeasurements {
  /** Window (seconds) → the sender's messages in it, this one included. */
  messageCounts: Map<number, number>;
  /** duplicateKey(spec) → earlier copies. */
  duplicates: Map<string, number>;
}

/** The counter names, windows and caps of a rule set's needs, worked out once per compiled set. */
interface MeasurePlan extends SeriesSet {
  duplicateKeys: string[];
  /** Scratch for the synchronous path (in-process counters): nothing else runs while it is in use. */
  counts: number[];
  seen: number[];
}

const plans = new WeakMap<RuleNeeds, MeasurePlan>();

function planOf(needs: RuleNeeds): MeasurePlan {
  let plan = plans.get(needs);
  if (plan === undefined) {
    plan = {
      names: needs.windows.map((w) => `msg:${w}`),
      windowsMs: needs.windows.map((w) => w * 1000),
      caps: needs.windows.map((w) => needs.countCaps[w] ?? 1_000_000),
      duplicateKeys: needs.duplicates.map(duplicateKey),
      counts: [],
      seen: [],
    };
    plans.set(needs, plan);
  }
  return plan;
}

/**
 * Takes the measurements a compiled rule set needs for one message — the
 * sender's message count per window and earlier copies per duplicate spec —
 * recording this message as it goes. Screening and trial runs share it.
 *
 * On in-process counters every count is at hand: the answer comes back
 * synchronously, written into `reuse` when given (the caller reads it before
 * it lets another message run), so a message allocates nothing here. Shared
 * counters (Redis) answer with a promise of fresh maps.
 */
export function measureForRules(
  needs: RuleNeeds,
  counters: Counters,
  duplicates: DuplicateTracker,
  senderKey: string,
  normalized: string,
  now: number,
  reuse?: RuleMeasurements,
): RuleMeasurements | Promise<RuleMeasurements> {
  const plan = planOf(needs);
  if (counters.hitEach !== undefined && duplicates.answersAtOnce) {
    const out = reuse ?? { messageCounts: new Map(), duplicates: new Map() };
    if (plan.names.length) {
      const counts = counters.hitEach(senderKey, plan, now, plan.counts);
      for (let i = 0; i < counts.length; i++)
        out.messageCounts.set(needs.windows[i] as number, counts[i] as number);
    }
    if (needs.duplicates.length) {
      const seen = duplicates.observe(needs.duplicates, senderKey, normalized, now, plan.seen) as number[];
      for (let i = 0; i < seen.length; i++)
        out.duplicates.set(plan.duplicateKeys[i] as string, seen[i] as number);
    }
    return out;
  }
  return measureShared(needs, plan, counters, duplicates, senderKey, normalized, now);
}

async function measureShared(
  needs: RuleNeeds,
  plan: MeasurePlan,
  counters: Counters,
  duplicates: DuplicateTracker,
  senderKey: string,
  normalized: string,
  now: number,
): Promise<RuleMeasurements> {
  const out: RuleMeasurements = { messageCounts: new Map(), duplicates: new Map() };
  if (plan.names.length) {
    const counts = await hitEach(counters, senderKey, plan, now, []);
    for (let i = 0; i < counts.length; i++)
      out.messageCounts.set(needs.windows[i] as number, counts[i] as number);
  }
  if (needs.duplicates.length) {
    const seen = await duplicates.observe(needs.duplicates, senderKey, normalized, now);
    for (let i = 0; i < seen.length; i++)
      out.duplicates.set(plan.duplicateKeys[i] as string, seen[i] as number);
  }
  return out;
}
