import { ClockCircleOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useMemo } from 'react';
import { timeZones, useTimeZone } from '../format';
import { type Locale, useLocale, useT } from '../i18n';

function zoneLabel(zone: string, locale: Locale): string {
  try {
    const part = (style: 'long' | 'shortOffset') =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    return `${part('long')} ${part('shortOffset')}`.trim() || zone;
  } catch {
    return zone;
  }
}

/** The reader's time zone for every time the console shows; saved in this browser. */
export function TimeZoneSwitch() {
  const t = useT();
  const { timeZone, setTimeZone } = useTimeZone();
  const { locale } = useLocale();
  // Zones by their name in the reader's language and offset ("中国标准时间 GMT+8"); the IANA id in the tooltip.
  const options = useMemo(
    () =>
      timeZones().map((z) => {
        const label = zoneLabel(z, locale);
        return { value: z, label, title: z, search: `${label} ${z}`.toLowerCase() };
      }),
    [locale],
  );
  return (
    <Select
      data-testid="tz-switch"
      aria-label={t('tz.label')}
      title={t('tz.label')}
      size="small"
      variant="borderless"
      showSearch={{
        filterOption: (input, option) => (option?.search ?? '').includes(input.toLowerCase()),
      }}
      suffixIcon={<ClockCircleOutlined />}
      popupMatchSelectWidth={220}
      value={timeZone}
      onChange={setTimeZone}
      options={options}
      className="warden-tz-switch"
    />
  );
}
