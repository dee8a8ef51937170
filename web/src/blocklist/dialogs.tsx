import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { BlocklistSettingsDocument } from '../../../src/blocklist/release-settings.js';
import { api } from '../api';
import { useZonedPicker } from '../format';
import { useLocale, useT } from '../i18n';
import { FormDialog } from '../layout/form-dialog';
import { can, useMe } from '../session';
import {
  type BlocklistEntry,
  blocklist,
  blocklistKeys,
  type Channel,
  channels,
  type EntryPatch,
} from './api';
import { channelText } from './display';
import { applyPointerErrors, blocklistErrorText } from './errors';
import { channelsOf, LevelFields, type LevelValues, levelValuesOf, limitOf } from './level-fields';

/** What each dialog on an entry is given: the entry, whether it shows, and how to close it. */
interface EntryDialogProps {
  entry: BlocklistEntry;
  open: boolean;
  onClose: () => void;
}

function useEntryMutation<A>(
  entryId: string,
  call: (a: A) => Promise<unknown>,
  done: string,
  onClose: () => void,
  onError?: (err: unknown) => boolean,
) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void message.success(done);
      void queryClient.invalidateQueries({ queryKey: blocklistKeys.entry(entryId) });
      void queryClient.invalidateQueries({ queryKey: blocklistKeys.all });
      onClose();
    },
    onError: (err) => {
      if (!onError?.(err)) void message.error(blocklistErrorText(t, err));
    },
  });
}

/** The release reasons in force (`/settings/blocklist`); empty without `settings:read`. */
function useReleaseReasons(open: boolean): { value: string; label: string }[] {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const settings = useQuery({
    queryKey: ['settings', 'blocklist'],
    queryFn: () => api.get<{ settings: BlocklistSettingsDocument }>('/settings/blocklist'),
    enabled: open && can(me.data, 'settings:read'),
  });
  return [
    ...(settings.data?.settings.releaseReasons ?? []).map((r) => ({ value: r.key, label: r.labels[locale] })),
    ...(settings.data ? [{ value: 'other', label: t('blk.release.other') }] : []),
  ];
}

/** A picked code plus text, or the text alone (the free-text reason as before the picklist). */
const reasonOf = (v: { code?: string; reason?: string }) => {
  const text = v.reason?.trim() || undefined;
  return v.code ? { reasonCode: v.code, ...(text ? { text } : {}) } : { reason: text ?? '' };
};

export function ReleaseDialog({ entry, open, onClose }: EntryDialogProps) {
  const t = useT();
  const [form] = Form.useForm<{ code?: string; reason?: string }>();
  const code = Form.useWatch('code', form);
  const reasons = useReleaseReasons(open);
  const release = useEntryMutation(
    entry.id,
    (v: { code?: string; reason?: string }) => blocklist.release(entry.id, reasonOf(v)),
    t('blk.release.done'),
    onClose,
  );
  const textRequired = !code || code === 'other';
  return (
    <FormDialog
      open={open}
      title={t('blk.release.title')}
      okText={t('blk.action.release')}
      danger
      pending={release.isPending}
      form={form}
      onClose={onClose}
      testId="blk-release-dialog"
      onFinish={(v) => release.mutate(v)}
    >
      <Typography.Paragraph type="secondary">{t('blk.release.body')}</Typography.Paragraph>
      {reasons.length > 0 && (
        <Form.Item name="code" label={t('blk.release.code')}>
          <Select
            allowClear
            placeholder={t('blk.release.codePlaceholder')}
            options={reasons}
            data-testid="blk-release-code"
          />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={reasons.length > 0 ? t('blk.release.text') : t('blk.release.reason')}
        rules={
          textRequired
            ? [
                {
                  required: true,
                  whitespace: true,
                  message: code === 'other' ? t('blk.release.textRequired') : t('blk.form.reasonRequired'),
                },
              ]
            : []
        }
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="blk-release-reason" />
      </Form.Item>
    </FormDialog>
  );
}

interface ExemptionValues {
  by: 'window' | 'session';
  code?: string;
  from?: Dayjs | null;
  until?: Dayjs | null;
  sessionId?: string;
  channel?: Channel;
  reason?: string;
}

export function ExemptionDialog({ entry, open, onClose }: EntryDialogProps) {
  const t = useT();
  const [form] = Form.useForm<ExemptionValues>();
  const by = Form.useWatch('by', form);
  const exemptCode = Form.useWatch('code', form);
  const reasons = useReleaseReasons(open);
  const zoned = useZonedPicker();
  const add = useEntryMutation(
    entry.id,
    (v: ExemptionValues) =>
      blocklist.addExemption(entry.id, {
        ...(v.by === 'session'
          ? { sessionId: v.sessionId?.trim() }
          : { from: zoned.fromPicker(v.from), until: zoned.fromPicker(v.until) }),
        channel: v.channel ?? null,
        ...(v.code ? reasonOf(v) : { reason: v.reason?.trim() || null }),
      }),
    t('blk.exempt.done'),
    onClose,
    (err) => applyPointerErrors(form, err, { '/sessionId': 'sessionId', '/until': 'until', '/from': 'from' }),
  );
  return (
    <FormDialog
      open={open}
      title={t('blk.exempt.title')}
      okText={t('common.confirm')}
      pending={add.isPending}
      form={form}
      onClose={onClose}
      testId="blk-exempt-dialog"
      initialValues={{ by: 'window', from: zoned.now(), until: zoned.now().add(1, 'day') }}
      onFinish={(v) => add.mutate(v)}
    >
      <Alert type="info" showIcon title={t('blk.exempt.help')} style={{ marginBottom: 16 }} />
      <Form.Item name="by" label={t('blk.exempt.by')}>
        <Radio.Group
          optionType="button"
          data-testid="blk-exempt-by"
          options={[
            { value: 'window', label: t('blk.exempt.byWindow') },
            { value: 'session', label: t('blk.exempt.bySession') },
          ]}
        />
      </Form.Item>
      {by === 'session' ? (
        <Form.Item
          name="sessionId"
          label={t('blk.exempt.sessionId')}
          rules={[{ required: true, whitespace: true, message: t('blk.exempt.sessionRequired') }]}
        >
          <Input autoComplete="off" placeholder="c-812" data-testid="blk-exempt-session" />
        </Form.Item>
      ) : (
        <Space size={12} wrap align="start">
          <Form.Item name="from" label={t('blk.exempt.from')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="until"
            label={t('blk.exempt.until')}
            rules={[{ required: true, message: t('blk.exempt.untilRequired') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              data-testid="blk-exempt-until"
            />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="channel" label={t('blk.exempt.channel')}>
        <Select allowClear options={channels.map((c) => ({ value: c, label: channelText(t, c) }))} />
      </Form.Item>
      {reasons.length > 0 && (
        <Form.Item name="code" label={t('blk.release.code')}>
          <Select allowClear placeholder={t('blk.release.codePlaceholder')} options={reasons} />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('blk.exempt.reason')}
        rules={
          exemptCode === 'other'
            ? [{ required: true, whitespace: true, message: t('blk.release.textRequired') }]
            : []
        }
      >
        <Input.TextArea rows={2} maxLength={2000} data-testid="blk-exempt-reason" />
      </Form.Item>
    </FormDialog>
  );
}

interface ReviewValues extends LevelValues {
  decision: 'keep' | 'change' | 'release';
  note: string;
  expiresAt?: Dayjs | null;
  nextReviewAt?: Dayjs | null;
}

export function ReviewDialog({ entry, open, onClose }: EntryDialogProps) {
  const t = useT();
  const [form] = Form.useForm<ReviewValues>();
  const decision = Form.useWatch('decision', form);
  const zoned = useZonedPicker();
  const review = useEntryMutation(
    entry.id,
    (v: ReviewValues) => {
      let changes: EntryPatch | undefined;
      if (v.decision === 'change') {
        changes = { level: v.level, limit: limitOf(v), allowedChannels: channelsOf(v) };
        const expires = zoned.fromPicker(v.expiresAt);
        if (expires !== entry.expiresAt) changes.expiresAt = expires;
      }
      return blocklist.review(entry.id, {
        decision: v.decision,
        note: v.note.trim(),
        ...(changes ? { changes } : {}),
        ...(v.decision !== 'release' && v.nextReviewAt
          ? { nextReviewAt: zoned.fromPicker(v.nextReviewAt) ?? '' }
          : {}),
      });
    },
    t('blk.review.done'),
    onClose,
    (err) =>
      applyPointerErrors(form, err, {
        '/note': 'note',
        '/changes/limit': 'limitMax',
        '/changes/allowedChannels': 'allowedChannels',
        '/limit': 'limitMax',
        '/allowedChannels': 'allowedChannels',
        '/expiresAt': 'expiresAt',
        '/changes/expiresAt': 'expiresAt',
        '/nextReviewAt': 'nextReviewAt',
      }),
  );
  return (
    <FormDialog
      open={open}
      title={t('blk.review.title')}
      okText={t('common.confirm')}
      danger={decision === 'release'}
      pending={review.isPending}
      form={form}
      onClose={onClose}
      testId="blk-review-dialog"
      initialValues={{
        decision: 'keep',
        ...levelValuesOf(entry),
        expiresAt: zoned.toPicker(entry.expiresAt),
      }}
      onFinish={(v) => review.mutate(v)}
    >
      <Form.Item name="decision" label={t('blk.review.decision')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="blk-review-decision"
          options={[
            { value: 'keep', label: t('blk.review.keep') },
            { value: 'change', label: t('blk.review.change') },
            { value: 'release', label: t('blk.review.release') },
          ]}
        />
      </Form.Item>
      {decision === 'change' && (
        <div style={{ padding: '12px 16px 0', marginBottom: 16, background: '#f6f8fb', borderRadius: 6 }}>
          <LevelFields compact />
          <Form.Item name="expiresAt" label={t('blk.field.expiresAt')} extra={t('blk.form.expiresHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </div>
      )}
      <Form.Item
        name="note"
        label={t('blk.review.note')}
        rules={[{ required: true, whitespace: true, message: t('blk.review.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="blk-review-note" />
      </Form.Item>
      {decision !== 'release' && (
        <Form.Item name="nextReviewAt" label={t('blk.review.next')} extra={t('blk.review.nextHint')}>
          <DatePicker data-testid="blk-review-next" />
        </Form.Item>
      )}
    </FormDialog>
  );
}

export function DecideDialog({
  entry,
  approve,
  open,
  onClose,
}: {
  entry: BlocklistEntry;
  approve: boolean;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useEntryMutation(
    entry.id,
    (note: string | undefined) =>
      approve ? blocklist.approve(entry.id, note) : blocklist.reject(entry.id, note),
    t(approve ? 'blk.decide.approved' : 'blk.decide.rejected'),
    onClose,
  );
  return (
    <FormDialog
      open={open}
      title={t(approve ? 'blk.decide.approveTitle' : 'blk.decide.rejectTitle')}
      okText={t(approve ? 'blk.action.approve' : 'blk.action.reject')}
      danger={!approve}
      pending={decide.isPending}
      form={form}
      onClose={onClose}
      testId={approve ? 'blk-approve-dialog' : 'blk-reject-dialog'}
      onFinish={(v) => decide.mutate(v.note?.trim() || undefined)}
    >
      <Form.Item name="note" label={t('blk.decide.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
