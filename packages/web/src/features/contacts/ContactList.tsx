import { Button, Paper, Select } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { can, contract, lifecycleStages } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ContactQuery, useContactList } from '../../api/records';
import { FilterBar, PageHeader, SearchBox } from '../../components/ListControls';
import { OwnerFilter } from '../../components/OwnerFilter';
import { useMe } from '../auth/useAuth';
import { ExportButton } from '../exports/ExportButton';
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
  const query = {
    q: q || undefined,
    ownerId: ownerId || undefined,
    lifecycleStage: (stage || undefined) as ContactQuery['lifecycleStage'],
    sort,
  };
  const list = useContactList(query);
  const filtered = Boolean(q || ownerId || stage);

  return (
    <>
      <PageHeader title={t('contact.title')}>
        <ExportButton endpoint={contract.exportContacts} filters={query} />
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={createModal.open}
          disabled={!can(me, 'records.write')}
        >
          {t('contact.new')}
        </Button>
      </PageHeader>
      <Paper withBorder p="md">
        <ContactTable
          list={list}
          sort={sort}
          onSort={setSort}
          skeletonRows={8}
          empty={filtered ? t('common.noResults') : t('contact.empty')}
          filters={
            <FilterBar
              active={filtered}
              count={[ownerId, stage].filter(Boolean).length}
              onClear={() => {
                setSearch('');
                setOwnerId('');
                setStage('');
              }}
            >
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
            </FilterBar>
          }
        />
      </Paper>
      {createOpen && <ContactCreateModal opened={createOpen} onClose={createModal.close} />}
    </>
  );
}
