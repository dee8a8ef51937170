import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useActorName } from '../blocklist/display';
import { type CodedText, useWordCoded } from '../coded-text';
import { errorText } from '../errors';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { LoadError } from '../layout/load-error';
import { LoadMore } from '../layout/load-more';
import { PageHeader } from '../layout/page-header';
import { ListEmpty } from '../layout/unknown';
import { type Alert, alertKinds, alerts, screeningKeys } from '../screening/api';
import { can, useMe } from '../session';

const severityColor: Record<string, string> = { info: 'blue', warning: 'orange', critical: 'red' };

const kindText = (t: Translate, kind: string) =>
  (alertKinds as readonly string[]).includes(kind) ? t(`alerts.kind.${kind}` as MessageKey) : kind;

function TargetLink({ target }: { target: Alert['target'] }) {
  const t = useT();
  if (!target.type || !target.id) return <Typography.Text type="secondary">—</Typography.Text>;
  const to =
    target.type === 'blocklist_entry'
      ? `/blocklist/${target.id}`
      : target.type === 'rule'
        ? `/rules/${target.id}`
        : target.type === 'customer'
          ? `/customers/${encodeURIComponent(target.id)}`
          : target.type === 'complaint'
            ? `/complaints/${target.id}`
            : target.type === 'winback_case'
              ? `/winback/${target.id}`
              : null;
  const label =
    target.type === 'customer'
      ? t('cmp.alertTarget.customer')
      : ['blocklist_entry', 'rule', 'complaint', 'winback_case'].includes(target.type)
        ? t(`alerts.target.${target.type}` as MessageKey)
        : target.type;
  return to ? (
    <Link to={to} data-testid="alert-target">
      {label}
    </Link>
  ) : (
    <span>{label}</span>
  );
}

export function AlertsInboxPage() {
  const t = useT();
  const word = useWordCoded();
  const me = useMe();
  const formatTime = useFormatTime();
  const actorName = useActorName();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status =
    params.get('status') === 'acked' ? 'acked' : params.get('status') === 'all' ? undefined : 'open';
  const kind = params.get('kind') ?? undefined;
  const filter = useMemo(
    () =>
      ({ ...(status ? { status } : {}), ...(kind ? { kind } : {}) }) as {
        status?: 'open' | 'acked';
        kind?: string;
      },
    [status, kind],
  );
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const list = useInfiniteQuery({
    queryKey: screeningKeys.alertList(filter),
    queryFn: ({ pageParam }) => alerts.list(filter, pageParam, 50),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // What this page sees fresh, the nav's count should too (it polls only every 30 s).
  const seenAt = list.dataUpdatedAt;
  useEffect(() => {
    if (seenAt) void queryClient.invalidateQueries({ queryKey: screeningKeys.openAlerts });
  }, [seenAt, queryClient]);

  const ack = useMutation({
    mutationFn: (id: string) => alerts.ack(id),
    onSuccess: () => {
      void message.success(t('alerts.acked'));
      void queryClient.invalidateQueries({ queryKey: screeningKeys.alerts });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const [selected, setSelected] = useState<string[]>([]);
  const ackMany = useMutation({
    mutationFn: (ids: string[]) => alerts.ackMany(ids),
    onSuccess: (res) => {
      void message.success(t('alerts.bulk.done', { n: res.items.length }));
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: screeningKeys.alerts });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  const canAck = can(me.data, 'alerts:ack');
  const openRows = rows.filter((a) => a.status === 'open');

  const columns: ColumnsType<Alert> = [
    { title: t('alerts.col.time'), dataIndex: 'createdAt', width: 165, render: (v: string) => formatTime(v) },
    {
      title: t('alerts.col.severity'),
      dataIndex: 'severity',
      width: 100,
      render: (v: string) => (
        <Tag color={severityColor[v] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {['info', 'warning', 'critical'].includes(v) ? t(`alerts.severity.${v}` as MessageKey) : v}
        </Tag>
      ),
    },
    { title: t('alerts.col.kind'), dataIndex: 'kind', width: 150, render: (v: string) => kindText(t, v) },
    {
      title: t('alerts.col.title'),
      key: 'title',
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Typography.Text strong={a.status === 'open'} data-testid="alert-title">
            {word(a.message, a.title)}
          </Typography.Text>
          {Array.isArray(a.message?.params.details) && a.message.params.details.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {(a.message.params.details as CodedText[])
                .map((d) => word(d, ''))
                .join(t('code.list.separator'))}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('alerts.col.target'),
      key: 'target',
      width: 130,
      render: (_, a) => <TargetLink target={a.target} />,
    },
    {
      title: t('alerts.col.status'),
      key: 'status',
      width: 220,
      render: (_, a) =>
        a.status === 'acked' ? (
          <Flex vertical>
            <Tag style={{ alignSelf: 'flex-start' }}>{t('alerts.status.acked')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {actorName({ type: 'user', id: a.ackedBy })} · {formatTime(a.ackedAt)}
            </Typography.Text>
          </Flex>
        ) : can(me.data, 'alerts:ack') ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={ack.isPending && ack.variables === a.id}
            onClick={() => ack.mutate(a.id)}
            data-testid={`alert-ack-${a.id}`}
          >
            {t('alerts.ack')}
          </Button>
        ) : (
          <Tag color="orange">{t('alerts.status.open')}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('alerts.title')} subtitle={t('alerts.subtitle')} />
      <LoadError error={list.error} onRetry={() => void list.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap style={{ padding: 16 }} justify="space-between">
          <Space wrap>
            <Radio.Group
              optionType="button"
              value={params.get('status') ?? 'open'}
              onChange={(e) =>
                set('status', e.target.value === 'open' ? undefined : (e.target.value as string))
              }
              data-testid="alert-filter-status"
              options={[
                { value: 'open', label: t('alerts.status.open') },
                { value: 'acked', label: t('alerts.status.acked') },
                { value: 'all', label: t('alerts.status.all') },
              ]}
            />
            <Select<string>
              allowClear
              placeholder={t('alerts.col.kind')}
              style={{ width: 200 }}
              value={kind}
              onChange={(v) => set('kind', v)}
              data-testid="alert-filter-kind"
              options={alertKinds.map((k) => ({ value: k, label: kindText(t, k) }))}
            />
          </Space>
          <Space wrap>
            {canAck && openRows.length > 0 && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={selected.length === 0}
                loading={ackMany.isPending}
                onClick={() => ackMany.mutate(selected)}
                data-testid="alert-bulk-ack"
              >
                {t('alerts.bulk.ack', { n: selected.length })}
              </Button>
            )}
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              aria-label={t('common.refresh')}
            />
          </Space>
        </Flex>
        <Table<Alert>
          rowKey="id"
          size="middle"
          data-testid="alert-table"
          loading={list.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 1100 }}
          rowSelection={
            canAck
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  columnWidth: 40,
                  // Only open alerts can be acknowledged; the header box selects all of them.
                  getCheckboxProps: (a) =>
                    ({ disabled: a.status !== 'open', 'data-testid': `alert-select-${a.id}` }) as object,
                }
              : undefined
          }
          locale={{
            emptyText: <ListEmpty failed={Boolean(list.error) && !list.data} text={t('alerts.empty')} />,
          }}
          onRow={(a) => ({ 'data-testid': `alert-row-${a.id}` }) as object}
        />
        <LoadMore query={list} shown={0} showEnd={false} />
      </Card>
    </>
  );
}
