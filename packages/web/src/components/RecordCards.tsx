import { Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Column } from './RecordTable';

/** The name a column goes by in a card and in the sort select: its text header, or `cardLabel`. */
export const columnLabel = <T,>(c: Column<T>): string | undefined =>
  c.cardLabel ?? (typeof c.header === 'string' && c.header !== '' ? c.header : undefined);

/** The sort select that stands in for the sortable headers when the rows are cards. */
export function CardSort<T>({
  columns,
  sort,
  onSort,
}: {
  columns: Column<T>[];
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation();
  const data = columns.flatMap((c) => {
    const column = columnLabel(c);
    if (!c.sortField || !column) return [];
    return [
      { value: c.sortField, label: t('list.sortAsc', { column }) },
      { value: `-${c.sortField}`, label: t('list.sortDesc', { column }) },
    ];
  });
  if (data.length === 0) return null;
  // a list may start on an order no column offers (e.g. "most urgent first"); the select still names it
  if (!data.some((d) => d.value === sort)) data.unshift({ value: sort, label: t('list.sortOther') });
  return (
    <Select
      label={t('list.sort')}
      data={data}
      value={sort}
      onChange={(v) => v && onSort(v)}
      allowDeselect={false}
      mb="sm"
      data-testid="card-sort"
    />
  );
}

interface CardsProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  testId?: string;
  ariaLabel?: string;
  /** Click, Enter and the accessible name of a card that opens its record (the table row's props). */
  openProps: (row: T) => Record<string, unknown>;
  /** `data-*` attributes of a row (test ids), carried over to its card. */
  dataProps: (row: T) => Record<string, string>;
}

/**
 * The rows as cards on a phone: the primary column as the card's title, every other column as a label/value
 * pair in two columns, so nothing scrolls sideways; columns without a label (actions) follow in one row.
 */
export function RecordCards<T>({ rows, columns, rowKey, testId, ariaLabel, openProps, dataProps }: CardsProps<T>) {
  const primary = columns.find((c) => c.primary) ?? columns.find((c) => c.inCard !== false);
  const rest = columns.filter((c) => c !== primary && c.inCard !== false);
  // a column without a label (an action) goes under the pairs, outside the list of terms
  const labelled = rest.filter((c) => columnLabel(c));
  const unlabelled = rest.filter((c) => !columnLabel(c));
  return (
    <Stack
      component="ul"
      gap="xs"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      data-testid={testId}
      data-layout="cards"
      aria-label={ariaLabel}
    >
      {rows.map((row) => (
        <Paper
          key={rowKey(row)}
          component="li"
          withBorder
          p="sm"
          className="nenner-card"
          data-testid="record-card"
          {...dataProps(row)}
          {...openProps(row)}
        >
          {primary && (
            <Text component="div" fw={600} className="nenner-card-title" style={{ overflowWrap: 'anywhere' }}>
              {primary.cell(row)}
            </Text>
          )}
          {labelled.length > 0 && (
            <SimpleGrid component="dl" cols={2} spacing="sm" verticalSpacing={6} m={0} mt={6}>
              {labelled.map((c) => (
                <div key={c.key} style={{ minWidth: 0 }}>
                  <Text component="dt" size="xs" c="dimmed">
                    {columnLabel(c)}
                  </Text>
                  <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                    {c.cell(row)}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
          )}
          {unlabelled.length > 0 && (
            <Group gap="xs" mt="xs" data-testid="card-actions">
              {unlabelled.map((c) => (
                <div key={c.key}>{c.cell(row)}</div>
              ))}
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
