import { Alert, Box, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Campaign, CampaignResults } from '@nenner/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatNumber, formatPercent } from '../../i18n/format';
import { reasonLabel, useRejectReasons } from '../leads/useLeads';
import { formatCampaignMoney, formatRoi, roiColor } from './campaignMath';
import { useCampaignResults } from './useCampaigns';

function Kpi({ label, value, note, testId }: { label: string; value: ReactNode; note?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text fz={20} fw={650} lh={1.3} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

/** What the campaign cost and brought: costs, funnel counts, cost per stage, attributed money and ROI. */
function Figures({ campaign, r }: { campaign: Campaign; r: CampaignResults }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const money = (x: number) => formatCampaignMoney(x, campaign.currency, lng);
  const perStage = (x: number | null) => (x === null ? '—' : money(x));
  const n = (x: number) => formatNumber(x, lng);
  const model = t('campaigns.byModel', { model: t(`campaigns.model.${r.model}`) });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Kpi
          label={t('campaigns.kpi.cost')}
          value={money(r.actualCost)}
          note={
            campaign.budget > 0 ? t('campaigns.ofBudget', { budget: money(campaign.budget) }) : t('campaigns.noBudget')
          }
          testId="kpi-cost"
        />
        <Kpi
          label={t('campaigns.kpi.leads')}
          value={n(r.leads)}
          note={campaign.expectedLeads !== null ? t('campaigns.kpi.goal', { n: n(campaign.expectedLeads) }) : undefined}
          testId="kpi-leads"
        />
        <Kpi label={t('campaigns.kpi.mqls')} value={n(r.mqls)} testId="kpi-mqls" />
        <Kpi label={t('campaigns.kpi.sqls')} value={n(r.sqls)} testId="kpi-sqls" />
        <Kpi label={t('campaigns.kpi.costPerLead')} value={perStage(r.costPerLead)} testId="kpi-cost-per-lead" />
        <Kpi label={t('campaigns.kpi.costPerMql')} value={perStage(r.costPerMql)} testId="kpi-cost-per-mql" />
        <Kpi label={t('campaigns.kpi.costPerSql')} value={perStage(r.costPerSql)} testId="kpi-cost-per-sql" />
        <Kpi
          label={t('campaigns.kpi.touchpoints')}
          value={n(r.touchpoints)}
          note={t('campaigns.kpi.touchpointsHint')}
          testId="kpi-touchpoints"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Kpi
          label={t('campaigns.kpi.pipeline')}
          value={money(r.attributedPipeline)}
          note={
            campaign.expectedPipeline !== null
              ? `${model} · ${t('campaigns.kpi.goal', { n: money(campaign.expectedPipeline) })}`
              : model
          }
          testId="attributed-pipeline"
        />
        <Kpi
          label={t('campaigns.kpi.revenue')}
          value={money(r.attributedRevenue)}
          note={model}
          testId="attributed-revenue"
        />
        <Kpi
          label={t('campaigns.kpi.roi')}
          value={
            <Text span inherit c={roiColor(r.roi) === 'gray' ? undefined : roiColor(r.roi)}>
              {formatRoi(r.roi, lng)}
            </Text>
          }
          note={r.roi === null ? t('campaigns.kpi.roiNoCosts') : t('campaigns.kpi.roiHint')}
          testId="campaign-roi"
        />
      </SimpleGrid>
      {r.otherCurrencies.length > 0 && (
        // deals in other currencies credited to this campaign: named beside its own, never dropped silently
        <Text size="xs" c="dimmed" data-testid="campaign-other-currencies">
          {t('figures.otherCurrencies', {
            list: r.otherCurrencies
              .map((o) =>
                t('figures.pipelineRevenue', {
                  pipeline: formatCampaignMoney(o.pipeline, o.currency, lng),
                  revenue: formatCampaignMoney(o.revenue, o.currency, lng),
                }),
              )
              .join(' · '),
          })}{' '}
          {t('campaigns.kpi.otherCurrenciesNotInRoi', { currency: campaign.currency })}
        </Text>
      )}
    </Stack>
  );
}

/** Sales' verdict on the campaign's leads: feedback for the next campaign, not a score of anyone. */
function SalesVerdict({ r }: { r: CampaignResults }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const reasons = useRejectReasons();
  const h = r.handoffs;
  const n = (x: number) => formatNumber(x, lng);
  const share = (x: number) => (h.total > 0 ? formatPercent(x / h.total, lng) : '–');
  const rows = [
    ['accepted', h.accepted, 'teal'],
    ['rejected', h.rejected, 'orange'],
    ['open', h.open, 'gray'],
    ['converted', h.converted, 'indigo'],
  ] as const;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="verdict-title" data-testid="sales-verdict">
      <Title order={2} size="h4" id="verdict-title">
        {t('campaigns.verdict.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('campaigns.verdict.intro')}
      </Text>
      {h.total === 0 ? (
        <EmptyState>{t('campaigns.verdict.none')}</EmptyState>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('campaigns.verdict.total', { count: h.total })}</Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {rows.map(([key, value, color]) => (
              <Box key={key} pl="sm" style={{ borderLeft: `3px solid var(--mantine-color-${color}-5)` }}>
                <Text size="xs" c="dimmed">
                  {t(`campaigns.verdict.${key}`)}
                </Text>
                <Text fw={650} data-testid={`verdict-${key}`}>
                  {n(value)}{' '}
                  <Text span size="xs" c="dimmed">
                    {share(value)}
                  </Text>
                </Text>
              </Box>
            ))}
          </SimpleGrid>
          {h.rejectReasons.length > 0 && (
            <div>
              <Text size="sm" fw={600} mb={4} id="verdict-reasons">
                {t('campaigns.verdict.reasons')}
              </Text>
              <Table verticalSpacing={4} aria-labelledby="verdict-reasons">
                <Table.Tbody>
                  {h.rejectReasons.map((x) => (
                    <Table.Tr key={x.reason}>
                      <Table.Td>{reasonLabel(reasons.data?.value, x.reason, lng) || x.reason}</Table.Td>
                      <Table.Td ta="right" w={80}>
                        {n(x.count)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** The campaign page's results block: figures on top, sales' verdict below. */
export function CampaignKpis({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const results = useCampaignResults(campaign.id);
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" component="section" aria-labelledby="results-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="results-title">
            {t('campaigns.kpi.title')}
          </Title>
        </Group>
        {results.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, results.error)}
          </Alert>
        ) : results.isPending ? (
          <TableSkeleton rows={3} />
        ) : (
          <Figures campaign={campaign} r={results.data} />
        )}
      </Paper>
      {results.data && <SalesVerdict r={results.data} />}
    </Stack>
  );
}
