import { Alert, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { SlaFigures } from '@nenner/shared';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, toQueryString } from '../../api/client';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { EmptyState } from '../../components/EmptyState';
import { DateField } from '../../components/fields';
import { PageHeader } from '../../components/ListControls';
import { errorMessage, notifyError } from '../../components/notify';
import { type ReportColumn, ReportTable } from '../../components/ReportTable';
import { formatHours, formatNumber, formatPercent } from '../../i18n/format';
import { isReportTab, type ReportTab } from '../analytics/reportTabs';
import { reasonLabel, useRejectReasons } from '../leads/useLeads';
import { SlaWeekChart, type WeekRow } from './SlaWeekChart';
import { WinLossView } from './WinLossView';

// The analytics tabs load when opened.
const AttributionView = lazy(() =>
  import('../analytics/AttributionView').then((m) => ({ default: m.AttributionView })),
);
const FunnelView = lazy(() => import('../analytics/FunnelView').then((m) => ({ default: m.FunnelView })));
const ContributionView = lazy(() =>
  import('../analytics/ContributionView').then((m) => ({ default: m.ContributionView })),
);
const AlignmentGauge = lazy(() => import('../goals/AlignmentGauge').then((m) => ({ default: m.AlignmentGauge })));

interface Group_ {
  key: string | null;
  name?: string | null;
  department?: string | null;
  figures: SlaFigures;
}
export interface SlaReport {
  from: string;
  to: string;
  timeZone: string;
  responseHours: number;
  totals: SlaFigures;
  funnel: { mql: number; sal: number; sql: number };
  rejectionReasons: { reason: string; count: number }[];
  weeks: WeekRow[];
  byAssignee: Group_[];
  byTeam: Group_[];
  bySource: Group_[];
  byForm: Group_[];
  byCampaign: Group_[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** This month, first to last day, in the browser's calendar. */
export const thisMonth = (now = new Date()) => ({
  from: isoDay(new Date(now.getFullYear(), now.getMonth(), 1)),
  to: isoDay(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
});

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid="kpi-value">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function FiguresTable({ rows, label }: { rows: Group_[]; label: (g: Group_) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  if (rows.length === 0) return <EmptyState>{t('reports.noRows')}</EmptyState>;
  const right = (key: string, header: string, cell: (f: SlaFigures) => string): ReportColumn<Group_> => ({
    key,
    header: t(header),
    align: 'right',
    cell: (g) => cell(g.figures),
  });
  const columns: ReportColumn<Group_>[] = [
    { key: 'group', header: t('reports.group'), cell: label },
    right('handoffs', 'reports.handoffs', (f) => formatNumber(f.handoffs, lng)),
    right('withinSlaRate', 'reports.withinSlaRate', (f) => formatPercent(f.withinSlaRate, lng)),
    right('median', 'reports.median', (f) => formatHours(f.medianResponseHours, lng)),
    right('p90', 'reports.p90', (f) => formatHours(f.p90ResponseHours, lng)),
    right('acceptanceRate', 'reports.acceptanceRate', (f) => formatPercent(f.acceptanceRate, lng)),
    right('rejected', 'reports.rejected', (f) => formatNumber(f.rejected, lng)),
    right('converted', 'reports.converted', (f) => formatNumber(f.converted, lng)),
  ];
  return (
    <ReportTable
      columns={columns}
      rows={rows}
      rowKey={(g) => g.key ?? '∅'}
      striped
      verticalSpacing="xs"
      minWidth={760}
    />
  );
}

/** Downloads the same report as CSV (the server renders it; Accept: text/csv). */
const downloadCsv = async (from: string, to: string) => {
  const res = await fetch(`/api/reports/sla${toQueryString({ from, to })}`, {
    headers: { Accept: 'text/csv' },
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(res.statusText);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `nenner-sla-${from}-${to}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** The SLA report: the same figures for marketing and sales, for a period of local dates. */
function SlaReportView() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [period, setPeriod] = useState(thisMonth);
  const [exporting, setExporting] = useState(false);
  const reasons = useRejectReasons();
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const report = useQuery({
    queryKey: ['reports', 'sla', period],
    queryFn: () => api<SlaReport>(`/reports/sla${toQueryString(period)}`),
    enabled: valid,
  });
  const r = report.data;
  const unknown = t('reports.unknown');
  return (
    <>
      <Group align="flex-start" mb="md">
        <DateField
          label={t('reports.from')}
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
          w={170}
          error={!valid ? true : undefined}
        />
        <DateField
          label={t('reports.to')}
          value={period.to}
          onChange={(to) => setPeriod((p) => ({ ...p, to }))}
          w={170}
          error={!valid ? t('reports.badPeriod') : undefined}
        />
        <Button
          mt={24}
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={exporting}
          disabled={!valid}
          onClick={() => {
            setExporting(true);
            downloadCsv(period.from, period.to)
              .catch((e: unknown) => notifyError(t, e))
              .finally(() => setExporting(false));
          }}
        >
          {t('reports.exportCsv')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('reports.intro')}
        {r && ` ${t('reports.contract', { hours: formatNumber(r.responseHours, lng), timeZone: r.timeZone })}`}
      </Text>
      {report.isError ? (
        <Alert color="red" role="alert">
          {isApiError(report.error) && report.error.status === 400
            ? t('reports.badPeriod')
            : errorMessage(t, report.error)}
        </Alert>
      ) : !r ? (
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} h={96} />
          ))}
        </SimpleGrid>
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
            <Kpi label={t('reports.handoffs')} value={formatNumber(r.totals.handoffs, lng)} />
            <Kpi
              label={t('reports.withinSlaRate')}
              value={formatPercent(r.totals.withinSlaRate, lng)}
              hint={t('reports.withinSlaHint', { within: r.totals.withinSla, judged: r.totals.judged })}
            />
            <Kpi
              label={t('reports.median')}
              value={formatHours(r.totals.medianResponseHours, lng)}
              hint={t('reports.businessHours')}
            />
            <Kpi
              label={t('reports.p90')}
              value={formatHours(r.totals.p90ResponseHours, lng)}
              hint={t('reports.businessHours')}
            />
            <Kpi
              label={t('reports.acceptanceRate')}
              value={formatPercent(r.totals.acceptanceRate, lng)}
              hint={t('reports.acceptanceHint', { accepted: r.totals.accepted, rejected: r.totals.rejected })}
            />
            <Kpi
              label={t('reports.funnel')}
              value={`${formatNumber(r.funnel.mql, lng)} → ${formatNumber(r.funnel.sal, lng)} → ${formatNumber(r.funnel.sql, lng)}`}
              hint={t('reports.funnelHint')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 3 }}>
            <Paper withBorder p="md" className="nenner-span-2-lg" component="section" aria-labelledby="chart-title">
              <Title order={2} size="h4" id="chart-title" mb="sm">
                {t('reports.weekly')}
              </Title>
              {r.weeks.length === 0 ? <EmptyState>{t('reports.noRows')}</EmptyState> : <SlaWeekChart weeks={r.weeks} />}
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="reasons-title">
              <Title order={2} size="h4" id="reasons-title" mb="sm">
                {t('reports.reasons')}
              </Title>
              {r.rejectionReasons.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('reports.noRejections')}
                </Text>
              ) : (
                <Table>
                  <Table.Tbody>
                    {r.rejectionReasons.map((x) => (
                      <Table.Tr key={x.reason}>
                        <Table.Td>{reasonLabel(reasons.data?.value, x.reason, lng)}</Table.Td>
                        <Table.Td ta="right">{formatNumber(x.count, lng)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Tabs defaultValue="assignee">
              <Tabs.List aria-label={t('reports.breakdowns')} mb="sm">
                {(['assignee', 'team', 'source', 'form', 'campaign'] as const).map((k) => (
                  <Tabs.Tab key={k} value={k}>
                    {t(`reports.by.${k}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="assignee">
                <FiguresTable
                  rows={r.byAssignee}
                  label={(g) => (
                    <Group gap={6}>
                      {g.name ?? t('reports.unassigned')}
                      {g.department && <DepartmentBadge department={g.department} size="xs" />}
                    </Group>
                  )}
                />
              </Tabs.Panel>
              <Tabs.Panel value="team">
                <FiguresTable rows={r.byTeam} label={(g) => g.name ?? t('reports.noTeam')} />
              </Tabs.Panel>
              <Tabs.Panel value="source">
                <FiguresTable rows={r.bySource} label={(g) => g.key ?? unknown} />
              </Tabs.Panel>
              <Tabs.Panel value="form">
                <FiguresTable rows={r.byForm} label={(g) => g.name ?? t('reports.noForm')} />
              </Tabs.Panel>
              <Tabs.Panel value="campaign">
                <FiguresTable rows={r.byCampaign} label={(g) => g.key ?? unknown} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Stack>
      )}
    </>
  );
}

/** Reports: the lead SLA and the win/loss per competitor, one tab each (the tab is in the URL). */
export function ReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search: { tab?: string } = useSearch({ strict: false });
  const tab: ReportTab = isReportTab(search.tab) ? search.tab : 'sla';
  return (
    <>
      <PageHeader title={t('reports.title')} />
      <Tabs
        value={tab}
        onChange={(v) => isReportTab(v) && void navigate({ to: '/reports', search: { tab: v } })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('reports.tabs')} mb="md">
          <Tabs.Tab value="sla">{t('reports.tabSla')}</Tabs.Tab>
          <Tabs.Tab value="winloss">{t('reports.tabWinLoss')}</Tabs.Tab>
          <Tabs.Tab value="attribution">{t('analytics.tabAttribution')}</Tabs.Tab>
          <Tabs.Tab value="funnel">{t('analytics.tabFunnel')}</Tabs.Tab>
          <Tabs.Tab value="contribution">{t('analytics.tabContribution')}</Tabs.Tab>
          <Tabs.Tab value="alignment">{t('alignment.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sla">
          <SlaReportView />
        </Tabs.Panel>
        <Tabs.Panel value="winloss">
          <WinLossView />
        </Tabs.Panel>
        {tab !== 'sla' && tab !== 'winloss' && (
          <Suspense fallback={<Skeleton h={320} />}>
            <Tabs.Panel value="attribution">
              <AttributionView />
            </Tabs.Panel>
            <Tabs.Panel value="funnel">
              <FunnelView />
            </Tabs.Panel>
            <Tabs.Panel value="contribution">
              <ContributionView />
            </Tabs.Panel>
            <Tabs.Panel value="alignment">
              <AlignmentGauge pickPeriod />
            </Tabs.Panel>
          </Suspense>
        )}
      </Tabs>
    </>
  );
}
