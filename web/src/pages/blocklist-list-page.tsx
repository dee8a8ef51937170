import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Checkbox,
  Flex,
  Input,
  List,
  Popover,
  Select,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  type BlocklistEntry,
  blocklist,
  blocklistKeys,
  type Level,
  type ListFilter,
  levels,
  type Status,
  sources,
  statuses,
} from '../blocklist/api';
import { LevelTag, StatusTag, sourceText, TargetText, useCategories } from '../blocklist/display';
import { EntryFormDrawer } from '../blocklist/entry-form';
import { LoadProblem } from '../blocklist/errors-view';
import { IdentifierSearch, useIdentifierSearch } from '../blocklist/identifier-search';
import { useWordCoded } from '../coded-text';
import { useFormatTime } from '../format';
import { useT } from '../i18n';
import { CreateButton, ListTable, useCursorList } from '../layout/list-table';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';

const PAGE = 50;

function filterOf(params: URLSearchParams): ListFilter {
  const f: ListFilter = {};
  const level = Number(params.get('level'));
  if ((levels as readonly number[]).includes(level)) f.level = level as Level;
  const status = params.get('status');
  if (status && (statuses as readonly string[]).includes(status)) f.status = status as Status;
  for (const k of ['category', 'source', 'identifier', 'q'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  if (params.get('owner') === 'me') f.owner = 'me';
  return f;
}

function ReminderBadge() {
  const t = useT();
  const formatTime = useFormatTime();
  const reminders = useQuery({ queryKey: blocklistKeys.reminders, queryFn: () => blocklist.reminders(true) });
  const items = reminders.data?.items ?? [];
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('blk.reminders.title')}
      content={
        <List
          size="small"
          style={{ width: 340, maxHeight: 360, overflow: 'auto' }}
          data-testid="blk-reminders"
          dataSource={items}
          locale={{ emptyText: t('blk.reminders.empty') }}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical>
                <Link to={`/blocklist/${r.entryId}`} className="warden-mono">
                  {r.entryId}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('blk.reminders.due', { time: formatTime(r.dueAt) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      }
    >
      <Badge count={items.length} size="small" offset={[-4, 4]}>
        <Button icon={<BellOutlined />} data-testid="blk-reminders-button">
          {t('blk.reminders')}
        </Button>
      </Badge>
    </Popover>
  );
}

export function BlocklistListPage() {
  const t = useT();
  const word = useWordCoded();
  const me = useMe();
  const navigate = useNavigate();
  const formatTime = useFormatTime();
  const categories = useCategories();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const [adding, setAdding] = useState(false);
  const idSearch = useIdentifierSearch(filter.identifier);
  const [qDraft, setQDraft] = useState(filter.q ?? '');

  const setFilter = (key: keyof ListFilter, value: string | number | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };

  const { list, rows } = useCursorList(blocklistKeys.list(filter), (cursor) =>
    blocklist.list(filter, cursor, PAGE),
  );

  const columns: ColumnsType<BlocklistEntry> = [
    { title: t('blk.field.target'), key: 'target', width: 260, render: (_, e) => <TargetText entry={e} /> },
    { title: t('blk.field.level'), key: 'level', width: 170, render: (_, e) => <LevelTag entry={e} /> },
    {
      title: t('blk.field.category'),
      dataIndex: 'category',
      width: 120,
      render: (v: string) => categories.labelOf(v),
    },
    {
      title: t('blk.field.reason'),
      dataIndex: 'reason',
      ellipsis: { showTitle: true },
      render: (_, e) => word(e.reasonCode, e.reason),
    },
    {
      title: t('blk.field.status'),
      key: 'status',
      width: 150,
      render: (_, e) => <StatusTag entry={e} />,
    },
    {
      title: t('blk.field.source'),
      dataIndex: 'source',
      width: 100,
      render: (v: string) => sourceText(t, v),
    },
    {
      title: t('blk.field.times'),
      key: 'times',
      width: 230,
      render: (_, e) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <Typography.Text style={{ fontSize: 12 }}>
            {t('blk.times.added', { time: formatTime(e.createdAt) })}
          </Typography.Text>
          {e.startsAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('blk.times.starts', { time: formatTime(e.startsAt) })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.expiresAt
              ? t('blk.times.expires', { time: formatTime(e.expiresAt) })
              : t('blk.times.noExpiry')}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const exportFilter = {
    level: filter.level,
    category: filter.category,
    status: filter.status,
    source: filter.source,
  };
  const writable = can(me.data, 'blocklist:write');
  return (
    <>
      <PageHeader
        title={t('blk.list.title')}
        subtitle={t('blk.list.subtitle')}
        extra={
          <Space wrap>
            <ReminderBadge />
            {can(me.data, 'blocklist:export') && (
              <Tooltip title={t('blk.export.hint')}>
                <Space.Compact>
                  <Button
                    icon={<DownloadOutlined />}
                    href={blocklist.exportUrl('csv', exportFilter)}
                    download
                    data-testid="blk-export-csv"
                  >
                    {t('blk.export.csv')}
                  </Button>
                  <Button
                    href={blocklist.exportUrl('xlsx', exportFilter)}
                    download
                    data-testid="blk-export-xlsx"
                  >
                    {t('blk.export.xlsx')}
                  </Button>
                </Space.Compact>
              </Tooltip>
            )}
            {writable && (
              <CreateButton label={t('blk.add')} testId="blk-add" onClick={() => setAdding(true)} />
            )}
          </Space>
        }
      />
      <LoadProblem error={list.error} onRetry={() => void list.refetch()} />
      <ListTable<BlocklistEntry>
        query={list}
        rows={rows}
        testId="blk-table"
        emptyText={t('blk.empty')}
        filtersTestId="blk-filters"
        filters={
          <>
            <Select<Level>
              allowClear
              placeholder={t('blk.field.level')}
              style={{ width: 130 }}
              value={filter.level}
              onChange={(v) => setFilter('level', v)}
              data-testid="blk-filter-level"
              options={levels.map((l) => ({ value: l, label: `${l} ${t(`blk.level.${l}`)}` }))}
            />
            <Select<string>
              allowClear
              placeholder={t('blk.field.category')}
              style={{ width: 140 }}
              value={filter.category}
              onChange={(v) => setFilter('category', v)}
              data-testid="blk-filter-category"
              options={categories.items.map((c) => ({ value: c.key, label: categories.labelOf(c.key) }))}
            />
            <Select<Status>
              allowClear
              placeholder={t('blk.field.status')}
              style={{ width: 140 }}
              value={filter.status}
              onChange={(v) => setFilter('status', v)}
              data-testid="blk-filter-status"
              options={statuses.map((s) => ({ value: s, label: t(`blk.status.${s}`) }))}
            />
            <Select<string>
              allowClear
              placeholder={t('blk.field.source')}
              style={{ width: 120 }}
              value={filter.source}
              onChange={(v) => setFilter('source', v)}
              data-testid="blk-filter-source"
              options={sources.map((s) => ({ value: s, label: t(`blk.source.${s}`) }))}
            />
            <IdentifierSearch
              state={idSearch}
              width={360}
              typeTestId="blk-filter-id-type"
              testId="blk-filter-identifier"
              placeholder={t('blk.filter.identifier')}
              onSearch={(ref) => setFilter('identifier', ref)}
            />
            <Input.Search
              allowClear
              style={{ width: 220 }}
              value={qDraft}
              onChange={(e) => setQDraft(e.target.value)}
              placeholder={t('blk.filter.q')}
              onSearch={(v) => setFilter('q', v.trim())}
              data-testid="blk-filter-q"
            />
            <Checkbox
              checked={filter.owner === 'me'}
              onChange={(e) => setFilter('owner', e.target.checked ? 'me' : undefined)}
              data-testid="blk-filter-mine"
              style={{ alignSelf: 'center' }}
            >
              {t('blk.filter.mine')}
            </Checkbox>
          </>
        }
        onReset={() => {
          idSearch.reset();
          setQDraft('');
          setParams(new URLSearchParams(), { replace: true });
        }}
        loadMoreTestId="blk-load-more"
        table={{
          columns,
          scroll: { x: 1100 },
          onRow: (e) => ({
            onClick: () => navigate(`/blocklist/${e.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `blk-row-${e.id}`,
          }),
        }}
      />
      <EntryFormDrawer
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={(e) => navigate(`/blocklist/${e.id}`)}
      />
    </>
  );
}
