import { Button, Flex, Typography } from 'antd';
import { useT } from '../i18n';

/** The end of a cursor-paginated list: "load more" while there is more, else a quiet end mark. */
export function LoadMore({
  query,
  shown,
  testId,
  showEnd = true,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  /** Rows on screen: the end mark is shown only under a non-empty list. */
  shown: number;
  testId?: string;
  showEnd?: boolean;
}) {
  const t = useT();
  if (!query.hasNextPage && !(showEnd && shown > 0)) return null;
  return (
    <Flex justify="center" style={{ padding: 16 }}>
      {query.hasNextPage ? (
        <Button
          onClick={() => void query.fetchNextPage()}
          loading={query.isFetchingNextPage}
          data-testid={testId}
        >
          {t('blk.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('blk.end')}</Typography.Text>
      )}
    </Flex>
  );
}
