import { Button, Group, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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

/** The filters above a list, and "clear filters" while any of them is set. */
export function FilterBar({
  active,
  onClear,
  children,
}: {
  active: boolean;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" mb="md" wrap="wrap">
      {children}
      {active && (
        <Button variant="subtle" onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
