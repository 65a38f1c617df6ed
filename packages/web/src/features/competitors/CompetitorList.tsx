import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { can } from '@nenner/shared';
import { IconPlus, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore, PageHeader, SearchBox } from '../../components/ListControls';
import { errorMessage, notifySuccess } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
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
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
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
        {list.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, list.error)}
          </Alert>
        ) : list.isPending ? (
          <TableSkeleton rows={5} />
        ) : rows.length === 0 ? (
          <EmptyState>{q ? t('common.noResults') : t('competitors.empty')}</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('competitors.name')}</Table.Th>
                    <Table.Th>{t('competitors.website')}</Table.Th>
                    <Table.Th ta="right">{t('competitors.openDeals')}</Table.Th>
                    <Table.Th ta="right">{t('competitors.won')}</Table.Th>
                    <Table.Th ta="right">{t('competitors.lost')}</Table.Th>
                    <Table.Th>{t('competitors.battlecardRating')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Link to="/competitors/$competitorId" params={{ competitorId: c.id }} className="nenner-link">
                          {c.name}
                        </Link>
                      </Table.Td>
                      <Table.Td>
                        {c.website && (
                          <Anchor href={c.website} target="_blank" rel="noopener noreferrer" size="sm">
                            {c.website.replace(/^https?:\/\//, '')}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{n(c.deals.open)}</Table.Td>
                      <Table.Td ta="right">{n(c.deals.won)}</Table.Td>
                      <Table.Td ta="right">{n(c.deals.lost)}</Table.Td>
                      <Table.Td>
                        <Group gap={10}>
                          <Text size="sm" aria-label={t('competitors.helpfulCount', { count: c.ratings.helpful })}>
                            <IconThumbUp size={14} aria-hidden /> {n(c.ratings.helpful)}
                          </Text>
                          <Text size="sm" aria-label={t('competitors.outdatedCount', { count: c.ratings.outdated })}>
                            <IconThumbDown size={14} aria-hidden /> {n(c.ratings.outdated)}
                          </Text>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore
              shown={rows.length}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoad={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Paper>
      {creating && <CreateCompetitorModal onClose={() => setCreating(false)} />}
    </>
  );
}
