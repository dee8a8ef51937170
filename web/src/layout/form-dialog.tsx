import { Button, Form, Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useT } from '../i18n';

/** A dialog with one form: OK submits it; the form is fresh each time it opens. */
export function FormDialog<V extends object>({
  open,
  title,
  okText,
  danger,
  pending,
  form,
  onClose,
  testId,
  children,
  initialValues,
  onFinish,
  onValuesChange,
  submitTestId = `${testId}-submit`,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  pending: boolean;
  form: ReturnType<typeof Form.useForm<V>>[0];
  onClose: () => void;
  testId: string;
  children: ReactNode;
  initialValues?: Partial<V>;
  onFinish: (values: V) => void;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  /** The OK button's test id; `<testId>-submit` unless given. */
  submitTestId?: string;
}) {
  const t = useT();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      forceRender
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={danger}
            loading={pending}
            onClick={() => form.submit()}
            data-testid={submitTestId}
          >
            {okText}
          </Button>
        </>
      }
    >
      <div data-testid={testId}>
        <Form<V>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues}
          onFinish={onFinish}
          onValuesChange={onValuesChange}
        >
          {children}
        </Form>
      </div>
    </Modal>
  );
}
