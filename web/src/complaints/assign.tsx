import { DownOutlined, UserAddOutlined, UserDeleteOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, type MenuProps, Typography } from 'antd';
import { users } from '../api';
import { useActorName } from '../blocklist/display';
import { type MessageKey, useT } from '../i18n';
import { can, useMe } from '../session';
import { type Complaint, type ComplaintDetail, complaintKeys, complaints } from './api';
import { useReportComplaintError } from './display';

/** The assignee's name (e-mail where users can be listed), "you" for oneself. */
export function AssigneeText({ assigneeId }: { assigneeId: string | null }) {
  const t = useT();
  const actorName = useActorName();
  if (!assigneeId) return <Typography.Text type="secondary">{t('cmp.unassigned')}</Typography.Text>;
  return <Typography.Text>{actorName({ type: 'user', id: assigneeId })}</Typography.Text>;
}

/** Assigns a complaint; the answer (the full complaint) goes straight into the caches. */
export function useAssign() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const report = useReportComplaintError();
  return useMutation({
    mutationFn: (v: { id: string; assigneeId: string | null }) =>
      complaints.update(v.id, { assigneeId: v.assigneeId }),
    onSuccess: (saved: ComplaintDetail) => {
      queryClient.setQueryData(complaintKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      void message.success(saved.assigneeId ? t('cmp.assigned') : t('cmp.unassignedDone'));
    },
    onError: report,
  });
}

/**
 * The people complaints can go to (`users:assignable`: supervisors and admins
 * dispatch without user administration). Empty without the permission.
 */
export function useAssignable() {
  const me = useMe();
  const q = useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: users.assignable,
    enabled: can(me.data, 'users:assignable'),
    staleTime: 60_000,
  });
  return q.data?.items ?? [];
}

/** Menu items: me, then colleagues by name, then "unassign" when `current` is set. */
function useAssigneeItems(current: string | null | 'mixed', testPrefix: string): MenuProps['items'] {
  const t = useT();
  const me = useMe();
  const myId = me.data?.user?.id ?? null;
  const others = useAssignable().filter((u) => u.id !== myId);
  return [
    ...(myId
      ? [
          {
            key: 'me',
            icon: <UserAddOutlined />,
            disabled: current === myId,
            label: <span data-testid={`${testPrefix}-me`}>{t('cmp.assignToMe')}</span>,
          },
        ]
      : []),
    ...(others.length
      ? [
          { type: 'divider' as const },
          {
            type: 'group' as const,
            key: 'users',
            label: t('cmp.assignTo'),
            children: others.map((u) => ({
              key: u.id,
              icon: <UserOutlined />,
              disabled: current === u.id,
              label: (
                <span data-testid={`${testPrefix}-user-${u.id}`}>
                  {u.name} · {t(`role.${u.role}` as MessageKey)}
                </span>
              ),
            })),
          },
        ]
      : []),
    ...(current
      ? [
          { type: 'divider' as const },
          {
            key: 'none',
            icon: <UserDeleteOutlined />,
            label: <span data-testid={`${testPrefix}-none`}>{t('cmp.unassign')}</span>,
          },
        ]
      : []),
  ];
}

/**
 * Quick assign: "assign to me" for everyone who works complaints; a colleague
 * by name for those with `users:assignable` (supervisors, admins).
 */
export function AssignControl({
  complaint,
  testId,
  size = 'small',
}: {
  complaint: Pick<Complaint, 'id' | 'assigneeId'>;
  testId?: string;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const me = useMe();
  const actorName = useActorName();
  const assign = useAssign();
  const myId = me.data?.user?.id ?? null;
  const items = useAssigneeItems(complaint.assigneeId, 'cmp-assign');
  if (!can(me.data, 'complaints:write')) return <AssigneeText assigneeId={complaint.assigneeId} />;

  const pick = (assigneeId: string | null) => assign.mutate({ id: complaint.id, assigneeId });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        style: { maxHeight: 360, overflowY: 'auto' },
        onClick: (e) => {
          e.domEvent.stopPropagation();
          pick(e.key === 'none' ? null : e.key === 'me' ? myId : e.key);
        },
      }}
    >
      <Button
        size={size}
        loading={assign.isPending}
        onClick={(e) => e.stopPropagation()}
        data-testid={testId ?? `cmp-assign-${complaint.id}`}
        style={{ maxWidth: 220 }}
      >
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {complaint.assigneeId ? actorName({ type: 'user', id: complaint.assigneeId }) : t('cmp.unassigned')}
        </span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/** The queue's bulk action: the selected complaints to one person (or back to the queue), all or none. */
export function BulkAssign({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const report = useReportComplaintError();
  const actorName = useActorName();
  const myId = me.data?.user?.id ?? null;
  const items = useAssigneeItems('mixed', 'cmp-bulk-assign');
  const assign = useMutation({
    mutationFn: (assigneeId: string | null) => complaints.assignMany(ids, assigneeId),
    onSuccess: (res, assigneeId) => {
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      void message.success(
        assigneeId
          ? t('cmp.bulk.done', { n: res.items.length, name: actorName({ type: 'user', id: assigneeId }) })
          : t('cmp.bulk.unassigned', { n: res.items.length }),
      );
      onDone();
    },
    onError: report,
  });
  return (
    <Dropdown
      trigger={['click']}
      disabled={ids.length === 0}
      menu={{
        items,
        style: { maxHeight: 360, overflowY: 'auto' },
        onClick: (e) => assign.mutate(e.key === 'none' ? null : e.key === 'me' ? myId : e.key),
      }}
    >
      <Button
        type="primary"
        loading={assign.isPending}
        disabled={ids.length === 0}
        data-testid="cmp-bulk-assign"
      >
        {t('cmp.bulk.assign')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
