import { Alert, Button } from 'antd';
import { useT } from '../i18n';
import { blocklistErrorText } from './errors';

/** `LoadError` in the blocklist's words (e.g. an identifier filter that is not valid). */
export function LoadProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={blocklistErrorText(t, error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
