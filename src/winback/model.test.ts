import { describe, expect, it } from 'vitest';
import { periodOf, winbackStats } from './model.js';

const at = (s: string) => Date.parse(s);

describe('periodOf', () => {
  it.each([
    ['2026-11-23T00:00:00Z', 'week', '2026-11-23'], // a Monday
    ['2026-11-29T23:59:59Z', 'week', '2026-11-23'], // its Sunday
    ['2026-11-30T00:00:00Z', 'week', '2026-11-30'],
    ['2027-01-02T12:00:00Z', 'week', '2026-12-28'], // a week across the new year
    ['1970-01-01T00:00:00Z', 'week', '1969-12-29'],
    ['2026-12-31T23:59:59Z', 'month', '2026-12'],
    ['2027-01-01T00:00:00Z', 'month', '2027-01'],
  ] as const)('%s by %s → %s', (t, interval, period) => {
    expect(periodOf(at(t), interval)).toBe(period);
  });
});

describe('winbackStats', () => {
  it('counts per group and period, and rates won back over cases with an outcome', () => {
    const s = winbackStats(
      [
        { key: 'b', createdAt: at('2026-11-23T01:00:00Z'), outcome: 'won_back' },
        { key: 'b', createdAt: at('2026-11-24T01:00:00Z'), outcome: 'lost' },
        { key: 'b', createdAt: at('2026-11-25T01:00:00Z'), outcome: 'no_response' },
        { key: 'b', createdAt: at('2026-11-26T01:00:00Z'), outcome: null },
        { key: 'a', createdAt: at('2026-12-01T01:00:00Z'), outcome: null },
      ],
      'week',
    );
    expect(s.rows).toEqual([
      { key: 'a', period: '2026-11-30', cases: 1, closed: 0, wonBack: 0, lost: 0, noResponse: 0, rate: null },
      {
        key: 'b',
        period: '2026-11-23',
        cases: 4,
        closed: 3,
        wonBack: 1,
        lost: 1,
        noResponse: 1,
        rate: 0.3333,
      },
    ]);
    expect(s.totals.map((t) => [t.key, t.cases, t.rate])).toEqual([
      ['a', 1, null],
      ['b', 4, 0.3333],
    ]);
    expect(s.totals[0]).not.toHaveProperty('period');
  });

  it('is empty for no cases', () => {
    expect(winbackStats([], 'month')).toEqual({ rows: [], totals: [] });
  });
});
