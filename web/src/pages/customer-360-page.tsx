import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { idTypeText, levelColor, useCategories } from '../blocklist/display';
import { type ChartOption, EChart } from '../blocklist/echart';
import type { Complaint } from '../complaints/api';
import {
  ComplaintStatusTag,
  categoryText,
  complaintChannelText,
  complaintErrorText,
  PriorityTag,
  SeverityBar,
} from '../complaints/display';
import { type Customer360, customerKeys, customers } from '../customers/api';
import { CustomerBlockActions } from '../customers/block-actions';
import { CustomerFormDrawer } from '../customers/customer-form';
import { ProtectedTag, TierTag, useFormatMoney } from '../customers/display';
import { barsByLabel } from '../dashboard/charts';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useT } from '../i18n';
import { DetailFallback } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { SubjectActions } from '../privacy/subject-actions';
import { DecisionTag } from '../screening/display';
import { can, useMe } from '../session';
import { StartWinbackButton } from '../winback/start-dialog';

const blkStatusColor: Record<string, string> = {
  pending: 'purple',
  scheduled: 'blue',
  active: 'red',
  expired: 'default',
  released: 'default',
  rejected: 'default',
};

const known = (t: Translate, prefix: string, value: string, list: readonly string[]) =>
  list.includes(value) ? t(`${prefix}.${value}` as MessageKey) : value;

function channelChart(t: Translate, counts: Record<string, number>): ChartOption {
  const data = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return barsByLabel(
    data.map(([c]) => complaintChannelText(t, c)),
    [{ name: t('cus.complaints.count'), color: '#f76b15', data: data.map(([, n]) => n) }],
  );
}

function Profile({ c }: { c: Customer360 }) {
  const t = useT();
  const formatTime = useFormatTime();
  const money = useFormatMoney();
  const attributes = Object.entries(c.attributes);
  return (
    <Card title={t('cus.profile')}>
      <Descriptions column={1} size="small" data-testid="cus-profile">
        <Descriptions.Item label={t('cus.col.name')}>
          <span data-testid="cus-name">{c.name ?? t('cus.noName')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cus.col.tier')}>
          <Space size={4}>
            <TierTag tier={c.tier} />
            {c.protected && <ProtectedTag />}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('cus.col.ltv')}>
          <span data-testid="cus-ltv">{money(c.lifetimeValue)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cus.protected')}>
          {c.protected ? t('cus.yes') : t('cus.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cus.externalId')}>
          <Typography.Text className="warden-mono">{c.externalId ?? '—'}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="ID">
          <Typography.Text className="warden-mono" copyable>
            {c.id}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('cus.since')}>{formatTime(c.createdAt)}</Descriptions.Item>
        {attributes.map(([k, v]) => (
          <Descriptions.Item key={k} label={k}>
            {typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
              ? String(v)
              : JSON.stringify(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

function Identifiers({ c }: { c: Customer360 }) {
  const t = useT();
  return (
    <Card title={t('cus.identifiers')} styles={{ body: { padding: 0 } }}>
      <Table
        size="small"
        rowKey={(i) => `${i.type}:${i.value}`}
        pagination={false}
        dataSource={c.identifiers}
        data-testid="cus-identifiers"
        locale={{ emptyText: t('common.none') }}
        columns={[
          { title: t('cus.idType'), dataIndex: 'type', width: 110, render: (v: string) => idTypeText(t, v) },
          {
            title: t('cus.idValue'),
            dataIndex: 'value',
            render: (v: string) =>
              v === '' ? (
                <Typography.Text type="secondary">{t('privacy.erasedValue')}</Typography.Text>
              ) : (
                <Typography.Text className="warden-mono">{v}</Typography.Text>
              ),
          },
          {
            title: '',
            key: 'links',
            width: 150,
            render: (_, i) => {
              if (i.value === '') return null;
              const ref = encodeURIComponent(`${i.type}:${i.value}`);
              return (
                <Space size={8}>
                  <Link to={`/messages?identifier=${ref}`}>{t('cus.link.messages')}</Link>
                  <Link to={`/blocklist?identifier=${ref}`}>{t('cus.link.blocklist')}</Link>
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

function Blocklist({ c }: { c: Customer360 }) {
  const t = useT();
  const formatTime = useFormatTime();
  const categories = useCategories();
  const active = c.blocklist.filter((e) => e.status === 'active');
  return (
    <Card
      title={t('cus.blocklist')}
      extra={
        active.length > 0 ? (
          <Tag color="red" data-testid="cus-blocked">
            {t('cus.blocked', { n: active.length })}
          </Tag>
        ) : (
          <Tag color="green" icon={<CheckCircleOutlined />} data-testid="cus-not-blocked">
            {t('cus.notBlocked')}
          </Tag>
        )
      }
      styles={{ body: { padding: c.blocklist.length ? 0 : undefined } }}
    >
      {c.blocklist.length === 0 ? (
        <Typography.Text type="secondary">{t('cus.blocklist.none')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.blocklist}
          data-testid="cus-blocklist"
          columns={[
            {
              title: t('cus.blocklist.target'),
              dataIndex: 'target',
              render: (v: string) => (v === 'customer' ? t('blk.customer') : idTypeText(t, v)),
            },
            {
              title: t('blk.field.level'),
              dataIndex: 'level',
              width: 110,
              render: (v: number) => (
                <Tag color={levelColor[v as 1 | 2 | 3] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {v} {known(t, 'blk.level', String(v), ['1', '2', '3'])}
                </Tag>
              ),
            },
            {
              title: t('blk.field.category'),
              dataIndex: 'category',
              render: (v: string) => categories.labelOf(v),
            },
            {
              title: t('blk.field.status'),
              dataIndex: 'status',
              width: 100,
              render: (v: string) => (
                <Tag color={blkStatusColor[v] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {known(t, 'blk.status', v, Object.keys(blkStatusColor))}
                </Tag>
              ),
            },
            {
              title: t('blk.field.expiresAt'),
              dataIndex: 'expiresAt',
              width: 160,
              render: (v: string | null) => (v ? formatTime(v) : t('blk.times.noExpiry')),
            },
            {
              title: '',
              key: 'open',
              width: 70,
              render: (_, e) => (
                <Space size={8}>
                  <Link to={`/blocklist/${e.id}`}>{t('cus.open')}</Link>
                  {e.status === 'released' && <StartWinbackButton entryId={e.id} size="small" />}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function ConsentCard({ c }: { c: Customer360 }) {
  const t = useT();
  const formatTime = useFormatTime();
  return (
    <Card
      title={t('cus.consent')}
      extra={<Link to="/consents">{t('cus.link.consents')}</Link>}
      styles={{ body: { padding: c.consent.length ? 0 : undefined } }}
    >
      {c.consent.length === 0 ? (
        <Typography.Text type="secondary">{t('cus.consent.none')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey={(x) => `${x.identifier.type}:${x.identifier.value}:${x.purpose}`}
          pagination={false}
          dataSource={c.consent}
          data-testid="cus-consent"
          columns={[
            {
              title: t('cus.idValue'),
              key: 'identifier',
              render: (_, x) => `${idTypeText(t, x.identifier.type)} ${x.identifier.value}`,
            },
            { title: t('cus.consent.purpose'), dataIndex: 'purpose', width: 100 },
            {
              title: t('blk.field.status'),
              dataIndex: 'status',
              width: 110,
              render: (v: string) => (
                <Tag color={v === 'opted_out' ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
                  {known(t, 'consent.status', v, ['opted_in', 'opted_out'])}
                </Tag>
              ),
            },
            {
              title: t('cus.consent.method'),
              dataIndex: 'method',
              width: 110,
              render: (v: string) =>
                known(t, 'consent.method', v, ['inbound_keyword', 'console', 'api', 'import']),
            },
            {
              title: t('cus.col.updated'),
              dataIndex: 'updatedAt',
              width: 160,
              render: (v: string) => formatTime(v),
            },
          ]}
        />
      )}
    </Card>
  );
}

function Complaints({ c }: { c: Customer360 }) {
  const t = useT();
  const navigate = useNavigate();
  const formatTime = useFormatTime();
  const counts = c.complaints.countsByChannel;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const chart = useMemo(() => channelChart(t, counts), [t, counts]);
  const channelsUsed = Object.keys(counts).length;
  return (
    <Card
      title={t('cus.complaints')}
      extra={
        <Link to={`/complaints?status=all&customerId=${encodeURIComponent(c.id)}`}>
          {t('cus.link.complaints')}
        </Link>
      }
      data-testid="cus-complaints"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Flex vertical gap={12}>
            <Statistic
              title={t('cus.complaints.open')}
              value={c.complaints.open}
              styles={{ content: c.complaints.open > 0 ? { color: '#e5484d' } : undefined }}
              data-testid="cus-complaints-open"
            />
            <Statistic title={t('cus.complaints.total')} value={total} data-testid="cus-complaints-total" />
            {channelsUsed >= 2 && (
              <Tag color="orange" style={{ alignSelf: 'flex-start' }}>
                {t('cus.complaints.multiChannel', { n: channelsUsed })}
              </Tag>
            )}
          </Flex>
        </Col>
        <Col xs={24} md={16}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cus.complaints.byChannel')}
          </Typography.Text>
          {total === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('blk.ov.empty')} />
          ) : (
            <EChart
              option={chart}
              height={Math.max(100, 32 * channelsUsed + 24)}
              testId="cus-complaints-by-channel"
            />
          )}
        </Col>
      </Row>
      <Table<Complaint>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.complaints.items}
        style={{ marginTop: 12 }}
        data-testid="cus-complaint-table"
        locale={{ emptyText: t('cus.complaints.none') }}
        onRow={(x) => ({
          onClick: () => navigate(`/complaints/${x.id}`),
          style: { cursor: 'pointer' },
          'data-testid': `cus-complaint-${x.id}`,
        })}
        columns={[
          {
            title: t('cmp.col.priority'),
            dataIndex: 'priority',
            width: 60,
            render: (v: Complaint['priority']) => <PriorityTag priority={v} />,
          },
          {
            title: t('cmp.col.severity'),
            dataIndex: 'severity',
            width: 80,
            render: (v: number) => <SeverityBar severity={v} width={56} />,
          },
          {
            title: t('cmp.col.category'),
            dataIndex: 'category',
            width: 110,
            render: (v: string) => categoryText(t, v),
          },
          {
            title: t('cmp.col.complaint'),
            dataIndex: 'text',
            render: (v: string) => (
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                {v}
              </Typography.Text>
            ),
          },
          {
            title: t('cmp.col.channel'),
            dataIndex: 'channels',
            width: 110,
            render: (v: string[]) => v.map((x) => complaintChannelText(t, x)).join('、'),
          },
          {
            title: t('cmp.col.status'),
            dataIndex: 'status',
            width: 90,
            render: (v: Complaint['status']) => <ComplaintStatusTag status={v} />,
          },
          {
            title: t('cmp.field.createdAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Card>
  );
}

function RecentMessages({ c }: { c: Customer360 }) {
  const t = useT();
  const formatTime = useFormatTime();
  return (
    <Card
      title={t('cus.messages')}
      extra={
        <Link to={`/messages?customerId=${encodeURIComponent(c.id)}`} data-testid="cus-messages-link">
          {t('cus.link.allMessages')}
        </Link>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.recentMessages}
        data-testid="cus-messages"
        locale={{ emptyText: t('cus.messages.none') }}
        columns={[
          {
            title: t('msg.col.time'),
            dataIndex: 'receivedAt',
            width: 160,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('msg.col.channel'),
            dataIndex: 'channel',
            width: 90,
            render: (v: string) => complaintChannelText(t, v),
          },
          {
            title: t('msg.col.text'),
            dataIndex: 'text',
            render: (v: string) => (
              <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                {v}
              </Typography.Paragraph>
            ),
          },
          {
            title: t('msg.col.decision'),
            dataIndex: 'decision',
            width: 110,
            render: (v: string) => <DecisionTag decision={v} />,
          },
          {
            title: t('cus.messages.complaint'),
            dataIndex: 'complaintId',
            width: 90,
            render: (v: string | null) => (v ? <Link to={`/complaints/${v}`}>{t('cus.open')}</Link> : '—'),
          },
        ]}
      />
    </Card>
  );
}

/** Customer 360: who they are, how to reach them, whether they are blocked, what they wrote and complained about. */
export function Customer360Page() {
  const { id = '' } = useParams();
  const t = useT();
  const formatTime = useFormatTime();
  const one = useQuery({ queryKey: customerKeys.one(id), queryFn: () => customers.get(id) });
  const me = useMe();
  const [editing, setEditing] = useState(false);

  if (!one.data)
    return (
      <DetailFallback
        query={one}
        notFound={t('error.CUSTOMER_NOT_FOUND')}
        back={{ to: '/customers', label: t('cus.back') }}
        wording={complaintErrorText}
      />
    );
  const c = one.data;
  return (
    <>
      <PageHeader
        title={`${t('cus.360')} · ${c.name ?? c.id}`}
        subtitle={t('cus.360.subtitle')}
        extra={
          <Space wrap>
            {can(me.data, 'customers:write') && !c.erasedAt && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="cus-edit">
                {t('cus.edit')}
              </Button>
            )}
            <CustomerBlockActions c={c} />
            <SubjectActions customerId={c.id} erased={c.erasedAt !== null} />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void one.refetch()}
              aria-label={t('common.refresh')}
            />
          </Space>
        }
      />
      <CustomerFormDrawer
        open={editing}
        customer={c}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void one.refetch();
        }}
      />
      {c.erasedAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('privacy.erased', { time: formatTime(c.erasedAt) })}
          data-testid="cus-erased"
        />
      )}
      <Link to="/customers" style={{ display: 'inline-block', marginBottom: 16 }}>
        <ArrowLeftOutlined /> {t('cus.back')}
      </Link>
      <Row gutter={[16, 16]} data-testid="cus-360">
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Profile c={c} />
            <Identifiers c={c} />
            <ConsentCard c={c} />
          </Flex>
        </Col>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Complaints c={c} />
            <Blocklist c={c} />
            <RecentMessages c={c} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
