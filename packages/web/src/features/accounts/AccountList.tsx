import { Badge, Button, Group, Paper, Select, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { type accountSorts, can, contract } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccountList } from '../../api/records';
import { OwnerName } from '../../components/DepartmentBadge';
import { FilterBar, PageHeader, SearchBox } from '../../components/ListControls';
import { OwnerFilter } from '../../components/OwnerFilter';
import { RecordTable } from '../../components/RecordTable';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { ExportButton } from '../exports/ExportButton';
import { PilotBadge } from '../projects/ProjectParts';
import { CoverageFigure } from '../teams/CoverageFigure';
import { TeamSelect } from '../teams/TeamSelect';
import { AccountCreateModal } from './AccountCreateModal';
import type { AccountPair, AccountsSearch } from './accountsSearch';

type AccountSort = (typeof accountSorts)[number];

/** The account list; the team, pair and open-deal filters live in the address so links can set them. */
export function AccountList({ search: linked = {} }: { search?: AccountsSearch }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [ownerId, setOwnerId] = useState('');
  const [country, setCountry] = useState('');
  const [sort, setSort] = useState<AccountSort>('name');
  const [createOpen, createModal] = useDisclosure(false);
  const countryFilter = /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
  const query = {
    q: q || undefined,
    ownerId: ownerId || undefined,
    country: countryFilter,
    pair: linked.pair,
    teamId: linked.teamId,
    openDeals: linked.openDeals ? ('true' as const) : undefined,
    sort,
  };
  const list = useAccountList(query);
  const setFilter = (next: AccountsSearch) =>
    void navigate({ to: '/accounts', search: { ...linked, ...next }, replace: true });
  const filtered = Boolean(q || ownerId || countryFilter || linked.pair || linked.teamId || linked.openDeals);
  const date = (iso: string) => formatDate(iso, i18n.language, me.timeZone);

  return (
    <>
      <PageHeader title={t('account.title')}>
        <CoverageFigure teamId={linked.teamId} compact />
        <ExportButton endpoint={contract.exportAccounts} filters={query} />
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={createModal.open}
          disabled={!can(me, 'records.write')}
        >
          {t('account.new')}
        </Button>
      </PageHeader>
      <Paper withBorder p="md">
        <FilterBar
          active={filtered}
          count={[ownerId, countryFilter, linked.teamId, linked.pair, linked.openDeals].filter(Boolean).length}
          onClear={() => {
            setSearch('');
            setOwnerId('');
            setCountry('');
            void navigate({ to: '/accounts', search: {}, replace: true });
          }}
        >
          <SearchBox value={search} onChange={setSearch} placeholder={t('account.searchPlaceholder')} />
          <OwnerFilter value={ownerId} onChange={setOwnerId} meId={me.id} />
          <TextInput
            label={t('account.country')}
            placeholder={t('account.allCountries')}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value.slice(0, 2))}
            w={{ base: '100%', sm: 130 }}
          />
          <TeamSelect
            placeholder={t('teams.allTeams')}
            value={linked.teamId ?? null}
            onChange={(teamId) => setFilter({ teamId: teamId ?? undefined })}
            w={{ base: '100%', sm: 200 }}
          />
          <Select
            label={t('accountFilters.pair')}
            data={[
              { value: '', label: t('accountFilters.pairAll') },
              { value: 'both', label: t('accountFilters.pairBoth') },
              { value: 'missing_partner', label: t('accountFilters.pairMissingPartner') },
            ]}
            value={linked.pair ?? ''}
            onChange={(v) => setFilter({ pair: (v || undefined) as AccountPair | undefined })}
            allowDeselect={false}
            w={{ base: '100%', sm: 230 }}
            data-testid="account-filter-pair"
          />
          <Switch
            label={t('accountFilters.openDeals')}
            checked={Boolean(linked.openDeals)}
            onChange={(e) => setFilter({ openDeals: e.currentTarget.checked || undefined })}
            mb={8}
          />
        </FilterBar>
        <RecordTable
          list={list}
          rowKey={(a) => a.id}
          minWidth={960}
          striped={false}
          verticalSpacing="sm"
          skeletonRows={8}
          empty={filtered ? t('common.noResults') : t('account.empty')}
          sort={sort}
          onSort={(s) => setSort(s as AccountSort)}
          onOpen={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })}
          openLabel={(a) => t('common.openRecord', { name: a.name })}
          columns={[
            {
              key: 'name',
              header: t('account.name'),
              sortField: 'name',
              cell: (a) => (
                <>
                  <Group gap={6} wrap="nowrap">
                    <Text fw={500}>{a.name}</Text>
                    {a.pilot && <PilotBadge pilot={a.pilot} />}
                  </Group>
                  {a.domain && (
                    <Text size="xs" c="dimmed">
                      {a.domain}
                    </Text>
                  )}
                </>
              ),
            },
            { key: 'industry', header: t('account.industry'), cell: (a) => a.industry ?? '–' },
            {
              key: 'city',
              header: t('account.city'),
              cell: (a) => (
                <>
                  {a.city ?? '–'}
                  {a.country && (
                    <Badge ml={6} size="xs" variant="outline" color="gray">
                      {a.country}
                    </Badge>
                  )}
                </>
              ),
            },
            { key: 'owner', header: t('common.owner'), cell: (a) => <OwnerName owner={a.owner} /> },
            {
              key: 'partner',
              header: t('account.marketingPartner'),
              cell: (a) => <OwnerName owner={a.marketingPartner} />,
            },
            {
              key: 'team',
              header: t('teams.team'),
              cell: (a) =>
                a.team ? (
                  <Link
                    to="/teams/$teamId"
                    params={{ teamId: a.team.id }}
                    className="nenner-link"
                    onClick={(e) => e.stopPropagation()}
                  >
                    {a.team.name}
                  </Link>
                ) : (
                  '–'
                ),
            },
            { key: 'updatedAt', header: t('common.updatedAt'), sortField: 'updatedAt', cell: (a) => date(a.updatedAt) },
            { key: 'createdAt', header: t('common.createdAt'), sortField: 'createdAt', cell: (a) => date(a.createdAt) },
          ]}
        />
      </Paper>
      {createOpen && <AccountCreateModal opened={createOpen} onClose={createModal.close} />}
    </>
  );
}
