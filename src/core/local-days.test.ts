import { describe, expect, it } from 'vitest';
import { WardenError } from './errors.js';
import { isValidTimeZone, localDays } from './local-days.js';

const at = (iso: string) => Date.parse(iso);

describe('localDays', () => {
  it.each([
    // zone, now, a time, its day (or null: outside the range)
    ['UTC', '2026-12-06T12:00:00Z', '2026-12-05T17:30:00Z', '2026-12-05'],
    ['Asia/Shanghai', '2026-12-06T12:00:00Z', '2026-12-05T17:30:00Z', '2026-12-06'],
    ['Asia/Shanghai', '2026-12-06T12:00:00Z', '2026-12-05T15:59:59Z', '2026-12-05'],
    ['Asia/Shanghai', '2026-12-06T12:00:00Z', '2026-12-03T15:59:59Z', null],
    // New York: EDT (−4) until 2026-11-01T06:00Z, then EST (−5).
    ['America/New_York', '2026-11-02T12:00:00Z', '2026-11-01T04:30:00Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T12:00:00Z', '2026-11-01T03:59:59Z', '2026-10-31'],
    ['America/New_York', '2026-11-02T12:00:00Z', '2026-11-02T04:30:00Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T12:00:00Z', '2026-11-02T05:00:00Z', '2026-11-02'],
    // Spring forward 2026-03-08T07:00Z: the 8th is 23 hours long.
    ['America/New_York', '2026-03-09T12:00:00Z', '2026-03-08T04:59:59Z', '2026-03-07'],
    ['America/New_York', '2026-03-09T12:00:00Z', '2026-03-09T03:59:59Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T12:00:00Z', '2026-03-09T04:00:00Z', '2026-03-09'],
    ['Asia/Kathmandu', '2026-12-06T12:00:00Z', '2026-12-05T18:15:00Z', '2026-12-06'],
    ['Asia/Kathmandu', '2026-12-06T12:00:00Z', '2026-12-05T18:14:59Z', '2026-12-05'],
  ])('%s, now %s: %s falls on %s', (zone, now, time, day) => {
    const days = localDays(at(now), 3, zone);
    const i = days.indexOf(at(time));
    expect(i === -1 ? null : days.label(i)).toBe(day);
  });

  it('the range starts at the first day’s local midnight and ends today', () => {
    const ny = localDays(at('2026-11-02T12:00:00Z'), 3, 'America/New_York');
    expect([0, 1, 2].map((i) => ny.label(i))).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(new Date(ny.since).toISOString()).toBe('2026-10-31T04:00:00.000Z');
    expect(ny.spans.map((s) => s.offsetMs / 3_600_000)).toEqual([-4, -5]);
    expect(new Date(ny.spans[1]?.from ?? 0).toISOString()).toBe('2026-11-01T06:00:00.000Z');
    const sh = localDays(at('2026-12-05T17:30:00Z'), 1, 'Asia/Shanghai');
    expect(sh.label(0)).toBe('2026-12-06');
    expect(new Date(sh.since).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(sh.spans).toHaveLength(1);
  });

  it('refuses a name that is no IANA zone', () => {
    for (const bad of ['Mars/Olympus', '', 'x'.repeat(100)]) {
      expect(isValidTimeZone(bad)).toBe(false);
      expect(() => localDays(0, 1, bad)).toThrow(WardenError);
    }
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
  });
});
