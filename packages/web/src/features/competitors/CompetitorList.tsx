import { Anchor, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CreateCompetitorInput, can } from '@nenner/shared';
import { IconPlus, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form/FormModal';
import { useRecordForm } from '../../components/form/useRecordForm';
import { PageHeader, SearchBox } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useCompetitorList, useCreateCompetitor } from './useCompetitors';

function CreateCompetitorModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCompetitor();
  const form = useRecordForm({
    initialValues: { name: '', website: '' },
    toInput: ({ name, website }): CreateCompetitorInput => ({ name, website: website.trim() || null }),
    schema: CreateCompetitorInput,
    error: create.error,
  });
  return (
    <FormModal
      title={t('competitors.createTitle')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      onCreated={(c) => void navigate({ to: '/competitors/$competitorId', params: { competitorId: c.id } })}
      size="md"
      centered
      submitDisabled={!form.values.name.trim()}
      problemBelow
    >
      <TextInput label={t('competitors.name')} required maxLength={200} data-autofocus {...form.field('name')} />
      <TextInput type="url" label={t('competitors.website')} placeholder="https://" {...form.field('website')} />
    </FormModal>
  );
}

/** Wettbewerber: who we meet in deals, how often we win against them, and how useful their battlecard is. */
export function CompetitorList() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState(false);
  const list = useCompetitorList(q);
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <>
      <PageHeader title={t('competitors.title')}>
        <SearchBox value={search} onChange={setSearch} placeholder={t('competitors.searchPlaceholder')} />
        {can(me, 'competitors.edit') && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('competitors.new')}
          </Button>
        )}
      </PageHeader>
      <Paper withBorder p="md">
        <RecordTable
          list={list}
          rowKey={(c) => c.id}
          minWidth={720}
          empty={q ? t('common.noResults') : t('competitors.empty')}
          columns={[
            {
              key: 'name',
              header: t('competitors.name'),
              cell: (c) => (
                <Link to="/competitors/$competitorId" params={{ competitorId: c.id }} className="nenner-link">
                  {c.name}
                </Link>
              ),
            },
            {
              key: 'website',
              header: t('competitors.website'),
              cell: (c) =>
                c.website && (
                  <Anchor href={c.website} target="_blank" rel="noopener noreferrer" size="sm">
                    {c.website.replace(/^https?:\/\//, '')}
                  </Anchor>
                ),
            },
            { key: 'open', header: t('competitors.openDeals'), align: 'right', cell: (c) => n(c.deals.open) },
            { key: 'won', header: t('competitors.won'), align: 'right', cell: (c) => n(c.deals.won) },
            { key: 'lost', header: t('competitors.lost'), align: 'right', cell: (c) => n(c.deals.lost) },
            {
              key: 'rating',
              header: t('competitors.battlecardRating'),
              cell: (c) => (
                <Group gap={10}>
                  <Text size="sm" aria-label={t('competitors.helpfulCount', { count: c.ratings.helpful })}>
                    <IconThumbUp size={14} aria-hidden /> {n(c.ratings.helpful)}
                  </Text>
                  <Text size="sm" aria-label={t('competitors.outdatedCount', { count: c.ratings.outdated })}>
                    <IconThumbDown size={14} aria-hidden /> {n(c.ratings.outdated)}
                  </Text>
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      {creating && <CreateCompetitorModal onClose={() => setCreating(false)} />}
    </>
  );
}
