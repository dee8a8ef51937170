import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type BlocklistEntry, blocklist, blocklistKeys, type ListFilter } from '../blocklist/api';
import { DecideDialog } from '../blocklist/dialogs';
import { LevelTag, TargetText, useCategories } from '../blocklist/display';
import { LoadProblem } from '../blocklist/errors-view';
import { useWordCoded } from '../coded-text';
import { useFormatTime } from '../format';
import { useT } from '../i18n';
import { ListTable, RefreshButton, useCursorList } from '../layout/list-table';
import { PageHeader } from '../layout/page-header';
import { ruleKeys, rules } from '../rules/api';
import { can, useMe } from '../session';

const filter: ListFilter = { status: 'pending', source: 'rule' };

/** Blocklist entries that watch rules proposed, waiting for a supervisor. */
export function ApprovalsPage() {
  const t = useT();
  const word = useWordCoded();
  const me = useMe();
  const formatTime = useFormatTime();
  const categories = useCategories();
  const [deciding, setDeciding] = useState<{ entry: BlocklistEntry; approve: boolean } | null>(null);
  // Under the blocklist's key, so an approval anywhere refreshes this list too.
  const { list, rows } = useCursorList(blocklistKeys.list(filter), (cursor) =>
    blocklist.list(filter, cursor, 50),
  );
  const ruleList = useQuery({
    queryKey: ruleKeys.list,
    queryFn: () => rules.list(),
    enabled: can(me.data, 'rules:read'),
  });
  const ruleName = useMemo(
    () => new Map((ruleList.data?.items ?? []).map((r) => [r.id, r.name])),
    [ruleList.data],
  );
  const writable = can(me.data, 'blocklist:write');

  const columns: ColumnsType<BlocklistEntry> = [
    { title: t('blk.field.target'), key: 'target', width: 240, render: (_, e) => <TargetText entry={e} /> },
    { title: t('blk.field.level'), key: 'level', width: 150, render: (_, e) => <LevelTag entry={e} /> },
    {
      title: t('blk.field.category'),
      dataIndex: 'category',
      width: 110,
      render: (v: string) => categories.labelOf(v),
    },
    {
      title: t('approvals.rule'),
      dataIndex: 'source',
      width: 170,
      render: (source: string) => {
        const id = source.startsWith('rule:') ? source.slice(5) : null;
        if (!id) return source;
        return (
          <Link to={`/rules/${id}`} data-testid="approval-rule">
            {ruleName.get(id) ?? id}
          </Link>
        );
      },
    },
    {
      title: t('blk.field.reason'),
      dataIndex: 'reason',
      ellipsis: { showTitle: true },
      render: (_, e) => word(e.reasonCode, e.reason),
    },
    {
      title: t('approvals.proposed'),
      dataIndex: 'createdAt',
      width: 165,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, e) =>
        writable ? (
          <Space>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setDeciding({ entry: e, approve: true })}
              data-testid={`approval-approve-${e.id}`}
            >
              {t('blk.action.approve')}
            </Button>
            <Button
              size="small"
              danger
              icon={<CloseOutlined />}
              onClick={() => setDeciding({ entry: e, approve: false })}
              data-testid={`approval-reject-${e.id}`}
            >
              {t('blk.action.reject')}
            </Button>
          </Space>
        ) : (
          <Link to={`/blocklist/${e.id}`}>{t('approvals.open')}</Link>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <LoadProblem error={list.error} onRetry={() => void list.refetch()} />
      <ListTable<BlocklistEntry>
        query={list}
        rows={rows}
        testId="approvals-table"
        emptyText={t('approvals.empty')}
        toolbar={
          <Flex justify="space-between" style={{ padding: 16 }}>
            <Typography.Text type="secondary" data-testid="approvals-count">
              {t('approvals.count', { n: rows.length })}
            </Typography.Text>
            <RefreshButton onRefresh={list.refetch} />
          </Flex>
        }
        showEnd={false}
        table={{
          columns,
          scroll: { x: 1200 },
          onRow: (e) => ({ 'data-testid': `approval-row-${e.id}` }) as object,
        }}
      />
      {deciding && (
        <DecideDialog
          entry={deciding.entry}
          approve={deciding.approve}
          open
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
