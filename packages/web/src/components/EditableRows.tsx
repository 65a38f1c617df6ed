import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moveBy, removeAt, replaceAt } from './lists';

/** How a field names itself: beside the input on a card, for screen readers in a table (the header shows it). */
export type RowLabel = { label: string } | { 'aria-label': string };

/** One field of a row: its label (also the column header in the table layout) and how it is drawn. */
export interface RowField<T> {
  key: string;
  label: string;
  miw?: number;
  render: (row: T, update: (patch: Partial<T>) => void, label: RowLabel) => ReactNode;
}

interface Props<T extends object> {
  rows: readonly T[];
  onChange: (rows: T[]) => void;
  fields: readonly RowField<T>[];
  rowKey: (row: T, index: number) => string | number;
  /** The row "add" appends. */
  newRow: () => T;
  addLabel: string;
  addDisabled?: boolean;
  /** `table`: a row per line, fields in cells; `cards`: a bordered card per row, fields side by side. */
  layout?: 'table' | 'cards';
  /** Table layout: a header line from the fields' labels. */
  withHeader?: boolean;
  /** Rows can be deleted (default); rows that are only switched off (reasons) set false. */
  removable?: boolean;
  /** Rows can be moved up and down, for lists whose order matters. */
  reorderable?: boolean;
  /** Cards layout: a numbered badge per row, labelled by this. */
  numberLabel?: (n: number) => string;
  /** Shown instead of the rows when there are none. */
  empty?: ReactNode;
  /** Shown under the rows, above "add". */
  hint?: ReactNode;
}

/**
 * The editable list every rule editor uses: rows of fields, add, delete, and reorder where order counts.
 * It holds no state: the rows come in and every change goes out whole through `onChange`.
 */
export function EditableRows<T extends object>({
  rows,
  onChange,
  fields,
  rowKey,
  newRow,
  addLabel,
  addDisabled,
  layout = 'table',
  withHeader = false,
  removable = true,
  reorderable = false,
  numberLabel,
  empty,
  hint,
}: Props<T>) {
  const { t } = useTranslation();
  const update = (i: number) => (patch: Partial<T>) => onChange(replaceAt(rows, i, patch));
  const hasControls = removable || reorderable;
  const controls = (i: number) => (
    <Group gap={2} wrap="nowrap">
      {reorderable && (
        <>
          <ActionIcon
            variant="subtle"
            aria-label={t('common.moveUp')}
            disabled={i === 0}
            onClick={() => onChange(moveBy(rows, i, -1))}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={t('common.moveDown')}
            disabled={i === rows.length - 1}
            onClick={() => onChange(moveBy(rows, i, 1))}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
        </>
      )}
      {removable && (
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('common.delete')}
          onClick={() => onChange(removeAt(rows, i))}
        >
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
  const add = (
    <Button
      size="xs"
      variant="light"
      w="fit-content"
      leftSection={<IconPlus size={14} aria-hidden />}
      disabled={addDisabled}
      onClick={() => onChange([...rows, newRow()])}
    >
      {addLabel}
    </Button>
  );
  const none =
    rows.length === 0 && empty ? (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    ) : null;

  if (layout === 'cards') {
    return (
      <Stack gap="sm">
        {none}
        {rows.map((r, i) => (
          <Paper key={rowKey(r, i)} withBorder p="sm">
            <Group align="flex-end" wrap="wrap">
              {numberLabel && (
                <Badge variant="light" aria-label={numberLabel(i + 1)}>
                  {i + 1}
                </Badge>
              )}
              {fields.map((f) => (
                <Fragment key={f.key}>{f.render(r, update(i), { label: f.label })}</Fragment>
              ))}
              {hasControls && controls(i)}
            </Group>
          </Paper>
        ))}
        {hint}
        {add}
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      {none ?? (
        <Table verticalSpacing={4}>
          {withHeader && (
            <Table.Thead>
              <Table.Tr>
                {fields.map((f) => (
                  <Table.Th key={f.key}>{f.label}</Table.Th>
                ))}
                {hasControls && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
          )}
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={rowKey(r, i)}>
                {fields.map((f) => (
                  <Table.Td key={f.key} miw={f.miw}>
                    {f.render(r, update(i), { 'aria-label': f.label })}
                  </Table.Td>
                ))}
                {hasControls && <Table.Td>{controls(i)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {hint}
      {add}
    </Stack>
  );
}
