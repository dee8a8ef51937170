import { ExclamationCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { CustomerPicker } from '../customers/picker';
import { useZonedPicker } from '../format';
import { useT } from '../i18n';
import { DrawerFooter } from '../layout/drawer-footer';
import { clearDraft, readDraft, saveDraft } from '../layout/form-draft';
import {
  type BlocklistEntry,
  blocklist,
  blocklistKeys,
  confirmationRisks,
  type EntryInput,
  type EntryPatch,
  type IdentifierType,
  identifierTypes,
} from './api';
import { idTypeText, riskText, TargetText, useCategories } from './display';
import { applyPointerErrors, blocklistErrorText } from './errors';
import {
  channelsOf,
  LevelFields,
  type LevelValues,
  levelValuesOf,
  limitOf,
  splitWindow,
} from './level-fields';

/** The add form's unsaved input survives a failed page load or a reload (sessionStorage). */
const ADD_DRAFT = 'blocklist-add';

interface EntryFormValues extends LevelValues {
  targetKind: 'identifier' | 'customer';
  identifierType: IdentifierType;
  identifierValue?: string;
  customerId?: string;
  category?: string;
  reason?: string;
  startsAt?: Dayjs | null;
  expiresAt?: Dayjs | null;
  reviewAt?: Dayjs | null;
}

const pointerFields: Record<string, string> = {
  '/identifier': 'identifierValue',
  '/identifier/type': 'identifierType',
  '/customerId': 'customerId',
  '/level': 'level',
  '/limit': 'limitMax',
  '/allowedChannels': 'allowedChannels',
  '/category': 'category',
  '/reason': 'reason',
  '/startsAt': 'startsAt',
  '/expiresAt': 'expiresAt',
  '/reviewAt': 'reviewAt',
};

const sameTime = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));
const sameList = (a: readonly string[] | null, b: readonly string[] | null) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x) => (b ?? []).includes(x));

/** What changed against the entry, so its history names only the fields that really changed. */
function diff(
  entry: BlocklistEntry,
  v: EntryFormValues,
  isoOf: (d: Dayjs | null | undefined) => string | null,
): EntryPatch {
  const patch: EntryPatch = {};
  if (v.level !== entry.level) patch.level = v.level;
  const limit = limitOf(v);
  if (limit?.max !== entry.limit?.max || limit?.windowSeconds !== entry.limit?.windowSeconds)
    patch.limit = limit;
  const allowed = channelsOf(v);
  if (!sameList(allowed, entry.allowedChannels)) patch.allowedChannels = allowed;
  if (v.category && v.category !== entry.category) patch.category = v.category;
  if (v.reason !== undefined && v.reason.trim() !== entry.reason) patch.reason = v.reason.trim();
  for (const k of ['startsAt', 'expiresAt', 'reviewAt'] as const) {
    const next = isoOf(v[k]);
    if (!sameTime(next, entry[k])) patch[k] = next;
  }
  return patch;
}

type Submission = { kind: 'create'; body: EntryInput } | { kind: 'update'; id: string; body: EntryPatch };

/**
 * Add or change an entry. A key customer answers 428 CONFIRMATION_REQUIRED:
 * a second dialog says why, and on confirmation the same request goes again with `confirm: true`.
 */
export function EntryFormDrawer({
  open,
  entry,
  onClose,
  onSaved,
  customer,
  identifier,
}: {
  open: boolean;
  /** Given: change this entry; else add one. */
  entry?: BlocklistEntry;
  /** Adding for this customer (the 360 view's 拉黑): the target is fixed. */
  customer?: { id: string; name: string };
  /** Adding for this sender (a message's 拉黑): the identifier is filled in. */
  identifier?: { type: IdentifierType; value: string };
  onClose: () => void;
  onSaved?: (entry: BlocklistEntry) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<EntryFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [risks, setRisks] = useState<{ risks: string[]; submission: Submission } | null>(null);
  const [defaultsNote, setDefaultsNote] = useState(false);
  const targetKind = Form.useWatch('targetKind', form);
  // The pickers show and take times in the reader's zone.
  const zoned = useZonedPicker();
  const isoOf = zoned.fromPicker;
  // The form is filled once as the drawer opens. The parents pass `entry`,
  // `customer` and `identifier` as fresh objects on every render (a refetch of
  // the 360 or of the entry), and the zone can settle after the first render:
  // none of that may reset what the person has typed since.
  const dayOf = useRef(zoned.toPicker);
  dayOf.current = zoned.toPicker;
  const filled = useRef(false);

  useEffect(() => {
    if (!open) {
      filled.current = false;
      return;
    }
    if (filled.current) return;
    filled.current = true;
    form.resetFields();
    setDefaultsNote(false);
    if (entry)
      form.setFieldsValue({
        ...levelValuesOf(entry),
        category: entry.category,
        reason: entry.reason,
        startsAt: dayOf.current(entry.startsAt),
        expiresAt: dayOf.current(entry.expiresAt),
        reviewAt: dayOf.current(entry.reviewAt),
      });
    else {
      const draft = readDraft<EntryFormValues>(ADD_DRAFT, ['startsAt', 'expiresAt', 'reviewAt']);
      if (draft && !customer && !identifier) form.setFieldsValue(draft);
      if (customer) form.setFieldsValue({ targetKind: 'customer', customerId: customer.id });
      if (identifier)
        form.setFieldsValue({
          targetKind: 'identifier',
          identifierType: identifier.type,
          identifierValue: identifier.value,
        });
    }
  }, [open, entry, form, customer, identifier]);

  const save = useMutation({
    mutationFn: (s: Submission) =>
      s.kind === 'create' ? blocklist.create(s.body) : blocklist.update(s.id, s.body),
    onSuccess: (saved, s) => {
      setRisks(null);
      if (s.kind === 'create' && !customer && !identifier) clearDraft(ADD_DRAFT);
      void message.success(t(s.kind === 'create' ? 'blk.form.created' : 'blk.form.saved'));
      void queryClient.invalidateQueries({ queryKey: blocklistKeys.all });
      onClose();
      onSaved?.(saved);
    },
    onError: (err, s) => {
      const named = confirmationRisks(err);
      if (named && !s.body.confirm) {
        setRisks({ risks: named, submission: s });
        return;
      }
      setRisks(null);
      const ours = {
        'required for level 2': t('blk.form.limitRequired'),
        'required for level 3': t('blk.form.channelsRequired'),
      };
      if (applyPointerErrors(form, err, pointerFields, ours, t)) return;
      if (err instanceof ApiError && err.code === 'UNKNOWN_CATEGORY') {
        form.setFields([{ name: 'category', errors: [blocklistErrorText(t, err)] }]);
        return;
      }
      void message.error(blocklistErrorText(t, err));
    },
  });

  const onCategory = (key: string) => {
    // A new entry takes its category's level and limit; the person can still change them.
    const c = categories.byKey.get(key);
    if (!c || entry) return;
    form.setFieldsValue({
      level: c.defaultLevel,
      ...(c.defaultLimit
        ? { limitMax: c.defaultLimit.max, ...splitWindow(c.defaultLimit.windowSeconds) }
        : {}),
    });
    setDefaultsNote(true);
  };

  const submit = (v: EntryFormValues) => {
    if (entry) {
      const patch = diff(entry, v, isoOf);
      if (Object.keys(patch).length === 0) {
        void message.info(t('blk.form.noChanges'));
        onClose();
        return;
      }
      save.mutate({ kind: 'update', id: entry.id, body: patch });
      return;
    }
    const body: EntryInput = {
      ...(v.targetKind === 'customer'
        ? { customerId: (v.customerId ?? '').trim() }
        : { identifier: { type: v.identifierType, value: (v.identifierValue ?? '').trim() } }),
      level: v.level,
      limit: limitOf(v),
      allowedChannels: channelsOf(v),
      category: v.category ?? '',
      reason: (v.reason ?? '').trim(),
      startsAt: isoOf(v.startsAt),
      expiresAt: isoOf(v.expiresAt),
      // Left empty, the server sets it from the category's review period.
      ...(v.reviewAt ? { reviewAt: isoOf(v.reviewAt) } : {}),
    };
    save.mutate({ kind: 'create', body });
  };

  const confirmAgain = () => {
    if (!risks) return;
    const s = risks.submission;
    save.mutate(
      s.kind === 'create'
        ? { kind: 'create', body: { ...s.body, confirm: true } }
        : { kind: 'update', id: s.id, body: { ...s.body, confirm: true } },
    );
  };

  return (
    <>
      <Drawer
        open={open}
        size={560}
        title={entry ? t('blk.form.editTitle') : t('blk.form.addTitle')}
        onClose={onClose}
        destroyOnHidden={false}
        forceRender
        footer={
          <DrawerFooter
            submitLabel={entry ? t('common.save') : t('blk.add')}
            submitTestId="blk-form-submit"
            saving={save.isPending}
            onSubmit={() => form.submit()}
            onCancel={onClose}
            draftKey={entry ? null : ADD_DRAFT}
          />
        }
      >
        <Form<EntryFormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          data-testid="blk-form"
          initialValues={{
            targetKind: 'identifier',
            identifierType: 'phone',
            level: 1,
            limitWindow: 1,
            limitUnit: 'day',
            allowedChannels: [],
          }}
          onFinish={submit}
          onValuesChange={() => {
            // A customer's own 拉黑 is not the general add form's draft.
            if (!entry && !customer && !identifier) saveDraft(ADD_DRAFT, form.getFieldsValue(true));
          }}
        >
          {entry ? (
            <Form.Item label={t('blk.field.target')}>
              <TargetText entry={entry} />
            </Form.Item>
          ) : customer ? (
            <Form.Item label={t('blk.form.targetCustomer')}>
              <Typography.Text strong data-testid="blk-form-customer-fixed">
                {customer.name}
              </Typography.Text>
              <Form.Item name="targetKind" hidden>
                <Input />
              </Form.Item>
              <Form.Item name="customerId" hidden>
                <Input />
              </Form.Item>
            </Form.Item>
          ) : (
            <>
              <Form.Item name="targetKind" label={t('blk.form.targetKind')}>
                <Radio.Group
                  optionType="button"
                  data-testid="blk-form-target-kind"
                  options={[
                    { value: 'identifier', label: t('blk.form.targetIdentifier') },
                    { value: 'customer', label: t('blk.form.targetCustomer') },
                  ]}
                />
              </Form.Item>
              {targetKind === 'customer' ? (
                <Form.Item
                  name="customerId"
                  label={t('blk.form.targetCustomer')}
                  rules={[{ required: true, whitespace: true, message: t('blk.form.customerRequired') }]}
                >
                  <CustomerPicker testId="blk-form-customer" />
                </Form.Item>
              ) : (
                <Form.Item label={t('blk.form.targetIdentifier')} required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name="identifierType" noStyle>
                      <Select
                        style={{ width: 150 }}
                        data-testid="blk-form-id-type"
                        options={identifierTypes.map((x) => ({ value: x, label: idTypeText(t, x) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name="identifierValue"
                      noStyle
                      rules={[{ required: true, whitespace: true, message: t('blk.form.valueRequired') }]}
                    >
                      <Input autoComplete="off" placeholder="13800138000" data-testid="blk-form-id-value" />
                    </Form.Item>
                  </Space.Compact>
                </Form.Item>
              )}
            </>
          )}
          <Form.Item
            name="category"
            label={t('blk.field.category')}
            rules={[{ required: true, message: t('blk.form.categoryRequired') }]}
            extra={defaultsNote ? t('blk.form.categoryDefaults') : undefined}
          >
            <Select
              data-testid="blk-form-category"
              loading={categories.list.isPending}
              onChange={onCategory}
              options={categories.items.map((c) => ({ value: c.key, label: categories.labelOf(c.key) }))}
            />
          </Form.Item>
          <LevelFields />
          <Form.Item
            name="reason"
            label={t('blk.field.reason')}
            rules={[{ required: true, whitespace: true, message: t('blk.form.reasonRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t('blk.form.reasonPlaceholder')}
              data-testid="blk-form-reason"
            />
          </Form.Item>
          <Space size={12} wrap align="start">
            <Form.Item name="startsAt" label={t('blk.field.startsAt')} extra={t('blk.form.startsHint')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                data-testid="blk-form-starts"
              />
            </Form.Item>
            <Form.Item name="expiresAt" label={t('blk.field.expiresAt')} extra={t('blk.form.expiresHint')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                data-testid="blk-form-expires"
              />
            </Form.Item>
          </Space>
          <Form.Item name="reviewAt" label={t('blk.field.reviewAt')} extra={t('blk.form.reviewHint')}>
            <DatePicker data-testid="blk-form-review" />
          </Form.Item>
        </Form>
      </Drawer>
      <Modal
        open={risks !== null}
        title={
          <Space>
            <ExclamationCircleFilled style={{ color: '#fa8c16' }} />
            {t('blk.confirm.title')}
          </Space>
        }
        onCancel={() => setRisks(null)}
        footer={
          <>
            <Button onClick={() => setRisks(null)}>{t('common.cancel')}</Button>
            <Button
              danger
              type="primary"
              loading={save.isPending}
              onClick={confirmAgain}
              data-testid="blk-confirm-ok"
            >
              {t('blk.confirm.ok')}
            </Button>
          </>
        }
      >
        <div data-testid="blk-confirm-dialog">
          <Typography.Paragraph>{t('blk.confirm.body')}</Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            data-testid="blk-confirm-risks"
            title={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {(risks?.risks ?? []).map((r) => (
                  <li key={r}>{riskText(t, r)}</li>
                ))}
              </ul>
            }
          />
        </div>
      </Modal>
    </>
  );
}
