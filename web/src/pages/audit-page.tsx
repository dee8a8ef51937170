import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Descriptions, Input, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type AuditRecord, audit, isRole } from '../api';
import { useCategories } from '../blocklist/display';
import { useWordCoded } from '../coded-text';
import { errorText } from '../errors';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { zhCN } from '../i18n/zh-CN';
import { ListTable, useCursorList } from '../layout/list-table';
import { LoadError } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';

const PAGE = 50;

// Suggestions for the filter; any other action can be typed.
const knownActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.create',
  'user.update',
  'apikey.create',
  'apikey.revoke',
  'customer.create',
  'customer.update',
  'customer.read',
  'blocklist.create',
  'blocklist.release',
  'rule.update',
  'complaint.update',
];

const actionColor = (action: string): string => {
  if (action.endsWith('_failed') || action.endsWith('.revoke') || action.endsWith('.delete')) return 'red';
  if (action.startsWith('auth.')) return 'default';
  if (action.endsWith('.read')) return 'cyan';
  if (action.endsWith('.create')) return 'green';
  return 'blue';
};

const actorKeys: Record<string, MessageKey> = {
  user: 'audit.actor.user',
  api_key: 'audit.actor.api_key',
  system: 'audit.actor.system',
  cli: 'audit.actor.cli',
};

/** An audit action (a stable code such as `blocklist.release`) in the reader's language; an unknown one as written. */
const actionText = (t: Translate, action: string): string =>
  `audit.action.${action}` in zhCN ? t(`audit.action.${action}` as MessageKey) : action;

function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('  ');
}

export function AuditPage() {
  const t = useT();
  const formatTime = useFormatTime();
  const wordCoded = useWordCoded();
  const categoryLabel = useCategories().labelOf;
  // An entry: its masked identifier or customer, and its category; an alert: its title in the reader's words.
  const targetLabel = (target: AuditRecord['target']): string | undefined => {
    if (target.labelCode) return wordCoded(target.labelCode, target.label ?? '');
    if (target.category) return [target.label, categoryLabel(target.category)].filter(Boolean).join(' · ');
    return target.label;
  };
  const [draft, setDraft] = useState('');
  const [action, setAction] = useState('');

  const { list: log, rows } = useCursorList(['audit', action], (cursor) =>
    audit.list({ limit: PAGE, cursor, action: action || undefined }),
  );
  const verify = useMutation({ mutationFn: audit.verify });

  const columns: ColumnsType<AuditRecord> = [
    {
      title: t('audit.seq'),
      dataIndex: 'seq',
      width: 80,
      render: (v: number) => <Typography.Text type="secondary">#{v}</Typography.Text>,
    },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatTime(v) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (v: string) => (
        <Tooltip title={<span className="warden-mono">{v}</span>}>
          <Tag color={actionColor(v)} data-testid="audit-action" data-action={v}>
            {actionText(t, v)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 260,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag bordered={false}>
            {actorKeys[r.actor.type] ? t(actorKeys[r.actor.type] as MessageKey) : r.actor.type}
          </Tag>
          {r.actor.id &&
            (r.actor.name ? (
              // The server names the actor (user or API key); the id stays on hover.
              <Tooltip title={<span className="warden-mono">{r.actor.id}</span>}>
                <Typography.Text data-testid="audit-actor-name">{r.actor.name}</Typography.Text>
              </Tooltip>
            ) : (
              <Typography.Text className="warden-mono" translate="no">
                {r.actor.id}
              </Typography.Text>
            ))}
          {r.actor.role && (
            <Typography.Text type="secondary">
              ({isRole(r.actor.role) ? t(`role.${r.actor.role}`) : r.actor.role})
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      width: 240,
      render: (_, r) =>
        r.target.type ? (
          <Typography.Text>
            {`audit.targetType.${r.target.type}` in zhCN
              ? t(`audit.targetType.${r.target.type}` as MessageKey)
              : r.target.type}
            {targetLabel(r.target) ? (
              <Tooltip title={<span className="warden-mono">{r.target.id}</span>}>
                <Typography.Text
                  strong
                  data-testid="audit-target-label"
                >{` ${targetLabel(r.target)}`}</Typography.Text>
              </Tooltip>
            ) : (
              r.target.id && (
                <Typography.Text className="warden-mono" translate="no">
                  {` ${r.target.id}`}
                </Typography.Text>
              )
            )}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('audit.summary'),
      dataIndex: 'summary',
      ellipsis: true,
      render: (v: Record<string, unknown>) => (
        // The record's own fields, as stored: data, not wording.
        <Typography.Text className="warden-mono" translate="no">
          {summaryText(v)}
        </Typography.Text>
      ),
    },
  ];

  const report = verify.data;
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {report?.ok && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => verify.reset() }}
          data-testid="audit-verify-result"
          title={t('audit.verifyOk', { checked: report.checked })}
          description={
            report.head ? (
              <span className="warden-mono">
                {t('audit.verifyOkHead', { seq: report.head.seq, hash: report.head.hash })}
              </span>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {report && !report.ok && (
        <Alert
          type="error"
          showIcon
          data-testid="audit-verify-result"
          title={t('audit.verifyBroken', { seq: report.firstBroken?.seq ?? '?' })}
          description={report.firstBroken?.reason}
          style={{ marginBottom: 16 }}
        />
      )}
      {verify.error && (
        <Alert type="error" showIcon title={errorText(t, verify.error)} style={{ marginBottom: 16 }} />
      )}
      <LoadError error={log.error} onRetry={() => void log.refetch()} />
      <ListTable<AuditRecord>
        query={log}
        rows={rows}
        testId="audit-table"
        emptyText={t('common.none')}
        filters={
          <AutoComplete
            value={draft}
            onChange={setDraft}
            onSelect={(v: string) => {
              setDraft(v);
              setAction(v);
            }}
            options={knownActions.filter((a) => a.includes(draft.trim())).map((a) => ({ value: a }))}
            style={{ width: 320 }}
          >
            <Input.Search
              allowClear
              placeholder={t('audit.filterAction')}
              onSearch={(v) => setAction(v.trim())}
              enterButton={t('common.search')}
              data-testid="audit-filter"
            />
          </AutoComplete>
        }
        loadMoreTestId="audit-load-more"
        table={{
          rowKey: 'seq',
          columns,
          expandable: {
            expandedRowRender: (r) => (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="ID">
                  <span className="warden-mono">{r.id}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.requestId')}>
                  <span className="warden-mono">{r.requestId ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label="SHA-256">
                  <span className="warden-mono">{r.hash}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.summary')}>
                  <pre className="warden-mono" translate="no" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {JSON.stringify(r.summary, null, 2)}
                  </pre>
                </Descriptions.Item>
              </Descriptions>
            ),
          },
        }}
      />
    </>
  );
}
