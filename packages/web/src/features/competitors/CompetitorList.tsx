import { Anchor, Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { can } from '@nenner/shared';
import { IconPlus, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PageHeader, SearchBox } from '../../components/ListControls';
import { errorMessage, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useCompetitorList, useCreateCompetitor } from './useCompetitors';

function CreateCompetitorModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCompetitor();
  const [name, setName] = useState('');
  const [website, setWebsite] = useState('');
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={t('competitors.createTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name, website: website.trim() || null },
            {
              onSuccess: (c) => {
                notifySuccess(t('common.created'));
                onClose();
                void navigate({ to: '/competitors/$competitorId', params: { competitorId: c.id } });
              },
            },
          );
        }}
      >
        <Stack>
          <TextInput
            label={t('competitors.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={200}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            type="url"
            label={t('competitors.website')}
            placeholder="https://"
            value={website}
            onChange={(e) => setWebsite(e.currentTarget.value)}
            error={errors.website}
          />
          {create.isError && Object.keys(errors).length === 0 && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(t, create.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
