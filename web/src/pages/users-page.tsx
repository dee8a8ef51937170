import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type Role, roles, type User, users } from '../api';
import { applyFieldErrors, useReportError } from '../errors';
import { useFormatTime } from '../format';
import { useT } from '../i18n';
import { ListPage } from '../layout/list-table';
import { can, useMe } from '../session';

const usersKey = ['users'] as const;

interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<NewUser>();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: users.create,
    onSuccess: (user) => {
      void message.success(t('users.created', { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: usersKey });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, ['email', 'name', 'role', 'password'], t)) reportError(err);
    },
  });
  return (
    <Modal
      open={open}
      title={t('users.create')}
      onCancel={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="user-create-submit"
          >
            {t('common.create')}
          </Button>
        </>
      }
      forceRender
    >
      <Form<NewUser>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'agent' }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[
            { required: true, message: t('login.emailRequired') },
            { type: 'email', message: t('login.emailInvalid') },
          ]}
        >
          <Input autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('users.name')}
          rules={[{ required: true, message: t('setup.nameRequired') }]}
        >
          <Input autoComplete="off" data-testid="user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select data-testid="user-role" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('password.hint')}
          rules={[
            { required: true, message: t('login.passwordRequired') },
            { min: 10, message: t('password.tooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const t = useT();
  const me = useMe();
  const formatTime = useFormatTime();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: usersKey, queryFn: users.list });
  const writable = can(me.data, 'users:write');

  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { role?: Role; disabled?: boolean } }) =>
      users.update(id, patch),
    onSuccess: (user, { patch }) => {
      if (patch.role) void message.success(t('users.roleChanged', { role: t(`role.${user.role}`) }));
      else
        void message.success(
          t(user.disabled ? 'users.disabledNow' : 'users.enabledNow', { email: user.email }),
        );
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: reportError,
  });

  const columns: ColumnsType<User> = [
    {
      title: t('users.name'),
      key: 'name',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>
            {/* A person's name as they typed it: data, not wording. */}
            <span translate="no">{u.name}</span>
            {u.id === me.data?.user?.id && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {t('common.youSuffix')}
              </Typography.Text>
            )}
          </Typography.Text>
          <Typography.Text type="secondary">{u.email}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 180,
      render: (role: Role, u) => {
        const self = u.id === me.data?.user?.id;
        if (!writable || self) return <Tag>{t(`role.${role}`)}</Tag>;
        return (
          <Select<Role>
            size="small"
            value={role}
            style={{ width: 130 }}
            data-testid={`user-role-${u.id}`}
            onChange={(next) => update.mutate({ id: u.id, patch: { role: next } })}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        );
      },
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 140,
      render: (disabled: boolean, u) => {
        const self = u.id === me.data?.user?.id;
        const control = (
          <Switch
            size="small"
            checked={!disabled}
            disabled={!writable || self}
            data-testid={`user-enabled-${u.id}`}
            onChange={(on) => update.mutate({ id: u.id, patch: { disabled: !on } })}
          />
        );
        return (
          <Space>
            {self ? <Tooltip title={t('users.selfHint')}>{control}</Tooltip> : control}
            <Typography.Text type={disabled ? 'secondary' : undefined}>
              {disabled ? t('users.disabled') : t('users.enabled')}
            </Typography.Text>
          </Space>
        );
      },
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 190, render: (v: string) => formatTime(v) },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 190,
      render: (v: string | null) =>
        v ? formatTime(v) : <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
    },
  ];

  return (
    <ListPage<User>
      title={t('users.title')}
      subtitle={t('users.subtitle')}
      query={list}
      rows={list.data?.items}
      create={
        writable && { label: t('users.create'), testId: 'user-create', onClick: () => setCreating(true) }
      }
      testId="users-table"
      columns={columns}
    >
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
