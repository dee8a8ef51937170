import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { channels } from '../blocklist/api';
import { channelText, useCategories } from '../blocklist/display';
import { type MessageKey, useT } from '../i18n';
import { type ActionType, actionTypes, priorities } from './api';
import { type ActionRow, emptyAction, type TimeUnit, timeUnits } from './form-model';

// As the server's: letters of any script (售后), digits, _, . and -.
const NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;

function UnitSelect({ name, units }: { name: (string | number)[]; units: TimeUnit[] }) {
  const t = useT();
  return (
    <Form.Item name={name} noStyle>
      <Select<TimeUnit>
        style={{ width: 100 }}
        options={units.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
    </Form.Item>
  );
}

function ActionFields({ name, testId, onRemove }: { name: number; testId: string; onRemove: () => void }) {
  const t = useT();
  const form = Form.useFormInstance();
  const categories = useCategories();
  const type = Form.useWatch(['actions', name, 'type'], form) as ActionType | undefined;
  const level = Form.useWatch(['actions', name, 'level'], form) as 1 | 2 | 3 | undefined;
  const item = { style: { marginBottom: 0 } };
  return (
    <Card size="small" data-testid={testId}>
      <Flex gap={12} align="flex-start" wrap>
        <Form.Item
          name={[name, 'type']}
          label={t('act.type')}
          {...item}
          style={{ marginBottom: 0, width: 180 }}
        >
          <Select<ActionType>
            data-testid={`${testId}-type`}
            options={actionTypes.map((a) => ({ value: a, label: t(`act.type.${a}` as MessageKey) }))}
            onChange={(v) => {
              const rows = (form.getFieldValue('actions') as ActionRow[]).slice();
              rows[name] = emptyAction(v);
              form.setFieldValue('actions', rows);
            }}
          />
        </Form.Item>
        {type === 'auto_reply' && (
          <>
            <Form.Item
              name={[name, 'text']}
              label={t('act.reply.text')}
              rules={[{ required: true, whitespace: true, message: t('act.reply.required') }]}
              style={{ flex: 1, minWidth: 240, marginBottom: 0 }}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={500}
                data-testid={`${testId}-text`}
              />
            </Form.Item>
            <Form.Item
              name={[name, 'textEn']}
              label={t('act.reply.textEn')}
              style={{ flex: 1, minWidth: 240, marginBottom: 0 }}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={500}
                data-testid={`${testId}-textEn`}
              />
            </Form.Item>
          </>
        )}
        {(type === 'tag' || type === 'route') && (
          <Form.Item
            name={[name, type === 'tag' ? 'value' : 'team']}
            label={t(type === 'tag' ? 'act.tag.value' : 'act.route.team')}
            rules={[{ required: true, pattern: NAME, message: t('act.name.format') }]}
            style={{ width: 220, marginBottom: 0 }}
          >
            <Input
              placeholder={type === 'tag' ? 'ad' : 'after-sales'}
              data-testid={`${testId}-${type === 'tag' ? 'value' : 'team'}`}
            />
          </Form.Item>
        )}
        {type === 'set_priority' && (
          <Form.Item name={[name, 'priority']} label={t('act.priority')} {...item}>
            <Radio.Group
              optionType="button"
              data-testid={`${testId}-priority`}
              options={priorities.map((p) => ({ value: p, label: p }))}
            />
          </Form.Item>
        )}
        {type === 'notify' && (
          <>
            <Form.Item
              name={[name, 'message']}
              label={t('act.notify.message')}
              style={{ flex: 1, minWidth: 240, marginBottom: 0 }}
            >
              <Input maxLength={500} data-testid={`${testId}-message`} />
            </Form.Item>
            <Form.Item
              name={[name, 'channel']}
              label={t('act.notify.channel')}
              style={{ width: 180, marginBottom: 0 }}
            >
              <Input maxLength={64} placeholder="console" data-testid={`${testId}-channel`} />
            </Form.Item>
          </>
        )}
        {type === 'add_to_blocklist' && (
          <>
            <Form.Item name={[name, 'level']} label={t('act.blk.level')} {...item}>
              <Radio.Group
                optionType="button"
                data-testid={`${testId}-level`}
                options={([1, 2, 3] as const).map((l) => ({
                  value: l,
                  label: `${l} ${t(`blk.level.${l}`)}`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name={[name, 'category']}
              label={t('act.blk.category')}
              rules={[{ required: true, message: t('blk.form.categoryRequired') }]}
              style={{ width: 180, marginBottom: 0 }}
            >
              <Select
                data-testid={`${testId}-category`}
                loading={categories.list.isPending}
                options={categories.items.map((c) => ({ value: c.key, label: categories.labelOf(c.key) }))}
              />
            </Form.Item>
            <Form.Item label={t('act.blk.duration')} extra={t('act.blk.durationHint')} {...item}>
              <Space.Compact>
                <Form.Item name={[name, 'duration']} noStyle>
                  <InputNumber
                    min={1}
                    precision={0}
                    style={{ width: 90 }}
                    data-testid={`${testId}-duration`}
                  />
                </Form.Item>
                <UnitSelect name={[name, 'durationUnit']} units={['minute', 'hour', 'day']} />
              </Space.Compact>
            </Form.Item>
            <Form.Item name={[name, 'status']} label={t('act.blk.status')} {...item}>
              <Radio.Group
                optionType="button"
                data-testid={`${testId}-status`}
                options={[
                  { value: 'pending', label: t('act.blk.pending') },
                  { value: 'active', label: t('act.blk.active') },
                ]}
              />
            </Form.Item>
            {level === 2 && (
              <Form.Item label={t('act.blk.limit')} required {...item}>
                <Space.Compact>
                  <Form.Item
                    name={[name, 'limitMax']}
                    noStyle
                    rules={[{ required: true, message: t('blk.form.limitRequired') }]}
                  >
                    <InputNumber
                      min={1}
                      precision={0}
                      style={{ width: 90 }}
                      data-testid={`${testId}-limitMax`}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'limitWindow']} noStyle>
                    <InputNumber min={1} precision={0} style={{ width: 80 }} />
                  </Form.Item>
                  <UnitSelect
                    name={[name, 'limitUnit']}
                    units={Object.keys(timeUnits).slice(1) as TimeUnit[]}
                  />
                </Space.Compact>
              </Form.Item>
            )}
            {level === 3 && (
              <Form.Item
                name={[name, 'allowedChannels']}
                label={t('act.blk.channels')}
                rules={[{ required: true, type: 'array', min: 1, message: t('blk.form.channelsRequired') }]}
                style={{ minWidth: 240, marginBottom: 0 }}
              >
                <Select
                  mode="multiple"
                  data-testid={`${testId}-channels`}
                  options={channels.map((c) => ({ value: c, label: channelText(t, c) }))}
                />
              </Form.Item>
            )}
          </>
        )}
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('act.remove')}
          onClick={onRemove}
          data-testid={`${testId}-remove`}
          style={{ marginTop: 30, marginInlineStart: 'auto' }}
        />
      </Flex>
    </Card>
  );
}

export function ActionsFields() {
  const t = useT();
  return (
    <Form.List
      name="actions"
      rules={[
        {
          validator: async (_rule, rows: unknown[] | undefined) => {
            if (!rows?.length) throw new Error(t('act.required'));
          },
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <Flex vertical gap={12} data-testid="rule-actions">
          {rows.map((row) => (
            <ActionFields
              key={row.key}
              name={row.name}
              testId={`rule-act-${row.name}`}
              onRemove={() => remove(row.name)}
            />
          ))}
          <Dropdown
            trigger={['click']}
            menu={{
              items: actionTypes.map((a) => ({
                key: a,
                label: <span data-testid={`rule-act-add-${a}`}>{t(`act.type.${a}` as MessageKey)}</span>,
              })),
              onClick: (e) => add(emptyAction(e.key as ActionType)),
            }}
          >
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              data-testid="rule-act-add"
              style={{ alignSelf: 'flex-start' }}
            >
              {t('act.add')}
            </Button>
          </Dropdown>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
