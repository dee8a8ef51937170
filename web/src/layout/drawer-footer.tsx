import { Button, Space } from 'antd';
import { useT } from '../i18n';
import { clearDraft } from './form-draft';

/**
 * A form drawer's footer: "cancel" (which drops the unsaved draft, when there
 * is one, see form-draft.ts) and the submit button.
 */
export function DrawerFooter({
  submitLabel,
  submitTestId,
  saving,
  onSubmit,
  onCancel,
  draftKey,
}: {
  submitLabel: string;
  submitTestId: string;
  saving: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  /** The draft a cancel throws away; none when editing (only a new record keeps a draft). */
  draftKey: string | null;
}) {
  const t = useT();
  return (
    <Space style={{ float: 'right' }}>
      <Button
        onClick={() => {
          if (draftKey) clearDraft(draftKey);
          onCancel();
        }}
      >
        {t('common.cancel')}
      </Button>
      <Button type="primary" loading={saving} onClick={onSubmit} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </Space>
  );
}
