import { ClockCircleOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useMemo } from 'react';
import { timeZones, useTimeZone } from '../format';
import { useT } from '../i18n';

/** The reader's time zone for every time the console shows; saved in this browser. */
export function TimeZoneSwitch() {
  const t = useT();
  const { timeZone, setTimeZone } = useTimeZone();
  const options = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  return (
    <Select
      data-testid="tz-switch"
      aria-label={t('tz.label')}
      title={t('tz.label')}
      size="small"
      variant="borderless"
      showSearch
      suffixIcon={<ClockCircleOutlined />}
      popupMatchSelectWidth={220}
      style={{ width: 150 }}
      value={timeZone}
      onChange={setTimeZone}
      options={options}
      className="warden-tz-switch"
    />
  );
}
