import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { idTypeText } from '../blocklist/display';
import { IdentifierSearch, useIdentifierSearch } from '../blocklist/identifier-search';
import { tierText } from '../coded-text';
import { LoadProblem } from '../complaints/display';
import { type Customer, type CustomerFilter, customerKeys, customers } from '../customers/api';
import { CustomerFormDrawer, seededTiers } from '../customers/customer-form';
import { ProtectedTag, TierTag, useFormatMoney } from '../customers/display';
import { useFormatTime } from '../format';
import { useT } from '../i18n';
import { CreateButton } from '../layout/list-table';
import { LoadMore } from '../layout/load-more';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';

const PAGE = 50;

function filterOf(params: URLSearchParams): CustomerFilter {
  const f: CustomerFilter = {};
  const identifier = params.get('identifier');
  if (identifier) f.identifier = identifier;
  const tier = params.get('tier');
  if (tier) f.tier = tier;
  if (params.get('protected') === 'true') f.protected = true;
  return f;
}

/**
 * Find a customer by any identifier (`phone:138 0013 8000`, an e-mail, a user
 * id …) or browse them; a row opens the 360 view.
 */
export function CustomerLookupPage() {
  const t = useT();
  const navigate = useNavigate();
  const formatTime = useFormatTime();
  const money = useFormatMoney();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const idSearch = useIdentifierSearch(filter.identifier);
  const me = useMe();
  const [creating, setCreating] = useState(false);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const list = useInfiniteQuery({
    queryKey: customerKeys.list(filter),
    queryFn: ({ pageParam }) => customers.list(filter, pageParam, PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const columns: ColumnsType<Customer> = [
    {
      title: t('cus.col.name'),
      key: 'name',
      render: (_, c) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{c.name ?? t('cus.noName')}</Typography.Text>
          <Typography.Text type="secondary" className="warden-mono" style={{ fontSize: 12 }}>
            {c.id}
            {c.externalId ? ` · ${c.externalId}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cus.col.tier'),
      key: 'tier',
      width: 150,
      render: (_, c) => (
        <Space size={4} wrap>
          <TierTag tier={c.tier} />
          {c.protected && <ProtectedTag />}
        </Space>
      ),
    },
    {
      title: t('cus.col.ltv'),
      dataIndex: 'lifetimeValue',
      width: 130,
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('cus.col.identifiers'),
      dataIndex: 'identifiers',
      render: (ids: Customer['identifiers']) => (
        <Space size={4} wrap>
          {ids.slice(0, 4).map((i) => (
            <Tag key={`${i.type}:${i.value}`} bordered={false} style={{ marginInlineEnd: 0 }}>
              {idTypeText(t, i.type)} <span className="warden-mono">{i.value}</span>
            </Tag>
          ))}
          {ids.length > 4 && <Typography.Text type="secondary">+{ids.length - 4}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('cus.col.updated'),
      dataIndex: 'updatedAt',
      width: 170,
      render: (v: string) => formatTime(v),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('cus.title')}
        subtitle={t('cus.subtitle')}
        extra={
          can(me.data, 'customers:write') && (
            <CreateButton label={t('cus.new')} testId="cus-new" onClick={() => setCreating(true)} />
          )
        }
      />
      <CustomerFormDrawer
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/customers/${encodeURIComponent(c.id)}`)}
      />
      <LoadProblem error={list.error} onRetry={() => void list.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap style={{ padding: 16 }}>
          <IdentifierSearch
            state={idSearch}
            width={420}
            typeWidth={130}
            senders
            typeTestId="cus-search-type"
            testId="cus-search"
            placeholder={t('cus.search.placeholder')}
            enterButton={t('common.search')}
            onSearch={(ref) => set({ identifier: ref })}
          />
          <Select<string>
            allowClear
            showSearch
            placeholder={t('cus.col.tier')}
            style={{ width: 130 }}
            value={filter.tier}
            disabled={Boolean(filter.identifier)}
            onChange={(v) => set({ tier: v })}
            options={seededTiers.map((x) => ({ value: x, label: tierText(t, x) }))}
          />
          <Select<string>
            allowClear
            placeholder={t('cus.protected')}
            style={{ width: 150 }}
            value={filter.protected ? 'true' : undefined}
            disabled={Boolean(filter.identifier)}
            onChange={(v) => set({ protected: v })}
            options={[{ value: 'true', label: t('cus.protectedOnly') }]}
          />
          {filter.identifier && (
            <Tag
              closable
              onClose={() => {
                idSearch.setDraft('');
                set({ identifier: undefined });
              }}
              style={{ alignSelf: 'center' }}
              data-testid="cus-search-active"
            >
              {filter.identifier}
            </Tag>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common.refresh')}
          />
        </Flex>
        <Table<Customer>
          rowKey="id"
          size="middle"
          data-testid="cus-table"
          loading={list.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filter.identifier ? t('cus.search.none') : t('cus.empty')}
              />
            ),
          }}
          onRow={(c) => ({
            onClick: () => navigate(`/customers/${encodeURIComponent(c.id)}`),
            style: { cursor: 'pointer' },
            'data-testid': `cus-row-${c.id}`,
          })}
        />
        <LoadMore query={list} shown={rows.length} />
      </Card>
    </>
  );
}
