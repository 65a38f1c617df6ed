import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props<S extends string> {
  field: string;
  label: string;
  sort: S;
  onSort: (sort: S) => void;
}

/** A column header that toggles the API's sort parameter between "field" and "-field". */
export function SortableTh<S extends string>({ field, label, sort, onSort }: Props<S>) {
  const { t } = useTranslation();
  const asc = sort === field;
  const desc = sort === `-${field}`;
  const Icon = asc ? IconChevronUp : desc ? IconChevronDown : IconSelector;
  return (
    <Table.Th aria-sort={asc ? 'ascending' : desc ? 'descending' : 'none'}>
      <UnstyledButton
        onClick={() => onSort((asc ? `-${field}` : field) as S)}
        aria-label={`${t('common.sortBy', { column: label })}${asc ? `, ${t('common.sortedAsc')}` : desc ? `, ${t('common.sortedDesc')}` : ''}`}
      >
        <Group gap={4} wrap="nowrap">
          <span>{label}</span>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
