/**
 * Local time of day in an IANA zone, cheap enough for the screening hot path.
 *
 * `Intl.DateTimeFormat#formatToParts` costs microseconds, so a `ZoneClock`
 * asks it for the zone's UTC offset once per quarter hour of UTC time and
 * reuses that offset for every message in the same quarter hour. Offsets
 * change only at transitions, and those fall on quarter hours of UTC in every
 * zone in use (whole-hour zones and the :30 / :45 ones alike), so the cached
 * offset is exact.
 */

import { isValidTimeZone, zoneOffsetMs } from '../core/local-days.js';

const SLOT_MS = 15 * 60_000;
const DAY_MINUTES = 1_440;

export class ZoneClock {
  private slot = Number.NaN;
  private offsetMs = 0;

  constructor(readonly timeZone: string) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone ${timeZone}`);
  }

  /** Minutes since local midnight (0..1439) at epoch milliseconds `now`. */
  minuteOfDay(now: number): number {
    const slot = Math.floor(now / SLOT_MS);
    if (slot !== this.slot) {
      this.offsetMs = zoneOffsetMs(slot * SLOT_MS, this.timeZone);
      this.slot = slot;
    }
    const minutes = Math.floor((now + this.offsetMs) / 60_000) % DAY_MINUTES;
    return minutes < 0 ? minutes + DAY_MINUTES : minutes;
  }
}

const clocks = new Map<string, ZoneClock>();

/** The shared clock of `timeZone` (one per zone per process; throws RangeError for an unknown zone). */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** `"HH:MM"` → minutes since midnight. */
export function parseClockTime(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** `from` inclusive, `to` exclusive; a range with `from > to` wraps past midnight (22:00–06:00). */
export function inTimeRange(minute: number, from: number, to: number): boolean {
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

export function formatClockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
