import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Modal,
  Row,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  type ComplaintDetail,
  type ComplaintStatus,
  complaintKeys,
  complaints,
  nextStatuses,
} from '../complaints/api';
import { AssignControl, AssigneeText } from '../complaints/assign';
import {
  ComplaintStatusTag,
  complaintChannelText,
  complaintErrorText,
  FactorBars,
  PriorityTag,
  RiskText,
  RiskWordTags,
  SeverityBar,
  SlaDue,
  sentimentText,
  statusText,
  TeamText,
  useComplaintCategories,
  useNow,
  useReportComplaintError,
} from '../complaints/display';
import { ComplaintTimeline } from '../complaints/timeline';
import { CustomerName } from '../customers/display';
import { useFormatTime } from '../format';
import { type MessageKey, useT } from '../i18n';
import { DetailFallback } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { messages, screeningKeys } from '../screening/api';
import { can, useMe } from '../session';

/** The patch call shared by the status moves and notes: the answer replaces the cached complaint. */
function usePatch(id: string) {
  const queryClient = useQueryClient();
  const report = useReportComplaintError();
  return useMutation({
    mutationFn: (patch: { status?: ComplaintStatus; note?: string }) => complaints.update(id, patch),
    onSuccess: (saved: ComplaintDetail) => {
      queryClient.setQueryData(complaintKeys.one(id), saved);
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
    },
    onError: report,
  });
}

const moveLabel: Record<ComplaintStatus, MessageKey> = {
  received: 'cmp.move.received',
  processing: 'cmp.move.processing',
  resolved: 'cmp.move.resolved',
  closed: 'cmp.move.closed',
  reopened: 'cmp.move.reopened',
};

/** Buttons for the statuses the lifecycle allows next; each asks for an optional note. */
function StatusMoves({ complaint }: { complaint: ComplaintDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const patch = usePatch(complaint.id);
  const [target, setTarget] = useState<ComplaintStatus | null>(null);
  const [note, setNote] = useState('');
  const next = nextStatuses[complaint.status];
  const submit = () => {
    if (!target) return;
    const trimmed = note.trim();
    patch.mutate(
      { status: target, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: (saved) => {
          void message.success(t('cmp.moved', { status: statusText(t, saved.status) }));
          setTarget(null);
          setNote('');
        },
      },
    );
  };
  return (
    <>
      <Space wrap data-testid="cmp-moves">
        {next.map((s) => (
          <Button
            key={s}
            type={s === 'reopened' ? 'default' : 'primary'}
            danger={s === 'reopened'}
            onClick={() => setTarget(s)}
            data-testid={`cmp-move-${s}`}
          >
            {t(moveLabel[s])}
          </Button>
        ))}
      </Space>
      <Modal
        open={target !== null}
        title={target ? t(moveLabel[target]) : ''}
        onCancel={() => setTarget(null)}
        onOk={submit}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={patch.isPending}
        okButtonProps={{ 'data-testid': 'cmp-move-submit' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {target
            ? t('cmp.move.explain', {
                from: statusText(t, complaint.status),
                to: statusText(t, target),
              })
            : ''}
          {(target === 'processing' || target === 'resolved') && ` ${t('cmp.move.notifies')}`}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={5000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('cmp.note.placeholder')}
          data-testid="cmp-move-note"
        />
      </Modal>
    </>
  );
}

function AddNote({ id }: { id: string }) {
  const t = useT();
  const { message } = App.useApp();
  const patch = usePatch(id);
  const [note, setNote] = useState('');
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        rows={2}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('cmp.note.placeholder')}
        data-testid="cmp-note-input"
      />
      <Button
        style={{ alignSelf: 'flex-end' }}
        disabled={!note.trim()}
        loading={patch.isPending}
        onClick={() =>
          patch.mutate(
            { note: note.trim() },
            {
              onSuccess: () => {
                void message.success(t('cmp.note.added'));
                setNote('');
              },
            },
          )
        }
        data-testid="cmp-note-add"
      >
        {t('cmp.note.add')}
      </Button>
    </Flex>
  );
}

/**
 * Every message that makes up the complaint: the first one's text comes with
 * the complaint; those merged in later are read from the messages they came
 * from (with `messages:read`), since the complaint carries only their ids.
 */
function ComplaintTexts({ complaint }: { complaint: ComplaintDetail }) {
  const t = useT();
  const me = useMe();
  const formatTime = useFormatTime();
  const canRead = can(me.data, 'messages:read');
  const created = complaint.timeline.find((e) => e.kind === 'created');
  const added = complaint.timeline.filter((e) => e.kind === 'message_added');
  const ids = added.map((e) => (typeof e.detail.messageId === 'string' ? e.detail.messageId : null));
  const loaded = useQueries({
    queries: ids.map((id) => ({
      queryKey: screeningKeys.message(id ?? ''),
      queryFn: () => messages.get(id ?? ''),
      enabled: canRead && id !== null,
      staleTime: 300_000,
    })),
  });
  const head = (n: number, channel: string, at: string) => (
    <Space size={6}>
      <Tag style={{ marginInlineEnd: 0 }}>#{n}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {complaintChannelText(t, channel)} · {formatTime(at)}
      </Typography.Text>
    </Space>
  );
  return (
    <Flex vertical gap={12} data-testid="cmp-texts">
      <div>
        {complaint.messageCount > 1 &&
          head(
            1,
            typeof created?.detail.channel === 'string' ? created.detail.channel : complaint.channel,
            complaint.createdAt,
          )}
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0', fontSize: 15 }}
          data-testid="cmp-detail-text"
        >
          <RiskText text={complaint.text} words={complaint.riskWords} />
        </Typography.Paragraph>
      </div>
      {added.map((e, i) => {
        const q = loaded[i];
        const text = q?.data?.text;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: events are in time order and only ever appended
          <div key={`${e.at}:${i}`} data-testid="cmp-merged-text">
            {head(i + 2, typeof e.detail.channel === 'string' ? e.detail.channel : '', e.at)}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
              {text !== undefined ? (
                <RiskText text={text} words={complaint.riskWords} />
              ) : q?.isFetching ? (
                <Spin size="small" />
              ) : (
                <Typography.Text type="secondary">
                  {ids[i] === null ? t('cmp.text.direct') : t('cmp.text.unavailable')}
                </Typography.Text>
              )}
            </Typography.Paragraph>
          </div>
        );
      })}
    </Flex>
  );
}

export function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const categoryLabel = useComplaintCategories().labelOf;
  const me = useMe();
  const now = useNow(10_000);
  const formatTime = useFormatTime();
  const one = useQuery({ queryKey: complaintKeys.one(id), queryFn: () => complaints.get(id) });

  if (!one.data)
    return (
      <DetailFallback
        query={one}
        notFound={t('error.COMPLAINT_NOT_FOUND')}
        back={{ to: '/complaints', label: t('cmp.back') }}
        wording={complaintErrorText}
      />
    );

  const c = one.data;
  const writable = can(me.data, 'complaints:write');
  return (
    <>
      <PageHeader
        title={`${t('cmp.detail.title')} · ${c.priority}`}
        subtitle={c.id}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void one.refetch()}
            aria-label={t('common.refresh')}
          />
        }
      />
      <Link to="/complaints" style={{ display: 'inline-block', marginBottom: 16 }}>
        <ArrowLeftOutlined /> {t('cmp.back')}
      </Link>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title={t('cmp.detail.text')}>
              <ComplaintTexts complaint={c} />
            </Card>
            <Card>
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="cmp-detail">
                <Descriptions.Item label={t('cmp.col.priority')}>
                  <PriorityTag priority={c.priority} />
                  {c.fromBlockedSender && (
                    <Tooltip title={t('cmp.blockedSender.hint')}>
                      <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="cmp-blocked-sender">
                        {t('cmp.blockedSender')}
                      </Tag>
                    </Tooltip>
                  )}
                </Descriptions.Item>
                {c.reference && (
                  <Descriptions.Item label={t('cmp.reference')}>
                    <Typography.Text className="warden-mono" copyable data-testid="cmp-reference">
                      {c.reference}
                    </Typography.Text>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('cmp.col.severity')}>
                  <SeverityBar severity={c.severity} width={120} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.status')}>
                  <ComplaintStatusTag status={c.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.customer')}>
                  {c.customerId ? (
                    <Link
                      to={`/customers/${encodeURIComponent(c.customerId)}`}
                      data-testid="cmp-customer-link"
                    >
                      <CustomerName card={c.customer} fallback={c.customerId} />
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">{t('cmp.customer.unknown')}</Typography.Text>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.category')}>
                  <span data-testid="cmp-category">{categoryLabel(c.category)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.channel')}>
                  {c.channels.map((ch) => complaintChannelText(t, ch)).join('、')}
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.field.sentiment')}>
                  <Typography.Text
                    type={c.sentiment <= -0.3 ? 'danger' : undefined}
                    data-testid="cmp-sentiment"
                  >
                    {sentimentText(t, c.sentiment)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.field.riskWords')}>
                  <RiskWordTags words={c.riskWords} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.team')}>
                  <TeamText complaint={c} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.assignee')}>
                  {writable ? (
                    <AssignControl complaint={c} testId="cmp-assign" size="middle" />
                  ) : (
                    <AssigneeText assigneeId={c.assigneeId} />
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.col.sla')}>
                  <SlaDue complaint={c} now={now} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.field.createdAt')}>
                  {formatTime(c.createdAt)}
                </Descriptions.Item>
                {c.resolvedAt && (
                  <Descriptions.Item label={t('cmp.field.resolvedAt')}>
                    {formatTime(c.resolvedAt)}
                  </Descriptions.Item>
                )}
                {c.orderId && (
                  <Descriptions.Item label={t('cmp.field.orderId')}>
                    <Typography.Text className="warden-mono">{c.orderId}</Typography.Text>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('cmp.field.messageCount')}>{c.messageCount}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card
              title={
                <Space>
                  {t('cmp.detail.factors')}
                  <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                    {t('cmp.detail.factorsHint', { severity: c.severity, priority: c.priority })}
                  </Typography.Text>
                </Space>
              }
            >
              <FactorBars factors={c.factors} severity={c.severity} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            {writable && (
              <Card title={t('cmp.detail.work')}>
                <Flex vertical gap={16}>
                  <StatusMoves complaint={c} />
                  <AddNote id={c.id} />
                </Flex>
              </Card>
            )}
            <Card title={t('cmp.detail.timeline')}>
              <ComplaintTimeline events={c.timeline} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
