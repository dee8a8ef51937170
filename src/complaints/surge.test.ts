import { describe, expect, it } from 'vitest';
import { defaultComplaintSettings } from './settings.js';
import { detectSurges, type SurgeObservation } from './surge.js';

const s = defaultComplaintSettings.surge;
const H = 3_600_000;
const T = Date.parse('2026-11-23T00:00:00Z');

const obs = (at: number, who: string, category: string, topics: string[] = [], id = `cmp_${who}_${at}`) =>
  ({ at, subjectKey: who, complaintId: id, category, topics }) satisfies SurgeObservation;

/** One logistics complaint every 3 hours over the week before T. */
const background = Array.from({ length: 56 }, (_, i) =>
  obs(T - (i + 1) * 3 * H, `c${i % 9}`, 'logistics', ['快递']),
);

describe('detectSurges', () => {
  it('finds nothing in an ordinary hour', () => {
    expect(detectSurges([...background, obs(T + 60_000, 'x', 'logistics')], T, s)).toEqual([]);
  });

  it('reports a category surge and folds its shared words into it', () => {
    const burst = Array.from({ length: 8 }, (_, i) =>
      obs(T + i * 60_000, `n${i}`, 'logistics', ['快递', '投诉']),
    );
    const surges = detectSurges([...background, ...burst], T, s);
    expect(surges).toHaveLength(1);
    expect(surges[0]).toMatchObject({ key: 'category:logistics', count: 8, distinctCustomers: 8 });
    expect(surges[0]?.words.sort()).toEqual(['快递', '投诉']);
    expect(surges[0]?.z).toBeGreaterThanOrEqual(3);
  });

  it('needs enough distinct customers', () => {
    const burst = Array.from({ length: 8 }, (_, i) => obs(T + i * 60_000, `n${i % 4}`, 'billing_refund'));
    expect(detectSurges([...background, ...burst], T, s)).toEqual([]);
  });

  it('reports a word that surges across categories on its own', () => {
    const cats = ['logistics', 'billing_refund', 'after_sales', 'technical', 'other', 'product_quality'];
    const burst = cats.map((c, i) => obs(T + i * 60_000, `w${i}`, c, ['曝光']));
    const surges = detectSurges([...background, ...burst], T, s);
    expect(surges.map((x) => x.key)).toEqual(['word:曝光']);
  });

  it('does not alarm on a series that is always this busy', () => {
    const busy = Array.from({ length: 7 * 24 * 6 }, (_, i) =>
      obs(T - (i + 1) * 10 * 60_000, `b${i % 50}`, 'technical'),
    );
    const hour = Array.from({ length: 7 }, (_, i) => obs(T + i * 60_000, `b${i}`, 'technical'));
    expect(detectSurges([...busy, ...hour], T, s)).toEqual([]);
  });
});
