import { Alert, Button } from 'antd';
import { errorText } from '../errors';
import { type Translate, useT } from '../i18n';

/** A list that failed to load says why, with a retry; a feature passes its own wording of its errors. */
export function LoadError({
  error,
  onRetry,
  wording = errorText,
}: {
  error: unknown;
  onRetry: () => void;
  wording?: (t: Translate, error: unknown) => string;
}) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={wording(t, error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
