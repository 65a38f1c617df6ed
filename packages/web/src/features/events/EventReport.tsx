import { Alert, Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Event, EventReport as Report } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format';
import { formatRoi } from '../campaigns/campaignMath';
import { eventErrorMessage } from './eventErrors';
import { useEventReport } from './useEvents';

function Figure({ label, value, note, testId }: { label: string; value: ReactNode; note?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={650} lh={1.3} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
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

/** Who came, whose invitations worked, and what the event's campaign brought and cost per attendee. */
function ReportView({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const n = (x: number) => formatNumber(x, lng);
  const c = report.counts;
  const money = (x: number) => formatMoney(x, report.campaign.currency, lng);
  const model = t('campaigns.byModel', { model: t(`campaigns.model.${report.campaign.model}`) });
  return (
    <Stack gap="lg" data-testid="event-report">
      <section aria-labelledby="report-counts-title">
        <Title order={3} size="h5" id="report-counts-title" mb="xs">
          {t('events.report.counts')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm">
          <Figure label={t('events.report.invited')} value={n(c.invited)} testId="report-invited" />
          <Figure label={t('events.report.registered')} value={n(c.registered)} testId="report-registered" />
          <Figure label={t('events.registrationStatus.confirmed')} value={n(c.confirmed)} testId="report-confirmed" />
          <Figure
            label={t('events.registrationStatus.waitlisted')}
            value={n(c.waitlisted)}
            testId="report-waitlisted"
          />
          <Figure label={t('events.registrationStatus.cancelled')} value={n(c.cancelled)} testId="report-cancelled" />
          <Figure label={t('events.registrationStatus.attended')} value={n(c.attended)} testId="report-attended" />
          <Figure
            label={t('events.report.noShowRate')}
            value={formatPercent(c.noShowRate, lng)}
            note={
              c.noShowRate === null
                ? t('events.report.noShowRateLater')
                : t('events.report.noShows', { count: c.noShow })
            }
            testId="report-no-show-rate"
          />
        </SimpleGrid>
      </section>
      <section aria-labelledby="report-reps-title">
        <Title order={3} size="h5" id="report-reps-title" mb="xs">
          {t('events.report.byRep')}
        </Title>
        {report.byRep.length === 0 ? (
          <EmptyState>{t('events.report.noReps')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="report-by-rep">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('events.report.rep')}</Table.Th>
                  <Table.Th ta="right">{t('events.report.invitations')}</Table.Th>
                  <Table.Th ta="right">{t('events.report.registered')}</Table.Th>
                  <Table.Th ta="right">{t('events.registrationStatus.attended')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.byRep.map((r) => (
                  <Table.Tr key={r.rep.id}>
                    <Table.Td>{r.rep.name}</Table.Td>
                    <Table.Td ta="right">{n(r.invitations)}</Table.Td>
                    <Table.Td ta="right">{n(r.registrations)}</Table.Td>
                    <Table.Td ta="right">{n(r.attended)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
      <section aria-labelledby="report-campaign-title">
        <Title order={3} size="h5" id="report-campaign-title">
          {t('events.report.campaign')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('events.report.campaignIntro')}{' '}
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link to="/campaigns/$campaignId" params={{ campaignId: report.campaign.id }} {...props} />
            )}
          >
            {report.campaign.name}
          </Anchor>
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Figure label={t('campaigns.kpi.leads')} value={n(report.campaign.leads)} testId="report-leads" />
          <Figure label={t('campaigns.kpi.mqls')} value={n(report.campaign.mqls)} testId="report-mqls" />
          <Figure
            label={t('campaigns.kpi.pipeline')}
            value={money(report.campaign.attributedPipeline)}
            note={model}
            testId="report-pipeline"
          />
          <Figure
            label={t('campaigns.kpi.revenue')}
            value={money(report.campaign.attributedRevenue)}
            note={model}
            testId="report-revenue"
          />
          <Figure label={t('campaigns.kpi.cost')} value={money(report.campaign.actualCost)} testId="report-cost" />
          <Figure
            label={t('events.report.costPerAttendee')}
            value={report.costPerAttendee === null ? '—' : money(report.costPerAttendee)}
            note={report.costPerAttendee === null ? t('events.report.costPerAttendeeLater') : undefined}
            testId="report-cost-per-attendee"
          />
          <Figure label={t('campaigns.kpi.roi')} value={formatRoi(report.campaign.roi, lng)} testId="report-roi" />
        </SimpleGrid>
        {report.campaign.otherCurrencies.length > 0 && (
          // deals in other currencies credited to the campaign: named, never dropped silently
          <Text size="xs" c="dimmed" mt="xs" data-testid="report-other-currencies">
            {t('figures.otherCurrencies', {
              list: report.campaign.otherCurrencies
                .map((o) =>
                  t('figures.pipelineRevenue', {
                    pipeline: formatMoney(o.pipeline, o.currency, lng),
                    revenue: formatMoney(o.revenue, o.currency, lng),
                  }),
                )
                .join(' · '),
            })}{' '}
            {t('campaigns.kpi.otherCurrenciesNotInRoi', { currency: report.campaign.currency })}
          </Text>
        )}
      </section>
    </Stack>
  );
}

/** Bericht: read again each time it opens. */
export function EventReportPanel({ event }: { event: Event }) {
  const { t } = useTranslation();
  const report = useEventReport(event.id);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-report-title">
      <Title order={2} size="h4" id="event-report-title" mb="sm">
        {t('events.report.title')}
      </Title>
      {report.isError ? (
        <Alert color="red" role="alert">
          {eventErrorMessage(t, report.error)}
        </Alert>
      ) : report.isPending ? (
        <TableSkeleton rows={4} />
      ) : (
        <ReportView report={report.data} />
      )}
    </Paper>
  );
}
