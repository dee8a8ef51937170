import { ArrowLeftOutlined, DeleteOutlined, ExperimentOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Result,
  Row,
  Space,
  Spin,
  Switch,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { channelText } from '../blocklist/display';
import { useFormatTime, useZonedPicker } from '../format';
import { useT } from '../i18n';
import { clearDraft, readDraft, saveDraft } from '../layout/form-draft';
import { PageHeader } from '../layout/page-header';
import { ActionsFields } from '../rules/action-fields';
import { type Condition, type Rule, ruleKeys, rules, type TrialResult, type TrialSample } from '../rules/api';
import { ConditionFields } from '../rules/condition-fields';
import { ModeTag, precisionText, StatsSummary } from '../rules/display';
import { applyRuleErrors, ruleErrorText } from '../rules/errors';
import { actionToRow, conditionToForm, draftOf, emptyLeaf, type RuleFormValues } from '../rules/form-model';
import { RuleHitsChart } from '../rules/hits-chart';
import { DecisionTag } from '../screening/display';
import { can, useMe } from '../session';

const NEW_RULE_DRAFT = 'rule-new';

const blank: RuleFormValues = {
  name: '',
  stage: 'filter',
  // Safe by default: a new rule watches in shadow mode and does nothing until an action is chosen.
  shadow: true,
  enabled: true,
  priority: 100,
  combinator: 'all',
  items: [{ kind: 'leaf', ...emptyLeaf('keywords') }],
  actions: [],
};

function valuesOf(rule: Rule): { values: RuleFormValues; kept: Condition | null } {
  const cond = conditionToForm(rule.conditions);
  return {
    values: {
      name: rule.name,
      stage: rule.stage,
      shadow: rule.mode === 'shadow',
      enabled: rule.enabled,
      priority: rule.priority,
      combinator: cond?.combinator ?? 'all',
      items: cond?.items ?? [],
      actions: rule.actions.map(actionToRow),
    },
    kept: cond ? null : rule.conditions,
  };
}

function TrialPanel({
  form,
  kept,
  writable,
}: {
  form: ReturnType<typeof Form.useForm<RuleFormValues>>[0];
  kept: Condition | null;
  writable: boolean;
}) {
  const t = useT();
  const formatTime = useFormatTime();
  const zoned = useZonedPicker();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [loose, setLoose] = useState<string[]>([]);
  const trial = useMutation({
    mutationFn: (draft: ReturnType<typeof draftOf>) =>
      rules.trial({
        rule: draft,
        ...(range ? { from: zoned.fromPicker(range[0]) ?? '', to: zoned.fromPicker(range[1]) ?? '' } : {}),
        samples: 20,
      }),
    onMutate: () => setLoose([]),
    onError: (err) =>
      setLoose([
        ...applyRuleErrors(form, err, t),
        ...(err instanceof ApiError && err.errors.length ? [] : [ruleErrorText(t, err)]),
      ]),
  });
  const run = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    trial.mutate(draftOf(form.getFieldsValue(true) as RuleFormValues, kept));
  };
  const result: TrialResult | undefined = trial.data;
  const period = range
    ? t('rules.trial.between', { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })
    : t('rules.trial.last7');
  return (
    <Card title={t('rules.trial.title')} data-testid="rule-trial">
      <Typography.Paragraph type="secondary">{t('rules.trial.body')}</Typography.Paragraph>
      <Space wrap>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0].startOf('day'), v[1].endOf('day')] : null)}
          disabledDate={(d) => d.isAfter(zoned.now(), 'day')}
          placeholder={[t('rules.trial.from'), t('rules.trial.to')]}
        />
        <Button
          icon={<ExperimentOutlined />}
          onClick={() => void run()}
          loading={trial.isPending}
          disabled={!writable}
          data-testid="rule-trial-run"
        >
          {t('rules.trial.run')}
        </Button>
      </Space>
      {loose.length > 0 && <Alert type="error" showIcon style={{ marginTop: 16 }} title={loose.join('; ')} />}
      {result && (
        <>
          <Alert
            style={{ marginTop: 16 }}
            type={result.matched > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="rule-trial-result"
            title={t('rules.trial.result', { matched: result.matched, scanned: result.scanned, period })}
            description={result.truncated ? t('rules.trial.truncated') : undefined}
          />
          {result.samples.length > 0 && (
            <Table<TrialSample>
              style={{ marginTop: 16 }}
              size="small"
              rowKey="messageId"
              data-testid="rule-trial-samples"
              pagination={false}
              dataSource={result.samples}
              scroll={{ x: 800 }}
              columns={[
                {
                  title: t('msg.col.time'),
                  dataIndex: 'receivedAt',
                  width: 170,
                  render: (v: string) => formatTime(v),
                },
                {
                  title: t('msg.col.channel'),
                  dataIndex: 'channel',
                  width: 90,
                  render: (v: string) => channelText(t, v),
                },
                { title: t('msg.col.text'), dataIndex: 'text', ellipsis: { showTitle: true } },
                {
                  title: t('rules.trial.why'),
                  dataIndex: 'details',
                  width: 240,
                  render: (d: string[]) => (
                    <Typography.Text style={{ fontSize: 12 }}>{d.join('; ')}</Typography.Text>
                  ),
                },
                {
                  title: t('rules.trial.decision'),
                  dataIndex: 'decision',
                  width: 110,
                  render: (v: string) => <DecisionTag decision={v} />,
                },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}

function StatsPanel({ id }: { id: string }) {
  const t = useT();
  const stats = useQuery({ queryKey: ruleKeys.stats(id), queryFn: () => rules.stats(id) });
  const s = stats.data;
  return (
    <Card
      title={t('rules.stats.title')}
      data-testid="rule-stats-panel"
      extra={<Link to={`/messages?ruleId=${encodeURIComponent(id)}`}>{t('rules.stats.messages')}</Link>}
    >
      {s ? (
        <>
          <StatsSummary stats={s} />
          <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('rules.stats.enforced')}>{s.enforced}</Descriptions.Item>
            <Descriptions.Item label={t('rules.stats.shadow')}>{s.shadow}</Descriptions.Item>
            <Descriptions.Item label={t('mark.spam')}>{s.marks.spam}</Descriptions.Item>
            <Descriptions.Item label={t('mark.not_spam')}>{s.marks.notSpam}</Descriptions.Item>
            <Descriptions.Item label={t('mark.invalid')}>{s.marks.invalid}</Descriptions.Item>
            <Descriptions.Item label={t('rules.stats.precision')}>
              {precisionText(s.precision)}
            </Descriptions.Item>
          </Descriptions>
          {s.flagged && <Alert type="error" showIcon title={t('rules.stats.flaggedHint')} />}
          <RuleHitsChart id={id} />
        </>
      ) : (
        <Spin />
      )}
    </Card>
  );
}

export function RulesEditorPage() {
  const t = useT();
  const me = useMe();
  const { id: param } = useParams();
  const id = param && param !== 'new' ? param : null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleFormValues>();
  const [loose, setLoose] = useState<string[]>([]);
  const writable = can(me.data, 'rules:write');

  const rule = useQuery({
    queryKey: ruleKeys.rule(id ?? ''),
    queryFn: () => rules.get(id ?? ''),
    enabled: id !== null,
  });
  const loaded = useMemo(() => (rule.data ? valuesOf(rule.data) : null), [rule.data]);
  const kept = loaded?.kept ?? null;

  useEffect(() => {
    form.resetFields();
    if (loaded) form.setFieldsValue(loaded.values);
    else if (!id) {
      // A new rule's unsaved input survives a failed page load or a reload.
      const draft = readDraft<RuleFormValues>(NEW_RULE_DRAFT);
      if (draft) form.setFieldsValue(draft);
    }
  }, [loaded, form, id]);

  const save = useMutation({
    mutationFn: (v: RuleFormValues) => {
      const draft = draftOf(v, kept);
      return id ? rules.update(id, draft) : rules.create(draft);
    },
    onMutate: () => setLoose([]),
    onSuccess: (saved) => {
      if (!id) clearDraft(NEW_RULE_DRAFT);
      void message.success(t(id ? 'rules.saved' : 'rules.created'));
      void queryClient.invalidateQueries({ queryKey: ruleKeys.all });
      if (!id) navigate(`/rules/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      const rest = applyRuleErrors(form, err, t);
      if (err instanceof ApiError && err.errors.length > 0) {
        setLoose(rest);
        void message.error(t('rules.fixFields'));
      } else void message.error(ruleErrorText(t, err));
    },
  });

  const remove = useMutation({
    mutationFn: () => rules.remove(id ?? ''),
    onSuccess: () => {
      void message.success(t('rules.deleted'));
      void queryClient.invalidateQueries({ queryKey: ruleKeys.all });
      navigate('/rules', { replace: true });
    },
    onError: (err) => void message.error(ruleErrorText(t, err)),
  });

  if (id && rule.error)
    return (
      <Result
        status={rule.error instanceof ApiError && rule.error.status === 404 ? '404' : 'error'}
        title={ruleErrorText(t, rule.error)}
        extra={<Button onClick={() => navigate('/rules')}>{t('rules.back')}</Button>}
      />
    );
  if (id && !rule.data) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  return (
    <>
      <PageHeader
        title={id ? (rule.data?.name ?? '') : t('rules.new')}
        subtitle={t('rules.editor.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/rules')}>
              {t('rules.back')}
            </Button>
            {id && rule.data && <ModeTag mode={rule.data.mode} />}
            {id && writable && (
              <Popconfirm
                title={t('rules.delete.title')}
                description={t('rules.delete.body')}
                okText={t('rules.delete')}
                okButtonProps={{ danger: true, loading: remove.isPending, 'data-testid': 'rule-delete-ok' }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="rule-delete">
                  {t('rules.delete')}
                </Button>
              </Popconfirm>
            )}
            {writable && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={save.isPending}
                onClick={() => form.submit()}
                data-testid="rule-save"
              >
                {id ? t('common.save') : t('common.create')}
              </Button>
            )}
          </Space>
        }
      />
      {loose.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="rule-errors"
          style={{ marginBottom: 16 }}
          title={t('rules.fixFields')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {loose.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={id ? 17 : 24}>
          <Form<RuleFormValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            disabled={!writable}
            initialValues={blank}
            // The whole store: rows keep their `kind` and the fields of other types, which have no input.
            onFinish={() => save.mutate(form.getFieldsValue(true) as RuleFormValues)}
            onValuesChange={() => {
              if (!id) saveDraft(NEW_RULE_DRAFT, form.getFieldsValue(true));
            }}
            data-testid="rule-form"
          >
            <Flex vertical gap={16}>
              <Card title={t('rules.section.basics')}>
                <Flex gap={16} wrap align="flex-start">
                  <Form.Item
                    name="name"
                    label={t('rules.field.name')}
                    rules={[{ required: true, whitespace: true, message: t('rules.field.nameRequired') }]}
                    style={{ flex: 1, minWidth: 260 }}
                  >
                    <Input
                      maxLength={100}
                      placeholder={t('rules.field.namePlaceholder')}
                      data-testid="rule-name"
                    />
                  </Form.Item>
                  <Form.Item name="stage" label={t('rules.field.stage')} tooltip={t('rules.stage.hint')}>
                    <Radio.Group
                      optionType="button"
                      data-testid="rule-stage"
                      options={[
                        { value: 'filter', label: t('rules.stage.filter') },
                        { value: 'watch', label: t('rules.stage.watch') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name="priority"
                    label={t('rules.field.priority')}
                    tooltip={t('rules.field.priorityHint')}
                  >
                    <InputNumber min={-100000} max={100000} precision={0} data-testid="rule-priority" />
                  </Form.Item>
                  <Form.Item
                    name="shadow"
                    label={t('rules.field.shadow')}
                    valuePropName="checked"
                    tooltip={t('rules.mode.shadowHint')}
                  >
                    <Switch data-testid="rule-shadow" />
                  </Form.Item>
                  <Form.Item name="enabled" label={t('rules.field.enabled')} valuePropName="checked">
                    <Switch data-testid="rule-enabled" />
                  </Form.Item>
                </Flex>
              </Card>
              <Card title={t('rules.section.conditions')}>
                {kept ? (
                  <>
                    <Alert
                      type="info"
                      showIcon
                      title={t('rules.readonlyTree')}
                      style={{ marginBottom: 12 }}
                    />
                    <pre
                      className="warden-mono"
                      data-testid="rule-cond-json"
                      style={{ margin: 0, whiteSpace: 'pre-wrap' }}
                    >
                      {JSON.stringify(kept, null, 2)}
                    </pre>
                  </>
                ) : (
                  <ConditionFields />
                )}
              </Card>
              <Card title={t('rules.section.actions')}>
                <ActionsFields />
              </Card>
              <TrialPanel form={form} kept={kept} writable={writable} />
            </Flex>
          </Form>
        </Col>
        {id && (
          <Col xs={24} xl={7}>
            <StatsPanel id={id} />
          </Col>
        )}
      </Row>
    </>
  );
}
