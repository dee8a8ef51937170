import { CloudDownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Table, Typography } from 'antd';
import { useReportError } from '../errors';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { LoadError } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { type BackupStatus, privacy, privacyKeys, type RetentionPlan } from '../privacy/api';
import { can, useMe } from '../session';

const bytesText = (n: number) =>
  n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(2)} GiB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MiB`
      : `${Math.max(1, Math.round(n / 1024))} KiB`;

function scheduleText(t: Translate, schedule: string): string {
  if (schedule === 'off') return t('privacy.backups.schedule.off');
  if (schedule === 'hourly') return t('privacy.backups.schedule.hourly');
  return t('privacy.backups.schedule.daily', { hour: schedule.replace(/^daily@/, '') });
}

function Backups() {
  const t = useT();
  const formatTime = useFormatTime();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: privacyKeys.backups, queryFn: privacy.backups });
  const now = useMutation({
    mutationFn: privacy.backupNow,
    onSuccess: (file) => {
      void message.success(t('privacy.backups.done', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: privacyKeys.backups });
    },
    onError: reportError,
  });
  const s: BackupStatus | undefined = status.data;
  return (
    <Card
      title={t('privacy.backups')}
      data-testid="backup-card"
      extra={
        <Space>
          {s?.supported && can(me.data, 'backups:write') && (
            <Button
              type="primary"
              icon={<CloudDownloadOutlined />}
              loading={now.isPending}
              onClick={() => now.mutate()}
              data-testid="backup-now"
            >
              {t('privacy.backups.now')}
            </Button>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void status.refetch()}
            aria-label={t('common.refresh')}
          />
        </Space>
      }
    >
      {status.error && <LoadError error={status.error} onRetry={() => void status.refetch()} />}
      {s && !s.supported && <Alert type="info" showIcon message={t('privacy.backups.unsupported')} />}
      {s?.supported && (
        <Flex vertical gap={16}>
          {s.lastError && (
            <Alert
              type="error"
              showIcon
              data-testid="backup-error"
              message={t('privacy.backups.lastError', { message: s.lastError.message })}
              description={formatTime(s.lastError.at)}
            />
          )}
          <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="backup-status">
            <Descriptions.Item label={t('privacy.backups.last')}>
              <span data-testid="backup-last">
                {s.last ? formatTime(s.last.at) : t('privacy.backups.none')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.backups.size')}>
              <span data-testid="backup-size">{s.last ? bytesText(s.last.bytes) : '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.backups.path')} span={2}>
              <Typography.Text className="warden-mono" copyable={!!s.last} data-testid="backup-path">
                {s.last?.path ?? '—'}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.backups.schedule')}>
              {scheduleText(t, s.schedule)}
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.backups.nextDue')}>
              {s.nextDueAt ? formatTime(s.nextDueAt) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.backups.keep')}>{s.keep}</Descriptions.Item>
            <Descriptions.Item label={t('privacy.backups.dir')}>
              <Typography.Text className="warden-mono">{s.dir}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={s.backups}
            data-testid="backup-list"
            locale={{ emptyText: t('privacy.backups.none') }}
            columns={[
              { title: t('privacy.backups.last'), dataIndex: 'at', render: (v: string) => formatTime(v) },
              {
                title: t('privacy.backups.path'),
                dataIndex: 'name',
                render: (v: string) => <Typography.Text className="warden-mono">{v}</Typography.Text>,
              },
              { title: t('privacy.backups.size'), dataIndex: 'bytes', render: (v: number) => bytesText(v) },
            ]}
          />
          <Typography.Text type="secondary">{t('privacy.backups.keyNote')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function Retention() {
  const t = useT();
  const formatTime = useFormatTime();
  const plan = useQuery({ queryKey: privacyKeys.retention, queryFn: privacy.retention });
  return (
    <Card
      title={t('privacy.retention')}
      data-testid="retention-card"
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void plan.refetch()}
          aria-label={t('common.refresh')}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('privacy.retention.hint')}</Typography.Paragraph>
      {plan.error && <LoadError error={plan.error} onRetry={() => void plan.refetch()} />}
      <Table<RetentionPlan>
        size="small"
        rowKey="kind"
        pagination={false}
        loading={plan.isPending}
        dataSource={plan.data?.kinds ?? []}
        data-testid="retention-table"
        columns={[
          {
            title: t('privacy.retention.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`privacy.kind.${k}` as MessageKey),
          },
          {
            title: t('privacy.retention.days'),
            dataIndex: 'days',
            render: (d: number | null) =>
              d === null ? t('privacy.retention.forever') : t('privacy.retention.daysValue', { days: d }),
          },
          {
            title: t('privacy.retention.before'),
            dataIndex: 'before',
            render: (v: string | null) => (v ? formatTime(v) : '—'),
          },
          {
            title: t('privacy.retention.count'),
            dataIndex: 'count',
            align: 'right',
            render: (n: number, r) => <span data-testid={`retention-count-${r.kind}`}>{n}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** Data protection: backup status (and a backup on demand) and the retention preview. */
export function PrivacyPage() {
  const t = useT();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('nav.privacy')} subtitle={t('privacy.subtitle')} />
      <Flex vertical gap={16}>
        {can(me.data, 'backups:read') && <Backups />}
        {can(me.data, 'retention:read') && <Retention />}
      </Flex>
    </>
  );
}
