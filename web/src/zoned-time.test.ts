import { describe, expect, test } from 'vitest';
import { instantOf, instantOfPicked, pickerValueOf, wallClockAt, zoneOffsetMs } from './zoned-time';

const H = 3_600_000;

describe('a time in the reader’s zone', () => {
  test.each([
    // zone, instant, what its clock shows
    ['Asia/Shanghai', '2026-12-05T16:30:00Z', '2026-12-06 00:30:00'],
    ['UTC', '2026-12-05T16:30:00Z', '2026-12-05 16:30:00'],
    ['America/New_York', '2026-12-05T03:00:00Z', '2026-12-04 22:00:00'],
    ['America/New_York', '2026-07-05T03:00:00Z', '2026-07-04 23:00:00'],
    ['Asia/Kolkata', '2026-12-05T18:45:00Z', '2026-12-06 00:15:00'],
  ])('%s at %s shows %s', (zone, iso, shown) => {
    const w = wallClockAt(Date.parse(iso), zone);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(`${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`).toBe(
      shown,
    );
    expect(instantOf(w, zone)).toBe(Date.parse(iso));
  });

  test('offsets follow daylight saving', () => {
    expect(zoneOffsetMs(Date.parse('2026-12-05T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * H);
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(1 * H);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * H);
  });

  test('a wall clock the zone skips (spring forward) lands after the gap (03:30); a repeated one takes the first', () => {
    // Berlin, 29 March 2026: 02:00 → 03:00.
    const gap = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 };
    expect(new Date(instantOf(gap, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // Berlin, 25 October 2026: 02:30 happens twice; the first is still summer time (UTC+2).
    const twice = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 };
    expect(new Date(instantOf(twice, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  test('a picker shows the zone’s clock and what is picked means that clock, whatever the browser’s zone', () => {
    const shown = pickerValueOf('2026-12-05T16:30:00Z', 'Asia/Shanghai');
    expect(shown?.format('YYYY-MM-DD HH:mm')).toBe('2026-12-06 00:30');
    expect(instantOfPicked(shown, 'Asia/Shanghai')).toBe('2026-12-05T16:30:00.000Z');
    // The start of the reader's day 6 December in Shanghai is 16:00 UTC the day before.
    expect(instantOfPicked(shown?.startOf('day'), 'Asia/Shanghai')).toBe('2026-12-05T16:00:00.000Z');
    expect(instantOfPicked(shown?.startOf('day'), 'UTC')).toBe('2026-12-06T00:00:00.000Z');
    expect(pickerValueOf(null, 'UTC')).toBeNull();
    expect(pickerValueOf('not a time', 'UTC')).toBeNull();
    expect(instantOfPicked(null, 'UTC')).toBeNull();
  });
});
