import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusCircleOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  type BlocklistEntry,
  blocklist,
  blocklistKeys,
  type Exemption,
  type HistoryEvent,
} from '../blocklist/api';
import { DecideDialog, ExemptionDialog, ReleaseDialog, ReviewDialog } from '../blocklist/dialogs';
import {
  channelText,
  LevelTag,
  levelDetail,
  StatusTag,
  sourceText,
  TargetText,
  useActorName,
  useCategories,
} from '../blocklist/display';
import { EntryFormDrawer } from '../blocklist/entry-form';
import { blocklistErrorText, useReportBlocklistError } from '../blocklist/errors';
import { useWordCoded } from '../coded-text';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { DetailFallback } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';
import { StartWinbackButton } from '../winback/start-dialog';

type Dialog = 'edit' | 'release' | 'exempt' | 'review' | 'approve' | 'reject' | null;

const eventLook: Record<string, { color: string; icon: ReactNode }> = {
  created: { color: 'blue', icon: <PlusCircleOutlined /> },
  changed: { color: 'blue', icon: <EditOutlined /> },
  violation: { color: 'red', icon: <StopOutlined /> },
  exemption_added: { color: 'orange', icon: <PauseCircleOutlined /> },
  exemption_revoked: { color: 'gray', icon: <PlayCircleOutlined /> },
  reviewed: { color: 'purple', icon: <SafetyCertificateOutlined /> },
  review_reminder: { color: 'volcano', icon: <ClockCircleOutlined /> },
  approved: { color: 'green', icon: <CheckCircleOutlined /> },
  rejected: { color: 'gray', icon: <CloseCircleOutlined /> },
  released: { color: 'green', icon: <UnlockOutlined /> },
};

const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);

const fieldKeys: Record<string, MessageKey> = {
  level: 'blk.field.level',
  limit: 'blk.field.limit',
  allowedChannels: 'blk.field.allowedChannels',
  category: 'blk.field.category',
  reason: 'blk.field.reason',
  startsAt: 'blk.field.startsAt',
  expiresAt: 'blk.field.expiresAt',
  reviewAt: 'blk.field.reviewAt',
  ownerId: 'blk.field.owner',
};

/** One history event as a sentence in the reader's language. */
function eventSentence(
  t: Translate,
  e: HistoryEvent,
  actor: string,
  formatTime: (iso: string | null) => string,
  categoryLabel: (key: string) => string,
): string {
  const d = e.detail;
  switch (e.kind) {
    case 'created': {
      const level = Number(d.level);
      const text = t('blk.ev.created', {
        actor,
        level:
          level === 1 || level === 2 || level === 3 ? `${level} ${t(`blk.level.${level}`)}` : str(d.level),
        category: categoryLabel(str(d.category)),
      });
      return d.confirmed ? `${text}${t('blk.ev.createdConfirmed')}` : text;
    }
    case 'changed': {
      const fields = Array.isArray(d.fields) ? d.fields.map(str) : [];
      return t('blk.ev.changed', {
        actor,
        fields: fields.map((f) => (fieldKeys[f] ? t(fieldKeys[f] as MessageKey) : f)).join('、'),
      });
    }
    case 'violation': {
      const decision = str(d.decision);
      return t('blk.ev.violation', {
        channel: channelText(t, str(d.channel)),
        decision: ['block', 'limit', 'restrict'].includes(decision)
          ? t(`blk.decision.${decision}` as MessageKey)
          : decision,
      });
    }
    case 'exemption_added': {
      const scope = d.session
        ? t('blk.exempt.bySession')
        : t('blk.ex.window', {
            from: formatTime(str(d.from) || null),
            until: formatTime(str(d.until) || null),
          });
      return t('blk.ev.exemption_added', {
        actor,
        scope: d.channel ? `${scope} · ${channelText(t, str(d.channel))}` : scope,
      });
    }
    case 'reviewed': {
      const decision = str(d.decision);
      const text = t('blk.ev.reviewed', {
        actor,
        decision: ['keep', 'change', 'release'].includes(decision)
          ? t(`blk.review.${decision}` as MessageKey)
          : decision,
      });
      return d.nextReviewAt
        ? `${text}${t('blk.ev.reviewedNext', { time: formatTime(str(d.nextReviewAt)) })}`
        : text;
    }
    case 'review_reminder':
      return t('blk.ev.review_reminder', { time: formatTime(str(d.dueAt) || null) });
    case 'exemption_revoked':
    case 'approved':
    case 'rejected':
    case 'released':
      return t(`blk.ev.${e.kind}`, { actor });
    default:
      return t('blk.ev.other', { actor, kind: e.kind });
  }
}

function exemptionState(t: Translate, x: Exemption): { text: string; color: string } {
  if (x.revokedAt) return { text: t('blk.ex.revoked'), color: 'default' };
  if (x.active) return { text: t('blk.ex.active'), color: 'orange' };
  return { text: t('blk.ex.ended'), color: 'default' };
}

function Exemptions({ entry, writable }: { entry: BlocklistEntry; writable: boolean }) {
  const t = useT();
  const formatTime = useFormatTime();
  const { message } = App.useApp();
  const reportError = useReportBlocklistError();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (eid: string) => blocklist.revokeExemption(entry.id, eid),
    onSuccess: () => {
      void message.success(t('blk.ex.revokedNow'));
      void queryClient.invalidateQueries({ queryKey: blocklistKeys.all });
    },
    onError: reportError,
  });
  const open = entry.status !== 'released' && entry.status !== 'rejected';
  const columns: ColumnsType<Exemption> = [
    {
      title: t('blk.ex.scope'),
      key: 'scope',
      render: (_, x) =>
        x.sessionId ? (
          <span className="warden-mono">{t('blk.ex.session', { id: x.sessionId })}</span>
        ) : (
          t('blk.ex.window', { from: formatTime(x.from), until: formatTime(x.until) })
        ),
    },
    {
      title: t('blk.ex.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (c: string | null) => (c ? channelText(t, c) : t('blk.ex.allChannels')),
    },
    {
      title: t('blk.field.reason'),
      dataIndex: 'reason',
      ellipsis: true,
      render: (r: string | null) => r ?? '—',
    },
    {
      title: t('blk.ex.state'),
      key: 'state',
      width: 90,
      render: (_, x) => {
        const s = exemptionState(t, x);
        return <Tag color={s.color}>{s.text}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, x) =>
        writable && open && !x.revokedAt && (x.active || (x.until && Date.parse(x.until) > Date.now())) ? (
          <Popconfirm
            title={t('blk.ex.revokeConfirm')}
            onConfirm={() => revoke.mutate(x.id)}
            okButtonProps={{ danger: true, loading: revoke.isPending }}
          >
            <Button size="small" danger type="link" data-testid={`blk-ex-revoke-${x.id}`}>
              {t('blk.ex.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Table<Exemption>
      rowKey="id"
      size="small"
      data-testid="blk-exemptions"
      dataSource={[...entry.exemptions].reverse()}
      columns={columns}
      pagination={false}
      onRow={(x) => ({ style: x.active ? { background: '#fff7e6' } : undefined })}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('blk.exemptions.empty')} />,
      }}
    />
  );
}

export function BlocklistDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const word = useWordCoded();
  const me = useMe();
  const formatTime = useFormatTime();
  const actorName = useActorName();
  const categories = useCategories();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const entry = useQuery({ queryKey: blocklistKeys.entry(id), queryFn: () => blocklist.get(id) });

  if (!entry.data)
    return (
      <DetailFallback
        query={entry}
        notFound={t('error.BLOCKLIST_ENTRY_NOT_FOUND')}
        back={{ to: '/blocklist', label: t('blk.detail.back') }}
        wording={blocklistErrorText}
      />
    );

  const e = entry.data;
  const closed = e.status === 'released' || e.status === 'rejected';
  const writable = can(me.data, 'blocklist:write');
  const target = e.identifier ? e.identifier.value : (e.customerId ?? '');
  const detail = levelDetail(t, e);
  // `createdBy` is a user id, or `cli:<account>` for an entry added from the command line.
  const who = (userId: string | null) =>
    userId
      ? actorName(userId.startsWith('cli:') ? { type: 'cli', id: userId } : { type: 'user', id: userId })
      : '—';

  return (
    <>
      <PageHeader
        title={`${t('blk.detail.title')} · ${target}`}
        subtitle={e.id}
        extra={
          writable && closed ? (
            e.status === 'released' && <StartWinbackButton entryId={e.id} />
          ) : writable && !closed ? (
            <Space wrap>
              {e.exemptions.some((x) => x.active && !x.sessionId) && <StartWinbackButton entryId={e.id} />}
              {e.status === 'pending' && (
                <>
                  <Button type="primary" onClick={() => setDialog('approve')} data-testid="blk-approve">
                    {t('blk.action.approve')}
                  </Button>
                  <Button danger onClick={() => setDialog('reject')} data-testid="blk-reject">
                    {t('blk.action.reject')}
                  </Button>
                </>
              )}
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="blk-edit">
                {t('blk.action.edit')}
              </Button>
              {e.status !== 'pending' && (
                <>
                  <Button
                    icon={<PauseCircleOutlined />}
                    onClick={() => setDialog('exempt')}
                    data-testid="blk-exempt"
                  >
                    {t('blk.action.exempt')}
                  </Button>
                  <Button
                    icon={<SafetyCertificateOutlined />}
                    type={e.reviewDue ? 'primary' : 'default'}
                    onClick={() => setDialog('review')}
                    data-testid="blk-review"
                  >
                    {t('blk.action.review')}
                  </Button>
                </>
              )}
              <Button
                danger
                icon={<UnlockOutlined />}
                onClick={() => setDialog('release')}
                data-testid="blk-release"
              >
                {t('blk.action.release')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Link to="/blocklist" style={{ display: 'inline-block', marginBottom: 16 }}>
        <ArrowLeftOutlined /> {t('blk.detail.back')}
      </Link>
      {e.status === 'pending' && (
        <Alert type="info" showIcon title={t('blk.pendingAlert')} style={{ marginBottom: 16 }} />
      )}
      {e.reviewDue && (
        <Alert
          type="warning"
          showIcon
          title={t('blk.reviewDueAlert')}
          style={{ marginBottom: 16 }}
          data-testid="blk-review-due-alert"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card>
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="blk-detail">
                <Descriptions.Item label={t('blk.field.target')} span={2}>
                  <TargetText entry={e} />
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.status')}>
                  <StatusTag entry={e} />
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.level')}>
                  <LevelTag entry={{ ...e, limit: null, allowedChannels: null }} />
                  {detail && <Typography.Text style={{ marginInlineStart: 8 }}>{detail}</Typography.Text>}
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.category')}>
                  {categories.labelOf(e.category)}
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.source')}>{sourceText(t, e.source)}</Descriptions.Item>
                <Descriptions.Item label={t('blk.field.reason')} span={2}>
                  <Typography.Text data-testid="blk-detail-reason">
                    {word(e.reasonCode, e.reason)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.owner')}>{who(e.ownerId)}</Descriptions.Item>
                <Descriptions.Item label={t('blk.field.createdBy')}>{who(e.createdBy)}</Descriptions.Item>
                <Descriptions.Item label={t('blk.field.createdAt')}>
                  {formatTime(e.createdAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.startsAt')}>
                  {formatTime(e.startsAt ?? e.createdAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.expiresAt')}>
                  {e.expiresAt ? formatTime(e.expiresAt) : t('blk.times.noExpiry')}
                </Descriptions.Item>
                <Descriptions.Item label={t('blk.field.reviewAt')}>
                  {e.reviewAt ? (
                    <Typography.Text type={e.reviewDue ? 'danger' : undefined}>
                      {formatTime(e.reviewAt)}
                    </Typography.Text>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                {e.releasedAt && (
                  <Descriptions.Item label={t('blk.field.releasedAt')}>
                    {formatTime(e.releasedAt)}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card title={t('blk.exemptions')} styles={{ body: { padding: 0 } }}>
              <Exemptions entry={e} writable={writable} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('blk.history')}>
            <Timeline
              data-testid="blk-history"
              items={[...e.history].reverse().map((h) => {
                const look = eventLook[h.kind] ?? { color: 'gray', icon: undefined };
                return {
                  key: h.id,
                  color: look.color,
                  icon: look.icon,
                  content: (
                    <div data-testid={`blk-event-${h.kind}`}>
                      <Typography.Text>
                        {eventSentence(t, h, actorName(h.actor), formatTime, categories.labelOf)}
                      </Typography.Text>
                      {h.note && (
                        <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0' }}>
                          “{h.note}”
                        </Typography.Paragraph>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                        {formatTime(h.at)}
                      </Typography.Text>
                    </div>
                  ),
                };
              })}
            />
          </Card>
        </Col>
      </Row>
      <EntryFormDrawer open={dialog === 'edit'} entry={e} onClose={close} />
      <ReleaseDialog entry={e} open={dialog === 'release'} onClose={close} />
      <ExemptionDialog entry={e} open={dialog === 'exempt'} onClose={close} />
      <ReviewDialog entry={e} open={dialog === 'review'} onClose={close} />
      <DecideDialog entry={e} approve open={dialog === 'approve'} onClose={close} />
      <DecideDialog entry={e} approve={false} open={dialog === 'reject'} onClose={close} />
    </>
  );
}
