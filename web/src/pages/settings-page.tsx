import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../api';
import { categories, complaintKeys, type Priority, priorities } from '../complaints/api';
import { categoryText } from '../complaints/display';
import { errorText } from '../errors';
import { useFormatTime } from '../format';
import { useLocale, useT } from '../i18n';
import { LoadError } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';
import {
  type BlocklistSettingsDocument,
  type ComplaintSettingsDocument,
  customerTemplates,
  type OptOutSettingsDocument,
  type SettingsEnvelope,
  settingsApi,
  settingsKeys,
  signalKinds,
  templatePlaceholders,
} from '../settings/api';
import { BlocklistSettingsTab } from '../settings/blocklist-settings-tab';

type Path = readonly (string | number)[];

/** A copy of `doc` with the value at `path` replaced. */
function setIn<T>(doc: T, path: Path, value: unknown): T {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = value;
  return copy as T;
}

function Words({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: readonly string[];
  onChange: (v: string[]) => void;
  disabled: boolean;
  testId: string;
}) {
  const t = useT();
  return (
    <Select
      mode="tags"
      value={[...value]}
      onChange={(v: string[]) => onChange([...new Set(v.map((w) => w.trim()).filter(Boolean))])}
      tokenSeparators={[',', '，', '、']}
      open={false}
      suffixIcon={null}
      disabled={disabled}
      placeholder={t('set.placeholder.words')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

function Num({
  value,
  onChange,
  disabled,
  testId,
  step = 1,
  min,
  max,
}: {
  value: number;
  onChange: (v: number) => void;
  disabled: boolean;
  testId: string;
  step?: number;
  min?: number;
  max?: number;
}) {
  return (
    <InputNumber
      value={value}
      step={step}
      min={min}
      max={max}
      disabled={disabled}
      onChange={(v) => {
        if (typeof v === 'number') onChange(v);
      }}
      data-testid={testId}
      style={{ width: 96 }}
    />
  );
}

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Form.Item label={label} style={{ marginBottom: 12 }}>
    {children}
  </Form.Item>
);

const builtInCategories = new Set<string>(categories);

/** The built-in categories in their order, then the team's own. */
const categoryKeys = (doc: ComplaintSettingsDocument): string[] => [
  ...categories.filter((c) => c in doc.categories),
  ...Object.keys(doc.categories).filter((c) => !builtInCategories.has(c)),
];

/** A category of the team's own without a first answer gets `other`'s: an empty one is not sent. */
function withoutEmptyAnswers(doc: ComplaintSettingsDocument): ComplaintSettingsDocument {
  const autoReplies = { ...doc.autoReplies };
  for (const [c, answer] of Object.entries(autoReplies)) {
    if (builtInCategories.has(c)) continue;
    if (!answer['zh-CN'] && !answer.en) delete autoReplies[c];
    else autoReplies[c] = { 'zh-CN': answer['zh-CN'] || answer.en, en: answer.en || answer['zh-CN'] };
  }
  return { ...doc, autoReplies };
}

const newCategoryKey = /^[a-z][a-z0-9_]{1,39}$/;

/** The form under the category table: key, both names and the team of a new category. */
function AddCategory({
  existing,
  onAdd,
}: {
  existing: readonly string[];
  onAdd: (key: string, category: ComplaintSettingsDocument['categories'][string]) => void;
}) {
  const t = useT();
  const [key, setKey] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [team, setTeam] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const k = key.trim();
    if (!k || !zh.trim() || !en.trim() || !team.trim()) return setError(t('set.cat.incomplete'));
    if (!newCategoryKey.test(k)) return setError(t('set.cat.keyInvalid'));
    if (existing.includes(k)) return setError(t('set.cat.keyTaken'));
    onAdd(k, { team: team.trim(), words: [], enabled: true, label: { 'zh-CN': zh.trim(), en: en.trim() } });
    setKey('');
    setZh('');
    setEn('');
    setTeam('');
    setError(null);
  };
  return (
    <Flex vertical gap={8} data-testid="settings-category-add">
      <Typography.Text type="secondary">{t('set.cat.addHelp')}</Typography.Text>
      <Space wrap>
        <Input
          placeholder={t('set.cat.key')}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          style={{ width: 180 }}
          data-testid="settings-new-category-key"
        />
        <Input
          placeholder={t('set.cat.labelZh')}
          value={zh}
          onChange={(e) => setZh(e.target.value)}
          style={{ width: 150 }}
          data-testid="settings-new-category-zh"
        />
        <Input
          placeholder={t('set.cat.labelEn')}
          value={en}
          onChange={(e) => setEn(e.target.value)}
          style={{ width: 150 }}
          data-testid="settings-new-category-en"
        />
        <Input
          placeholder={t('set.cat.team')}
          value={team}
          onChange={(e) => setTeam(e.target.value)}
          style={{ width: 150 }}
          data-testid="settings-new-category-team"
        />
        <Button onClick={add} data-testid="settings-new-category-add">
          {t('set.cat.add')}
        </Button>
      </Space>
      {error && (
        <Typography.Text type="danger" data-testid="settings-new-category-error">
          {error}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** `TS-20261205-0042` for a prefix, today in the browser's calendar. */
const exampleReference = (prefix: string) =>
  `${prefix}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-0042`;

/** The team's complaint and opt-out settings: view for supervisors, edit and save for admins. */
export function SettingsPage() {
  const t = useT();
  const { locale } = useLocale();
  const formatTime = useFormatTime();
  const { message } = App.useApp();
  const me = useMe();
  const writable = can(me.data, 'settings:write');
  const queryClient = useQueryClient();
  const complaints = useQuery({ queryKey: settingsKeys.complaints, queryFn: settingsApi.complaints });
  const optOut = useQuery({ queryKey: settingsKeys.optOut, queryFn: settingsApi.optOut });
  const blk = useQuery({ queryKey: settingsKeys.blocklist, queryFn: settingsApi.blocklist });
  const [blkDraft, setBlkDraft] = useState<BlocklistSettingsDocument | null>(null);
  useEffect(() => {
    if (blk.data) setBlkDraft(structuredClone(blk.data.settings));
  }, [blk.data]);
  const [draft, setDraft] = useState<ComplaintSettingsDocument | null>(null);
  const [optDraft, setOptDraft] = useState<OptOutSettingsDocument | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    if (complaints.data) setDraft(structuredClone(complaints.data.settings));
  }, [complaints.data]);
  useEffect(() => {
    if (optOut.data) setOptDraft(structuredClone(optOut.data.settings));
  }, [optOut.data]);

  const dirty =
    (draft !== null && JSON.stringify(draft) !== JSON.stringify(complaints.data?.settings)) ||
    (optDraft !== null && JSON.stringify(optDraft) !== JSON.stringify(optOut.data?.settings)) ||
    (blkDraft !== null && JSON.stringify(blkDraft) !== JSON.stringify(blk.data?.settings));

  const save = useMutation({
    mutationFn: async () => {
      const saved: SettingsEnvelope<unknown>[] = [];
      if (draft && complaints.data && JSON.stringify(draft) !== JSON.stringify(complaints.data.settings))
        saved.push(await settingsApi.saveComplaints(complaints.data.version, withoutEmptyAnswers(draft)));
      if (optDraft && optOut.data && JSON.stringify(optDraft) !== JSON.stringify(optOut.data.settings))
        saved.push(await settingsApi.saveOptOut(optOut.data.version, optDraft));
      if (blkDraft && blk.data && JSON.stringify(blkDraft) !== JSON.stringify(blk.data.settings))
        saved.push(await settingsApi.saveBlocklist(blk.data.version, blkDraft));
      return saved;
    },
    onSuccess: async (saved) => {
      setProblem(null);
      for (const s of saved) void message.success(t('set.saved', { version: s.version }));
      await queryClient.invalidateQueries({ queryKey: ['settings'] });
      await queryClient.invalidateQueries({ queryKey: complaintKeys.categories });
    },
    onError: (err) => setProblem(err),
  });

  const set = (path: Path, value: unknown) => setDraft((d) => (d ? setIn(d, path, value) : d));
  const setOpt = (path: Path, value: unknown) => setOptDraft((d) => (d ? setIn(d, path, value) : d));
  const ro = !writable;
  const loadError = complaints.error ?? optOut.error;

  const info = complaints.data;
  const header = (
    <PageHeader
      title={t('set.title')}
      subtitle={t('set.subtitle')}
      extra={
        <Space>
          <Button
            icon={<ReloadOutlined />}
            disabled={!dirty}
            onClick={() => {
              setProblem(null);
              if (complaints.data) setDraft(structuredClone(complaints.data.settings));
              if (optOut.data) setOptDraft(structuredClone(optOut.data.settings));
              if (blk.data) setBlkDraft(structuredClone(blk.data.settings));
            }}
            data-testid="settings-reset"
          >
            {t('set.reset')}
          </Button>
          {writable && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="settings-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    />
  );

  if (loadError)
    return (
      <>
        {header}
        <LoadError
          error={loadError}
          onRetry={() => void queryClient.invalidateQueries({ queryKey: ['settings'] })}
        />
      </>
    );
  if (!draft || !optDraft || !info) return header;

  const problemView =
    problem instanceof ApiError && problem.code === 'SETTINGS_VERSION_CONFLICT' ? (
      <Alert type="warning" showIcon title={t('set.conflict')} style={{ marginBottom: 16 }} />
    ) : problem instanceof ApiError && problem.errors.length > 0 ? (
      <Alert
        type="error"
        showIcon
        title={t('set.invalid')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="settings-errors">
            {problem.errors.map((e) => (
              <li key={e.field}>
                <Typography.Text code>{e.field.replace(/^\/settings/, '')}</Typography.Text> {e.message}
              </li>
            ))}
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
    ) : problem ? (
      <Alert type="error" showIcon title={errorText(t, problem)} style={{ marginBottom: 16 }} />
    ) : null;

  const sev = draft.severity;
  const tiersText = Object.entries(sev.tiers)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

  const tabs = [
    {
      key: 'words',
      label: t('set.tab.words'),
      children: (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('set.words.help')}
          </Typography.Paragraph>
          <Form layout="vertical">
            <Row gutter={16}>
              {signalKinds.map((k) => (
                <Col xs={24} md={12} key={k}>
                  <Field label={`${t(`set.signal.${k}`)} · ${t('set.words.add')}`}>
                    <Words
                      value={draft.riskWords.add[k] ?? []}
                      onChange={(v) => set(['riskWords', 'add', k], v)}
                      disabled={ro}
                      testId={`settings-risk-add-${k}`}
                    />
                  </Field>
                </Col>
              ))}
            </Row>
            <Field label={t('set.words.remove')}>
              <Words
                value={draft.riskWords.remove}
                onChange={(v) => set(['riskWords', 'remove'], v)}
                disabled={ro}
                testId="settings-risk-remove"
              />
            </Field>
          </Form>
        </Flex>
      ),
    },
    {
      key: 'categories',
      label: t('set.tab.categories'),
      children: (
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={categoryKeys(draft).map((c) => ({ ...draft.categories[c], key: c }))}
          footer={
            ro
              ? undefined
              : () => (
                  <AddCategory
                    existing={categoryKeys(draft)}
                    onAdd={(key, category) =>
                      setDraft((d) => (d ? { ...d, categories: { ...d.categories, [key]: category } } : d))
                    }
                  />
                )
          }
          columns={[
            {
              title: t('set.cat.category'),
              dataIndex: 'key',
              width: 220,
              render: (c: string, row) =>
                builtInCategories.has(c) ? (
                  <span data-testid={`settings-category-${c}`}>{categoryText(t, c)}</span>
                ) : (
                  <Flex vertical gap={4} data-testid={`settings-category-${c}`}>
                    <Space size={4}>
                      <Typography.Text code>{c}</Typography.Text>
                      <Tag bordered={false} color="purple">
                        {t('set.cat.custom')}
                      </Tag>
                    </Space>
                    {(['zh-CN', 'en'] as const).map((locale) => (
                      <Input
                        key={locale}
                        size="small"
                        addonBefore={locale}
                        value={row.label?.[locale] ?? ''}
                        disabled={ro}
                        onChange={(e) => set(['categories', c, 'label', locale], e.target.value)}
                        data-testid={`settings-label-${c}-${locale}`}
                      />
                    ))}
                  </Flex>
                ),
            },
            {
              title: t('set.cat.enabled'),
              dataIndex: 'enabled',
              width: 80,
              render: (enabled: boolean | undefined, row) =>
                row.key === 'other' ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Switch
                    size="small"
                    checked={enabled !== false}
                    disabled={ro}
                    onChange={(v) => set(['categories', row.key, 'enabled'], v)}
                    data-testid={`settings-enabled-${row.key}`}
                  />
                ),
            },
            {
              title: t('set.cat.team'),
              dataIndex: 'team',
              width: 200,
              render: (team: string, row) => (
                <Input
                  value={team}
                  disabled={ro}
                  onChange={(e) => set(['categories', row.key, 'team'], e.target.value)}
                  data-testid={`settings-team-${row.key}`}
                />
              ),
            },
            {
              title: t('set.cat.words'),
              dataIndex: 'words',
              render: (words: string[], row) =>
                row.key === 'other' ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Words
                    value={words}
                    onChange={(v) => set(['categories', row.key, 'words'], v)}
                    disabled={ro}
                    testId={`settings-words-${row.key}`}
                  />
                ),
            },
            ...(ro
              ? []
              : [
                  {
                    key: 'remove',
                    width: 90,
                    render: (_: unknown, row: { key: string }) =>
                      builtInCategories.has(row.key) ? null : (
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            setDraft((d) => {
                              if (!d) return d;
                              const { [row.key]: _c, ...categories } = d.categories;
                              const { [row.key]: _a, ...autoReplies } = d.autoReplies;
                              return {
                                ...d,
                                categories: categories as ComplaintSettingsDocument['categories'],
                                autoReplies: autoReplies as ComplaintSettingsDocument['autoReplies'],
                              };
                            })
                          }
                          data-testid={`settings-remove-${row.key}`}
                        >
                          {t('set.cat.remove')}
                        </Button>
                      ),
                  },
                ]),
          ]}
        />
      ),
    },
    {
      key: 'routing',
      label: t('set.tab.routing'),
      children: (
        <Form layout="vertical">
          <Field label={t('set.routing.sla')}>
            <Space wrap>
              {priorities.map((p: Priority) => (
                <Space key={p} size={4}>
                  <Typography.Text strong>{p}</Typography.Text>
                  <Num
                    value={draft.routing.slaHours[p]}
                    onChange={(v) => set(['routing', 'slaHours', p], v)}
                    disabled={ro}
                    min={0.25}
                    step={1}
                    testId={`settings-sla-${p}`}
                  />
                </Space>
              ))}
            </Space>
          </Field>
          <Field label={t('set.routing.seniorTiers')}>
            <Words
              value={draft.routing.seniorTiers}
              onChange={(v) => set(['routing', 'seniorTiers'], v)}
              disabled={ro}
              testId="settings-senior-tiers"
            />
          </Field>
          <Field label={t('set.routing.seniorQueue')}>
            <Input
              value={draft.routing.seniorQueue}
              disabled={ro}
              onChange={(e) => set(['routing', 'seniorQueue'], e.target.value)}
              style={{ maxWidth: 240 }}
              data-testid="settings-senior-queue"
            />
          </Field>
        </Form>
      ),
    },
    {
      key: 'severity',
      label: t('set.tab.severity'),
      children: (
        <Form layout="vertical">
          <Space wrap size="large">
            <Field label={t('set.sev.base')}>
              <Num
                value={sev.base}
                onChange={(v) => set(['severity', 'base'], v)}
                disabled={ro}
                testId="settings-sev-base"
              />
            </Field>
            <Field label={t('set.sev.negativeAt')}>
              <Num
                value={sev.sentiment.negativeAt}
                onChange={(v) => set(['severity', 'sentiment', 'negativeAt'], v)}
                disabled={ro}
                step={0.1}
                min={-1}
                max={1}
                testId="settings-sev-negative-at"
              />
            </Field>
            <Field label={t('set.sev.negativePoints')}>
              <Num
                value={sev.sentiment.negativePoints}
                onChange={(v) => set(['severity', 'sentiment', 'negativePoints'], v)}
                disabled={ro}
                testId="settings-sev-negative-points"
              />
            </Field>
            <Field label={t('set.sev.strongAt')}>
              <Num
                value={sev.sentiment.strongAt}
                onChange={(v) => set(['severity', 'sentiment', 'strongAt'], v)}
                disabled={ro}
                step={0.1}
                min={-1}
                max={1}
                testId="settings-sev-strong-at"
              />
            </Field>
            <Field label={t('set.sev.strongPoints')}>
              <Num
                value={sev.sentiment.strongPoints}
                onChange={(v) => set(['severity', 'sentiment', 'strongPoints'], v)}
                disabled={ro}
                testId="settings-sev-strong-points"
              />
            </Field>
            <Field label={t('set.sev.riskEach')}>
              <Num
                value={sev.riskWords.each}
                onChange={(v) => set(['severity', 'riskWords', 'each'], v)}
                disabled={ro}
                testId="settings-sev-risk-each"
              />
            </Field>
            <Field label={t('set.sev.riskCap')}>
              <Num
                value={sev.riskWords.cap}
                onChange={(v) => set(['severity', 'riskWords', 'cap'], v)}
                disabled={ro}
                testId="settings-sev-risk-cap"
              />
            </Field>
          </Space>
          <Field label={t('set.sev.tiers')}>
            <Input
              defaultValue={tiersText}
              key={tiersText}
              disabled={ro}
              style={{ maxWidth: 320 }}
              onBlur={(e) => {
                const tiers: Record<string, number> = {};
                for (const part of e.target.value.split(/[,，]/)) {
                  const [k, v] = part.split('=').map((x) => x.trim());
                  if (k && v !== undefined && !Number.isNaN(Number(v))) tiers[k] = Number(v);
                }
                set(['severity', 'tiers'], tiers);
              }}
              data-testid="settings-sev-tiers"
            />
          </Field>
          <Field label={t('set.sev.frequency')}>
            <Space wrap>
              {(['windowDays', 'atLeast', 'points', 'eachMore', 'cap'] as const).map((k) => (
                <Num
                  key={k}
                  value={sev.frequency[k]}
                  onChange={(v) => set(['severity', 'frequency', k], v)}
                  disabled={ro}
                  testId={`settings-sev-frequency-${k}`}
                />
              ))}
            </Space>
          </Field>
          <Field label={t('set.sev.multiChannel')}>
            <Space wrap>
              {(['windowDays', 'atLeast', 'points'] as const).map((k) => (
                <Num
                  key={k}
                  value={sev.multiChannel[k]}
                  onChange={(v) => set(['severity', 'multiChannel', k], v)}
                  disabled={ro}
                  testId={`settings-sev-multi-${k}`}
                />
              ))}
            </Space>
          </Field>
          <Field label={t('set.sev.waiting')}>
            <Space wrap>
              {(['halfPoints', 'overduePoints'] as const).map((k) => (
                <Num
                  key={k}
                  value={sev.waiting[k]}
                  onChange={(v) => set(['severity', 'waiting', k], v)}
                  disabled={ro}
                  testId={`settings-sev-waiting-${k}`}
                />
              ))}
            </Space>
          </Field>
          <Field label={t('set.sev.thresholds')}>
            <Space wrap>
              {(['P1', 'P2', 'P3'] as const).map((k) => (
                <Num
                  key={k}
                  value={sev.thresholds[k]}
                  onChange={(v) => set(['severity', 'thresholds', k], v)}
                  disabled={ro}
                  testId={`settings-sev-threshold-${k}`}
                />
              ))}
            </Space>
          </Field>
        </Form>
      ),
    },
    {
      key: 'replies',
      label: t('set.tab.replies'),
      children: (
        <Flex vertical gap={16}>
          <Card size="small" title={t('set.replies.templates')}>
            <Form layout="vertical">
              <Space wrap align="start">
                <Field label={t('set.replies.prefix')}>
                  <Input
                    value={draft.notifications.referencePrefix}
                    disabled={ro}
                    onChange={(e) => set(['notifications', 'referencePrefix'], e.target.value.toUpperCase())}
                    style={{ width: 120 }}
                    data-testid="settings-ref-prefix"
                  />
                </Field>
                <Field label={t('set.replies.timeZone')}>
                  <Input
                    value={draft.notifications.referenceTimeZone}
                    disabled={ro}
                    onChange={(e) => set(['notifications', 'referenceTimeZone'], e.target.value)}
                    style={{ width: 200 }}
                    data-testid="settings-ref-timezone"
                  />
                </Field>
              </Space>
              <Typography.Paragraph type="secondary">
                {t('set.replies.example', { example: exampleReference(draft.notifications.referencePrefix) })}
              </Typography.Paragraph>
              {customerTemplates.map((name) => (
                <Card
                  key={name}
                  size="small"
                  type="inner"
                  title={t(`set.template.${name}`)}
                  extra={
                    <Typography.Text type="secondary">
                      {t('set.replies.placeholders', {
                        list: templatePlaceholders[name].map((p) => `{${p}}`).join(' '),
                      })}
                    </Typography.Text>
                  }
                  style={{ marginBottom: 12 }}
                >
                  <Row gutter={16}>
                    {(['zh-CN', 'en'] as const).map((locale) => (
                      <Col xs={24} lg={12} key={locale}>
                        <Typography.Text strong>{locale}</Typography.Text>
                        <Input
                          addonBefore={t('set.replies.subject')}
                          value={draft.notifications.templates[name][locale].subject}
                          disabled={ro}
                          onChange={(e) =>
                            set(['notifications', 'templates', name, locale, 'subject'], e.target.value)
                          }
                          style={{ margin: '4px 0' }}
                        />
                        <Input.TextArea
                          autoSize={{ minRows: 2, maxRows: 6 }}
                          value={draft.notifications.templates[name][locale].text}
                          disabled={ro}
                          onChange={(e) =>
                            set(['notifications', 'templates', name, locale, 'text'], e.target.value)
                          }
                          data-testid={`settings-template-${name}-${locale}`}
                        />
                      </Col>
                    ))}
                  </Row>
                </Card>
              ))}
            </Form>
          </Card>
          <Card size="small" title={t('set.replies.auto')}>
            {categoryKeys(draft).map((c) => (
              <Row gutter={16} key={c} style={{ marginBottom: 12 }}>
                <Col xs={24} md={4}>
                  <Typography.Text strong>
                    {draft.categories[c]?.label?.[locale] || categoryText(t, c)}
                  </Typography.Text>
                </Col>
                {(['zh-CN', 'en'] as const).map((locale) => (
                  <Col xs={24} md={10} key={locale}>
                    <Input.TextArea
                      autoSize={{ minRows: 2, maxRows: 5 }}
                      value={draft.autoReplies[c]?.[locale] ?? ''}
                      placeholder={builtInCategories.has(c) ? undefined : draft.autoReplies.other?.[locale]}
                      disabled={ro}
                      onChange={(e) =>
                        set(['autoReplies', c], {
                          ...(draft.autoReplies[c] ?? { 'zh-CN': '', en: '' }),
                          [locale]: e.target.value,
                        })
                      }
                      data-testid={`settings-auto-${c}-${locale}`}
                    />
                  </Col>
                ))}
              </Row>
            ))}
          </Card>
        </Flex>
      ),
    },
    {
      key: 'optOut',
      label: t('set.tab.optOut'),
      children: (
        <Form layout="vertical">
          <Typography.Paragraph type="secondary">{t('set.opt.help')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Field label={t('set.opt.keywords')}>
                <Words
                  value={optDraft.optOutKeywords}
                  onChange={(v) => setOpt(['optOutKeywords'], v)}
                  disabled={ro}
                  testId="settings-opt-out-keywords"
                />
              </Field>
              <Field label={t('set.opt.phrases')}>
                <Words
                  value={optDraft.optOutPhrases}
                  onChange={(v) => setOpt(['optOutPhrases'], v)}
                  disabled={ro}
                  testId="settings-opt-out-phrases"
                />
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field label={t('set.opt.inKeywords')}>
                <Words
                  value={optDraft.optInKeywords}
                  onChange={(v) => setOpt(['optInKeywords'], v)}
                  disabled={ro}
                  testId="settings-opt-in-keywords"
                />
              </Field>
              <Field label={t('set.opt.inPhrases')}>
                <Words
                  value={optDraft.optInPhrases}
                  onChange={(v) => setOpt(['optInPhrases'], v)}
                  disabled={ro}
                  testId="settings-opt-in-phrases"
                />
              </Field>
            </Col>
          </Row>
          <Field label={t('set.opt.maxLength')}>
            <Num
              value={optDraft.maxLength}
              onChange={(v) => setOpt(['maxLength'], v)}
              disabled={ro}
              min={0}
              max={200}
              testId="settings-opt-max-length"
            />
          </Field>
          {(
            [
              ['optOut', 'set.opt.replyOut'],
              ['optIn', 'set.opt.replyIn'],
              ['question', 'set.opt.replyQuestion'],
            ] as const
          ).map(([k, label]) => (
            <Field key={k} label={t(label)}>
              <Row gutter={16}>
                {(['zh-CN', 'en'] as const).map((locale) => (
                  <Col xs={24} md={12} key={locale}>
                    <Input
                      addonBefore={locale}
                      value={optDraft.replies[k][locale]}
                      disabled={ro}
                      onChange={(e) => setOpt(['replies', k, locale], e.target.value)}
                      data-testid={`settings-opt-reply-${k}-${locale}`}
                    />
                  </Col>
                ))}
              </Row>
            </Field>
          ))}
        </Form>
      ),
    },
    ...(blkDraft
      ? [
          {
            key: 'blocklist',
            label: <span data-testid="settings-tab-blocklist">{t('set.tab.blocklist')}</span>,
            children: <BlocklistSettingsTab doc={blkDraft} onChange={setBlkDraft} readOnly={ro} />,
          },
        ]
      : []),
  ];

  return (
    <>
      {header}
      <Space direction="vertical" size={4} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="settings-version">
          {t('set.version', { version: info.version })}
          {' · '}
          {info.updatedAt
            ? t('set.updated', { at: formatTime(info.updatedAt), by: info.updatedBy ?? '—' })
            : t('set.default')}
        </Typography.Text>
        {!writable && <Alert type="info" showIcon title={t('set.readOnly')} />}
      </Space>
      {problemView}
      <Card>
        <Tabs items={tabs} destroyOnHidden={false} />
      </Card>
    </>
  );
}
