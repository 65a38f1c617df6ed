import { Anchor, Grid, Stack } from '@mantine/core';
import type { Competitor } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DetailHeader, Fact } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { formatNumber } from '../../i18n/format';
import { Battlecard } from './Battlecard';
import { CompetitorDeals } from './CompetitorDeals';
import { CompetitorRatings } from './CompetitorRatings';
import { FieldIntel } from './FieldIntel';
import { useCompetitor } from './useCompetitors';

export function CompetitorDetail({ id }: { id: string }) {
  const c = useCompetitor(id);
  if (c.isPending) return <DetailSkeleton />;
  if (c.isError) return <DetailError error={c.error} />;
  return <CompetitorView competitor={c.data} onReload={() => void c.refetch()} />;
}

function CompetitorView({ competitor, onReload }: { competitor: Competitor; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <>
      <DetailHeader
        backTo="/competitors"
        backLabel={t('competitors.title')}
        title={competitor.name}
        facts={
          <>
            {competitor.website && (
              <Anchor href={competitor.website} target="_blank" rel="noopener noreferrer" size="sm">
                {competitor.website.replace(/^https?:\/\//, '')}
              </Anchor>
            )}
            <Fact>{t('competitors.openDealsFact', { count: competitor.deals.open })}</Fact>
            <Fact>
              <span data-testid="competitor-won">{t('competitors.wonFact', { n: n(competitor.deals.won) })}</span>
            </Fact>
            <Fact>
              <span data-testid="competitor-lost">{t('competitors.lostFact', { n: n(competitor.deals.lost) })}</span>
            </Fact>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Battlecard competitor={competitor} onReload={onReload} />
            <CompetitorDeals competitor={competitor} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <CompetitorRatings competitor={competitor} />
            <FieldIntel competitor={competitor} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
