import { describe, expect, it } from 'vitest';
import { formatClockTime, inTimeRange, parseClockTime, zoneClock } from './time-of-day.js';

describe('zoneClock', () => {
  it.each([
    ['Asia/Shanghai', Date.UTC(2026, 10, 22, 18, 13), '02:13'],
    ['UTC', Date.UTC(2026, 10, 22, 18, 13), '18:13'],
    ['Asia/Kathmandu', Date.UTC(2026, 0, 1, 0, 0), '05:45'],
    ['America/New_York', Date.UTC(2026, 2, 8, 6, 59), '01:59'], // just before the DST switch
    ['America/New_York', Date.UTC(2026, 2, 8, 7, 0), '03:00'], // just after
    ['Europe/Berlin', Date.UTC(2026, 9, 25, 0, 59), '02:59'],
    ['Europe/Berlin', Date.UTC(2026, 9, 25, 1, 0), '02:00'],
  ])('%s at %s is %s', (zone, now, expected) => {
    expect(formatClockTime(zoneClock(zone).minuteOfDay(now))).toBe(expected);
  });
});

describe('inTimeRange', () => {
  it.each([
    ['02:13', '00:00', '06:00', true],
    ['06:00', '00:00', '06:00', false],
    ['23:30', '22:00', '06:00', true],
    ['05:59', '22:00', '06:00', true],
    ['12:00', '22:00', '06:00', false],
  ])('%s in %s–%s is %s', (at, from, to, expected) => {
    expect(inTimeRange(parseClockTime(at), parseClockTime(from), parseClockTime(to))).toBe(expected);
  });
});
