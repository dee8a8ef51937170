import { CheckCircleFilled, CloseCircleFilled, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { channels } from '../blocklist/api';
import { channelText, idTypeText } from '../blocklist/display';
import { blocklistErrorText } from '../blocklist/errors';
import { useFormatTime } from '../format';
import { type MessageKey, useT } from '../i18n';
import { PageHeader } from '../layout/page-header';
import { type Consent, consents, type OutboundAnswer, outbound, screeningKeys } from '../screening/api';
import { can, useMe } from '../session';

// Identifiers a person can be reached or known by (not ranges such as a domain or a number prefix).
const personTypes = ['phone', 'email', 'user_id', 'device_id', 'open_id', 'ip'] as const;

const methodText = (t: (k: MessageKey) => string, m: string) =>
  ['inbound_keyword', 'console', 'api', 'import'].includes(m) ? t(`consent.method.${m}` as MessageKey) : m;

function ConsentLookup() {
  const t = useT();
  const me = useMe();
  const formatTime = useFormatTime();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [type, setType] = useState<string>('phone');
  const [value, setValue] = useState('');
  const [ref, setRef] = useState<string | null>(null);
  const found = useQuery({
    queryKey: screeningKeys.consents(ref ?? ''),
    queryFn: () => consents.get(ref ?? ''),
    enabled: ref !== null,
    retry: false,
  });
  const set = useMutation({
    mutationFn: (status: Consent['status']) => consents.set(ref ?? '', status),
    onSuccess: (c) => {
      void message.success(t(c.status === 'opted_out' ? 'consent.optedOutDone' : 'consent.optedInDone'));
      void queryClient.invalidateQueries({ queryKey: screeningKeys.consents(ref ?? '') });
    },
    onError: (err) => void message.error(blocklistErrorText(t, err)),
  });
  const marketing = found.data?.items.find((c) => c.purpose === 'marketing');
  const writable = can(me.data, 'consents:write');
  return (
    <Card title={t('consent.lookup.title')} data-testid="consent-lookup">
      <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
        <Select
          value={type}
          onChange={setType}
          style={{ width: 130 }}
          data-testid="consent-id-type"
          options={personTypes.map((x) => ({ value: x, label: idTypeText(t, x) }))}
        />
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={() => value.trim() && setRef(`${type}:${value.trim()}`)}
          placeholder="13800138000"
          data-testid="consent-id-value"
        />
        <Button
          type="primary"
          icon={<SearchOutlined />}
          onClick={() => value.trim() && setRef(`${type}:${value.trim()}`)}
          data-testid="consent-lookup-submit"
        >
          {t('common.search')}
        </Button>
      </Space.Compact>
      {found.error && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={blocklistErrorText(t, found.error)} />
      )}
      {ref && found.data && (
        <Flex vertical gap={16} style={{ marginTop: 16 }}>
          <Flex gap={12} align="center" wrap data-testid="consent-status">
            <Typography.Text>{t('consent.marketing')}</Typography.Text>
            {marketing ? (
              <Tag
                color={marketing.status === 'opted_out' ? 'red' : 'green'}
                data-testid="consent-status-tag"
              >
                {t(`consent.status.${marketing.status}`)}
              </Tag>
            ) : (
              <Tag data-testid="consent-status-tag">{t('consent.status.none')}</Tag>
            )}
            {writable && (
              <Space>
                <Popconfirm
                  title={t('consent.optOut.confirm')}
                  onConfirm={() => set.mutate('opted_out')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                >
                  <Button
                    danger
                    loading={set.isPending && set.variables === 'opted_out'}
                    disabled={marketing?.status === 'opted_out'}
                    data-testid="consent-opt-out"
                  >
                    {t('consent.optOut')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('consent.optIn.confirm')}
                  onConfirm={() => set.mutate('opted_in')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                >
                  <Button
                    loading={set.isPending && set.variables === 'opted_in'}
                    disabled={marketing?.status === 'opted_in'}
                    data-testid="consent-opt-in"
                  >
                    {t('consent.optIn')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </Flex>
          <Table<Consent>
            size="small"
            rowKey={(c) => `${c.identifier.type}:${c.purpose}`}
            data-testid="consent-table"
            pagination={false}
            dataSource={found.data.items}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consent.empty')} />,
            }}
            columns={[
              {
                title: t('consent.col.identifier'),
                key: 'id',
                render: (_, c) => `${idTypeText(t, c.identifier.type)} ${c.identifier.value}`,
              },
              { title: t('consent.col.purpose'), dataIndex: 'purpose' },
              {
                title: t('consent.col.status'),
                dataIndex: 'status',
                render: (s: Consent['status']) => (
                  <Tag color={s === 'opted_out' ? 'red' : 'green'}>{t(`consent.status.${s}`)}</Tag>
                ),
              },
              {
                title: t('consent.col.method'),
                dataIndex: 'method',
                render: (m: string) => methodText(t, m),
              },
              {
                title: t('consent.col.updated'),
                dataIndex: 'updatedAt',
                render: (v: string) => formatTime(v),
              },
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}

interface CheckValues {
  type: string;
  value: string;
  channel: string;
  purpose: 'marketing' | 'transactional';
}

function OutboundCheck() {
  const t = useT();
  const [form] = Form.useForm<CheckValues>();
  const check = useMutation({
    mutationFn: (v: CheckValues) =>
      outbound.check({ to: { [v.type]: v.value.trim() }, channel: v.channel, purpose: v.purpose }),
  });
  const a: OutboundAnswer | undefined = check.data;
  return (
    <Card title={t('outbound.title')} data-testid="outbound-check">
      <Typography.Paragraph type="secondary">{t('outbound.body')}</Typography.Paragraph>
      <Form<CheckValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ type: 'phone', channel: 'sms', purpose: 'marketing' }}
        onFinish={(v) => check.mutate(v)}
      >
        <Form.Item label={t('outbound.to')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="type" noStyle>
              <Select
                style={{ width: 130 }}
                options={personTypes.map((x) => ({ value: x, label: idTypeText(t, x) }))}
              />
            </Form.Item>
            <Form.Item
              name="value"
              noStyle
              rules={[{ required: true, whitespace: true, message: t('blk.form.valueRequired') }]}
            >
              <Input placeholder="13800138000" data-testid="outbound-to" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="channel" label={t('msg.col.channel')}>
            <Select
              style={{ width: 160 }}
              data-testid="outbound-channel"
              options={channels.map((c) => ({ value: c, label: channelText(t, c) }))}
            />
          </Form.Item>
          <Form.Item name="purpose" label={t('outbound.purpose')}>
            <Radio.Group
              optionType="button"
              data-testid="outbound-purpose"
              options={[
                { value: 'marketing', label: t('outbound.marketing') },
                { value: 'transactional', label: t('outbound.transactional') },
              ]}
            />
          </Form.Item>
        </Flex>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={check.isPending}
          data-testid="outbound-submit"
        >
          {t('outbound.submit')}
        </Button>
      </Form>
      {check.error && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={blocklistErrorText(t, check.error)} />
      )}
      {a && (
        <Alert
          style={{ marginTop: 16 }}
          type={a.allowed ? 'success' : 'error'}
          icon={a.allowed ? <CheckCircleFilled /> : <CloseCircleFilled />}
          showIcon
          data-testid="outbound-result"
          title={t(a.allowed ? 'outbound.allowed' : 'outbound.refused')}
          description={
            a.reasons.length > 0 && (
              <List
                size="small"
                dataSource={a.reasons}
                renderItem={(r) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Space wrap>
                      <Tag>
                        {['opt_out', 'blocklist', 'channel_restricted', 'frequency_cap'].includes(r.kind)
                          ? t(`outbound.reason.${r.kind}` as MessageKey)
                          : r.kind}
                      </Tag>
                      <Typography.Text type="secondary">{r.detail}</Typography.Text>
                      {r.entryId && <Link to={`/blocklist/${r.entryId}`}>{t('outbound.entry')}</Link>}
                    </Space>
                  </List.Item>
                )}
              />
            )
          }
        />
      )}
    </Card>
  );
}

export function ConsentsPage() {
  const t = useT();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('consent.title')} subtitle={t('consent.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={can(me.data, 'outbound:check') ? 14 : 24}>
          <ConsentLookup />
        </Col>
        {can(me.data, 'outbound:check') && (
          <Col xs={24} xl={10}>
            <OutboundCheck />
          </Col>
        )}
      </Row>
    </>
  );
}
