import { Badge, Button, Paper, Progress, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type Campaign, campaignChannels, campaignStatuses, can, contract } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, PageHeader, SearchBox } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { formatDay, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { ExportButton } from '../exports/ExportButton';
import { CampaignCreateModal } from './CampaignCreateModal';
import { budgetShare, formatCampaignMoney } from './campaignMath';
import { useCampaignList } from './useCampaigns';

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
  const money = (x: number) => formatCampaignMoney(x, campaign.currency, i18n.language);
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
  const query = {
    q: q || undefined,
    status: (status || undefined) as Campaign['status'] | undefined,
    channel: (channel || undefined) as Campaign['channel'] | undefined,
  };
  const list = useCampaignList(query);
  const filtered = Boolean(q || status || channel);
  return (
    <>
      <PageHeader title={t('campaigns.title')}>
        <ExportButton endpoint={contract.exportCampaigns} filters={query} />
        {can(me, 'campaigns.create') && (
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
        <FilterBar
          active={filtered}
          count={[status, channel].filter(Boolean).length}
          onClear={() => {
            setSearch('');
            setStatus('');
            setChannel('');
          }}
        >
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
        </FilterBar>
        <RecordTable
          list={list}
          rowKey={(c) => c.id}
          testId="campaign-table"
          minWidth={900}
          empty={filtered ? t('common.noResults') : t('campaigns.empty')}
          columns={[
            {
              key: 'name',
              header: t('campaigns.name'),
              cell: (c) => (
                <Link to="/campaigns/$campaignId" params={{ campaignId: c.id }} className="nenner-link">
                  {c.name}
                </Link>
              ),
            },
            { key: 'channel', header: t('campaigns.channel'), cell: (c) => t(`campaigns.channelName.${c.channel}`) },
            { key: 'status', header: t('campaigns.status'), cell: (c) => <CampaignStatusBadge status={c.status} /> },
            {
              key: 'dates',
              header: t('campaigns.dates'),
              cell: (c) => <Text size="sm">{campaignPeriod(c, t, lng)}</Text>,
            },
            { key: 'owner', header: t('common.owner'), cell: (c) => c.owner?.name ?? t('common.noOwner') },
            { key: 'cost', header: t('campaigns.costVsBudget'), cell: (c) => <CostVsBudget campaign={c} /> },
            {
              key: 'members',
              header: t('campaigns.memberCount'),
              align: 'right',
              cell: (c) => formatNumber(c.memberCount, lng),
            },
          ]}
        />
      </Paper>
      {creating && <CampaignCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
