import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { customerKeys } from '../customers/api';
import { applyFieldErrors, useReportError } from '../errors';
import { useT } from '../i18n';
import { can, useMe } from '../session';
import { privacy } from './api';

/** Saves `data` as a JSON file through the browser's download. */
function download(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The customer 360's data-subject actions: export everything held (subject access) and erase. */
export function SubjectActions({ customerId, erased }: { customerId: string; erased: boolean }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const exportData = useMutation({
    mutationFn: () => privacy.export(customerId),
    onSuccess: (data) => {
      const file = `${customerId}.json`;
      download(file, data);
      void message.success(t('privacy.export.done', { file }));
    },
    onError: reportError,
  });
  const erase = useMutation({
    mutationFn: (v: { reason: string }) => privacy.erase(customerId, v.reason.trim()),
    onSuccess: (r) => {
      setOpen(false);
      form.resetFields();
      void message.success(
        t('privacy.erase.done', { messages: r.messages, complaints: r.complaints, entries: r.entries }),
      );
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, ['reason'], t)) reportError(err);
    },
  });
  return (
    <>
      {can(me.data, 'customers:export') && (
        <Button
          icon={<DownloadOutlined />}
          loading={exportData.isPending}
          onClick={() => exportData.mutate()}
          data-testid="cus-export"
        >
          {t('privacy.export')}
        </Button>
      )}
      {can(me.data, 'customers:erase') && !erased && (
        <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)} data-testid="cus-erase">
          {t('privacy.erase')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('privacy.erase.title')}
        onCancel={() => setOpen(false)}
        forceRender
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button
              danger
              type="primary"
              loading={erase.isPending}
              onClick={() => form.submit()}
              data-testid="cus-erase-submit"
            >
              {t('privacy.erase.confirm')}
            </Button>
          </>
        }
      >
        <Typography.Paragraph>{t('privacy.erase.body')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => erase.mutate(v)}>
          <Form.Item
            name="reason"
            label={t('privacy.erase.reason')}
            extra={t('privacy.erase.reasonHelp')}
            rules={[{ required: true, whitespace: true, min: 3, message: t('privacy.erase.reasonRequired') }]}
          >
            <Input maxLength={500} data-testid="cus-erase-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
