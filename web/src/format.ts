import { useMemo } from 'react';
import { useLocale } from './i18n';

/** Dates as people read them in the chosen language, in the browser's time zone. */
export function useFormatTime(): (iso: string | null | undefined) => string {
  const { locale } = useLocale();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return (iso) => (iso ? f.format(new Date(iso)) : '—');
  }, [locale]);
}
