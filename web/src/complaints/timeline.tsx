import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  MailOutlined,
  MessageOutlined,
  PlusCircleOutlined,
  RiseOutlined,
  RobotOutlined,
  SwapOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Flex, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useActorName } from '../blocklist/display';
import { type CodedText, useWordCoded } from '../coded-text';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import type { TimelineEvent } from './api';
import { categoryText, complaintChannelText, statusText, teamText } from './display';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const look: Record<string, { color: string; icon: ReactNode }> = {
  created: { color: 'blue', icon: <PlusCircleOutlined /> },
  message_added: { color: 'blue', icon: <MessageOutlined /> },
  assigned: { color: 'cyan', icon: <UserAddOutlined /> },
  status: { color: 'green', icon: <SwapOutlined /> },
  note: { color: 'gray', icon: <EditOutlined /> },
  escalated: { color: 'red', icon: <RiseOutlined /> },
  auto_reply: { color: 'purple', icon: <RobotOutlined /> },
  notification: { color: 'gray', icon: <MailOutlined /> },
};

const templates = [
  'complaint.received',
  'complaint.processing',
  'complaint.resolved',
  'complaint.auto_reply',
];

export const templateText = (t: Translate, name: string) =>
  templates.includes(name) ? t(`cmp.template.${name.slice('complaint.'.length)}` as MessageKey) : name;

const deliveryColor: Record<string, string> = { sent: 'green', pending: 'blue', failed: 'red' };

interface Attempt {
  at: string;
  ok: boolean;
  error: string | null;
  errorCode: CodedText | null;
}

/** A delivery's attempts, when the server sends them (`Delivery.history`). */
function attemptsOf(detail: Record<string, unknown>): Attempt[] {
  if (!Array.isArray(detail.history)) return [];
  return detail.history.flatMap((h: unknown) => {
    if (typeof h !== 'object' || h === null) return [];
    const r = h as Record<string, unknown>;
    return typeof r.at === 'string'
      ? [
          {
            at: r.at,
            ok: r.ok === true,
            error: typeof r.error === 'string' ? r.error : null,
            errorCode: (r.errorCode as CodedText | null | undefined) ?? null,
          },
        ]
      : [];
  });
}

function Notification({ e }: { e: TimelineEvent }) {
  const t = useT();
  const formatTime = useFormatTime();
  const d = e.detail;
  const status = str(d.status) ?? 'pending';
  const attempts = num(d.attempts) ?? 0;
  const history = attemptsOf(d);
  const lastError = str(d.lastError);
  const word = useWordCoded();
  return (
    <Flex vertical gap={2} data-testid="cmp-notification">
      <Flex gap={6} align="center" wrap>
        <Typography.Text>
          {t('cmp.ev.notification', {
            template: templateText(t, str(d.template) ?? ''),
            channel: complaintChannelText(t, str(d.channel) ?? ''),
          })}
        </Typography.Text>
        <Tag
          color={deliveryColor[status] ?? 'default'}
          style={{ marginInlineEnd: 0 }}
          data-testid="cmp-delivery-status"
        >
          {['sent', 'pending', 'failed'].includes(status)
            ? t(`cmp.delivery.${status}` as MessageKey)
            : status}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cmp.delivery.attempts', { n: attempts })}
        {str(d.sentAt) ? ` · ${t('cmp.delivery.sentAt', { at: formatTime(str(d.sentAt)) })}` : ''}
      </Typography.Text>
      {history.length > 0 && (
        <Flex vertical gap={0} data-testid="cmp-delivery-history">
          {history.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: attempts are in order and never change
            <Typography.Text key={i} type="secondary" style={{ fontSize: 12 }}>
              {h.ok ? (
                <CheckCircleOutlined style={{ color: '#30a46c' }} />
              ) : (
                <CloseCircleOutlined style={{ color: '#e5484d' }} />
              )}{' '}
              {formatTime(h.at)}
              {h.error ? ` — ${word(h.errorCode, h.error)}` : ''}
            </Typography.Text>
          ))}
        </Flex>
      )}
      {status !== 'sent' && lastError && history.length === 0 && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="cmp-delivery-error">
          {word(d.lastErrorCode as CodedText | null | undefined, lastError)}
        </Typography.Text>
      )}
    </Flex>
  );
}

function sentence(t: Translate, e: TimelineEvent, who: string): string {
  const d = e.detail;
  switch (e.kind) {
    case 'created':
      return t('cmp.ev.created', {
        channel: complaintChannelText(t, str(d.channel) ?? ''),
        category: categoryText(t, str(d.category) ?? ''),
        severity: num(d.severity) ?? '—',
        priority: str(d.priority) ?? '—',
        team: teamText(t, str(d.team) ?? ''),
      });
    case 'message_added':
      return t('cmp.ev.message_added', {
        channel: complaintChannelText(t, str(d.channel) ?? ''),
        severity: num(d.severity) ?? '—',
        priority: str(d.priority) ?? '—',
      });
    case 'status':
      return t('cmp.ev.status', {
        who,
        from: statusText(t, str(d.from) ?? ''),
        to: statusText(t, str(d.to) ?? ''),
      });
    case 'note':
      return t('cmp.ev.note', { who });
    case 'escalated':
      return t('cmp.ev.escalated', { from: str(d.from) ?? '—', to: str(d.to) ?? '—' });
    case 'auto_reply':
      return t('cmp.ev.auto_reply', { category: categoryText(t, str(d.category) ?? '') });
    default:
      return e.kind;
  }
}

/** The complaint's story, newest first: events, notes and the notifications sent with their delivery. */
export function ComplaintTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useT();
  const formatTime = useFormatTime();
  const actorName = useActorName();
  const userName = (id: unknown) =>
    typeof id === 'string' ? actorName({ type: 'user', id }) : t('cmp.unassigned');
  return (
    <Timeline
      data-testid="cmp-timeline"
      items={[...events].reverse().map((e, i) => {
        const l = look[e.kind] ?? { color: 'gray', icon: <ClockCircleOutlined /> };
        const who = actorName(e.actor);
        return {
          key: `${e.at}:${e.kind}:${i}`,
          color: l.color,
          icon: l.icon,
          content: (
            <div data-testid={`cmp-event-${e.kind}`}>
              {e.kind === 'notification' ? (
                <Notification e={e} />
              ) : e.kind === 'assigned' ? (
                <Typography.Text>
                  {e.detail.to
                    ? t('cmp.ev.assigned', { who, to: userName(e.detail.to) })
                    : t('cmp.ev.unassigned', { who })}
                </Typography.Text>
              ) : (
                <Typography.Text>{sentence(t, e, who)}</Typography.Text>
              )}
              {e.note && (
                <Typography.Paragraph
                  type="secondary"
                  style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}
                  data-testid="cmp-event-note"
                >
                  “{e.note}”
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {formatTime(e.at)}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
