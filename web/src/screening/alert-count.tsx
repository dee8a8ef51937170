import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { can, useMe } from '../session';
import { alerts, screeningKeys } from './api';

const PAGE = 100;

/** Open alerts, polled every 30 s while the console is open; `more` when there are over a page of them. */
export function useOpenAlerts() {
  const me = useMe();
  const q = useQuery({
    queryKey: screeningKeys.openAlerts,
    queryFn: () => alerts.list({ status: 'open' }, null, PAGE),
    enabled: can(me.data, 'alerts:read'),
    refetchInterval: 30_000,
  });
  return {
    count: q.data?.items.length ?? 0,
    more: q.data?.nextCursor != null,
    // Not known (never fetched, the last try failed): show "—", not 0.
    failed: q.isError && !q.data,
    error: q.error,
    retry: () => void q.refetch(),
  };
}

/** The nav's count next to "Alerts". */
export function AlertNavCount() {
  const { count, more } = useOpenAlerts();
  return (
    <Badge
      count={count}
      overflowCount={more ? PAGE - 1 : 999}
      size="small"
      style={{ marginInlineStart: 8, boxShadow: 'none' }}
      data-testid="nav-alerts-count"
    />
  );
}

/** The header's bell: open alerts, a click away. */
export function AlertBell() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { count, more } = useOpenAlerts();
  if (!can(me.data, 'alerts:read')) return null;
  return (
    <Tooltip title={t('alerts.open', { n: more ? `${count}+` : count })}>
      <Badge count={count} overflowCount={more ? PAGE - 1 : 999} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          onClick={() => navigate('/alerts')}
          aria-label={t('nav.alerts')}
          data-testid="header-alerts"
        />
      </Badge>
    </Tooltip>
  );
}
