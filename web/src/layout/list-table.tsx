import { FilterOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Grid, Space, Table, type TableProps } from 'antd';
import { type Key, type ReactNode, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../i18n';
import { LoadError } from './load-error';
import { LoadMore } from './load-more';
import { PageHeader } from './page-header';
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

/**
 * A list's filter kept in the URL (so a filtered list can be linked and survives a reload):
 * `set('status', 'open')` writes one parameter, `set('status', undefined)` drops it, `reset()` all.
 */
export function useUrlFilter() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (k: string, v: string | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (v) next.set(k, v);
          else next.delete(k);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { params, set, reset };
}

/** True below antd's `md` breakpoint (768 px): lists show cards, filters hide behind a button. */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

/** The round "refresh" button every list has. */
export function RefreshButton({ onRefresh }: { onRefresh: () => unknown }) {
  const t = useT();
  return (
    <Button icon={<ReloadOutlined />} onClick={() => void onRefresh()} aria-label={t('common.refresh')} />
  );
}

/** The primary "new …" button of a list page's header. */
export function CreateButton({
  label,
  testId,
  onClick,
}: {
  label: string;
  testId: string;
  onClick: () => void;
}) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

/** A list page header's actions: refresh, and "new …" for a reader who may write (`create` false otherwise). */
export function ListActions({
  onRefresh,
  create,
}: {
  onRefresh: () => unknown;
  create: { label: string; testId: string; onClick: () => void } | false;
}) {
  return (
    <Space>
      <RefreshButton onRefresh={onRefresh} />
      {create && <CreateButton {...create} />}
    </Space>
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

/** Rows picked with check boxes for a bulk action. */
export interface ListSelection<T> {
  selected: string[];
  onChange: (ids: string[]) => void;
  /** Each row's check box gets `data-testid="<testIdPrefix>-<id>"`. */
  testIdPrefix: string;
  /** Rows that cannot be picked (an alert already acknowledged). */
  disabled?: (row: T) => boolean;
}

/**
 * A list page's card: an optional top row (tabs, bulk actions), its filters
 * with "reset" and "refresh", the table (or cards on a phone), and "load
 * more" under a cursor-paginated list. Empty means the server said so; a list
 * that failed shows "—" (its error and retry are above the card).
 */
export function ListTable<T extends { id: string }>({
  query,
  rows,
  testId,
  emptyText,
  filters,
  filtersTestId,
  onReset,
  actions,
  head,
  toolbar,
  selection,
  cards,
  filtersToggleTestId,
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
  /** Buttons at the end of the filter row, before "refresh" (bulk actions). */
  actions?: ReactNode;
  /** A row above the filters (tabs, bulk actions); on a phone it holds the "filters" button too. */
  head?: ReactNode;
  /** Anything else above the card's rows, as given. */
  toolbar?: ReactNode;
  selection?: ListSelection<T>;
  /** Below 768 px: these cards instead of the table, and the filters behind a button. */
  cards?: (rows: readonly T[], empty: ReactNode) => ReactNode;
  filtersToggleTestId?: string;
  loadMoreTestId?: string;
  showEnd?: boolean;
  /** The rest of the table: columns, row handlers, scroll. */
  table: Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale' | 'pagination' | 'rowSelection'>;
}) {
  const t = useT();
  const phone = usePhone() && cards !== undefined;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const empty = <ListEmpty failed={Boolean(query.error) && !query.data} text={emptyText} />;
  const toggle = phone && filters && (
    <Button
      icon={<FilterOutlined />}
      type={filtersOpen ? 'primary' : 'default'}
      onClick={() => setFiltersOpen((o) => !o)}
      data-testid={filtersToggleTestId}
    >
      {t('common.filters')}
    </Button>
  );
  return (
    <Card styles={{ body: { padding: 0 } }}>
      {toolbar}
      {(head || toggle) && (
        <Flex gap={12} wrap align="center" style={{ padding: '16px 16px 0' }}>
          {head}
          {toggle}
        </Flex>
      )}
      {(filters || onReset || actions) && (
        <Flex
          gap={8}
          wrap
          style={{ padding: 16, display: phone && !filtersOpen ? 'none' : undefined }}
          data-testid={filtersTestId}
        >
          {filters}
          {onReset && <Button onClick={onReset}>{t('common.reset')}</Button>}
          {actions && (
            <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
              {actions}
            </Flex>
          )}
          <RefreshButton onRefresh={query.refetch} />
        </Flex>
      )}
      {phone && cards ? (
        cards(rows ?? [], empty)
      ) : (
        <Table<T>
          rowKey="id"
          size="middle"
          data-testid={testId}
          {...table}
          rowSelection={
            selection && {
              selectedRowKeys: selection.selected,
              onChange: (keys: Key[]) => selection.onChange(keys.map(String)),
              columnWidth: 40,
              fixed: true,
              getCheckboxProps: (row: T) =>
                ({
                  disabled: selection.disabled?.(row) ?? false,
                  'data-testid': `${selection.testIdPrefix}-${row.id}`,
                }) as object,
            }
          }
          loading={query.isPending}
          dataSource={rows as T[] | undefined}
          pagination={false}
          locale={{ emptyText: empty }}
        />
      )}
      {'fetchNextPage' in query && (
        <LoadMore query={query} shown={rows?.length ?? 0} testId={loadMoreTestId} showEnd={showEnd} />
      )}
    </Card>
  );
}

/**
 * A whole page that is one short list (users, API keys): header with refresh
 * and "new …", the load error with a retry, the table; `children` are its dialogs.
 */
export function ListPage<T extends { id: string }>({
  title,
  subtitle,
  query,
  rows,
  create,
  testId,
  columns,
  children,
}: {
  title: string;
  subtitle: string;
  query: ListQuery;
  rows: T[] | undefined;
  create: { label: string; testId: string; onClick: () => void } | false;
  testId: string;
  columns: NonNullable<TableProps<T>['columns']>;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={<ListActions onRefresh={query.refetch} create={create} />}
      />
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
      <ListTable<T>
        query={query}
        rows={rows}
        testId={testId}
        emptyText={t('common.none')}
        table={{ columns, size: 'large' }}
      />
      {children}
    </>
  );
}
