import { Table, type TableProps, type TableTdProps, type TableThProps } from '@mantine/core';
import type { CSSProperties } from 'react';
import { RecordCards } from './RecordCards';
import type { Column } from './RecordTable';
import { useNarrow } from './useNarrow';

type DataProps = Record<`data-${string}`, string | boolean | undefined>;

/** A report's column: a list column, plus props of its header cell and of each of its cells (test ids, highlight). */
export interface ReportColumn<T> extends Column<T> {
  headerProps?: Omit<TableThProps, 'children'> & DataProps;
  cellPropsOf?: (row: T) => Omit<TableTdProps, 'children'> & DataProps;
}

/** A cell's props fit the row's header cell as well (the two differ only in their styles API). */
const asTh = (props: object | undefined) => props as Omit<TableThProps, 'children'> | undefined;

interface ReportTableProps<T> {
  columns: ReportColumn<T>[];
  rows: T[];
  /** Rows under the body (a total): the table's footer, the last cards on a phone. */
  footer?: T[];
  rowKey: (row: T) => string;
  /** Per-row `data-*` attributes (test ids), carried over to the row's card. */
  rowProps?: (row: T) => Record<`data-${string}`, string>;
  /** The first column heads its row (`<th scope="row">`, weight 500), as a figure's name does. */
  rowHeaders?: boolean;
  testId?: string;
  ariaLabel?: string;
  striped?: boolean;
  highlightOnHover?: boolean;
  verticalSpacing?: TableProps['verticalSpacing'];
  fz?: TableProps['fz'];
  style?: CSSProperties;
  /** From `sm` up the table scrolls inside its box below this width, as before. */
  minWidth?: number;
}

/**
 * A report's figures: a table from Mantine's `sm` breakpoint up; on a phone a list of cards (the first
 * column as the card's title, every other column as a label/value pair in two columns, as the list screens
 * do), so no report scrolls sideways.
 */
export function ReportTable<T>({
  columns,
  rows,
  footer = [],
  rowKey,
  rowProps,
  rowHeaders = false,
  testId,
  ariaLabel,
  striped = false,
  highlightOnHover = false,
  verticalSpacing,
  fz,
  style,
  minWidth,
}: ReportTableProps<T>) {
  const narrow = useNarrow();
  if (narrow)
    return (
      <div style={style}>
        <RecordCards
          rows={[...rows, ...footer]}
          columns={columns}
          rowKey={rowKey}
          testId={testId}
          ariaLabel={ariaLabel}
          openProps={() => ({})}
          dataProps={(row) => rowProps?.(row) ?? {}}
        />
      </div>
    );
  const row = (r: T, foot = false) => (
    <Table.Tr key={rowKey(r)} {...rowProps?.(r)} fw={foot ? 700 : undefined}>
      {columns.map((c, i) =>
        i === 0 && rowHeaders ? (
          <Table.Th
            key={c.key}
            scope="row"
            fw={foot ? undefined : 500}
            ta={c.align}
            {...asTh(c.cellProps)}
            {...asTh(c.cellPropsOf?.(r))}
          >
            {c.cell(r)}
          </Table.Th>
        ) : (
          <Table.Td key={c.key} ta={c.align} {...c.cellProps} {...c.cellPropsOf?.(r)}>
            {c.cell(r)}
          </Table.Td>
        ),
      )}
    </Table.Tr>
  );
  const table = (
    <Table
      striped={striped}
      highlightOnHover={highlightOnHover}
      verticalSpacing={verticalSpacing}
      fz={fz}
      data-testid={testId}
      aria-label={ariaLabel}
      style={style}
    >
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c.key} ta={c.align} w={c.width} {...c.headerProps}>
              {c.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{rows.map((r) => row(r))}</Table.Tbody>
      {footer.length > 0 && <Table.Tfoot>{footer.map((r) => row(r, true))}</Table.Tfoot>}
    </Table>
  );
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table;
}
