import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { type BlocklistAnalytics, blocklist, blocklistKeys } from '../blocklist/api';
import { sourceText, useCategories } from '../blocklist/display';
import { type ChartOption, EChart } from '../blocklist/echart';
import { LoadProblem } from '../blocklist/errors-view';
import { barsByLabel, blocking } from '../dashboard/charts';
import { StatCards, type StatCounter } from '../dashboard/stat-cards';
import { useTimeZone } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { PageHeader } from '../layout/page-header';

const ranges = [7, 30, 90] as const;
const levelColors: Record<string, string> = { '1': '#e5484d', '2': '#f5a524', '3': '#d4b106' };
const statusColors: Record<string, string> = {
  active: '#30a46c',
  scheduled: '#1668dc',
  pending: '#8e4ec6',
  expired: '#b0b8c4',
  released: '#7f8ea3',
  rejected: '#d0d5dd',
};
const statusOrder = ['active', 'scheduled', 'pending', 'expired', 'released', 'rejected'];

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function pie(
  name: string,
  data: { name: string; value: number; itemStyle?: { color: string } }[],
): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        name,
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 600 },
        data,
      },
    ],
  };
}

function bar(name: string, data: { name: string; value: number }[], color: string): ChartOption {
  return barsByLabel(
    data.map((d) => d.name),
    [{ name, color, data: data.map((d) => d.value) }],
    22,
  );
}

function options(t: Translate, a: BlocklistAnalytics, categoryLabel: (k: string) => string) {
  const perDay = blocking(t, a);
  const byLevel = pie(
    t('blk.ov.byLevel'),
    ['1', '2', '3']
      .filter((l) => a.byLevel[l])
      .map((l) => ({
        name: `${l} ${t(`blk.level.${l}` as MessageKey)}`,
        value: a.byLevel[l] ?? 0,
        itemStyle: { color: levelColors[l] ?? '#999' },
      })),
  );
  const byStatus = pie(
    t('blk.ov.byStatus'),
    Object.keys(a.byStatus)
      .sort((x, y) => statusOrder.indexOf(x) - statusOrder.indexOf(y))
      .map((s) => ({
        name: statusOrder.includes(s) ? t(`blk.status.${s}` as MessageKey) : s,
        value: a.byStatus[s] ?? 0,
        itemStyle: { color: statusColors[s] ?? '#999' },
      })),
  );
  const byCategory = bar(
    t('blk.ov.byCategory'),
    Object.entries(a.byCategory)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => ({ name: categoryLabel(k), value: v })),
    '#1668dc',
  );
  const bySource = bar(
    t('blk.ov.bySource'),
    Object.entries(a.bySource)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => ({ name: sourceText(t, k), value: v })),
    '#5b8ff9',
  );
  return { perDay, byLevel, byStatus, byCategory, bySource };
}

function ChartCard({
  title,
  option,
  empty,
  testId,
  height = 260,
}: {
  title: string;
  option: ChartOption;
  empty: boolean;
  testId: string;
  height?: number;
}) {
  const t = useT();
  return (
    <Card title={title} size="small" styles={{ body: { padding: 12 } }}>
      {empty ? (
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

export function BlocklistOverviewPage() {
  const t = useT();
  const { timeZone } = useTimeZone();
  const [days, setDays] = useState<number>(30);
  const categories = useCategories();
  const analytics = useQuery({
    queryKey: blocklistKeys.analytics(days, timeZone),
    queryFn: () => blocklist.analytics(days, timeZone),
  });
  const reminders = useQuery({ queryKey: blocklistKeys.reminders, queryFn: () => blocklist.reminders(true) });
  const a = analytics.data;
  const charts = useMemo(() => (a ? options(t, a, categories.labelOf) : null), [a, t, categories.labelOf]);
  // A figure the server did not give is "—", never 0 (its error and retry are above).
  const total = a ? sum(a.byLevel) : 0;
  const known = (n: (a: BlocklistAnalytics) => number) => (a ? n(a) : '—');
  const remindersDue = reminders.data?.items.length;

  const counters: StatCounter[] = [
    { key: 'total', title: t('blk.ov.total'), value: known(() => total), to: '/blocklist' },
    {
      key: 'active',
      title: t('blk.ov.active'),
      value: known((a) => a.byStatus.active ?? 0),
      to: '/blocklist?status=active',
      color: '#30a46c',
    },
    {
      key: 'pending',
      title: t('blk.ov.pending'),
      value: known((a) => a.byStatus.pending ?? 0),
      to: '/blocklist?status=pending',
      color: '#8e4ec6',
    },
    {
      key: 'added',
      title: t('blk.ov.added', { days }),
      value: known((a) => a.perDay.reduce((n, d) => n + d.added, 0)),
      color: '#e5484d',
    },
    {
      key: 'released',
      title: t('blk.ov.released', { days }),
      value: known((a) => a.perDay.reduce((n, d) => n + d.released, 0)),
    },
    {
      key: 'reminders',
      title: t('blk.ov.reminders'),
      value: remindersDue ?? '—',
      to: '/blocklist?status=review_due&owner=me',
      color: (remindersDue ?? 0) > 0 ? '#fa541c' : undefined,
    },
  ].map((c) => ({ ...c, loading: c.key === 'reminders' ? reminders.isPending : analytics.isPending }));

  return (
    <>
      <PageHeader
        title={t('blk.ov.title')}
        subtitle={t('blk.ov.subtitle', { days })}
        extra={
          <Segmented<number>
            value={days}
            onChange={setDays}
            data-testid="blk-ov-range"
            options={ranges.map((n) => ({ value: n, label: t('blk.ov.range', { n }) }))}
          />
        }
      />
      <LoadProblem error={analytics.error} onRetry={() => void analytics.refetch()} />
      <StatCards counters={counters} testId="blk-ov-counters" testIdPrefix="blk-ov" />
      {charts && a && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col span={24}>
            <ChartCard
              title={t('blk.ov.perDay')}
              option={charts.perDay}
              empty={false}
              testId="blk-ov-per-day"
              height={280}
            />
          </Col>
          <Col xs={24} lg={12} xl={6}>
            <ChartCard
              title={t('blk.ov.byLevel')}
              option={charts.byLevel}
              empty={total === 0}
              testId="blk-ov-by-level"
            />
          </Col>
          <Col xs={24} lg={12} xl={6}>
            <ChartCard
              title={t('blk.ov.byStatus')}
              option={charts.byStatus}
              empty={total === 0}
              testId="blk-ov-by-status"
            />
          </Col>
          <Col xs={24} lg={12} xl={6}>
            <ChartCard
              title={t('blk.ov.byCategory')}
              option={charts.byCategory}
              empty={total === 0}
              testId="blk-ov-by-category"
            />
          </Col>
          <Col xs={24} lg={12} xl={6}>
            <ChartCard
              title={t('blk.ov.bySource')}
              option={charts.bySource}
              empty={total === 0}
              testId="blk-ov-by-source"
            />
          </Col>
        </Row>
      )}
    </>
  );
}
