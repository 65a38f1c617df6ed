import { Badge, Button, Collapse, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { Children, isValidElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from './useNarrow';

export function SearchBox({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      type="search"
      aria-label={t('common.search')}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={{ base: '100%', sm: 280 }}
    />
  );
}

export function LoadMore({
  shown,
  hasMore,
  loading,
  onLoad,
}: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.shown', { count: shown })}
        {!hasMore && shown > 0 ? ` · ${t('common.endOfList')}` : ''}
      </Text>
      {hasMore && (
        <Button variant="light" onClick={onLoad} loading={loading}>
          {t('common.loadMore')}
        </Button>
      )}
    </Group>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <Text component="h1" fz={26} fw={650}>
        {title}
      </Text>
      <Group>{children}</Group>
    </Group>
  );
}

/**
 * The filters above a list, and "clear filters" while any of them is set. On a phone the search box stays in
 * view and the other filters fold behind a "Filter" button that says how many are set (`count`; without it,
 * only that some are).
 */
export function FilterBar({
  active,
  count,
  onClear,
  children,
}: {
  active: boolean;
  /** How many of the filters behind the button (all but the search) are set. */
  count?: number;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [opened, fold] = useDisclosure(false);
  const foldId = useId();
  const clear = active && (
    <Button variant="subtle" onClick={onClear}>
      {t('common.clearFilters')}
    </Button>
  );
  if (!narrow) {
    return (
      <Group align="flex-end" mb="md" wrap="wrap">
        {children}
        {clear}
      </Group>
    );
  }
  // the search is what a phone uses most, so it never hides behind the button
  const all = Children.toArray(children);
  const search = all.filter((c) => isValidElement(c) && c.type === SearchBox);
  const rest = all.filter((c) => !search.includes(c));
  const shownCount = count ?? (active ? undefined : 0);
  return (
    <Stack gap="xs" mb="md" data-testid="filter-bar">
      {search}
      {rest.length > 0 && (
        <>
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconFilter size={16} aria-hidden />}
              rightSection={
                shownCount !== 0 && (
                  <Badge size="sm" circle aria-hidden>
                    {shownCount ?? '•'}
                  </Badge>
                )
              }
              onClick={fold.toggle}
              aria-expanded={opened}
              aria-controls={foldId}
              aria-label={
                shownCount === undefined
                  ? t('list.filterSet')
                  : shownCount > 0
                    ? t('list.filterCount', { count: shownCount })
                    : t('list.filter')
              }
              data-testid="filter-toggle"
            >
              {t('list.filter')}
            </Button>
            {clear}
          </Group>
          <Collapse expanded={opened} id={foldId}>
            <Stack gap="sm">{rest}</Stack>
          </Collapse>
        </>
      )}
      {rest.length === 0 && clear}
    </Stack>
  );
}
