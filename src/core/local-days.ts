import { WardenError } from './errors.js';

/**
 * Calendar days as a reader in some IANA time zone counts them, for the
 * figures that are counted per day.
 *
 * A zone's UTC offset is constant between its transitions, so over a range of
 * days the zone is a short list of spans, each with one offset; a time's local
 * day is `floor((t + offset) / DAY)`. The spans are what the storage side turns
 * into SQL (`localDaySql`), so the database groups by the reader's days.
 */

const DAY = 86_400_000;

/** The offset `offsetMs` holds from the instant `from` until the next span's `from`. */
export interface OffsetSpan {
  from: number;
  offsetMs: number;
}

export interface LocalDays {
  readonly timeZone: string;
  /** The first day as a day number (days since 1970-01-01 on the zone's calendar). */
  readonly first: number;
  readonly count: number;
  /** The instant the first day begins: count times at or after it. */
  readonly since: number;
  /** Offsets in force from a little before `since` until a little after now; the first from −∞. */
  readonly spans: readonly OffsetSpan[];
  /** `YYYY-MM-DD` of the `i`th day. */
  label(i: number): string;
  /** Which of the days `ms` falls on, or −1 when on none of them. */
  indexOf(ms: number): number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
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
    } catch {
      f = null;
    }
    // Names come from requests: remember only a bounded number of them.
    if (formatters.size < 1_000) formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && formatter(zone) !== null;
}

/** How far `zone` is ahead of UTC at the instant `ms`, in milliseconds (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(ms: number, zone: string): number {
  const f = formatter(zone);
  if (!f) throw new RangeError(`unknown time zone ${zone}`);
  const whole = Math.floor(ms / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(whole)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    (p.hour ?? 0) % 24,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return local - whole;
}

/**
 * The spans of one offset each over [start, end]. Offsets are read at each
 * UTC midnight and a change between two is pinned down by halving (zones
 * change offset at most once a day).
 */
function offsetSpans(start: number, end: number, zone: string): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ from: Number.NEGATIVE_INFINITY, offsetMs: zoneOffsetMs(start, zone) }];
  let at = start;
  let offset = spans[0]?.offsetMs ?? 0;
  while (at < end) {
    const next = Math.min(at + DAY, end);
    const after = zoneOffsetMs(next, zone);
    if (after !== offset) {
      // The offset at `lo` is the old one, at `hi` the new one; transitions fall on whole seconds.
      let lo = at;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (mid <= lo) break;
        if (zoneOffsetMs(mid, zone) === offset) lo = mid;
        else hi = mid;
      }
      spans.push({ from: hi, offsetMs: after });
      offset = after;
    }
    at = next;
  }
  return spans;
}

function offsetIn(spans: readonly OffsetSpan[], ms: number): number {
  let offset = spans[0]?.offsetMs ?? 0;
  for (const s of spans) {
    if (s.from > ms) break;
    offset = s.offsetMs;
  }
  return offset;
}

/**
 * The last `count` days up to and including today (at `now`) in `timeZone`.
 * Throws `INVALID_TIME_ZONE` for a name the runtime does not know.
 *
 * @example
 * const days = localDays(Date.parse('2026-12-05T17:30:00Z'), 2, 'Asia/Shanghai');
 * days.label(1) // '2026-12-06' (01:30 in Shanghai)
 */
export function localDays(now: number, count: number, timeZone = 'UTC'): LocalDays {
  if (!isValidTimeZone(timeZone))
    throw new WardenError('INVALID_TIME_ZONE', `${JSON.stringify(timeZone)} is not an IANA time zone`, {
      errors: [{ field: '/timeZone', message: 'not an IANA time zone, e.g. Asia/Shanghai' }],
    });
  // Offsets lie within ±14 h: two days either side cover every time of the range.
  const roughStart = Math.floor(now / DAY) * DAY - count * DAY - 2 * DAY;
  const spans = offsetSpans(roughStart, now + 2 * DAY, timeZone);
  const dayOf = (ms: number) => Math.floor((ms + offsetIn(spans, ms)) / DAY);
  const first = dayOf(now) - count + 1;
  // The first instant whose local day is `first`: in the earliest span that reaches it.
  let since = Number.NaN;
  for (let i = 0; i < spans.length && Number.isNaN(since); i++) {
    const s = spans[i] as OffsetSpan;
    const end = spans[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    const t = Math.max(s.from, first * DAY - s.offsetMs);
    if (t < end) since = t;
  }
  return {
    timeZone,
    first,
    count,
    since,
    spans,
    label: (i) => new Date((first + i) * DAY).toISOString().slice(0, 10),
    indexOf(ms) {
      const i = dayOf(ms) - first;
      return i >= 0 && i < count ? i : -1;
    },
  };
}
