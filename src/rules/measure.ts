import type { DuplicateTracker } from '../screening/duplicates.js';
import type { Counters } from '../storage/counters.js';
import { duplicateKey, type RuleNeeds } from './model.js';

/**
 * Takes the measurements a compiled rule set needs for one message — the
 * sender's message count per window and earlier copies per duplicate spec —
 * recording this message as it goes. Screening and trial runs share it.
 */
export async function measureForRules(
  needs: RuleNeeds,
  counters: Counters,
  duplicates: DuplicateTracker,
  senderKey: string,
  normalized: string,
  now: number,
): Promise<{ messageCounts: Map<number, number>; duplicates: Map<string, number> }> {
  const messageCounts = new Map<number, number>();
  for (const w of needs.windows) {
    // Memory counters answer at once; only Redis needs the await.
    const n = counters.hit(`msg:${w}:${senderKey}`, w * 1000, now, needs.countCaps[w] ?? 1_000_000);
    messageCounts.set(w, typeof n === 'number' ? n : await n);
  }
  const seenBySpec = new Map<string, number>();
  if (needs.duplicates.length) {
    const seen = await duplicates.observe(needs.duplicates, senderKey, normalized, now);
    needs.duplicates.forEach((spec, i) => {
      seenBySpec.set(duplicateKey(spec), seen[i] ?? 0);
    });
  }
  return { messageCounts, duplicates: seenBySpec };
}
