import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, Flex, List, Row, Segmented, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { levelColor, useCategories } from '../blocklist/display';
import { type ChartOption, EChart } from '../blocklist/echart';
import type { Priority } from '../complaints/api';
import { categoryText, durationText, LoadProblem, PriorityTag, useNow } from '../complaints/display';
import { CustomerName } from '../customers/display';
import { complaintsOpenedResolved, screenedByDecision } from '../dashboard/charts';
import { useFormatTime, useTimeZone } from '../format';
import { type MessageKey, useT } from '../i18n';
import { PageHeader } from '../layout/page-header';
import { UNKNOWN } from '../layout/unknown';
import { can, useMe } from '../session';
import {
  useWorkbench,
  type WorkbenchSection,
  type WorkbenchView,
  workbench,
  workbenchKeys,
} from '../workbench/api';

type Item<K extends WorkbenchSection> = NonNullable<WorkbenchView[K]>['items'][number];
type ComplaintItem = Item<'overdue'>;
type EntryItem = Item<'pendingApprovals'>;
type AlertItem = Item<'openAlerts'>;

const severityColor: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** Each list: where "all of them" is, and what its items are. */
const sections: { key: WorkbenchSection; all: string; kind: 'complaint' | 'entry' | 'alert' }[] = [
  { key: 'overdue', all: '/complaints?due=overdue', kind: 'complaint' },
  { key: 'unassignedUrgent', all: '/complaints?assignee=none', kind: 'complaint' },
  { key: 'dueSoon', all: '/complaints?due=soon', kind: 'complaint' },
  { key: 'pendingApprovals', all: '/blocklist/approvals', kind: 'entry' },
  { key: 'reviewsDue', all: '/blocklist?status=review_due', kind: 'entry' },
  { key: 'openSurges', all: '/alerts?kind=surge', kind: 'alert' },
  { key: 'openAlerts', all: '/alerts', kind: 'alert' },
];

function ComplaintRow({ c, now }: { c: ComplaintItem; now: number }) {
  const t = useT();
  const due = Date.parse(c.slaDueAt);
  return (
    <Link to={`/complaints/${c.id}`} style={{ width: '100%' }} data-testid={`wb-item-${c.id}`}>
      <Flex gap={8} align="center" wrap>
        <PriorityTag priority={c.priority as Priority} />
        <Typography.Text className="warden-mono" data-testid="wb-reference">
          {c.reference ?? c.id}
        </Typography.Text>
        <CustomerName card={c.customer} fallback={t('cmp.customer.unknown')} />
        <Typography.Text type="secondary">{categoryText(t, c.category)}</Typography.Text>
        <Typography.Text type={now > due ? 'danger' : 'warning'} style={{ marginInlineStart: 'auto' }}>
          {now > due
            ? t('cmp.sla.overdue', { d: durationText(t, now - due) })
            : t('cmp.sla.left', { d: durationText(t, due - now) })}
        </Typography.Text>
        <Typography.Text type="secondary">{c.assigneeName ?? t('wb.unassigned')}</Typography.Text>
      </Flex>
    </Link>
  );
}

function EntryRow({ e }: { e: EntryItem }) {
  const t = useT();
  const formatTime = useFormatTime();
  const { labelOf } = useCategories();
  return (
    <Link to={`/blocklist/${e.id}`} style={{ width: '100%' }} data-testid={`wb-item-${e.id}`}>
      <Flex gap={8} align="center" wrap>
        <Tag color={levelColor[e.level as 1 | 2 | 3]} style={{ marginInlineEnd: 0 }}>
          {t(`blk.level.${e.level}` as MessageKey)}
        </Tag>
        {e.customer ? (
          <CustomerName card={e.customer} />
        ) : (
          <Typography.Text className="warden-mono">{e.identifier ?? UNKNOWN}</Typography.Text>
        )}
        <Typography.Text type="secondary">{labelOf(e.category)}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {formatTime(e.reviewAt ?? e.createdAt)}
        </Typography.Text>
      </Flex>
    </Link>
  );
}

function AlertRow({ a }: { a: AlertItem }) {
  const t = useT();
  const formatTime = useFormatTime();
  const to = a.target.type === 'complaint' && a.target.id ? `/complaints/${a.target.id}` : '/alerts';
  return (
    <Link to={to} style={{ width: '100%' }} data-testid={`wb-item-${a.id}`}>
      <Flex gap={8} align="center" wrap>
        <Tag color={severityColor[a.severity] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {t(`alerts.severity.${a.severity}` as MessageKey)}
        </Tag>
        <Typography.Text>{t(`alerts.kind.${a.kind}` as MessageKey)}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {formatTime(a.createdAt)}
        </Typography.Text>
      </Flex>
    </Link>
  );
}

function TrendCard({ title, option, testId }: { title: string; option: ChartOption | null; testId: string }) {
  return (
    <Card title={title} size="small" styles={{ body: { padding: 12 } }} data-testid={`${testId}-card`}>
      {option ? <EChart option={option} height={260} testId={testId} /> : <Empty />}
    </Card>
  );
}

/**
 * 工作台: what needs me now — overdue and nearly due complaints, unassigned
 * P1/P2, approvals and reviews waiting, open surges and alerts — each a list
 * a click from the item or the whole filtered list; trends below.
 */
export function WorkbenchPage() {
  const t = useT();
  const { timeZone } = useTimeZone();
  const me = useMe();
  const now = useNow();
  const wb = useWorkbench();
  const canAnalytics = can(me.data, 'analytics:read');
  const [days, setDays] = useState(14);
  const overview = useQuery({
    queryKey: workbenchKeys.overview(days, timeZone),
    queryFn: () => workbench.overview(days, timeZone),
    enabled: canAnalytics,
  });
  const o = overview.data;
  const screened = useMemo(() => (o ? screenedByDecision(t, o) : null), [o, t]);
  const complaintsChart = useMemo(() => (o ? complaintsOpenedResolved(t, o) : null), [o, t]);
  const failed = wb.isError && !wb.data;
  const shown = sections.filter((s) => failed || wb.data?.[s.key] !== undefined);

  const render = (kind: 'complaint' | 'entry' | 'alert', item: unknown): ReactNode =>
    kind === 'complaint' ? (
      <ComplaintRow c={item as ComplaintItem} now={now} />
    ) : kind === 'entry' ? (
      <EntryRow e={item as EntryItem} />
    ) : (
      <AlertRow a={item as AlertItem} />
    );

  return (
    <>
      <PageHeader title={t('wb.title')} subtitle={t('wb.subtitle')} />
      <LoadProblem
        error={wb.error ?? overview.error}
        onRetry={() => {
          if (wb.isError) void wb.refetch();
          if (overview.isError) void overview.refetch();
        }}
      />
      <Row gutter={[16, 16]} data-testid="wb-sections">
        {shown.map((s) => {
          const section = wb.data?.[s.key];
          return (
            <Col key={s.key} xs={24} xl={12}>
              <Card
                size="small"
                data-testid={`wb-${s.key}`}
                title={
                  <Flex gap={8} align="center">
                    <span>{t(`wb.section.${s.key}` as MessageKey)}</span>
                    <Badge
                      count={section ? section.count : UNKNOWN}
                      showZero
                      overflowCount={999}
                      color={section && section.count > 0 ? '#e5484d' : '#8c9bb0'}
                      data-testid={`wb-${s.key}-count`}
                    />
                  </Flex>
                }
                extra={
                  <Link to={s.all} data-testid={`wb-${s.key}-all`}>
                    {t('wb.all')}
                  </Link>
                }
              >
                {section && section.items.length > 0 ? (
                  <List
                    size="small"
                    dataSource={section.items as unknown[]}
                    renderItem={(item) => <List.Item>{render(s.kind, item)}</List.Item>}
                  />
                ) : (
                  <Typography.Text type="secondary" data-testid={`wb-${s.key}-empty`}>
                    {section ? t('wb.nothing') : wb.isPending ? t('common.loading') : UNKNOWN}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      {canAnalytics && (
        <>
          <Flex justify="space-between" align="center" style={{ marginTop: 24, marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('wb.trends')}
            </Typography.Title>
            <Segmented<number>
              value={days}
              onChange={setDays}
              data-testid="wb-range"
              options={[7, 14, 30].map((n) => ({ value: n, label: t('blk.ov.range', { n }) }))}
            />
          </Flex>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <TrendCard title={t('wb.trend.screened')} option={screened} testId="wb-trend-screened" />
            </Col>
            <Col xs={24} xl={12}>
              <TrendCard
                title={t('wb.trend.complaints')}
                option={complaintsChart}
                testId="wb-trend-complaints"
              />
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
