import { Empty } from 'antd';
import { useT } from '../i18n';

/** What a figure that could not be fetched shows: not 0, which would be a claim. */
export const UNKNOWN = '—';

/**
 * A table's empty text: "—" when the list failed to load (the error and its
 * retry are above the table), the page's own "nothing here" only when the
 * server said so.
 */
export function ListEmpty({ failed, text }: { failed: boolean; text: string }) {
  const t = useT();
  return failed ? (
    <span data-testid="list-unknown" title={t('common.unknown')}>
      {UNKNOWN}
    </span>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
  );
}
