import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Radio, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { CreateButton, ListTable } from '../layout/list-table';
import { LoadError } from '../layout/load-error';
import { PageHeader } from '../layout/page-header';
import { type Rule, type RuleStage, type RuleStats, ruleKeys, rules } from '../rules/api';
import { ModeTag, ruleSummary, StatsSummary } from '../rules/display';
import { ruleErrorText } from '../rules/errors';
import { can, useMe } from '../session';

export function RulesListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<RuleStage | 'all'>('all');
  const list = useQuery({ queryKey: ruleKeys.list, queryFn: () => rules.list() });
  const items = (list.data?.items ?? []).filter((r) => stage === 'all' || r.stage === stage);
  const stats = useQueries({
    queries: (list.data?.items ?? []).map((r) => ({
      queryKey: ruleKeys.stats(r.id),
      queryFn: () => rules.stats(r.id),
      staleTime: 30_000,
    })),
  });
  const statsOf = new Map<string, RuleStats>();
  for (const s of stats) if (s.data) statsOf.set(s.data.ruleId, s.data);
  const writable = can(me.data, 'rules:write');

  const toggle = useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) => rules.update(v.id, { enabled: v.enabled }),
    onSuccess: (r) => {
      void message.success(t(r.enabled ? 'rules.enabledDone' : 'rules.disabledDone', { name: r.name }));
      void queryClient.invalidateQueries({ queryKey: ruleKeys.list });
    },
    onError: (err) => void message.error(ruleErrorText(t, err)),
  });

  const columns: ColumnsType<Rule> = [
    {
      title: t('rules.field.name'),
      dataIndex: 'name',
      width: 200,
      render: (v: string, r) => (
        <Link to={`/rules/${r.id}`} data-testid="rule-link">
          {v}
        </Link>
      ),
    },
    {
      title: t('rules.field.stage'),
      dataIndex: 'stage',
      width: 100,
      render: (v: RuleStage) => <Tag bordered={false}>{t(`rules.stage.${v}`)}</Tag>,
    },
    {
      title: t('rules.field.mode'),
      dataIndex: 'mode',
      width: 100,
      render: (_, r) => <ModeTag mode={r.mode} />,
    },
    {
      title: t('rules.field.enabled'),
      dataIndex: 'enabled',
      width: 90,
      render: (v: boolean, r) => (
        <Switch
          size="small"
          checked={v}
          disabled={!writable}
          loading={toggle.isPending && toggle.variables?.id === r.id}
          onClick={(checked, e) => {
            e.stopPropagation();
            toggle.mutate({ id: r.id, enabled: checked });
          }}
          data-testid={`rule-enabled-${r.id}`}
        />
      ),
    },
    { title: t('rules.field.priority'), dataIndex: 'priority', width: 80, align: 'right' },
    {
      title: t('rules.field.summary'),
      key: 'summary',
      ellipsis: { showTitle: true },
      render: (_, r) => ruleSummary(t, r),
    },
    {
      title: t('rules.stats.title'),
      key: 'stats',
      width: 190,
      render: (_, r) => (
        <div data-testid={`rule-stats-${r.id}`}>
          <StatsSummary stats={statsOf.get(r.id)} />
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        extra={
          writable && (
            <CreateButton label={t('rules.new')} testId="rule-new" onClick={() => navigate('/rules/new')} />
          )
        }
      />
      <LoadError error={list.error} onRetry={() => void list.refetch()} />
      <ListTable<Rule>
        // "Refresh" reloads the rules and their statistics.
        query={{
          isPending: list.isPending,
          error: list.error,
          data: list.data,
          refetch: () => queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
        }}
        rows={items}
        testId="rule-table"
        emptyText={t('rules.empty')}
        filters={
          <Radio.Group
            optionType="button"
            value={stage}
            onChange={(e) => setStage(e.target.value as RuleStage | 'all')}
            data-testid="rule-filter-stage"
            options={[
              { value: 'all', label: t('rules.stage.all') },
              { value: 'filter', label: t('rules.stage.filter') },
              { value: 'watch', label: t('rules.stage.watch') },
            ]}
          />
        }
        actions={
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('rules.count', { n: items.length })}
          </Typography.Text>
        }
        table={{
          columns,
          scroll: { x: 1100 },
          onRow: (r) =>
            ({
              onClick: () => navigate(`/rules/${r.id}`),
              // A rule whose marks show many false positives stands out.
              style: {
                cursor: 'pointer',
                ...(statsOf.get(r.id)?.flagged ? { background: '#fff1f0' } : {}),
              },
              'data-testid': `rule-row-${r.id}`,
            }) as object,
        }}
      />
    </>
  );
}
