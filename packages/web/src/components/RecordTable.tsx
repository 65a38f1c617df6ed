import { Alert, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';
import { LoadMore } from './ListControls';
import { errorMessage } from './notify';
import { SortableTh } from './SortableTh';
import { TableSkeleton } from './TableSkeleton';

/** One column: its header, its cell, and (when the API sorts by it) the sort field. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The API's sort field; the header toggles `field` / `-field`. */
  sortField?: string;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
}

/** What a list hook gives the table (usePagedList's answer fits). */
export interface TableList<T> {
  rows: T[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  loadMore: () => void;
}

interface Props<T> {
  list: TableList<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The filters above the table (search, selects, "clear filters"). */
  filters?: ReactNode;
  /** Shown when the list is empty; say whether filters hid everything. */
  empty: ReactNode;
  sort?: string;
  onSort?: (sort: string) => void;
  minWidth?: number;
  testId?: string;
  /** Per-row props, e.g. a highlight or a click handler. */
  rowProps?: (row: T) => Record<string, unknown>;
  /** No "load more" (a list that is complete in one page). */
  noPaging?: boolean;
  skeletonRows?: number;
}

/**
 * Every list screen's table: filters, a skeleton while loading, the error, an empty state, the rows with
 * sortable headers, and "load more" under them.
 */
export function RecordTable<T>({
  list,
  columns,
  rowKey,
  filters,
  empty,
  sort,
  onSort,
  minWidth = 700,
  testId,
  rowProps,
  noPaging,
  skeletonRows = 5,
}: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      {filters}
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, list.error)}
        </Alert>
      ) : list.isPending ? (
        <TableSkeleton rows={skeletonRows} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={minWidth}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid={testId}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((c) =>
                    c.sortField && sort !== undefined && onSort && typeof c.header === 'string' ? (
                      <SortableTh key={c.key} field={c.sortField} label={c.header} sort={sort} onSort={onSort} />
                    ) : (
                      <Table.Th key={c.key} ta={c.align} w={c.width}>
                        {c.header}
                      </Table.Th>
                    ),
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.rows.map((row) => (
                  <Table.Tr key={rowKey(row)} {...rowProps?.(row)}>
                    {columns.map((c) => (
                      <Table.Td key={c.key} ta={c.align}>
                        {c.cell(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!noPaging && (
            <LoadMore
              shown={list.rows.length}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoad={list.loadMore}
            />
          )}
        </>
      )}
    </>
  );
}
