import { DownOutlined, UserAddOutlined, UserDeleteOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, type MenuProps, Typography } from 'antd';
import { users } from '../api';
import { useActorName } from '../blocklist/display';
import { useT } from '../i18n';
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
 * Quick assign: "assign to me" for everyone who works complaints; picking a
 * colleague needs `users:read` (the list of users), so without it only "me" is offered.
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
  const people = useQuery({
    queryKey: ['users'],
    queryFn: users.list,
    enabled: can(me.data, 'users:read'),
  });
  if (!can(me.data, 'complaints:write')) return <AssigneeText assigneeId={complaint.assigneeId} />;

  const pick = (assigneeId: string | null) => assign.mutate({ id: complaint.id, assigneeId });
  const others = (people.data?.items ?? []).filter((u) => !u.disabled && u.id !== myId);
  const items: MenuProps['items'] = [
    ...(myId
      ? [
          {
            key: 'me',
            icon: <UserAddOutlined />,
            disabled: complaint.assigneeId === myId,
            label: <span data-testid="cmp-assign-me">{t('cmp.assignToMe')}</span>,
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
              disabled: complaint.assigneeId === u.id,
              label: (
                <span data-testid={`cmp-assign-user-${u.id}`}>
                  {u.name ? `${u.name} · ${u.email}` : u.email}
                </span>
              ),
            })),
          },
        ]
      : []),
    ...(complaint.assigneeId
      ? [
          { type: 'divider' as const },
          {
            key: 'none',
            icon: <UserDeleteOutlined />,
            label: <span data-testid="cmp-assign-none">{t('cmp.unassign')}</span>,
          },
        ]
      : []),
  ];
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
