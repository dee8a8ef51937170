import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../api';
import { tierText } from '../coded-text';
import { errorText } from '../errors';
import { type Translate, useT } from '../i18n';
import { DrawerFooter } from '../layout/drawer-footer';
import { clearDraft, readDraft, saveDraft } from '../layout/form-draft';
import { type Customer, type CustomerInput, customerKeys, customers, type Identifier } from './api';

/** The new-customer form's unsaved input survives a failed page load or a reload (sessionStorage). */
const NEW_DRAFT = 'customer-new';

/** The seeded tiers; a customer's own configured tier is offered beside them. */
export const seededTiers = ['standard', 'silver', 'gold', 'vip'];

interface CustomerFormValues {
  name?: string;
  externalId?: string;
  phones: string[];
  emails: string[];
  tier: string;
  protected: boolean;
  lifetimeValue?: number | null;
  attributes: { key?: string; value?: string }[];
}

const attributeText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function valuesOf(c: Customer | null): CustomerFormValues {
  if (!c)
    return { phones: [], emails: [], tier: 'standard', protected: false, lifetimeValue: 0, attributes: [] };
  return {
    name: c.name ?? '',
    externalId: c.externalId ?? '',
    phones: c.identifiers.filter((i) => i.type === 'phone').map((i) => i.value),
    emails: c.identifiers.filter((i) => i.type === 'email').map((i) => i.value),
    tier: c.tier,
    protected: c.protected,
    lifetimeValue: c.lifetimeValue,
    attributes: Object.entries(c.attributes).map(([key, v]) => ({ key, value: attributeText(v) })),
  };
}

const trimmed = (list: readonly string[] | undefined) =>
  (list ?? []).map((v) => v.trim()).filter((v) => v !== '');

/** The identifiers the form sends: phones, e-mails, then the customer's other kinds untouched. */
function identifiersOf(v: CustomerFormValues, c: Customer | null): Identifier[] {
  return [
    ...trimmed(v.phones).map((value) => ({ type: 'phone', value })),
    ...trimmed(v.emails).map((value) => ({ type: 'email', value })),
    ...(c?.identifiers.filter((i) => i.type !== 'phone' && i.type !== 'email') ?? []),
  ];
}

function attributesOf(v: CustomerFormValues, c: Customer | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of v.attributes ?? []) {
    const k = key?.trim();
    if (!k) continue;
    const before = c?.attributes[k];
    // A value the form shows as JSON (a number, a list) goes back as it was when left alone.
    out[k] = before !== undefined && attributeText(before) === value ? before : (value ?? '');
  }
  return out;
}

/** Only what changed, so the audit log names the fields that really changed. */
function patchOf(v: CustomerFormValues, c: Customer): CustomerInput {
  const patch: CustomerInput = {};
  const name = v.name?.trim() || null;
  if (name !== c.name) patch.name = name;
  const externalId = v.externalId?.trim() || null;
  if (externalId !== c.externalId) patch.externalId = externalId;
  if (v.tier !== c.tier) patch.tier = v.tier;
  if (v.protected !== c.protected) patch.protected = v.protected;
  if ((v.lifetimeValue ?? 0) !== c.lifetimeValue) patch.lifetimeValue = v.lifetimeValue ?? 0;
  const identifiers = identifiersOf(v, c);
  const key = (l: readonly Identifier[]) => JSON.stringify(l.map((i) => [i.type, i.value]));
  if (key(identifiers) !== key(c.identifiers)) patch.identifiers = identifiers;
  const attributes = attributesOf(v, c);
  if (JSON.stringify(attributes) !== JSON.stringify(c.attributes)) patch.attributes = attributes;
  return patch;
}

function createOf(v: CustomerFormValues): CustomerInput {
  const body: CustomerInput = {
    name: v.name?.trim() || null,
    tier: v.tier,
    protected: v.protected,
    lifetimeValue: v.lifetimeValue ?? 0,
    identifiers: identifiersOf(v, null),
    attributes: attributesOf(v, null),
  };
  const externalId = v.externalId?.trim();
  if (externalId) body.externalId = externalId;
  return body;
}

/** Server field errors (`/identifiers/3/value`, `/externalId` …) on the form's fields, in our words. */
function fieldErrors(t: Translate, err: ApiError, v: CustomerFormValues) {
  const phones = trimmed(v.phones).length;
  const emails = trimmed(v.emails).length;
  const named: Record<string, keyof CustomerFormValues> = {
    '/name': 'name',
    '/externalId': 'externalId',
    '/tier': 'tier',
    '/lifetimeValue': 'lifetimeValue',
  };
  const text =
    err.code === 'IDENTIFIER_CONFLICT'
      ? t('cus.form.identifierTaken')
      : err.code === 'EXTERNAL_ID_TAKEN'
        ? t('error.EXTERNAL_ID_TAKEN')
        : err.code === 'INVALID_IDENTIFIER'
          ? t('cus.form.identifierInvalid')
          : null;
  const out: { name: keyof CustomerFormValues; errors: string[] }[] = [];
  for (const e of err.errors) {
    const pointer = e.field.replace(/^\/body(?=\/|$)/, '');
    const n = pointer.match(/^\/identifiers\/(\d+)/)?.[1];
    const name: keyof CustomerFormValues | null =
      n === undefined
        ? (named[pointer] ?? null)
        : Number(n) < phones
          ? 'phones'
          : Number(n) < phones + emails
            ? 'emails'
            : null;
    if (name) out.push({ name, errors: [text ?? e.message] });
  }
  return out;
}

/**
 * 新建客户 / 编辑客户: name, phones, e-mails, tier, protected (VIP), lifetime
 * value, external id and free attributes. With `customer` it edits and sends
 * only the changed fields; without, it creates and hands back the new customer.
 */
export function CustomerFormDrawer({
  open,
  customer,
  onClose,
  onSaved,
}: {
  open: boolean;
  customer: Customer | null;
  onClose: () => void;
  onSaved: (c: Customer) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(customer ? valuesOf(customer) : { ...valuesOf(null), ...readDraft(NEW_DRAFT) });
  }, [open, customer, form]);

  const save = useMutation({
    mutationFn: (v: CustomerFormValues) =>
      customer ? customers.update(customer.id, patchOf(v, customer)) : customers.create(createOf(v)),
    onSuccess: (saved) => {
      if (!customer) clearDraft(NEW_DRAFT);
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      message.success(customer ? t('cus.form.saved') : t('cus.form.created'));
      onSaved(saved);
    },
    onError: (err, v) => {
      const fields = err instanceof ApiError ? fieldErrors(t, err, v) : [];
      if (fields.length > 0) form.setFields(fields);
      else message.error(errorText(t, err));
    },
  });

  const submit = (v: CustomerFormValues) => {
    if (customer && Object.keys(patchOf(v, customer)).length === 0) return onClose();
    save.mutate(v);
  };

  const tiers = [...new Set([...seededTiers, customer?.tier ?? 'standard'])];
  const tagSelect = (testId: string, placeholder: string) => (
    <Select
      mode="tags"
      open={false}
      suffixIcon={null}
      tokenSeparators={[',', '，', ';', '；', '\n']}
      placeholder={placeholder}
      data-testid={testId}
    />
  );

  return (
    <Drawer
      open={open}
      size={520}
      title={customer ? t('cus.form.editTitle') : t('cus.form.newTitle')}
      onClose={onClose}
      forceRender
      footer={
        <DrawerFooter
          submitLabel={customer ? t('common.save') : t('cus.form.create')}
          submitTestId="cus-form-submit"
          saving={save.isPending}
          onSubmit={() => form.submit()}
          onCancel={onClose}
          draftKey={customer ? null : NEW_DRAFT}
        />
      }
    >
      <Form<CustomerFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="cus-form"
        onFinish={submit}
        onValuesChange={() => {
          if (!customer) saveDraft(NEW_DRAFT, form.getFieldsValue(true));
        }}
      >
        <Form.Item
          name="name"
          label={t('cus.col.name')}
          rules={[
            { max: 200 },
            ({ getFieldValue }) => ({
              validator: (_, value?: string) =>
                value?.trim() ||
                trimmed(getFieldValue('phones')).length ||
                trimmed(getFieldValue('emails')).length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cus.form.nameOrContact'))),
            }),
          ]}
        >
          <Input data-testid="cus-form-name" />
        </Form.Item>
        <Form.Item name="phones" label={t('cus.form.phones')} extra={t('cus.form.listHint')}>
          {tagSelect('cus-form-phones', '138 0013 8000')}
        </Form.Item>
        <Form.Item name="emails" label={t('cus.form.emails')}>
          {tagSelect('cus-form-emails', 'name@example.com')}
        </Form.Item>
        <Space size={16} align="start" wrap>
          <Form.Item name="tier" label={t('cus.col.tier')} style={{ width: 160 }}>
            <Select
              data-testid="cus-form-tier"
              options={tiers.map((x) => ({ value: x, label: tierText(t, x) }))}
            />
          </Form.Item>
          <Form.Item name="lifetimeValue" label={t('cus.col.ltv')} style={{ width: 180 }}>
            <InputNumber min={0} max={1e12} style={{ width: '100%' }} data-testid="cus-form-ltv" />
          </Form.Item>
        </Space>
        <Form.Item
          name="protected"
          label={t('cus.protected')}
          valuePropName="checked"
          extra={t('cus.protected.hint')}
        >
          <Switch data-testid="cus-form-protected" />
        </Form.Item>
        <Form.Item
          name="externalId"
          label={t('cus.externalId')}
          extra={t('cus.form.externalIdHint')}
          rules={[{ max: 200 }]}
        >
          <Input className="warden-mono" data-testid="cus-form-external" />
        </Form.Item>
        <Form.Item label={t('cus.form.attributes')}>
          <Form.List name="attributes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'key']} rules={[{ max: 100 }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('cus.form.attrKey')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('cus.form.attrValue')} style={{ width: 230 }} />
                    </Form.Item>
                    <MinusCircleOutlined
                      onClick={() => remove(f.name)}
                      aria-label={t('cus.form.attrRemove')}
                    />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
                  {t('cus.form.attrAdd')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
