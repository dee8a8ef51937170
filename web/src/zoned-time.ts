import dayjs, { type Dayjs } from 'dayjs';

/**
 * Times in the reader's chosen zone, for the date pickers.
 *
 * Ant Design's pickers work on dayjs values in the browser's own zone. A
 * reader in Berlin who chose Asia/Shanghai must see and pick Shanghai's wall
 * clock, so a picker is given a value whose *local* fields are the zone's wall
 * clock, and what it hands back is read the same way round.
 */

/** A wall-clock reading: what a clock in some zone shows. Month 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** What a clock in `zone` shows at the instant `ms`. */
export function wallClockAt(ms: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const utcOf = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** How far `zone` is ahead of UTC at the instant `ms`, in milliseconds (Shanghai: +8 h). */
export function zoneOffsetMs(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return utcOf(wallClockAt(whole, zone)) - whole;
}

/**
 * The instant at which a clock in `zone` shows `wall`. In a gap (spring
 * forward) the clock never shows it: the time is read with the offset before
 * the gap, so it lands after it (02:30 → 03:30), as JavaScript's Date does; in
 * an overlap (fall back), the earlier of the two.
 */
export function instantOf(wall: WallClock, zone: string): number {
  const asUtc = utcOf(wall);
  const DAY = 86_400_000;
  // A zone's offset changes at most once a day: the offsets a day either side are the only candidates.
  const before = zoneOffsetMs(asUtc - DAY, zone);
  const after = zoneOffsetMs(asUtc + DAY, zone);
  const shows = (ms: number) => utcOf(wallClockAt(ms, zone)) === asUtc;
  const valid = [asUtc - before, asUtc - after].filter(shows);
  return valid.length ? Math.min(...valid) : asUtc - before;
}

/** A picker value showing the zone's wall clock at `iso` (null for none). */
export function pickerValueOf(iso: string | number | null | undefined, zone: string): Dayjs | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const w = wallClockAt(ms, zone);
  return dayjs(new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** The instant (ISO) a picked value means, read as the zone's wall clock (null for none). */
export function instantOfPicked(d: Dayjs | null | undefined, zone: string): string | null {
  if (!d) return null;
  const ms = instantOf(
    {
      year: d.year(),
      month: d.month() + 1,
      day: d.date(),
      hour: d.hour(),
      minute: d.minute(),
      second: d.second(),
    },
    zone,
  );
  return new Date(ms).toISOString();
}

/** "Now" as a picker value in the zone (defaults, "not after today"). */
export const pickerNow = (zone: string, now = Date.now()): Dayjs => pickerValueOf(now, zone) as Dayjs;
