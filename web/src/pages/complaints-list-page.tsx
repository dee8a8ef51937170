import { Flex, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  type Complaint,
  type ComplaintFilter,
  type ComplaintStatus,
  complaintChannels,
  complaintKeys,
  complaintStatuses,
  complaints,
  knownTeams,
  type Priority,
  priorities,
} from '../complaints/api';
import { AssignControl, BulkAssign, useAssignable } from '../complaints/assign';
import { ComplaintCards } from '../complaints/complaint-cards';
import {
  ComplaintStatusTag,
  complaintChannelText,
  durationText,
  LoadProblem,
  PriorityTag,
  RiskText,
  SeverityBar,
  SlaDue,
  statusText,
  TeamText,
  teamText,
  useComplaintCategories,
  useNow,
} from '../complaints/display';
import { LogComplaintButton } from '../complaints/log-form';
import { CustomerName } from '../customers/display';
import { useT } from '../i18n';
import { ListTable, useCursorList, useUrlFilter } from '../layout/list-table';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';

const PAGE = 50;

/** The filter as the URL has it; `status` defaults to `open` (the queue), `all` lifts it. */
function filterOf(params: URLSearchParams, myId: string | null): ComplaintFilter {
  const f: ComplaintFilter = {};
  const status = params.get('status') ?? 'open';
  if (status === 'open' || (complaintStatuses as readonly string[]).includes(status))
    f.status = status as ComplaintStatus | 'open';
  const priority = params.get('priority');
  if (priority && (priorities as readonly string[]).includes(priority)) f.priority = priority as Priority;
  for (const k of ['team', 'channel', 'category', 'customerId'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  const blocked = params.get('fromBlockedSender');
  if (blocked === 'true' || blocked === 'false') f.fromBlockedSender = blocked;
  const assignee = params.get('assignee');
  if (assignee === 'me' && myId) f.assignee = myId;
  else if (assignee && assignee !== 'me') f.assignee = assignee; // a user id, or `none`
  const due = params.get('due');
  if (due === 'overdue' || due === 'soon') f.due = due;
  return f;
}

export function ComplaintsListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const now = useNow();
  const { params, set, reset } = useUrlFilter();
  const myId = me.data?.user?.id ?? null;
  const filter = useMemo(() => filterOf(params, myId), [params, myId]);
  const people = useAssignable();
  const [selected, setSelected] = useState<string[]>([]);
  const canAssign = can(me.data, 'complaints:write');
  const categoryList = useComplaintCategories();
  const categoryLabel = categoryList.labelOf;
  const { list, rows } = useCursorList(
    complaintKeys.list(filter),
    (cursor) => complaints.list(filter, cursor, PAGE),
    { refetchInterval: 60_000 },
  );

  const columns: ColumnsType<Complaint> = [
    {
      title: t('cmp.col.priority'),
      dataIndex: 'priority',
      width: 70,
      fixed: 'left',
      render: (v: Priority) => <PriorityTag priority={v} />,
    },
    {
      title: t('cmp.col.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (v: number) => <SeverityBar severity={v} width={60} />,
    },
    {
      title: t('cmp.col.complaint'),
      key: 'text',
      render: (_, c) => (
        <Flex vertical gap={2} style={{ maxWidth: 360 }}>
          <Space size={4} wrap>
            <Tag bordered={false} color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="cmp-category">
              {categoryLabel(c.category)}
            </Tag>
            {c.channels.map((ch) => (
              <Tag key={ch} bordered={false} style={{ marginInlineEnd: 0 }}>
                {complaintChannelText(t, ch)}
              </Tag>
            ))}
            {c.fromBlockedSender && (
              <Tooltip title={t('cmp.blockedSender.hint')}>
                <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="cmp-blocked-sender">
                  {t('cmp.blockedSender')}
                </Tag>
              </Tooltip>
            )}
            {c.messageCount > 1 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cmp.messages', { n: c.messageCount })}
              </Typography.Text>
            )}
          </Space>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }} data-testid="cmp-text">
            <RiskText text={c.text} words={c.riskWords} />
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('cmp.col.customer'),
      dataIndex: 'customerId',
      width: 200,
      render: (v: string | null, c) =>
        v ? (
          <Link
            to={`/customers/${encodeURIComponent(v)}`}
            onClick={(e) => e.stopPropagation()}
            data-testid="cmp-customer"
            data-customer-id={v}
          >
            <CustomerName card={c.customer} fallback={v} />
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('cmp.customer.unknown')}</Typography.Text>
        ),
    },
    {
      title: t('cmp.col.team'),
      key: 'team',
      width: 120,
      render: (_, c) => <TeamText complaint={c} />,
    },
    {
      title: t('cmp.col.assignee'),
      key: 'assignee',
      width: 170,
      render: (_, c) => <AssignControl complaint={c} />,
    },
    {
      title: t('cmp.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: ComplaintStatus) => <ComplaintStatusTag status={v} />,
    },
    {
      title: t('cmp.col.sla'),
      key: 'sla',
      width: 170,
      render: (_, c) => <SlaDue complaint={c} now={now} compact />,
    },
    {
      title: t('cmp.col.age'),
      dataIndex: 'createdAt',
      width: 90,
      render: (v: string) => (
        <Typography.Text type="secondary">{durationText(t, now - Date.parse(v))}</Typography.Text>
      ),
    },
  ];

  const assigneeOptions = [
    ...(myId ? [{ value: 'me', label: t('cmp.filter.me') }] : []),
    { value: 'none', label: t('cmp.unassigned') },
    ...people.filter((u) => u.id !== myId).map((u) => ({ value: u.id, label: u.name })),
  ];
  const tab =
    params.get('assignee') === 'none' ? 'unassigned' : params.get('assignee') === 'me' ? 'mine' : 'all';

  return (
    <>
      <PageHeader title={t('cmp.title')} subtitle={t('cmp.subtitle')} extra={<LogComplaintButton />} />
      <LoadProblem error={list.error} onRetry={() => void list.refetch()} />
      <ListTable<Complaint>
        query={list}
        rows={rows}
        testId="cmp-table"
        emptyText={t('cmp.empty')}
        filtersTestId="cmp-filters"
        filtersToggleTestId="cmp-filters-toggle"
        onReset={reset}
        loadMoreTestId="cmp-load-more"
        cards={(rows, empty) => <ComplaintCards rows={rows} now={now} empty={empty} />}
        selection={canAssign ? { selected, onChange: setSelected, testIdPrefix: 'cmp-select' } : undefined}
        head={
          <>
            <Segmented<string>
              value={tab}
              data-testid="cmp-tabs"
              onChange={(v) => {
                setSelected([]);
                set('assignee', v === 'unassigned' ? 'none' : v === 'mine' ? 'me' : undefined);
              }}
              options={[
                { value: 'all', label: <span data-testid="cmp-tab-all">{t('cmp.tab.all')}</span> },
                {
                  value: 'unassigned',
                  label: <span data-testid="cmp-tab-unassigned">{t('cmp.tab.unassigned')}</span>,
                },
                ...(myId
                  ? [{ value: 'mine', label: <span data-testid="cmp-tab-mine">{t('cmp.tab.mine')}</span> }]
                  : []),
              ]}
            />
            {canAssign && selected.length > 0 && (
              <Space data-testid="cmp-bulk">
                <Typography.Text>{t('cmp.bulk.selected', { n: selected.length })}</Typography.Text>
                <BulkAssign ids={selected} onDone={() => setSelected([])} />
              </Space>
            )}
          </>
        }
        filters={
          <>
            <Select<string>
              style={{ width: 150 }}
              value={params.get('status') ?? 'open'}
              onChange={(v) => set('status', v === 'open' ? undefined : v)}
              data-testid="cmp-filter-status"
              options={[
                { value: 'open', label: t('cmp.filter.open') },
                ...complaintStatuses.map((s) => ({ value: s, label: statusText(t, s) })),
                { value: 'all', label: t('cmp.filter.all') },
              ]}
            />
            <Select<string>
              allowClear
              placeholder={t('cmp.col.priority')}
              style={{ width: 110 }}
              value={filter.priority}
              onChange={(v) => set('priority', v)}
              data-testid="cmp-filter-priority"
              options={priorities.map((p) => ({ value: p, label: `${p} · ${t(`cmp.priority.${p}`)}` }))}
              popupMatchSelectWidth={false}
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('cmp.col.team')}
              style={{ width: 140 }}
              value={filter.team}
              onChange={(v) => set('team', v)}
              data-testid="cmp-filter-team"
              options={knownTeams.map((x) => ({ value: x, label: teamText(t, x) }))}
            />
            <Select<string>
              allowClear
              placeholder={t('cmp.col.category')}
              style={{ width: 140 }}
              value={filter.category}
              onChange={(v) => set('category', v)}
              data-testid="cmp-filter-category"
              options={categoryList.items.map((c) => ({ value: c.key, label: categoryLabel(c.key) }))}
            />
            <Select<string>
              allowClear
              placeholder={t('cmp.col.channel')}
              style={{ width: 120 }}
              value={filter.channel}
              onChange={(v) => set('channel', v)}
              data-testid="cmp-filter-channel"
              options={complaintChannels.map((c) => ({ value: c, label: complaintChannelText(t, c) }))}
            />
            <Select<string>
              allowClear
              placeholder={t('cmp.filter.blockedSender')}
              style={{ width: 170 }}
              value={filter.fromBlockedSender}
              onChange={(v) => set('fromBlockedSender', v)}
              data-testid="cmp-filter-blocked-sender"
              options={[
                { value: 'true', label: t('cmp.filter.blockedSender.yes') },
                { value: 'false', label: t('cmp.filter.blockedSender.no') },
              ]}
              popupMatchSelectWidth={false}
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('cmp.col.assignee')}
              style={{ width: 180 }}
              value={params.get('assignee') ?? undefined}
              onChange={(v) => set('assignee', v)}
              data-testid="cmp-filter-assignee"
              options={assigneeOptions}
            />
            {filter.due && (
              <Tag
                closable
                color="red"
                onClose={() => set('due', undefined)}
                style={{ alignSelf: 'center' }}
                data-testid="cmp-filter-due"
              >
                {t(filter.due === 'overdue' ? 'wb.section.overdue' : 'wb.section.dueSoon')}
              </Tag>
            )}
            {filter.customerId && (
              <Tag closable onClose={() => set('customerId', undefined)} style={{ alignSelf: 'center' }}>
                {t('cmp.col.customer')} {filter.customerId}
              </Tag>
            )}
          </>
        }
        table={{
          columns,
          scroll: { x: 1250 },
          rowClassName: (c) =>
            c.status !== 'resolved' && c.status !== 'closed' && Date.parse(c.slaDueAt) < now
              ? 'warden-cmp-row-overdue'
              : '',
          onRow: (c) =>
            ({
              onClick: () => navigate(`/complaints/${c.id}`),
              style: { cursor: 'pointer' },
              'data-testid': `cmp-row-${c.id}`,
            }) as object,
        }}
      />
    </>
  );
}
