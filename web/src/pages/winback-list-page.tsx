import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, DatePicker, Flex, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCategories } from '../blocklist/display';
import { type ChartOption, EChart } from '../blocklist/echart';
import { LoadProblem } from '../blocklist/errors-view';
import { useFormatTime, useZonedPicker } from '../format';
import { type MessageKey, useT } from '../i18n';
import { ListTable, useCursorList } from '../layout/list-table';
import { PageHeader } from '../layout/page-header';
import { ListEmpty } from '../layout/unknown';
import {
  type Outcome,
  outcomes,
  type StatsGroup,
  type StatsInterval,
  type WinbackFilter,
  type WinbackListItem,
  type WinbackStats,
  winback,
  winbackKeys,
} from '../winback/api';

export const outcomeColor: Record<Outcome, string> = {
  won_back: 'green',
  lost: 'red',
  no_response: 'default',
};

export function OutcomeTag({ outcome }: { outcome: Outcome | null }) {
  const t = useT();
  if (!outcome) return <Tag data-testid="wb-outcome">{t('wb.outcome.none')}</Tag>;
  return (
    <Tag color={outcomeColor[outcome]} data-testid="wb-outcome">
      {t(`wb.outcome.${outcome}` as MessageKey)}
    </Tag>
  );
}

/** The counted columns of the statistics, in table order; the totals row sums the same ones. */
const totalColumns = ['cases', 'closed', 'wonBack', 'lost', 'noResponse', 'rate'] as const;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** Win-back cases, newest first, and the win-back rate by category or owner over time. */
export function WinbackListPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.winback')} subtitle={t('wb.subtitle')} />
      <Tabs
        data-testid="wb-tabs"
        items={[
          { key: 'cases', label: t('wb.tab.cases'), children: <CaseList /> },
          {
            key: 'stats',
            label: <span data-testid="wb-tab-stats">{t('wb.tab.stats')}</span>,
            children: <Stats />,
          },
        ]}
      />
    </>
  );
}

function CaseList() {
  const t = useT();
  const formatTime = useFormatTime();
  const categories = useCategories();
  const [status, setStatus] = useState<'open' | 'closed' | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const filter: WinbackFilter = {
    ...(status ? { status } : {}),
    ...(outcome ? { outcome } : {}),
    ...(mine ? { owner: 'me' } : {}),
    ...(overdue ? { overdue: true } : {}),
  };
  const { list, rows } = useCursorList(winbackKeys.list(filter), (cursor) =>
    winback.list(filter, cursor, 50),
  );
  const columns: ColumnsType<WinbackListItem> = [
    {
      title: t('wb.col.customer'),
      key: 'customer',
      render: (_, c) => (
        <Link to={`/winback/${c.id}`} data-testid="wb-row-link">
          {c.customer?.name ?? c.customer?.contact ?? c.customerId ?? c.entryId}
        </Link>
      ),
    },
    {
      title: t('wb.col.category'),
      dataIndex: 'category',
      width: 120,
      render: (v: string) => categories.labelOf(v),
    },
    {
      title: t('wb.col.owner'),
      key: 'owner',
      width: 140,
      render: (_, c) => c.ownerName ?? c.ownerId ?? t('wb.detail.noOwner'),
    },
    {
      title: t('wb.col.progress'),
      key: 'progress',
      width: 220,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.milestones.map((m) => (
            <Tag key={m.kind} color={m.doneAt ? 'green' : m.overdue ? 'red' : 'default'}>
              {t(`wb.ms.${m.kind}` as MessageKey)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('wb.col.status'),
      key: 'status',
      width: 150,
      render: (_, c) =>
        c.status === 'open' ? (
          <Tag color="blue">{t('wb.status.open')}</Tag>
        ) : (
          <OutcomeTag outcome={c.outcome} />
        ),
    },
    { title: t('wb.col.created'), dataIndex: 'createdAt', width: 165, render: (v: string) => formatTime(v) },
  ];
  return (
    <>
      {list.isError && <LoadProblem error={list.error} onRetry={() => void list.refetch()} />}
      <ListTable<WinbackListItem>
        query={list}
        rows={rows}
        testId="wb-table"
        emptyText={t('wb.empty')}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('wb.filter.status')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              data-testid="wb-filter-status"
              options={[
                { value: 'open', label: t('wb.status.open') },
                { value: 'closed', label: t('wb.status.closed') },
              ]}
            />
            <Select
              allowClear
              placeholder={t('wb.filter.outcome')}
              style={{ width: 160 }}
              value={outcome}
              onChange={setOutcome}
              options={outcomes.map((o) => ({ value: o, label: t(`wb.outcome.${o}` as MessageKey) }))}
            />
            <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
              {t('wb.filter.mine')}
            </Checkbox>
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
              {t('wb.filter.overdue')}
            </Checkbox>
          </>
        }
        table={{ columns }}
      />
    </>
  );
}

function Stats() {
  const t = useT();
  const categories = useCategories();
  const [groupBy, setGroupBy] = useState<StatsGroup>('category');
  const [interval, setStatsInterval] = useState<StatsInterval>('week');
  const zoned = useZonedPicker();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    zoned.now().subtract(90, 'day').startOf('day'),
    zoned.now().endOf('day'),
  ]);
  const q = {
    groupBy,
    interval,
    from: zoned.fromPicker(range[0]) ?? '',
    to: zoned.fromPicker(range[1]) ?? '',
  };
  const stats = useQuery({ queryKey: winbackKeys.stats(q), queryFn: () => winback.stats(q) });
  const label = (key: string, fallback: string) =>
    groupBy === 'category' ? categories.labelOf(key) : fallback;
  const columns: ColumnsType<WinbackStats['rows'][number]> = [
    { title: t('wb.stats.group'), key: 'group', render: (_, r) => label(r.key, r.label) },
    { title: t('wb.stats.period'), dataIndex: 'period', width: 120 },
    { title: t('wb.stats.cases'), dataIndex: 'cases', width: 80, align: 'right' },
    { title: t('wb.stats.closed'), dataIndex: 'closed', width: 80, align: 'right' },
    { title: t('wb.stats.wonBack'), dataIndex: 'wonBack', width: 90, align: 'right' },
    { title: t('wb.stats.lost'), dataIndex: 'lost', width: 80, align: 'right' },
    { title: t('wb.stats.noResponse'), dataIndex: 'noResponse', width: 90, align: 'right' },
    {
      title: t('wb.stats.rate'),
      dataIndex: 'rate',
      width: 110,
      align: 'right',
      render: (v: number | null) => percent(v),
    },
  ];
  const option = useMemo<ChartOption>(() => {
    const rows = stats.data?.rows ?? [];
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const keys = [...new Set(rows.map((r) => r.key))];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: keys.map((k) => ({
        type: 'line' as const,
        name: groupBy === 'category' ? categories.labelOf(k) : (rows.find((r) => r.key === k)?.label ?? k),
        connectNulls: true,
        data: periods.map((p) => {
          const r = rows.find((x) => x.key === k && x.period === p);
          return r?.rate == null ? null : Math.round(r.rate * 1000) / 10;
        }),
      })),
    } as ChartOption;
  }, [stats.data, groupBy, categories]);
  return (
    <Card>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Space>
          <Typography.Text type="secondary">{t('wb.stats.groupBy')}</Typography.Text>
          <Radio.Group
            optionType="button"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as StatsGroup)}
            data-testid="wb-stats-group"
            options={[
              { value: 'category', label: t('wb.stats.byCategory') },
              { value: 'owner', label: t('wb.stats.byOwner') },
            ]}
          />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('wb.stats.interval')}</Typography.Text>
          <Radio.Group
            optionType="button"
            value={interval}
            onChange={(e) => setStatsInterval(e.target.value as StatsInterval)}
            options={[
              { value: 'week', label: t('wb.stats.week') },
              { value: 'month', label: t('wb.stats.month') },
            ]}
          />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('wb.stats.range')}</Typography.Text>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0].startOf('day'), v[1].endOf('day')]);
            }}
          />
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('wb.stats.hint')}</Typography.Paragraph>
      {stats.isError && <LoadProblem error={stats.error} onRetry={() => void stats.refetch()} />}
      {(stats.data?.rows.length ?? 0) > 0 && <EChart option={option} height={260} testId="wb-stats-chart" />}
      <Table
        rowKey={(r) => `${r.key}:${r.period}`}
        size="small"
        data-testid="wb-stats-table"
        loading={stats.isLoading}
        columns={columns}
        dataSource={stats.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: <ListEmpty failed={stats.isError} text={t('wb.stats.empty')} /> }}
        summary={() =>
          stats.data?.totals.length
            ? stats.data.totals.map((r) => (
                <Table.Summary.Row key={r.key} data-testid="wb-stats-total">
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{label(r.key, r.label)}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>{t('wb.stats.totals')}</Table.Summary.Cell>
                  {totalColumns.map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 2} align="right">
                      {k === 'rate' ? <span data-testid="wb-stats-total-rate">{percent(r.rate)}</span> : r[k]}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ))
            : null
        }
      />
    </Card>
  );
}
