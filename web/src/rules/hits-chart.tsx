import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../blocklist/echart';
import { ruleHitsPerDay } from '../dashboard/charts';
import { useTimeZone } from '../format';
import { useT } from '../i18n';
import { can, useMe } from '../session';
import { workbench, workbenchKeys } from '../workbench/api';
import { precisionText } from './display';

const DAYS = 30;

/** A rule's hits per day over the last 30 days (enforced and shadow) and its precision then. */
export function RuleHitsChart({ id }: { id: string }) {
  const t = useT();
  const { timeZone } = useTimeZone();
  const me = useMe();
  const figures = useQuery({
    queryKey: workbenchKeys.rules(DAYS, timeZone),
    queryFn: () => workbench.rules(DAYS, timeZone),
    enabled: can(me.data, 'analytics:read'),
  });
  const rule = figures.data?.rules.find((r) => r.ruleId === id);
  const option = useMemo(() => (rule ? ruleHitsPerDay(t, rule) : null), [rule, t]);
  if (!rule || !option) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid="rule-hits-per-day">
      <Typography.Text type="secondary">
        {t('wb.trend.ruleDays', { days: DAYS })} · {t('rules.stats.precision')}{' '}
        {precisionText(rule.precision)}
      </Typography.Text>
      <EChart option={option} height={180} testId="rule-hits-chart" />
    </div>
  );
}
