import { Alert, Button, Result, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
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

/**
 * What a record's page shows until the record is there: a spinner while it
 * loads, "no such …" with the way back to its list when the server says 404,
 * otherwise the error with a retry.
 */
export function DetailFallback({
  query,
  notFound,
  back,
  wording,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  notFound: string;
  back: { to: string; label: string };
  wording: (t: Translate, error: unknown) => string;
}) {
  const _t = useT();
  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.error instanceof ApiError && query.error.status === 404)
    return (
      <Result
        status="404"
        title={notFound}
        extra={
          <Link to={back.to}>
            <Button type="primary">{back.label}</Button>
          </Link>
        }
      />
    );
  return <LoadError error={query.error} onRetry={() => void query.refetch()} wording={wording} />;
}
