import { Paper, Title } from '@mantine/core';
import type { Competitor } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DealTable } from '../deals/DealList';
import { useDealList } from '../deals/useDeals';

/** The deals this competitor is in, the latest first. */
export function CompetitorDeals({ competitor }: { competitor: Competitor }) {
  const { t } = useTranslation();
  const deals = useDealList({ competitorId: competitor.id, sort: '-updatedAt' });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="competitor-deals-title">
      <Title order={2} size="h4" id="competitor-deals-title" mb="xs">
        {t('competitors.deals')}
      </Title>
      <DealTable list={deals} paging="none" skeletonRows={2} empty={t('competitors.noDeals')} />
    </Paper>
  );
}
