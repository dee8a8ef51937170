import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Input,
  List,
  Rate,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { users } from '../api';
import { useCategories } from '../blocklist/display';
import { LoadProblem } from '../blocklist/errors-view';
import { errorText } from '../errors';
import { useFormatTime } from '../format';
import { type MessageKey, useLocale, useT } from '../i18n';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';
import {
  type Outcome,
  outcomes,
  type WinbackCase,
  type WinbackPatch,
  winback,
  winbackKeys,
} from '../winback/api';
import { OutcomeTag } from './winback-list-page';

/** One win-back case: owner, plan, script and notes, milestones, outcome and satisfaction. */
export function WinbackDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formatTime = useFormatTime();
  const categories = useCategories();
  const writable = can(me.data, 'winback:write');
  const { locale } = useLocale();
  const one = useQuery({ queryKey: winbackKeys.one(id), queryFn: () => winback.get(id) });
  const settings = useQuery({
    queryKey: winbackKeys.settings,
    queryFn: () => winback.blocklistSettings(),
    enabled: can(me.data, 'settings:read'),
  });
  const templateName = (key: string) =>
    settings.data?.settings.winbackTemplates.find((w) => w.key === key)?.labels[locale] ?? key;
  const people = useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: () => users.assignable(),
    enabled: writable && can(me.data, 'users:assignable'),
  });
  const update = useMutation({
    mutationFn: (patch: WinbackPatch) => winback.update(id, patch),
    onSuccess: (c) => {
      queryClient.setQueryData(winbackKeys.one(id), c);
      void queryClient.invalidateQueries({ queryKey: winbackKeys.all });
      void message.success(t('wb.detail.saved'));
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  const c = one.data;
  if (one.isError) return <LoadProblem error={one.error} onRetry={() => void one.refetch()} />;
  if (!c) return <Spin />;
  return (
    <>
      <PageHeader
        title={t('wb.detail.title')}
        subtitle={c.customerId ? undefined : c.entryId}
        extra={
          <Space>
            {c.status === 'open' ? (
              <Tag color="blue" data-testid="wb-status">
                {t('wb.status.open')}
              </Tag>
            ) : (
              <span data-testid="wb-status">
                <OutcomeTag outcome={c.outcome} />
              </span>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('wb.detail.milestones')} style={{ marginBottom: 16 }}>
            <List
              data-testid="wb-milestones"
              dataSource={c.milestones}
              renderItem={(m) => (
                <List.Item
                  data-testid={`wb-ms-${m.kind}`}
                  actions={
                    writable
                      ? [
                          <Button
                            key="tick"
                            size="small"
                            type={m.doneAt ? 'default' : 'primary'}
                            loading={update.isPending}
                            data-testid={`wb-ms-${m.kind}-tick`}
                            onClick={() => update.mutate({ milestones: [{ kind: m.kind, done: !m.doneAt }] })}
                          >
                            {m.doneAt ? t('wb.ms.untick') : t('wb.ms.tick')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Space direction="vertical" size={0}>
                    <Space>
                      <Typography.Text strong>{t(`wb.ms.${m.kind}` as MessageKey)}</Typography.Text>
                      {m.doneAt && (
                        <Tag color="green" data-testid={`wb-ms-${m.kind}-done`}>
                          {t('wb.ms.doneAt', { date: formatTime(m.doneAt) })}
                        </Tag>
                      )}
                      {m.overdue && <Tag color="red">{t('wb.ms.overdue')}</Tag>}
                    </Space>
                    {m.dueAt && (
                      <Typography.Text type="secondary">
                        {t('wb.ms.due', { date: formatTime(m.dueAt) })}
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('wb.detail.plan')} style={{ marginBottom: 16 }}>
            {c.template && (
              <Typography.Paragraph type="secondary">
                {t('wb.detail.template', { name: templateName(c.template) })}
              </Typography.Paragraph>
            )}
            <Space direction="vertical" data-testid="wb-plan">
              {c.plan.map((step, i) => (
                <Checkbox
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list without ids
                  key={i}
                  checked={step.done}
                  disabled={!writable || update.isPending}
                  onChange={(e) =>
                    update.mutate({
                      plan: c.plan.map((s, j) => (j === i ? { ...s, done: e.target.checked } : s)),
                    })
                  }
                >
                  {step.text}
                </Checkbox>
              ))}
            </Space>
          </Card>
          <TextCard c={c} writable={writable} pending={update.isPending} onSave={(p) => update.mutate(p)} />
        </Col>
        <Col xs={24} lg={10}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('wb.col.category')}>
                {categories.labelOf(c.category)}
              </Descriptions.Item>
              <Descriptions.Item label={t('wb.detail.entry')}>
                <Link to={`/blocklist/${c.entryId}`} data-testid="wb-entry-link">
                  {c.entryId}
                </Link>
              </Descriptions.Item>
              {c.customerId && (
                <Descriptions.Item label={t('wb.detail.customer')}>
                  <Link to={`/customers/${c.customerId}`}>{c.customerId}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('wb.detail.owner')}>
                {writable && people.data ? (
                  <Select
                    size="small"
                    style={{ minWidth: 160 }}
                    allowClear
                    value={c.ownerId ?? undefined}
                    placeholder={t('wb.detail.noOwner')}
                    options={people.data.items.map((u) => ({ value: u.id, label: u.name }))}
                    onChange={(v: string | undefined) => update.mutate({ ownerId: v ?? null })}
                  />
                ) : (
                  (c.ownerName ?? c.ownerId ?? t('wb.detail.noOwner'))
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('wb.col.created')}>{formatTime(c.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <OutcomeCard
            c={c}
            writable={writable}
            pending={update.isPending}
            onSave={(p) => update.mutate(p)}
          />
        </Col>
      </Row>
    </>
  );
}

function TextCard({
  c,
  writable,
  pending,
  onSave,
}: {
  c: WinbackCase;
  writable: boolean;
  pending: boolean;
  onSave: (p: WinbackPatch) => void;
}) {
  const t = useT();
  const [script, setScript] = useState(c.script ?? '');
  const [notes, setNotes] = useState(c.notes ?? '');
  useEffect(() => {
    setScript(c.script ?? '');
    setNotes(c.notes ?? '');
  }, [c.script, c.notes]);
  return (
    <Card title={t('wb.detail.script')}>
      <Input.TextArea
        rows={4}
        value={script}
        readOnly={!writable}
        maxLength={8000}
        onChange={(e) => setScript(e.target.value)}
        data-testid="wb-script"
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('wb.detail.notes')}
      </Typography.Title>
      <Input.TextArea
        rows={3}
        value={notes}
        readOnly={!writable}
        maxLength={8000}
        onChange={(e) => setNotes(e.target.value)}
        data-testid="wb-notes"
      />
      {writable && (
        <Flex justify="end" style={{ marginTop: 12 }}>
          <Button loading={pending} onClick={() => onSave({ script, notes })} data-testid="wb-save-text">
            {t('wb.detail.saveText')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function OutcomeCard({
  c,
  writable,
  pending,
  onSave,
}: {
  c: WinbackCase;
  writable: boolean;
  pending: boolean;
  onSave: (p: WinbackPatch) => void;
}) {
  const t = useT();
  const [outcome, setOutcome] = useState<Outcome | undefined>(c.outcome ?? undefined);
  const [after, setAfter] = useState<number>(c.satisfactionAfter ?? 0);
  useEffect(() => {
    setOutcome(c.outcome ?? undefined);
    setAfter(c.satisfactionAfter ?? 0);
  }, [c.outcome, c.satisfactionAfter]);
  return (
    <Card title={t('wb.detail.outcome')}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('wb.detail.satisfactionBefore')}>
          <Rate disabled value={c.satisfactionBefore ?? 0} />
        </Descriptions.Item>
        <Descriptions.Item label={t('wb.detail.satisfactionAfter')}>
          <Rate disabled={!writable} value={after} onChange={setAfter} data-testid="wb-satisfaction-after" />
        </Descriptions.Item>
      </Descriptions>
      {writable && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Select
            style={{ minWidth: 160 }}
            value={outcome}
            placeholder={t('wb.outcome.none')}
            onChange={setOutcome}
            data-testid="wb-outcome-select"
            options={outcomes.map((o) => ({ value: o, label: t(`wb.outcome.${o}` as MessageKey) }))}
          />
          <Button
            type="primary"
            loading={pending}
            disabled={!outcome}
            data-testid="wb-set-outcome"
            onClick={() =>
              onSave({ outcome: outcome ?? null, ...(after ? { satisfactionAfter: after } : {}) })
            }
          >
            {t('wb.detail.setOutcome')}
          </Button>
          {c.outcome && (
            <Button loading={pending} onClick={() => onSave({ outcome: null })}>
              {t('wb.detail.reopen')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}
