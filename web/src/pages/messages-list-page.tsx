import { CheckOutlined, CloseOutlined, StopOutlined } from '@ant-design/icons';
import { type InfiniteData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Page } from '../api';
import { channels } from '../blocklist/api';
import { channelText } from '../blocklist/display';
import { IdentifierSearch, useIdentifierSearch } from '../blocklist/identifier-search';
import { CustomerName } from '../customers/display';
import { errorText } from '../errors';
import { useFormatTime, useZonedPicker } from '../format';
import { useT } from '../i18n';
import { ListTable, useCursorList } from '../layout/list-table';
import { LoadError } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { ruleKeys, rules } from '../rules/api';
import {
  decisions,
  type Mark,
  type MessageFilter,
  marks,
  messages,
  type StoredMessage,
  screeningKeys,
} from '../screening/api';
import { BlockSenderButton } from '../screening/block-sender';
import {
  DecisionTag,
  decisionText,
  MarkTag,
  ReasonTags,
  SenderText,
  useReasonText,
} from '../screening/display';
import { can, useMe } from '../session';

const PAGE = 50;

function filterOf(params: URLSearchParams): MessageFilter {
  const f: MessageFilter = {};
  for (const k of ['decision', 'channel', 'ruleId', 'customerId', 'identifier', 'from', 'to'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  const mark = params.get('mark');
  if (mark === 'unmarked' || (marks as readonly string[]).includes(mark ?? ''))
    f.mark = mark as Mark | 'unmarked';
  return f;
}

const markIcon: Record<Mark, ReactNode> = {
  spam: <StopOutlined />,
  not_spam: <CheckOutlined />,
  invalid: <CloseOutlined />,
};

/** Spam / not spam / invalid: the current mark is the pressed button. */
function MarkButtons({
  message,
  onMark,
  disabled,
}: {
  message: StoredMessage;
  onMark: (mark: Mark) => void;
  disabled: boolean;
}) {
  const t = useT();
  return (
    <Space.Compact size="small" data-testid={`msg-marks-${message.id}`}>
      {marks.map((m) => (
        <Tooltip key={m} title={t(`mark.${m}`)}>
          <Button
            size="small"
            type={message.mark === m ? 'primary' : 'default'}
            danger={m === 'spam' && message.mark === m}
            icon={markIcon[m]}
            disabled={disabled}
            aria-pressed={message.mark === m}
            aria-label={t(`mark.${m}`)}
            data-testid={`msg-mark-${m}`}
            onClick={(e) => {
              e.stopPropagation();
              if (message.mark !== m) onMark(m);
            }}
          />
        </Tooltip>
      ))}
    </Space.Compact>
  );
}

function MessageDrawer({
  id,
  onClose,
  onMark,
  canMark,
}: {
  id: string | null;
  onClose: () => void;
  onMark: (m: StoredMessage, mark: Mark) => void;
  canMark: boolean;
}) {
  const t = useT();
  const formatTime = useFormatTime();
  const reasonText = useReasonText();
  // The full message (sender unmasked) is read on its own, so the read is in the audit log.
  const one = useQuery({
    queryKey: screeningKeys.message(id ?? ''),
    queryFn: () => messages.get(id ?? ''),
    enabled: id !== null,
  });
  const m = one.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={t('msg.detail.title')} destroyOnHidden>
      {one.error ? (
        <Typography.Text type="danger">{errorText(t, one.error)}</Typography.Text>
      ) : !m ? (
        <Spin />
      ) : (
        <Flex vertical gap={16} data-testid="msg-detail">
          <Flex justify="flex-end">
            <BlockSenderButton m={m} />
          </Flex>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('msg.col.time')}>{formatTime(m.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('msg.col.channel')}>
              {channelText(t, m.channel)}
              {m.source ? ` · ${m.source}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('msg.col.sender')}>
              <SenderText from={m.from} masked={false} />
            </Descriptions.Item>
            {m.customerId && (
              <Descriptions.Item label={t('msg.detail.customer')}>
                <Link to={`/customers/${encodeURIComponent(m.customerId)}`} data-testid="msg-customer">
                  <CustomerName card={m.customer} fallback={m.customerId} />
                </Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('msg.col.decision')}>
              <DecisionTag decision={m.decision} />
            </Descriptions.Item>
            {m.sessionId && (
              <Descriptions.Item label={t('msg.detail.session')}>{m.sessionId}</Descriptions.Item>
            )}
            {m.externalId && (
              <Descriptions.Item label={t('msg.detail.external')}>{m.externalId}</Descriptions.Item>
            )}
          </Descriptions>
          <Card size="small" title={t('msg.col.text')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="msg-detail-text">
              {m.text}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('msg.col.reasons')}>
            {m.reasons.length === 0 ? (
              <Typography.Text type="secondary">{t('msg.detail.noReasons')}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {m.reasons.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id of their own and never reorder
                  <Flex key={i} vertical gap={2}>
                    <ReasonTags reasons={[r]} />
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      data-testid="msg-reason-detail"
                    >
                      {reasonText(r)}
                    </Typography.Text>
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
          <Card size="small" title={t('msg.detail.actions')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('msg.col.tags')}>
                {m.actions.tags.length ? m.actions.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('act.type.route')}>{m.actions.route ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('act.type.set_priority')}>
                {m.actions.priority ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('act.type.auto_reply')}>
                {m.actions.autoReply ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Flex align="center" gap={12}>
            <Typography.Text>{t('msg.col.mark')}</Typography.Text>
            <MarkButtons message={m} disabled={!canMark} onMark={(mark) => onMark(m, mark)} />
            <MarkTag mark={m.mark} />
          </Flex>
        </Flex>
      )}
    </Drawer>
  );
}

export function MessagesListPage() {
  const t = useT();
  const me = useMe();
  const formatTime = useFormatTime();
  const zoned = useZonedPicker();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const idSearch = useIdentifierSearch(filter.identifier);
  const [open, setOpen] = useState<string | null>(null);
  const canMark = can(me.data, 'messages:mark');
  const ruleList = useQuery({
    queryKey: ruleKeys.list,
    queryFn: () => rules.list(),
    enabled: can(me.data, 'rules:read'),
  });

  const setFilter = (changes: Partial<Record<keyof MessageFilter, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const key = screeningKeys.messageList(filter);
  const { list, rows } = useCursorList(key, (cursor) => messages.list(filter, cursor, PAGE));

  const patchRow = (id: string, change: (m: StoredMessage) => StoredMessage) => {
    queryClient.setQueryData<InfiniteData<Page<StoredMessage>>>(key, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              items: p.items.map((m) => (m.id === id ? change(m) : m)),
            })),
          }
        : data,
    );
    queryClient.setQueryData<StoredMessage>(screeningKeys.message(id), (m) => (m ? change(m) : m));
  };

  // Optimistic: the mark shows at once and goes back if the server says no.
  const mark = useMutation({
    mutationFn: (v: { message: StoredMessage; mark: Mark }) => messages.mark(v.message.id, v.mark),
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: key });
      patchRow(v.message.id, (m) => ({ ...m, mark: v.mark }));
      return { previous: v.message.mark };
    },
    onError: (err, v, ctx) => {
      patchRow(v.message.id, (m) => ({ ...m, mark: ctx?.previous ?? null }));
      void message.error(errorText(t, err));
    },
    onSuccess: (saved) => {
      patchRow(saved.id, () => saved);
      // Rule statistics count marks.
      void queryClient.invalidateQueries({ queryKey: ruleKeys.all });
    },
  });
  const onMark = (m: StoredMessage, to: Mark) => mark.mutate({ message: m, mark: to });

  const columns: ColumnsType<StoredMessage> = [
    { title: t('msg.col.time'), dataIndex: 'receivedAt', width: 165, render: (v: string) => formatTime(v) },
    {
      title: t('msg.col.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (v: string) => channelText(t, v),
    },
    {
      title: t('msg.col.sender'),
      dataIndex: 'from',
      width: 190,
      render: (v: StoredMessage['from']) => <SenderText from={v.slice(0, 1)} />,
    },
    {
      title: t('msg.col.text'),
      dataIndex: 'text',
      render: (v: string) => (
        <Typography.Paragraph
          style={{ margin: 0, maxWidth: 420 }}
          ellipsis={{
            rows: 2,
            expandable: 'collapsible',
            symbol: (expanded) => t(expanded ? 'msg.less' : 'msg.more'),
            // Expanding the text is not opening the message.
            onExpand: (e) => e.stopPropagation(),
          }}
          data-testid="msg-text"
        >
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('msg.col.decision'),
      dataIndex: 'decision',
      width: 110,
      render: (v: string) => <DecisionTag decision={v} />,
    },
    {
      title: t('msg.col.reasons'),
      dataIndex: 'reasons',
      width: 200,
      render: (v: StoredMessage['reasons']) => <ReasonTags reasons={v} />,
    },
    {
      title: t('msg.col.tags'),
      key: 'tags',
      width: 120,
      render: (_, m) => (
        <Space size={4} wrap>
          {m.actions.tags.map((x) => (
            <Tag key={x} style={{ marginInlineEnd: 0 }}>
              {x}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('msg.col.mark'),
      key: 'mark',
      width: 150,
      fixed: 'right',
      render: (_, m) => (
        <Flex vertical gap={4} align="flex-start">
          <MarkTag mark={m.mark} />
          <MarkButtons message={m} disabled={!canMark} onMark={(to) => onMark(m, to)} />
        </Flex>
      ),
    },
  ];

  // The days are the reader's days, in the zone the table's times are shown in.
  const from = zoned.toPicker(filter.from);
  const to = zoned.toPicker(filter.to);
  const range: [Dayjs, Dayjs] | null = from && to ? [from, to] : null;
  return (
    <>
      <PageHeader title={t('msg.title')} subtitle={t('msg.subtitle')} />
      <LoadError error={list.error} onRetry={() => void list.refetch()} />
      <ListTable<StoredMessage>
        query={list}
        rows={rows}
        testId="msg-table"
        emptyText={t('msg.empty')}
        filtersTestId="msg-filters"
        filters={
          <>
            <Select<string>
              allowClear
              placeholder={t('msg.col.decision')}
              style={{ width: 130 }}
              value={filter.decision}
              onChange={(v) => setFilter({ decision: v })}
              data-testid="msg-filter-decision"
              options={decisions.map((d) => ({ value: d, label: decisionText(t, d) }))}
            />
            <Select<string>
              allowClear
              placeholder={t('msg.col.channel')}
              style={{ width: 130 }}
              value={filter.channel}
              onChange={(v) => setFilter({ channel: v })}
              data-testid="msg-filter-channel"
              options={channels.map((c) => ({ value: c, label: channelText(t, c) }))}
            />
            <Select<string>
              allowClear
              placeholder={t('msg.col.mark')}
              style={{ width: 130 }}
              value={filter.mark}
              onChange={(v) => setFilter({ mark: v })}
              data-testid="msg-filter-mark"
              options={[
                ...marks.map((m) => ({ value: m, label: t(`mark.${m}`) })),
                { value: 'unmarked', label: t('mark.unmarked') },
              ]}
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('msg.filter.rule')}
              style={{ width: 180 }}
              value={filter.ruleId}
              onChange={(v) => setFilter({ ruleId: v })}
              data-testid="msg-filter-rule"
              options={(ruleList.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
            <IdentifierSearch
              state={idSearch}
              width={340}
              senders
              testId="msg-filter-identifier"
              placeholder={t('msg.filter.identifier')}
              onSearch={(ref) => setFilter({ identifier: ref })}
            />
            <DatePicker.RangePicker
              value={range}
              onChange={(v) =>
                setFilter({
                  from: zoned.fromPicker(v?.[0]?.startOf('day')) ?? undefined,
                  to: zoned.fromPicker(v?.[1]?.endOf('day')) ?? undefined,
                })
              }
              data-testid="msg-filter-dates"
            />
            {filter.customerId && (
              <Tag
                closable
                onClose={() => setFilter({ customerId: undefined })}
                style={{ alignSelf: 'center' }}
              >
                {t('msg.detail.customer')} {filter.customerId}
              </Tag>
            )}
          </>
        }
        onReset={() => {
          idSearch.reset();
          setParams(new URLSearchParams(), { replace: true });
        }}
        loadMoreTestId="msg-load-more"
        table={{
          columns,
          scroll: { x: 1300 },
          onRow: (m) => ({
            onClick: () => setOpen(m.id),
            style: { cursor: 'pointer' },
            'data-testid': `msg-row-${m.id}`,
          }),
        }}
      />
      <MessageDrawer id={open} onClose={() => setOpen(null)} onMark={onMark} canMark={canMark} />
    </>
  );
}
