import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Progress, Row, Segmented, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { blocklist, blocklistKeys } from '../blocklist/api';
import { type ChartOption, EChart } from '../blocklist/echart';
import { complaintKeys, complaints, type Priority } from '../complaints/api';
import { LoadProblem, priorityColor } from '../complaints/display';
import {
  blocking,
  complaintsPerDay,
  type Dimension,
  riskWords,
  ruleHits,
  screenedByDecision,
} from '../dashboard/charts';
import { StatCards, type StatCounter } from '../dashboard/stat-cards';
import { useTimeZone } from '../format';
import { useT } from '../i18n';
import { PageHeader } from '../layout/page-header';
import { UNKNOWN } from '../layout/unknown';
import { useOpenAlerts } from '../screening/alert-count';
import { can, useMe } from '../session';
import { workbench, workbenchKeys } from '../workbench/api';

const ranges = [7, 30, 90] as const;
const COUNT_PAGE = 100;

/** Open complaints (of one priority): one page of the queue, "100+" past it — the API has no count. */
function useOpenComplaints(enabled: boolean, priority?: Priority) {
  const q = useQuery({
    queryKey: complaintKeys.openCount(priority),
    queryFn: () => complaints.list({ status: 'open', ...(priority ? { priority } : {}) }, null, COUNT_PAGE),
    enabled,
    refetchInterval: 60_000,
  });
  const n = q.data?.items.length ?? 0;
  const failed = q.isError && !q.data;
  return {
    value: failed ? UNKNOWN : q.data?.nextCursor ? `${n}+` : n,
    loading: enabled && q.isPending && !q.isError,
    n,
    failed,
    error: q.error,
    retry: () => void q.refetch(),
  };
}

function ChartCard({
  title,
  option,
  empty,
  testId,
  height = 280,
  extra,
  failed = false,
}: {
  title: string;
  option: ChartOption | null;
  empty: boolean;
  testId: string;
  height?: number;
  extra?: ReactNode;
  /** The figures could not be fetched: "—", not "no data". */
  failed?: boolean;
}) {
  const t = useT();
  return (
    <Card
      title={title}
      size="small"
      extra={extra}
      styles={{ body: { padding: 12 } }}
      data-testid={`${testId}-card`}
    >
      {failed ? (
        <Flex
          align="center"
          justify="center"
          style={{ height: height - 24 }}
          data-testid={`${testId}-unknown`}
        >
          <Typography.Text type="secondary" title={t('common.unknown')} style={{ fontSize: 24 }}>
            {UNKNOWN}
          </Typography.Text>
        </Flex>
      ) : empty || !option ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('blk.ov.empty')}
          style={{ height: height - 24 }}
        />
      ) : (
        <EChart option={option} height={height} testId={testId} />
      )}
    </Card>
  );
}

/**
 * The 概览 page: complaints over time (by category, priority or channel), SLA
 * met, top risk words, repeat complainants, blocking over time, and what is
 * open right now. Each part shows only with the permission that reads it.
 */
export function DashboardPage() {
  const t = useT();
  const { timeZone } = useTimeZone();
  const me = useMe();
  const [days, setDays] = useState<number>(30);
  const [dim, setDim] = useState<Dimension>('category');
  const canAnalytics = can(me.data, 'analytics:read');
  const canComplaints = can(me.data, 'complaints:read');
  const canAlerts = can(me.data, 'alerts:read');

  const cmp = useQuery({
    queryKey: complaintKeys.analytics(days, timeZone),
    queryFn: () => complaints.analytics(days, timeZone),
    enabled: canAnalytics,
  });
  const blk = useQuery({
    queryKey: blocklistKeys.analytics(days, timeZone),
    queryFn: () => blocklist.analytics(days, timeZone),
    enabled: canAnalytics,
  });
  const ov = useQuery({
    queryKey: workbenchKeys.overview(days, timeZone),
    queryFn: () => workbench.overview(days, timeZone),
    enabled: canAnalytics,
  });
  const rh = useQuery({
    queryKey: workbenchKeys.rules(days, timeZone),
    queryFn: () => workbench.rules(days, timeZone),
    enabled: canAnalytics,
  });
  const screened = useMemo(() => (ov.data ? screenedByDecision(t, ov.data) : null), [ov.data, t]);
  const rulesChart = useMemo(() => (rh.data ? ruleHits(t, rh.data.rules) : null), [rh.data, t]);
  const open = useOpenComplaints(canComplaints);
  const openP1 = useOpenComplaints(canComplaints, 'P1');
  const alerts = useOpenAlerts();

  const a = cmp.data;
  const b = blk.data;
  const perDay = useMemo(() => (a ? complaintsPerDay(t, a, dim) : null), [a, t, dim]);
  const words = useMemo(() => (a ? riskWords(t, a) : null), [a, t]);
  const blockingChart = useMemo(() => (b ? blocking(t, b) : null), [b, t]);
  const added = b ? b.perDay.reduce((n, d) => n + d.added, 0) : 0;
  const released = b ? b.perDay.reduce((n, d) => n + d.released, 0) : 0;

  const counters: StatCounter[] = [
    ...(canComplaints
      ? [
          {
            key: 'open-complaints',
            title: t('dash.openComplaints'),
            value: open.value,
            loading: open.loading,
            to: '/complaints',
            color: open.n > 0 ? '#f76b15' : undefined,
          },
          {
            key: 'open-p1',
            title: t('dash.openP1'),
            value: openP1.value,
            loading: openP1.loading,
            to: '/complaints?priority=P1',
            color: openP1.n > 0 ? priorityColor.P1 : undefined,
          },
        ]
      : []),
    ...(canAlerts
      ? [
          {
            key: 'open-alerts',
            title: t('dash.openAlerts'),
            value: alerts.failed ? UNKNOWN : alerts.more ? `${alerts.count}+` : alerts.count,
            loading: false,
            to: '/alerts',
            color: alerts.count > 0 ? '#e5484d' : undefined,
          },
        ]
      : []),
    ...(canAnalytics
      ? [
          {
            key: 'complaints-total',
            title: t('dash.complaintsTotal', { days }),
            value: a ? a.total : UNKNOWN,
            loading: cmp.isPending && !cmp.isError,
          },
          {
            key: 'repeat',
            title: t('dash.repeat', { days }),
            value: a ? a.repeatComplainants.count : UNKNOWN,
            loading: cmp.isPending && !cmp.isError,
            color: (a?.repeatComplainants.count ?? 0) > 0 ? '#8e4ec6' : undefined,
          },
          {
            key: 'blocked',
            title: t('dash.blockedAdded', { days }),
            value: b ? added : UNKNOWN,
            loading: blk.isPending && !blk.isError,
            to: '/blocklist/overview',
          },
        ]
      : []),
  ];

  const sla = a?.sla;
  return (
    <>
      <PageHeader
        title={t('dash.title')}
        subtitle={t('dash.subtitle', { days })}
        extra={
          canAnalytics && (
            <Segmented<number>
              value={days}
              onChange={setDays}
              data-testid="dash-range"
              options={ranges.map((n) => ({ value: n, label: t('blk.ov.range', { n }) }))}
            />
          )
        }
      />
      <LoadProblem
        error={cmp.error ?? blk.error ?? ov.error ?? rh.error ?? open.error ?? openP1.error ?? alerts.error}
        onRetry={() => {
          // Only what failed: a good figure stays while the rest is fetched again.
          if (cmp.isError) void cmp.refetch();
          if (blk.isError) void blk.refetch();
          if (ov.isError) void ov.refetch();
          if (rh.isError) void rh.refetch();
          if (open.failed) open.retry();
          if (openP1.failed) openP1.retry();
          if (alerts.failed) alerts.retry();
        }}
      />
      <StatCards counters={counters} testId="dash-counters" testIdPrefix="dash" />
      {canAnalytics && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={16}>
            <ChartCard
              title={t('dash.perDay')}
              option={perDay}
              empty={(a?.total ?? 0) === 0}
              testId="dash-complaints-per-day"
              failed={!a && cmp.isError}
              height={300}
              extra={
                <Segmented<Dimension>
                  size="small"
                  value={dim}
                  onChange={setDim}
                  data-testid="dash-dimension"
                  options={[
                    { value: 'category', label: t('cmp.col.category') },
                    { value: 'priority', label: t('cmp.col.priority') },
                    { value: 'channel', label: t('cmp.col.channel') },
                  ]}
                />
              }
            />
          </Col>
          <Col xs={24} xl={8}>
            <Card
              title={t('dash.sla')}
              size="small"
              data-testid="dash-sla"
              styles={{ body: { padding: 16 } }}
            >
              <Flex vertical align="center" gap={12} style={{ minHeight: 276, justifyContent: 'center' }}>
                {sla && sla.metPercent !== null ? (
                  <>
                    <Progress
                      type="dashboard"
                      percent={sla.metPercent}
                      size={180}
                      strokeColor={
                        sla.metPercent >= 90 ? '#30a46c' : sla.metPercent >= 70 ? '#d4a106' : '#e5484d'
                      }
                      format={(p) => `${p}%`}
                    />
                    <Typography.Text type="secondary" data-testid="dash-sla-text">
                      {t('dash.slaDetail', { met: sla.met, resolved: sla.resolved })}
                    </Typography.Text>
                  </>
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      !a && cmp.isError ? UNKNOWN : cmp.isPending ? t('common.loading') : t('dash.slaNone')
                    }
                  />
                )}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <ChartCard
              title={t('dash.riskWords')}
              option={words}
              empty={(a?.topRiskWords.length ?? 0) === 0}
              testId="dash-risk-words"
              failed={!a && cmp.isError}
            />
          </Col>
          <Col xs={24} xl={16}>
            <ChartCard
              title={t('dash.blocking', { added, released })}
              option={blockingChart}
              empty={false}
              testId="dash-blocking"
              failed={!b && blk.isError}
            />
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title={t('wb.trend.screened')}
              option={screened}
              empty={(ov.data?.screened ?? []).every((d) => d.total === 0)}
              testId="dash-screened"
              failed={!ov.data && ov.isError}
            />
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title={t('wb.trend.rules')}
              option={rulesChart}
              empty={(rh.data?.rules ?? []).every((r) => r.hits === 0)}
              testId="dash-rule-hits"
              failed={!rh.data && rh.isError}
            />
          </Col>
        </Row>
      )}
    </>
  );
}
