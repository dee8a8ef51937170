import { ReloadOutlined } from '@ant-design/icons';
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Table, type TableProps } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useT } from '../i18n';
import { LoadMore } from './load-more';
import { ListEmpty } from './unknown';

/** One page of a cursor-paginated list (`{items, nextCursor}`, DESIGN's HTTP contract). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated list: the query and its rows so far, flattened.
 *
 * @example
 * const { list, rows } = useCursorList(blocklistKeys.list(filter), (cursor) => blocklist.list(filter, cursor, 50));
 */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
  options: { refetchInterval?: number } = {},
) {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...options,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return { list, rows };
}

/** The round "refresh" button every list has. */
export function RefreshButton({ onRefresh }: { onRefresh: () => unknown }) {
  const t = useT();
  return (
    <Button icon={<ReloadOutlined />} onClick={() => void onRefresh()} aria-label={t('common.refresh')} />
  );
}

interface ListQuery {
  isPending: boolean;
  error: unknown;
  data: unknown;
  refetch: () => unknown;
}

interface PagedQuery extends ListQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * A list page's card: its filters with "reset" and "refresh", the table, and
 * "load more" under a cursor-paginated list. Empty means the server said so;
 * a list that failed shows "—" (its error and retry are above the card).
 */
export function ListTable<T extends object>({
  query,
  rows,
  testId,
  emptyText,
  filters,
  filtersTestId,
  onReset,
  toolbar,
  loadMoreTestId,
  showEnd = true,
  table,
}: {
  query: ListQuery | PagedQuery;
  rows: readonly T[] | undefined;
  testId: string;
  emptyText: string;
  /** Filter controls; the row gets "reset" (given `onReset`) and "refresh" after them. */
  filters?: ReactNode;
  filtersTestId?: string;
  onReset?: () => void;
  /** A row above the filters (tabs, bulk actions). */
  toolbar?: ReactNode;
  loadMoreTestId?: string;
  showEnd?: boolean;
  /** The rest of the table: columns, row handlers, selection, scroll. */
  table: Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale' | 'pagination'>;
}) {
  const t = useT();
  return (
    <Card styles={{ body: { padding: 0 } }}>
      {toolbar}
      {(filters || onReset) && (
        <Flex gap={8} wrap style={{ padding: 16 }} data-testid={filtersTestId}>
          {filters}
          {onReset && <Button onClick={onReset}>{t('common.reset')}</Button>}
          <RefreshButton onRefresh={query.refetch} />
        </Flex>
      )}
      <Table<T>
        rowKey="id"
        size="middle"
        data-testid={testId}
        {...table}
        loading={query.isPending}
        dataSource={rows as T[] | undefined}
        pagination={false}
        locale={{ emptyText: <ListEmpty failed={Boolean(query.error) && !query.data} text={emptyText} /> }}
      />
      {'fetchNextPage' in query && (
        <LoadMore query={query} shown={rows?.length ?? 0} testId={loadMoreTestId} showEnd={showEnd} />
      )}
    </Card>
  );
}
