import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { CreateButton } from '../layout/list-table';
import { can, useMe } from '../session';
import { categories, complaintChannels, complaintKeys, complaints } from './api';
import { categoryText, complaintChannelText, useReportComplaintError } from './display';

interface LogValues {
  channel: string;
  phone?: string;
  email?: string;
  category?: string;
  orderId?: string;
  text: string;
}

/** 登记投诉: a complaint taken by phone or at the counter, stored with its text like a screened one. */
export function LogComplaintButton() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useReportComplaintError();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LogValues>();
  const save = useMutation({
    mutationFn: (v: LogValues) =>
      complaints.create({
        channel: v.channel,
        from: {
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
          ...(v.email?.trim() ? { email: v.email.trim() } : {}),
        },
        text: v.text.trim(),
        category: v.category ?? null,
        orderId: v.orderId?.trim() || null,
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      void message.success(t('cmp.log.done', { ref: saved.reference ?? saved.id }));
      setOpen(false);
      form.resetFields();
      navigate(`/complaints/${saved.id}`);
    },
    onError: report,
  });
  if (!can(me.data, 'complaints:write')) return null;
  return (
    <>
      <CreateButton label={t('cmp.log.button')} testId="cmp-log" onClick={() => setOpen(true)} />
      <Modal
        open={open}
        title={t('cmp.log.title')}
        okText={t('cmp.log.submit')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'cmp-log-submit' }}
        forceRender
      >
        <Form<LogValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ channel: 'phone' }}
          onFinish={(v) => save.mutate(v)}
          data-testid="cmp-log-form"
        >
          <Form.Item name="channel" label={t('cmp.col.channel')}>
            <Select
              data-testid="cmp-log-channel"
              options={complaintChannels.map((c) => ({ value: c, label: complaintChannelText(t, c) }))}
            />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('cmp.log.phone')}
            dependencies={['email']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  v?.trim() || String(getFieldValue('email') ?? '').trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('cmp.log.contactRequired'))),
              }),
            ]}
          >
            <Input autoComplete="off" placeholder="138 0013 8000" data-testid="cmp-log-phone" />
          </Form.Item>
          <Form.Item name="email" label={t('cmp.log.email')}>
            <Input autoComplete="off" data-testid="cmp-log-email" />
          </Form.Item>
          <Form.Item name="category" label={t('cmp.col.category')} extra={t('cmp.log.categoryHint')}>
            <Select
              allowClear
              data-testid="cmp-log-category"
              options={categories.map((c) => ({ value: c, label: categoryText(t, c) }))}
            />
          </Form.Item>
          <Form.Item name="orderId" label={t('cmp.log.orderId')}>
            <Input autoComplete="off" maxLength={200} data-testid="cmp-log-order" />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('cmp.log.text')}
            rules={[{ required: true, whitespace: true, message: t('cmp.log.textRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={20_000} showCount data-testid="cmp-log-text" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
