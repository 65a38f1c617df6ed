import { Alert, Badge, Button, Group, Paper, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type Campaign, campaignChannels, campaignStatuses } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore, PageHeader, SearchBox } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDay, formatMoney, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { CampaignCreateModal } from './CampaignCreateModal';
import { budgetShare } from './campaignMath';
import { useCampaignList } from './useCampaigns';

/** Viewers read; members and admins may plan campaigns. */
export const canCreateCampaigns = (me: { role: string }) => me.role !== 'viewer';

/** As the server decides: admins, the campaign's owner and the people of its department change it. */
export const canManageCampaign = (
  me: { id: string; role: string; department: string },
  c: Pick<Campaign, 'owner' | 'department'>,
): boolean =>
  me.role === 'admin' || (me.role !== 'viewer' && (c.owner?.id === me.id || c.department === me.department));

const statusColor: Record<Campaign['status'], string> = {
  planned: 'gray',
  active: 'teal',
  completed: 'indigo',
  cancelled: 'red',
};

export function CampaignStatusBadge({ status }: { status: Campaign['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} size="sm">
      {t(`campaigns.statusName.${status}`)}
    </Badge>
  );
}

/** "01.03.2027 – 31.03.2027", "ab 01.03.2027", "bis …" or "ohne Zeitraum". */
export const campaignPeriod = (c: Pick<Campaign, 'startDate' | 'endDate'>, t: TFunction, lng: string): string => {
  const from = c.startDate ? formatDay(c.startDate, lng) : null;
  const to = c.endDate ? formatDay(c.endDate, lng) : null;
  if (from && to) return t('campaigns.period', { from, to });
  if (from) return t('campaigns.periodFrom', { date: from });
  if (to) return t('campaigns.periodUntil', { date: to });
  return t('campaigns.noPeriod');
};

/** Actual cost against the budget, with a bar that turns orange past the budget. */
export function CostVsBudget({ campaign }: { campaign: Pick<Campaign, 'actualCost' | 'budget' | 'currency'> }) {
  const { t, i18n } = useTranslation();
  const share = budgetShare(campaign.actualCost, campaign.budget);
  const money = (x: number) => formatMoney(x, campaign.currency, i18n.language, true);
  return (
    <Stack gap={2} miw={140}>
      <Text size="sm">
        {money(campaign.actualCost)}{' '}
        <Text span size="xs" c="dimmed">
          {share === null ? t('campaigns.noBudget') : t('campaigns.ofBudget', { budget: money(campaign.budget) })}
        </Text>
      </Text>
      {share !== null && (
        <Progress
          value={Math.min(100, share * 100)}
          color={share > 1 ? 'orange' : 'indigo'}
          size="xs"
          aria-label={t('campaigns.budgetUsed')}
        />
      )}
    </Stack>
  );
}

/** Aktionen: every campaign with its channel, period, owner, money spent against budget and audience size. */
export function CampaignList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useCampaignList({ q: q || undefined, status: status || undefined, channel: channel || undefined });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || status || channel);
  return (
    <>
      <PageHeader title={t('campaigns.title')}>
        {canCreateCampaigns(me) && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="campaign-new"
          >
            {t('campaigns.new')}
          </Button>
        )}
      </PageHeader>
      <Paper withBorder p="md">
        <Group align="flex-end" mb="md" wrap="wrap">
          <SearchBox value={search} onChange={setSearch} placeholder={t('campaigns.searchPlaceholder')} />
          <Select
            label={t('campaigns.status')}
            data={[
              { value: '', label: t('campaigns.allStatuses') },
              ...campaignStatuses.map((s) => ({ value: s, label: t(`campaigns.statusName.${s}`) })),
            ]}
            value={status}
            onChange={(v) => setStatus(v ?? '')}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
          />
          <Select
            label={t('campaigns.channel')}
            data={[
              { value: '', label: t('campaigns.allChannels') },
              ...campaignChannels.map((c) => ({ value: c, label: t(`campaigns.channelName.${c}`) })),
            ]}
            value={channel}
            onChange={(v) => setChannel(v ?? '')}
            allowDeselect={false}
            w={{ base: '100%', sm: 200 }}
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                setStatus('');
                setChannel('');
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
          <TableSkeleton rows={5} />
        ) : rows.length === 0 ? (
          <EmptyState>{filtered ? t('common.noResults') : t('campaigns.empty')}</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="campaign-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('campaigns.name')}</Table.Th>
                    <Table.Th>{t('campaigns.channel')}</Table.Th>
                    <Table.Th>{t('campaigns.status')}</Table.Th>
                    <Table.Th>{t('campaigns.dates')}</Table.Th>
                    <Table.Th>{t('common.owner')}</Table.Th>
                    <Table.Th>{t('campaigns.costVsBudget')}</Table.Th>
                    <Table.Th ta="right">{t('campaigns.memberCount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Link to="/campaigns/$campaignId" params={{ campaignId: c.id }} className="nenner-link">
                          {c.name}
                        </Link>
                      </Table.Td>
                      <Table.Td>{t(`campaigns.channelName.${c.channel}`)}</Table.Td>
                      <Table.Td>
                        <CampaignStatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{campaignPeriod(c, t, lng)}</Text>
                      </Table.Td>
                      <Table.Td>{c.owner?.name ?? t('common.noOwner')}</Table.Td>
                      <Table.Td>
                        <CostVsBudget campaign={c} />
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(c.memberCount, lng)}</Table.Td>
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
      {creating && <CampaignCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
