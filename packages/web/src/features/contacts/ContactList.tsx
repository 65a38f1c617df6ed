import { Alert, Button, Group, Paper, Select } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { can, lifecycleStages } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordList } from '../../api/records';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore, OwnerFilter, PageHeader, SearchBox } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useMe } from '../auth/useAuth';
import { ContactCreateModal } from './ContactCreateModal';
import { type ContactSort, ContactTable } from './ContactTable';

export function ContactList() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [ownerId, setOwnerId] = useState('');
  const [stage, setStage] = useState('');
  const [sort, setSort] = useState<ContactSort>('lastName');
  const [createOpen, createModal] = useDisclosure(false);
  const list = useRecordList('contacts', {
    q: q || undefined,
    ownerId: ownerId || undefined,
    lifecycleStage: stage || undefined,
    sort,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || ownerId || stage);

  return (
    <>
      <PageHeader title={t('contact.title')}>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={createModal.open}
          disabled={!can(me, 'records.write')}
        >
          {t('contact.new')}
        </Button>
      </PageHeader>
      <Paper withBorder p="md">
        <Group align="flex-end" mb="md" wrap="wrap">
          <SearchBox value={search} onChange={setSearch} placeholder={t('contact.searchPlaceholder')} />
          <OwnerFilter value={ownerId} onChange={setOwnerId} meId={me.id} />
          <Select
            label={t('contact.lifecycleStage')}
            data={[
              { value: '', label: t('contact.allStages') },
              ...lifecycleStages.map((s) => ({ value: s, label: t(`stage.${s}`) })),
            ]}
            value={stage}
            onChange={(v) => setStage(v ?? '')}
            allowDeselect={false}
            w={{ base: '100%', sm: 200 }}
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                setOwnerId('');
                setStage('');
              }}
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
        {list.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, list.error)}
          </Alert>
        ) : list.isPending ? (
          <TableSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState>{filtered ? t('common.noResults') : t('contact.empty')}</EmptyState>
        ) : (
          <ContactTable rows={rows} sort={sort} onSort={setSort} />
        )}
        {rows.length > 0 && (
          <LoadMore
            shown={rows.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onLoad={() => void list.fetchNextPage()}
          />
        )}
      </Paper>
      {createOpen && <ContactCreateModal opened={createOpen} onClose={createModal.close} />}
    </>
  );
}
