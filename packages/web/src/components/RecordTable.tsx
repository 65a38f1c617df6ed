import { Alert, Table, type TableTdProps, type TableTrProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';
import { LoadMore } from './ListControls';
import { errorMessage } from './notify';
import { CardSort, RecordCards } from './RecordCards';
import { SortableTh } from './SortableTh';
import { TableSkeleton } from './TableSkeleton';
import { useNarrow } from './useNarrow';

/** One column: its header, its cell, and (when the API sorts by it) the sort field. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The API's sort field; the header toggles `field` / `-field`. */
  sortField?: string;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  /** Props of every cell of the column (weight, white space). */
  cellProps?: Omit<TableTdProps, 'children'>;
  /** On a phone the row is a card: this column is its title (default: the first column). */
  primary?: boolean;
  /** `false` leaves the column out of the card (e.g. a detail the title already shows). */
  inCard?: boolean;
  /** `false` shows the column only in the card (e.g. a full name whose parts the table splits). */
  inTable?: boolean;
  /** The card's label when the header is not plain text. */
  cardLabel?: string;
}

/**
 * What a list gives the table: usePagedList's answer fits; a read that answers all rows at once passes
 * `rows` without the paging fields and gets no "load more".
 */
export interface TableList<T> {
  rows: T[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  loadMore?: () => void;
}

interface FrameProps<T> {
  list: TableList<T>;
  /** The filters above the rows (search, selects, "clear filters"). */
  filters?: ReactNode;
  /** Shown when the list is empty; say whether filters hid everything. */
  empty: ReactNode;
  /** "Load more" under the rows: with the count shown (default), only while there is more, or never. */
  paging?: 'count' | 'whenMore' | 'none';
  skeletonRows?: number;
}

/**
 * Every list screen's frame: filters, the error, a skeleton while loading, an empty state, the rows as
 * the screen lays them out (a checklist, cards), and "load more" under them.
 */
export function RecordList<T>({
  list,
  filters,
  empty,
  paging = 'count',
  skeletonRows = 5,
  children,
}: FrameProps<T> & { children: (rows: T[]) => ReactNode }) {
  const { t } = useTranslation();
  const more = Boolean(list.hasNextPage);
  const showMore = paging === 'count' || (paging === 'whenMore' && more);
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
          {children(list.rows)}
          {showMore && list.loadMore && (
            <LoadMore
              shown={list.rows.length}
              hasMore={more}
              loading={Boolean(list.isFetchingNextPage)}
              onLoad={list.loadMore}
            />
          )}
        </>
      )}
    </>
  );
}

interface TableProps<T> extends FrameProps<T> {
  /** The columns; `false` leaves one out (e.g. the account on an account's own page). */
  columns: (Column<T> | false)[];
  rowKey: (row: T) => string;
  sort?: string;
  onSort?: (sort: string) => void;
  minWidth?: number;
  testId?: string;
  ariaLabel?: string;
  /** A row that opens its record: clickable, focusable and opened with Enter; `openLabel` names it. */
  onOpen?: (row: T) => void;
  openLabel?: (row: T) => string;
  /** Per-row props, e.g. a highlight or a test id. */
  rowProps?: (row: T) => TableTrProps & Record<`data-${string}`, string>;
  striped?: boolean;
  highlightOnHover?: boolean;
  /** Row spacing: `xs` (default), `sm`, or Mantine's own tighter default. */
  verticalSpacing?: 'xs' | 'sm' | 'mantine';
  /** Table or cards; `auto` (default) shows cards below the `sm` breakpoint, a table above it. */
  layout?: 'auto' | 'table' | 'cards';
}

/** A row's `data-*` attributes (test ids), which its card carries as well. */
const dataOf = (props: object | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(props ?? {}).filter(
      (e): e is [string, string] => e[0].startsWith('data-') && typeof e[1] === 'string',
    ),
  );

/** Every list screen's table: the frame of RecordList with the rows as a table with sortable headers. */
export function RecordTable<T>({
  columns,
  rowKey,
  sort,
  onSort,
  minWidth = 700,
  testId,
  ariaLabel,
  onOpen,
  openLabel,
  rowProps,
  striped = true,
  highlightOnHover = true,
  verticalSpacing = 'xs',
  layout = 'auto',
  ...frame
}: TableProps<T>) {
  const narrow = useNarrow();
  const cards = layout === 'cards' || (layout === 'auto' && narrow);
  const shown = columns.filter((c): c is Column<T> => c !== false && (cards || c.inTable !== false));
  const openProps = (row: T): TableTrProps =>
    onOpen
      ? {
          className: 'nenner-row',
          tabIndex: 0,
          'aria-label': openLabel?.(row),
          onClick: () => onOpen(row),
          onKeyDown: (e) => {
            if (e.key === 'Enter') onOpen(row);
          },
        }
      : {};
  return (
    <RecordList {...frame}>
      {(rows) =>
        cards ? (
          <>
            {sort !== undefined && onSort && <CardSort columns={shown} sort={sort} onSort={onSort} />}
            <RecordCards
              rows={rows}
              columns={shown}
              rowKey={rowKey}
              testId={testId}
              ariaLabel={ariaLabel}
              openProps={(row) => ({ ...openProps(row), className: onOpen ? 'nenner-card nenner-row' : 'nenner-card' })}
              dataProps={(row) => dataOf(rowProps?.(row))}
            />
          </>
        ) : (
          <Table.ScrollContainer minWidth={minWidth}>
            <Table
              striped={striped}
              highlightOnHover={highlightOnHover}
              verticalSpacing={verticalSpacing === 'mantine' ? undefined : verticalSpacing}
              data-testid={testId}
              aria-label={ariaLabel}
            >
              <Table.Thead>
                <Table.Tr>
                  {shown.map((c) =>
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
                {rows.map((row) => (
                  <Table.Tr key={rowKey(row)} {...openProps(row)} {...rowProps?.(row)}>
                    {shown.map((c) => (
                      <Table.Td key={c.key} ta={c.align} {...c.cellProps}>
                        {c.cell(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </RecordList>
  );
}
