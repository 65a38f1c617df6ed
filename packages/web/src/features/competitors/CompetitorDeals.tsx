import { Paper, Title } from '@mantine/core';
import type { Competitor } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { DealTable } from '../deals/DealList';
import { useDealList } from '../deals/useDeals';

/** The deals this competitor is in, the latest first. */
export function CompetitorDeals({ competitor }: { competitor: Competitor }) {
  const { t } = useTranslation();
  const deals = useDealList({ competitorId: competitor.id, sort: '-updatedAt' });
  const rows = deals.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="competitor-deals-title">
      <Title order={2} size="h4" id="competitor-deals-title" mb="xs">
        {t('competitors.deals')}
      </Title>
      {rows.length === 0 ? <EmptyState>{t('competitors.noDeals')}</EmptyState> : <DealTable rows={rows} />}
    </Paper>
  );
}
