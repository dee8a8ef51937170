import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import { blocklist, blocklistKeys, type Category } from '../blocklist/api';
import { levelColor, limitText, useCategories } from '../blocklist/display';
import { applyPointerErrors, blocklistErrorText } from '../blocklist/errors';
import { LoadProblem } from '../blocklist/errors-view';
import { LevelFields, type LevelValues, levelValuesOf, limitOf } from '../blocklist/level-fields';
import { useLocale, useT } from '../i18n';
import { FormDialog } from '../layout/form-dialog';
import { ListActions } from '../layout/list-table';
import { PageHeader } from '../layout/page-header';
import { can, useMe } from '../session';

interface CategoryValues extends LevelValues {
  key: string;
  labelZh: string;
  labelEn: string;
  reviewDays?: number | null;
}

/** Add (no category given) or edit a category; the key is fixed once made. */
function CategoryDialog({
  open,
  category,
  onClose,
}: {
  open: boolean;
  category: Category | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<CategoryValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (category)
      form.setFieldsValue({
        key: category.key,
        labelZh: category.labels['zh-CN'],
        labelEn: category.labels.en,
        ...levelValuesOf({
          level: category.defaultLevel,
          limit: category.defaultLimit,
          allowedChannels: null,
        }),
        reviewDays: category.reviewDays,
      });
  }, [open, category, form]);

  const save = useMutation({
    mutationFn: (v: CategoryValues) => {
      const body = {
        labels: { 'zh-CN': v.labelZh.trim(), en: v.labelEn.trim() },
        defaultLevel: v.level,
        defaultLimit: limitOf(v),
        reviewDays: v.reviewDays ?? null,
      };
      return category
        ? blocklist.updateCategory(category.key, body)
        : blocklist.createCategory({ key: v.key, ...body });
    },
    onSuccess: (c) => {
      void message.success(category ? t('blk.cat.saved') : t('blk.cat.created', { name: c.labels[locale] }));
      void queryClient.invalidateQueries({ queryKey: blocklistKeys.categories });
      onClose();
    },
    onError: (err) => {
      const onField = applyPointerErrors(form, err, {
        '/key': 'key',
        '/labels/zh-CN': 'labelZh',
        '/labels/en': 'labelEn',
        '/defaultLevel': 'level',
        '/defaultLimit': 'limitMax',
        '/reviewDays': 'reviewDays',
      });
      if (onField) return;
      if (err instanceof ApiError && err.code === 'CATEGORY_EXISTS') {
        form.setFields([{ name: 'key', errors: [blocklistErrorText(t, err)] }]);
        return;
      }
      void message.error(blocklistErrorText(t, err));
    },
  });

  return (
    <FormDialog<CategoryValues>
      open={open}
      title={category ? t('blk.cat.editTitle', { name: category.labels[locale] }) : t('blk.cat.add')}
      okText={category ? t('common.save') : t('common.create')}
      pending={save.isPending}
      form={form}
      onClose={onClose}
      testId="blk-cat-form"
      submitTestId="blk-cat-submit"
      initialValues={{ level: 1, limitWindow: 1, limitUnit: 'day', reviewDays: 90 }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        name="key"
        label={t('blk.cat.key')}
        extra={category ? undefined : t('blk.cat.keyHint')}
        rules={[
          { required: true, message: t('blk.cat.keyRequired') },
          { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('blk.cat.keyInvalid') },
        ]}
      >
        <Input
          disabled={category !== null}
          className="warden-mono"
          autoComplete="off"
          data-testid="blk-cat-key"
        />
      </Form.Item>
      <Space size={12} style={{ display: 'flex' }} align="start">
        <Form.Item
          name="labelZh"
          label={t('blk.cat.labelZh')}
          rules={[{ required: true, whitespace: true, message: t('blk.cat.labelRequired') }]}
        >
          <Input maxLength={50} data-testid="blk-cat-label-zh" />
        </Form.Item>
        <Form.Item
          name="labelEn"
          label={t('blk.cat.labelEn')}
          rules={[{ required: true, whitespace: true, message: t('blk.cat.labelRequired') }]}
        >
          <Input maxLength={50} data-testid="blk-cat-label-en" />
        </Form.Item>
      </Space>
      <LevelFields compact withChannels={false} />
      <Form.Item name="reviewDays" label={t('blk.cat.reviewDays')} extra={t('blk.cat.reviewHint')}>
        <InputNumber min={1} max={3650} precision={0} data-testid="blk-cat-review-days" />
      </Form.Item>
    </FormDialog>
  );
}

export function BlocklistCategoriesPage() {
  const t = useT();
  const me = useMe();
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | null>(null);
  const [adding, setAdding] = useState(false);
  // Only admins change categories (`categories:write`); everyone else sees them.
  const writable = can(me.data, 'categories:write');

  const columns: ColumnsType<Category> = [
    {
      title: t('blk.cat.name'),
      key: 'name',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{categories.labelOf(c.key)}</Typography.Text>
          <Typography.Text type="secondary" className="warden-mono" translate="no" style={{ fontSize: 12 }}>
            {c.key}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('blk.cat.labelZh'), key: 'zh', render: (_, c) => c.labels['zh-CN'] },
    { title: t('blk.cat.labelEn'), key: 'en', render: (_, c) => <span translate="no">{c.labels.en}</span> },
    {
      title: t('blk.cat.defaultLevel'),
      dataIndex: 'defaultLevel',
      render: (l: 1 | 2 | 3) => (
        <Tag color={levelColor[l]}>
          {l} {t(`blk.level.${l}`)}
        </Tag>
      ),
    },
    {
      title: t('blk.cat.defaultLimit'),
      dataIndex: 'defaultLimit',
      render: (v: Category['defaultLimit']) => (v ? limitText(t, v) : '—'),
    },
    {
      title: t('blk.cat.reviewDays'),
      dataIndex: 'reviewDays',
      render: (v: number | null) => (v ? t('blk.cat.days', { n: v }) : t('blk.cat.noReview')),
    },
    {
      title: '',
      dataIndex: 'builtin',
      width: 90,
      render: (b: boolean) => <Tag bordered={false}>{b ? t('blk.cat.builtin') : t('blk.cat.custom')}</Tag>,
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, c: Category) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(c)}
                data-testid={`blk-cat-edit-${c.key}`}
              >
                {t('blk.cat.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('blk.cat.title')}
        subtitle={t('blk.cat.subtitle')}
        extra={
          <ListActions
            onRefresh={categories.list.refetch}
            create={
              writable && { label: t('blk.cat.add'), testId: 'blk-cat-add', onClick: () => setAdding(true) }
            }
          />
        }
      />
      <LoadProblem error={categories.list.error} onRetry={() => void categories.list.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Category>
          rowKey="key"
          data-testid="blk-cat-table"
          loading={categories.list.isPending}
          dataSource={categories.items}
          columns={columns}
          pagination={false}
        />
      </Card>
      <CategoryDialog
        open={adding || editing !== null}
        category={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </>
  );
}
