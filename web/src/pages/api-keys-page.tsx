import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import {
  type ApiKey,
  apiKeys,
  type Permission,
  permissions,
  type Role,
  rolePermissions,
  roles,
} from '../api';
import { applyFieldErrors, useReportError } from '../errors';
import { useFormatTime } from '../format';
import { useT } from '../i18n';
import { FormDialog } from '../layout/form-dialog';
import { ListPage } from '../layout/list-table';
import { can, useMe } from '../session';

const keysKey = ['api-keys'] as const;

interface NewKey {
  name: string;
  role: Role;
  scopes: Permission[];
}

function CreateKeyDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (secret: { key: string; apiKey: ApiKey }) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<NewKey>();
  // Scopes only narrow a role: offer the role's own permissions (the server refuses others).
  const role: Role = Form.useWatch('role', form) ?? 'agent';
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (v: NewKey) =>
      apiKeys.create({ name: v.name.trim(), role: v.role, ...(v.scopes.length ? { scopes: v.scopes } : {}) }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: keysKey });
      form.resetFields();
      onCreated(created);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, ['name', 'role', 'scopes'], t)) reportError(err);
    },
  });
  return (
    <FormDialog<NewKey>
      open={open}
      title={t('keys.create')}
      okText={t('common.create')}
      pending={create.isPending}
      form={form}
      onClose={onClose}
      testId="apikey-form"
      submitTestId="apikey-create-submit"
      initialValues={{ role: 'agent', scopes: [] }}
      onFinish={(values) => create.mutate(values)}
      onValuesChange={(changed, all) => {
        if (changed.role) {
          const own = rolePermissions[changed.role];
          form.setFieldValue(
            'scopes',
            (all.scopes ?? []).filter((s) => own.has(s)),
          );
        }
      }}
    >
      <Form.Item
        name="name"
        label={t('keys.name')}
        rules={[{ required: true, whitespace: true, message: t('keys.nameRequired') }, { max: 100 }]}
      >
        <Input placeholder={t('keys.namePlaceholder')} autoComplete="off" data-testid="apikey-name" />
      </Form.Item>
      <Form.Item name="role" label={t('keys.role')} rules={[{ required: true }]}>
        <Select data-testid="apikey-role" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Form.Item name="scopes" label={t('keys.scopes')} extra={t('keys.scopesHint')}>
        <Select
          mode="multiple"
          allowClear
          data-testid="apikey-scopes"
          placeholder={t('keys.scopesPlaceholder')}
          options={permissions
            .filter((p) => rolePermissions[role].has(p))
            .map((p) => ({ value: p, label: p }))}
        />
      </Form.Item>
    </FormDialog>
  );
}

/** The secret, once: it is not stored in the browser and cannot be fetched again. */
function SecretDialog({
  secret,
  onClose,
}: {
  secret: { key: string; apiKey: ApiKey } | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={secret !== null}
      title={
        <Space>
          <KeyOutlined />
          {t('keys.secretTitle')}
          {secret && <Tag>{secret.apiKey.name}</Tag>}
        </Space>
      }
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      // The key must not linger in the DOM once the dialog is closed.
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="apikey-secret-close">
          {t('keys.secretDone')}
        </Button>
      }
    >
      {secret && (
        <Space
          orientation="vertical"
          size="middle"
          style={{ width: '100%' }}
          data-testid="apikey-secret-dialog"
        >
          <Alert type="warning" showIcon title={t('keys.secretWarning')} />
          <Typography.Paragraph
            className="warden-secret"
            copyable={{ text: secret.key, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ marginBottom: 0 }}
          >
            <span data-testid="apikey-secret">{secret.key}</span>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('keys.secretUsage')}</Typography.Text>
        </Space>
      )}
    </Modal>
  );
}

export function ApiKeysPage() {
  const t = useT();
  const me = useMe();
  const formatTime = useFormatTime();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ key: string; apiKey: ApiKey } | null>(null);
  const list = useQuery({ queryKey: keysKey, queryFn: apiKeys.list });
  const writable = can(me.data, 'apikeys:write');

  const revoke = useMutation({
    mutationFn: apiKeys.revoke,
    onSuccess: () => {
      void message.success(t('keys.revokedNow'));
      void queryClient.invalidateQueries({ queryKey: keysKey });
    },
    onError: reportError,
  });

  const columns: ColumnsType<ApiKey> = [
    {
      title: t('keys.name'),
      dataIndex: 'name',
      render: (name: string, k) => (
        <Typography.Text strong delete={k.revokedAt !== null}>
          {name}
        </Typography.Text>
      ),
    },
    {
      title: t('keys.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    {
      title: t('keys.role'),
      dataIndex: 'role',
      width: 100,
      render: (r: Role) => <Tag>{t(`role.${r}`)}</Tag>,
    },
    {
      title: t('keys.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[]) =>
        scopes.length === 0 ? (
          <Typography.Text type="secondary">{t('keys.allOfRole')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {scopes.map((s) => (
              <Tag key={s} className="warden-mono">
                {s}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: t('keys.createdAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatTime(v) },
    {
      title: t('keys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 180,
      render: (v: string | null) =>
        v ? formatTime(v) : <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
    },
    {
      title: t('keys.status'),
      dataIndex: 'revokedAt',
      width: 110,
      render: (v: string | null) =>
        v ? <Tag>{t('keys.revoked')}</Tag> : <Tag color="green">{t('keys.active')}</Tag>,
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, k: ApiKey) =>
              k.revokedAt ? null : (
                <Popconfirm
                  title={t('keys.revokeConfirm', { name: k.name })}
                  okText={t('keys.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutateAsync(k.id)}
                >
                  <Button type="link" danger size="small" data-testid={`apikey-revoke-${k.id}`}>
                    {t('keys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <ListPage<ApiKey>
      title={t('keys.title')}
      subtitle={t('keys.subtitle')}
      query={list}
      rows={list.data?.items}
      create={
        writable && { label: t('keys.create'), testId: 'apikey-create', onClick: () => setCreating(true) }
      }
      testId="apikeys-table"
      columns={columns}
    >
      <CreateKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created);
        }}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </ListPage>
  );
}
