import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { channels, identifierTypes } from '../blocklist/api';
import { channelText, idTypeText } from '../blocklist/display';
import { type MessageKey, useT } from '../i18n';
import { type LeafKind, leafKinds } from './api';
import { type ConditionItem, emptyLeaf, parseKeywords, type TimeUnit, timeUnits } from './form-model';

type Path = (string | number)[];

const tiers = ['standard', 'silver', 'gold', 'vip'];
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function UnitSelect({ name, testId }: { name: Path; testId: string }) {
  const t = useT();
  return (
    <Form.Item name={name} noStyle>
      <Select<TimeUnit>
        style={{ width: 100 }}
        data-testid={testId}
        options={(Object.keys(timeUnits) as TimeUnit[]).map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
    </Form.Item>
  );
}

function KeywordsField({ name, abs, testId }: { name: Path; abs: Path; testId: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const text = Form.useWatch([...abs, 'keywords'], form) as string | undefined;
  const words = parseKeywords(text ?? '');
  return (
    <Form.Item
      name={[...name, 'keywords']}
      label={t('cond.keywords.label')}
      extra={
        <span data-testid={`${testId}-keywords-count`}>
          {t('cond.keywords.count', { n: words.length })} · {t('cond.keywords.hint')}
        </span>
      }
      rules={[
        {
          validator: (_, v: string | undefined) =>
            parseKeywords(v ?? '').length > 0
              ? Promise.resolve()
              : Promise.reject(new Error(t('cond.keywords.required'))),
        },
      ]}
      style={{ flex: 1, minWidth: 280, marginBottom: 0 }}
    >
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={t('cond.keywords.placeholder')}
        data-testid={`${testId}-keywords`}
      />
    </Form.Item>
  );
}

/** The inputs of one leaf condition: its type, its own fields and a "not" switch. */
export function LeafFields({
  name,
  abs,
  testId,
  onRemove,
}: {
  /** The row's name relative to its Form.List. */
  name: Path;
  /** The row's absolute path in the form, for watching. */
  abs: Path;
  testId: string;
  onRemove?: () => void;
}) {
  const t = useT();
  const form = Form.useFormInstance();
  const type = Form.useWatch([...abs, 'type'], form) as LeafKind | undefined;
  const valuesOptions =
    type === 'channel'
      ? channels.map((c) => ({ value: c, label: channelText(t, c) }))
      : type === 'identifierType'
        ? identifierTypes.map((x) => ({ value: x, label: idTypeText(t, x) }))
        : type === 'tier'
          ? tiers.map((x) => ({ value: x, label: x }))
          : [];
  return (
    <Flex gap={12} align="flex-start" wrap data-testid={testId}>
      <Form.Item
        name={[...name, 'not']}
        valuePropName="checked"
        label={t('cond.not')}
        style={{ marginBottom: 0 }}
      >
        <Switch size="small" data-testid={`${testId}-not`} />
      </Form.Item>
      <Form.Item name={[...name, 'type']} label={t('cond.type')} style={{ marginBottom: 0, width: 190 }}>
        <Select<LeafKind>
          data-testid={`${testId}-type`}
          options={leafKinds.map((k) => ({ value: k, label: t(`cond.type.${k}` as MessageKey) }))}
        />
      </Form.Item>
      {type === 'keywords' && <KeywordsField name={name} abs={abs} testId={testId} />}
      {type === 'regex' && (
        <>
          <Form.Item
            name={[...name, 'pattern']}
            label={t('cond.regex.pattern')}
            rules={[{ required: true, message: t('cond.regex.required') }]}
            style={{ flex: 1, minWidth: 240, marginBottom: 0 }}
          >
            <Input
              className="warden-mono"
              placeholder="(微信|vx)[:：]?\w{5,}"
              data-testid={`${testId}-pattern`}
            />
          </Form.Item>
          <Form.Item name={[...name, 'flags']} label={t('cond.regex.flags')} style={{ marginBottom: 0 }}>
            <Checkbox.Group
              data-testid={`${testId}-flags`}
              options={['i', 'm', 's', 'u'].map((f) => ({ value: f, label: f }))}
            />
          </Form.Item>
        </>
      )}
      {(type === 'channel' || type === 'source' || type === 'identifierType' || type === 'tier') && (
        <Form.Item
          name={[...name, 'values']}
          label={t(`cond.values.${type}` as MessageKey)}
          rules={[{ required: true, type: 'array', min: 1, message: t('cond.values.required') }]}
          style={{ flex: 1, minWidth: 240, marginBottom: 0 }}
        >
          <Select
            mode={type === 'channel' || type === 'identifierType' ? 'multiple' : 'tags'}
            tokenSeparators={[',', '，', ' ']}
            options={valuesOptions}
            placeholder={type === 'source' ? 'aliyun-sms' : undefined}
            data-testid={`${testId}-values`}
          />
        </Form.Item>
      )}
      {type === 'messageCount' && (
        <>
          <Form.Item
            name={[...name, 'gt']}
            label={t('cond.messageCount.gt')}
            rules={[{ required: true, message: t('cond.number.required') }]}
            style={{ marginBottom: 0 }}
          >
            <InputNumber min={0} precision={0} data-testid={`${testId}-gt`} />
          </Form.Item>
          <Form.Item label={t('cond.window')} required style={{ marginBottom: 0 }}>
            <Space.Compact>
              <Form.Item name={[...name, 'window']} noStyle rules={[{ required: true }]}>
                <InputNumber min={1} precision={0} style={{ width: 90 }} data-testid={`${testId}-window`} />
              </Form.Item>
              <UnitSelect name={[...name, 'unit']} testId={`${testId}-unit`} />
            </Space.Compact>
          </Form.Item>
        </>
      )}
      {type === 'duplicate' && (
        <>
          <Form.Item label={t('cond.window')} required style={{ marginBottom: 0 }}>
            <Space.Compact>
              <Form.Item name={[...name, 'window']} noStyle rules={[{ required: true }]}>
                <InputNumber min={1} precision={0} style={{ width: 90 }} data-testid={`${testId}-window`} />
              </Form.Item>
              <UnitSelect name={[...name, 'unit']} testId={`${testId}-unit`} />
            </Space.Compact>
          </Form.Item>
          <Form.Item name={[...name, 'scope']} label={t('cond.duplicate.scope')} style={{ marginBottom: 0 }}>
            <Radio.Group
              optionType="button"
              data-testid={`${testId}-scope`}
              options={[
                { value: 'sender', label: t('cond.duplicate.sender') },
                { value: 'all', label: t('cond.duplicate.all') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name={[...name, 'near']}
            valuePropName="checked"
            label={t('cond.duplicate.near')}
            tooltip={t('cond.duplicate.nearHint')}
            style={{ marginBottom: 0 }}
          >
            <Switch size="small" data-testid={`${testId}-near`} />
          </Form.Item>
        </>
      )}
      {type === 'spamScore' && (
        <Form.Item
          name={[...name, 'gte']}
          label={t('cond.spamScore.gte')}
          extra={t('cond.spamScore.hint')}
          rules={[{ required: true, message: t('cond.number.required') }]}
          style={{ marginBottom: 0 }}
        >
          <InputNumber min={0} max={1} step={0.05} data-testid={`${testId}-gte`} />
        </Form.Item>
      )}
      {type === 'sentiment' && (
        <Form.Item
          name={[...name, 'lte']}
          label={t('cond.sentiment.lte')}
          extra={t('cond.sentiment.hint')}
          rules={[{ required: true, message: t('cond.number.required') }]}
          style={{ marginBottom: 0 }}
        >
          <InputNumber min={-1} max={1} step={0.1} data-testid={`${testId}-lte`} />
        </Form.Item>
      )}
      {type === 'timeOfDay' && (
        <>
          {(['from', 'to'] as const).map((end) => (
            <Form.Item
              key={end}
              name={[...name, end]}
              label={t(`cond.timeOfDay.${end}`)}
              rules={[{ pattern: HH_MM, required: true, message: t('cond.timeOfDay.format') }]}
              style={{ marginBottom: 0, width: 110 }}
            >
              <Input placeholder="HH:MM" className="warden-mono" data-testid={`${testId}-${end}`} />
            </Form.Item>
          ))}
          <Form.Item
            name={[...name, 'timeZone']}
            label={t('cond.timeOfDay.timeZone')}
            style={{ marginBottom: 0, width: 190 }}
          >
            <Input placeholder="Asia/Shanghai" data-testid={`${testId}-timeZone`} />
          </Form.Item>
        </>
      )}
      {onRemove && (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('cond.remove')}
          onClick={onRemove}
          data-testid={`${testId}-remove`}
          style={{ marginTop: 30 }}
        />
      )}
    </Flex>
  );
}

function CombinatorSelect({ name, testId }: { name: Path; testId: string }) {
  const t = useT();
  return (
    <Form.Item name={name} noStyle>
      <Radio.Group
        size="small"
        optionType="button"
        buttonStyle="solid"
        data-testid={testId}
        options={[
          { value: 'all', label: t('cond.all') },
          { value: 'any', label: t('cond.any') },
        ]}
      />
    </Form.Item>
  );
}

function GroupFields({
  name,
  abs,
  testId,
  onRemove,
}: {
  name: number;
  abs: Path;
  testId: string;
  onRemove: () => void;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid={testId}
      style={{ background: '#f6f8fb' }}
      title={
        <Space size={12} wrap>
          <Tag color="geekblue">{t('cond.group')}</Tag>
          <Space size={4}>
            <Form.Item name={[name, 'not']} valuePropName="checked" noStyle>
              <Switch size="small" data-testid={`${testId}-not`} />
            </Form.Item>
            <Typography.Text>{t('cond.not')}</Typography.Text>
          </Space>
          <CombinatorSelect name={[name, 'combinator']} testId={`${testId}-combinator`} />
        </Space>
      }
      extra={
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          data-testid={`${testId}-remove`}
        >
          {t('cond.removeGroup')}
        </Button>
      }
    >
      <Form.List name={[name, 'rows']}>
        {(rows, { add, remove }) => (
          <Flex vertical gap={12}>
            {rows.map((row) => (
              <LeafFields
                key={row.key}
                name={[row.name]}
                abs={[...abs, 'rows', row.name]}
                testId={`${testId}-row-${row.name}`}
                onRemove={rows.length > 1 ? () => remove(row.name) : undefined}
              />
            ))}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(emptyLeaf())}
              data-testid={`${testId}-add`}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('cond.add')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

/** The top-level all/any selector and its rows; a row is a leaf or one nested group. */
export function ConditionFields() {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <Flex vertical gap={12} data-testid="rule-conditions">
      <Space>
        <Typography.Text>{t('cond.match')}</Typography.Text>
        <CombinatorSelect name={['combinator']} testId="rule-cond-combinator" />
        <Typography.Text>{t('cond.matchTail')}</Typography.Text>
      </Space>
      <Form.List name="items">
        {(items, { add, remove }) => (
          <>
            {items.map((item) => {
              const kind = form.getFieldValue(['items', item.name, 'kind']) as ConditionItem['kind'];
              return kind === 'group' ? (
                <GroupFields
                  key={item.key}
                  name={item.name}
                  abs={['items', item.name]}
                  testId={`rule-cond-${item.name}`}
                  onRemove={() => remove(item.name)}
                />
              ) : (
                <Card key={item.key} size="small">
                  <LeafFields
                    name={[item.name]}
                    abs={['items', item.name]}
                    testId={`rule-cond-${item.name}`}
                    onRemove={items.length > 1 ? () => remove(item.name) : undefined}
                  />
                </Card>
              );
            })}
            <Space>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'leaf', ...emptyLeaf() })}
                data-testid="rule-cond-add"
              >
                {t('cond.add')}
              </Button>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'group', not: false, combinator: 'any', rows: [emptyLeaf()] })}
                data-testid="rule-cond-add-group"
              >
                {t('cond.addGroup')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Flex>
  );
}
