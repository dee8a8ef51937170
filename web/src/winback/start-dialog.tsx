import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Rate, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { users } from '../api';
import { errorText } from '../errors';
import { useLocale, useT } from '../i18n';
import { can, useMe } from '../session';
import { winback, winbackKeys } from './api';

interface StartValues {
  template?: string;
  ownerId?: string;
  locale: 'zh-CN' | 'en';
  satisfactionBefore?: number;
  notes?: string;
}

/**
 * "Start win-back" for a released (or temporarily released) entry: a plan
 * template, an owner and the customer's satisfaction now; opens the case page.
 */
export function StartWinbackButton({ entryId, size }: { entryId: string; size?: 'small' | 'middle' }) {
  const t = useT();
  const me = useMe();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StartValues>();
  const [open, setOpen] = useState(false);
  const existing = useQuery({
    queryKey: winbackKeys.list({ entryId, status: 'open' }),
    queryFn: () => winback.list({ entryId, status: 'open' }, null, 1),
    enabled: can(me.data, 'winback:read'),
  });
  const settings = useQuery({
    queryKey: winbackKeys.settings,
    queryFn: () => winback.blocklistSettings(),
    enabled: open && can(me.data, 'settings:read'),
  });
  const people = useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: () => users.assignable(),
    enabled: open && can(me.data, 'users:assignable'),
  });
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const start = useMutation({
    mutationFn: (v: StartValues) =>
      winback.start({
        entryId,
        template: v.template ?? null,
        ownerId: v.ownerId ?? null,
        locale: v.locale,
        satisfactionBefore: v.satisfactionBefore || null,
        notes: v.notes?.trim() || null,
      }),
    onSuccess: (c) => {
      void message.success(t('wb.start.done'));
      void queryClient.invalidateQueries({ queryKey: winbackKeys.all });
      setOpen(false);
      navigate(`/winback/${c.id}`);
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  if (!can(me.data, 'winback:write')) return null;
  const openCase = existing.data?.items[0];
  if (openCase)
    return (
      <Button size={size} onClick={() => navigate(`/winback/${openCase.id}`)} data-testid="wb-open-case">
        {t('wb.start.open')}
      </Button>
    );
  const templates = settings.data?.settings.winbackTemplates ?? [];
  return (
    <>
      <Button size={size} type="primary" onClick={() => setOpen(true)} data-testid="wb-start">
        {t('wb.start')}
      </Button>
      <Modal
        open={open}
        title={t('wb.start.title')}
        onCancel={() => setOpen(false)}
        forceRender
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={start.isPending}
              onClick={() => form.submit()}
              data-testid="wb-start-submit"
            >
              {t('wb.start')}
            </Button>
          </>
        }
      >
        <div data-testid="wb-start-dialog">
          <Typography.Paragraph type="secondary">{t('wb.start.body')}</Typography.Paragraph>
          {settings.isError && <Alert type="warning" showIcon title={errorText(t, settings.error)} />}
          <Form<StartValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ locale, template: 'apology' }}
            onFinish={(v) => start.mutate(v)}
          >
            <Form.Item name="template" label={t('wb.start.template')}>
              <Select
                allowClear
                data-testid="wb-start-template"
                options={templates.map((tp) => ({ value: tp.key, label: tp.labels[locale] }))}
              />
            </Form.Item>
            <Form.Item name="ownerId" label={t('wb.start.owner')}>
              <Select
                allowClear
                placeholder={t('wb.start.ownerMe')}
                options={(people.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item name="locale" label={t('wb.start.locale')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Form.Item name="satisfactionBefore" label={t('wb.start.satisfactionBefore')}>
              <Rate />
            </Form.Item>
            <Form.Item name="notes" label={t('wb.detail.notes')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
          </Form>
        </div>
      </Modal>
    </>
  );
}
