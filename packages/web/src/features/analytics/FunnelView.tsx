import { Alert, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { type FunnelDimension, type FunnelGroup, funnelDimensions } from '@nenner/shared';
import type { TFunction } from 'i18next';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { FigureHelp } from '../../components/FigureHelp';
import { errorMessage } from '../../components/notify';
import { type ReportColumn, ReportTable } from '../../components/ReportTable';
import { formatNumber, formatPercent } from '../../i18n/format';
import { FunnelChart } from './FunnelChart';
import { type FunnelRow, funnelRows } from './funnel';
import { channelLabel, sourceLabel } from './labels';
import { PeriodPicker } from './PeriodPicker';
import { isValidPeriod, presetPeriod } from './period';
import { useFunnel } from './useReports';

const days = (t: TFunction, d: number | null, lng: string) =>
  d === null ? '–' : t('analytics.funnel.days', { days: formatNumber(Math.round(d * 10) / 10, lng) });

/** A group's name: channels translated, campaigns and owners by name, "not set" for the empty key. */
const groupLabel = (t: TFunction, by: FunnelDimension, g: FunnelGroup): string => {
  if (g.key === null) return t('analytics.funnel.noGroup');
  if (by === 'channel') return channelLabel(t, g.key);
  if (by === 'source') return sourceLabel(t, g.key);
  return g.name ?? g.key;
};

function FunnelTable({ rows, caption, testId }: { rows: FunnelRow[]; caption: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const columns: ReportColumn<FunnelRow>[] = [
    {
      key: 'stage',
      header: t('analytics.funnel.stage'),
      cell: (r) => (
        <>
          {t(`stage.${r.stage}`)}
          {r.stage === 'mql' && <FigureHelp figure="cohortMqls" />}
        </>
      ),
    },
    {
      key: 'count',
      header: t('analytics.funnel.count'),
      align: 'right',
      cell: (r) => formatNumber(r.count, lng),
    },
    {
      key: 'fromPrevious',
      header: t('analytics.funnel.fromPrevious'),
      align: 'right',
      cell: (r) => (r.stage === 'lead' ? '' : formatPercent(r.fromPrevious, lng)),
    },
    {
      key: 'fromStart',
      header: t('analytics.funnel.fromStart'),
      align: 'right',
      cell: (r) => formatPercent(r.fromStart, lng),
    },
    {
      key: 'medianDays',
      header: t('analytics.funnel.medianDays'),
      align: 'right',
      cell: (r) => (r.stage === 'lead' ? '' : days(t, r.medianDays, lng)),
    },
  ];
  return (
    <ReportTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.stage}
      rowProps={(r) => ({ 'data-testid': `${testId}-${r.stage}` })}
      rowHeaders
      striped
      verticalSpacing={6}
      ariaLabel={caption}
      testId={testId}
      minWidth={640}
    />
  );
}

/** The lead cohort's funnel and velocity for a period, overall and per source, channel, campaign or owner. */
export function FunnelView() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [period, setPeriod] = useState(() => presetPeriod('thisYear'));
  const [by, setBy] = useState<FunnelDimension>('none');
  const valid = isValidPeriod(period);
  const funnel = useFunnel({ ...period, by }, valid);
  const data = funnel.data;
  const totalRows = useMemo(() => (data ? funnelRows(data.total) : []), [data]);
  const stageName = useCallback((r: FunnelRow) => t(`stage.${r.stage}`), [t]);
  const describe = useCallback(
    (r: FunnelRow) =>
      r.stage === 'lead'
        ? `${t(`stage.${r.stage}`)}: ${formatNumber(r.count, lng)}`
        : `${t(`stage.${r.stage}`)}: ${formatNumber(r.count, lng)} (${formatPercent(r.fromStart, lng)})`,
    [t, lng],
  );
  return (
    <Stack>
      <Group align="flex-start">
        <PeriodPicker value={period} onChange={setPeriod} />
        <Select
          label={t('analytics.funnel.groupBy')}
          value={by}
          allowDeselect={false}
          w={200}
          data={funnelDimensions.map((d) => ({ value: d, label: t(`analytics.funnel.by.${d}`) }))}
          onChange={(v) => v && setBy(v as FunnelDimension)}
          data-testid="funnel-group-by"
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('analytics.funnel.intro')}
      </Text>
      {funnel.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, funnel.error)}
        </Alert>
      ) : !data ? (
        <Skeleton h={320} />
      ) : data.total.counts.lead === 0 ? (
        <Paper withBorder p="md">
          <EmptyState>{t('analytics.funnel.empty')}</EmptyState>
        </Paper>
      ) : (
        <Stack style={{ opacity: funnel.isPlaceholderData ? 0.6 : 1 }}>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="funnel-title">
              <Title order={2} size="h4" id="funnel-title" mb="xs">
                {t('analytics.funnel.chartLabel')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('analytics.funnel.cohort', { n: formatNumber(data.total.counts.lead, lng) })}
              </Text>
              <Stack mb="sm" gap={0}>
                <FigureHelp figure="cohortMqls" line />
              </Stack>
              <FunnelChart
                rows={totalRows}
                label={t('analytics.funnel.chartLabel')}
                lng={lng}
                stageName={stageName}
                describe={describe}
              />
            </Paper>
            <Paper withBorder p="md">
              <FunnelTable rows={totalRows} caption={t('analytics.funnel.chartLabel')} testId="funnel-total" />
            </Paper>
          </SimpleGrid>
          {by !== 'none' &&
            data.groups.map((g, i) => {
              const name = groupLabel(t, by, g);
              return (
                <Paper key={g.key ?? '∅'} withBorder p="md" component="section" aria-label={name}>
                  <Group justify="space-between" mb="xs">
                    <Title order={3} size="h5">
                      {name}
                    </Title>
                    <Text size="sm" c="dimmed">
                      {t('analytics.funnel.cohort', { n: formatNumber(g.counts.lead, lng) })}
                    </Text>
                  </Group>
                  <FunnelTable rows={funnelRows(g)} caption={name} testId={`funnel-group-${i}`} />
                </Paper>
              );
            })}
        </Stack>
      )}
    </Stack>
  );
}
