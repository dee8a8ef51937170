import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Radio, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useActorName } from '../blocklist/display';
import { type CodedText, useWordCoded } from '../coded-text';
import { errorText } from '../errors';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { ListTable, useCursorList, useUrlFilter } from '../layout/list-table';
import { LoadError } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
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
  const { params, set } = useUrlFilter();
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
  const { list, rows } = useCursorList(
    screeningKeys.alertList(filter),
    (cursor) => alerts.list(filter, cursor, 50),
    { refetchInterval: 30_000 },
  );
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
      <ListTable<Alert>
        query={list}
        rows={rows}
        testId="alert-table"
        emptyText={t('alerts.empty')}
        showEnd={false}
        selection={
          canAck
            ? {
                selected,
                onChange: setSelected,
                testIdPrefix: 'alert-select',
                // Only open alerts can be acknowledged; the header box selects all of them.
                disabled: (a) => a.status !== 'open',
              }
            : undefined
        }
        filters={
          <>
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
          </>
        }
        actions={
          canAck &&
          openRows.length > 0 && (
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
          )
        }
        table={{
          columns,
          scroll: { x: 1100 },
          onRow: (a) => ({ 'data-testid': `alert-row-${a.id}` }) as object,
        }}
      />
    </>
  );
}
