import type { Dayjs } from 'dayjs';
import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';
import { type Locale, useLocale } from './i18n';
import { instantOfPicked, pickerNow, pickerValueOf } from './zoned-time';

const STORAGE_KEY = 'warden.timeZone';

/** The zone the browser runs in, or null when it gives none (or only UTC, a server's default). */
function browserTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== 'UTC' && zone !== 'Etc/UTC' ? zone : null;
  } catch {
    return null;
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The saved choice, else the browser's zone, else Asia/Shanghai for a Chinese reader and UTC for others. */
export function initialTimeZone(locale: Locale): string {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && isTimeZone(saved)) return saved;
  } catch {
    // Storage can be off; fall back to the browser.
  }
  return browserTimeZone() ?? (locale === 'zh-CN' ? 'Asia/Shanghai' : 'UTC');
}

/** Every zone the browser knows, for the picker. */
export function timeZones(): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone');
  return all?.length ? all : ['Asia/Shanghai', 'UTC'];
}

/**
 * One formatter for every time the console shows: the reader's language and
 * chosen zone. English spells the month (5 Dec 2026), so a date is never read
 * the American way round.
 */
export function formatTime(
  iso: string | number | null | undefined,
  locale: Locale,
  timeZone: string,
): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return formatterFor(locale, timeZone).format(date);
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatterFor(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f =
      locale === 'zh-CN'
        ? new Intl.DateTimeFormat('zh-CN', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hour12: false,
          })
        : new Intl.DateTimeFormat('en-GB', {
            timeZone,
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hour12: false,
          });
    cache.set(key, f);
  }
  return f;
}

interface TimeZoneState {
  timeZone: string;
  setTimeZone: (zone: string) => void;
}

const TimeZoneContext = createContext<TimeZoneState | null>(null);

/** Holds the reader's time zone (saved in localStorage); inside <LocaleProvider>. */
export function TimeZoneProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  const [timeZone, setState] = useState(() => initialTimeZone(locale));
  const setTimeZone = useCallback((zone: string) => {
    if (!isTimeZone(zone)) return;
    setState(zone);
    try {
      localStorage.setItem(STORAGE_KEY, zone);
    } catch {
      // Not saved; the choice still holds for this page.
    }
  }, []);
  const value = useMemo(() => ({ timeZone, setTimeZone }), [timeZone, setTimeZone]);
  return createElement(TimeZoneContext.Provider, { value }, children);
}

export function useTimeZone(): TimeZoneState {
  const state = useContext(TimeZoneContext);
  const { locale } = useLocale();
  // Outside the provider (a page rendered alone): the default, not settable.
  return state ?? { timeZone: initialTimeZone(locale), setTimeZone: () => undefined };
}

/** Dates as people read them in the chosen language and time zone. */
export function useFormatTime(): (iso: string | number | null | undefined) => string {
  const { locale } = useLocale();
  const { timeZone } = useTimeZone();
  return useMemo(() => (iso) => formatTime(iso, locale, timeZone), [locale, timeZone]);
}

/**
 * The date pickers' side of the chosen zone: a stored time as the picker shows
 * it, and a picked value back as an instant (see zoned-time.ts).
 *
 * @example
 * const zoned = useZonedPicker();
 * <DatePicker value={zoned.toPicker(entry.expiresAt)} onChange={(d) => save(zoned.fromPicker(d))} />
 */
export function useZonedPicker() {
  const { timeZone } = useTimeZone();
  return useMemo(
    () => ({
      timeZone,
      toPicker: (iso: string | number | null | undefined) => pickerValueOf(iso, timeZone),
      fromPicker: (d: Dayjs | null | undefined) => instantOfPicked(d, timeZone),
      now: () => pickerNow(timeZone),
    }),
    [timeZone],
  );
}
