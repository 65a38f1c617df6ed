import { Alert, Anchor, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { AlignmentReport } from '@nenner/shared';
import { useRouter } from '@tanstack/react-router';
import { GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PeriodFields } from '../../components/fields';
import { errorMessage } from '../../components/notify';
import { type ReportColumn, ReportTable } from '../../components/ReportTable';
import { localized } from './GoalParts';
import { monthToDate } from './goalForm';
import { formatScore, formatTrendMonth } from './goalFormat';
import { useAlignmentReport } from './useGoals';

echarts.use([GaugeChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/** The index's colour: red below 50, yellow below 75, green from there. */
const scoreColor = (v: number | null): string =>
  v === null ? '#adb5bd' : v < 50 ? '#fa5252' : v < 75 ? '#fab005' : '#40c057';

/** The same bands as text in a theme colour, which the theme keeps readable on white. */
const scoreTone = (v: number | null): string => (v === null ? 'dimmed' : v < 50 ? 'red' : v < 75 ? 'yellow' : 'green');

/** A hook that draws one echarts option into a div and disposes it again. */
const useChart = (option: echarts.EChartsCoreOption) => {
  const { i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, {
      renderer: 'svg',
      locale: i18n.language.startsWith('de') ? 'DE' : 'EN',
    });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, i18n.language]);
  return ref;
};

function Gauge({ index }: { index: number | null }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const option = useMemo(
    () => ({
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          startAngle: 210,
          endAngle: -30,
          radius: '95%',
          progress: { show: true, width: 16, itemStyle: { color: scoreColor(index) } },
          axisLine: { lineStyle: { width: 16, color: [[1, '#e9ecef']] } },
          pointer: { show: false },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: {
            distance: -12,
            fontSize: 10,
            color: '#868e96',
            formatter: (v: number) => (v % 50 === 0 ? String(v) : ''),
          },
          detail: {
            offsetCenter: [0, '5%'],
            fontSize: 34,
            fontWeight: 700,
            color: '#212529',
            formatter: () => (index === null ? '–' : formatScore(index, lng)),
          },
          data: [{ value: index ?? 0 }],
        },
      ],
    }),
    [index, lng],
  );
  const ref = useChart(option);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height: 220 }}
      role="img"
      aria-label={t('alignment.gaugeLabel', {
        value: index === null ? t('alignment.notMeasurable') : formatScore(index, lng),
      })}
      data-testid="alignment-gauge"
    />
  );
}

function Trend({ trend }: { trend: AlignmentReport['trend'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v, lng) : t('alignment.notMeasurable')),
      },
      grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: trend.map((p) => formatTrendMonth(p.month, lng)), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, interval: 50 },
      series: [
        {
          name: t('alignment.index'),
          type: 'line',
          data: trend.map((p) => p.index),
          connectNulls: false,
          itemStyle: { color: '#4c6ef5' },
          lineStyle: { width: 2 },
        },
      ],
    }),
    [trend, lng, t],
  );
  const ref = useChart(option);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height: 160 }}
      role="img"
      aria-label={t('alignment.trendLabel')}
      data-testid="alignment-trend"
    />
  );
}

/** The figures behind a part, e.g. „Innerhalb der SLA: 41 · Bewertet: 50“. */
function RawFigures({ raw }: { raw: Record<string, number | null> }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(raw);
  if (entries.length === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {entries
        .map(
          ([k, v]) =>
            `${t(`alignment.raw.${k}`, { defaultValue: k })}: ${v === null ? '–' : formatScore(v, i18n.language)}`,
        )
        .join(' · ')}
    </Text>
  );
}

type Part = AlignmentReport['parts'][number];

/** The parts of the index, each with its value, weight, explanation, raw figures and where its records are. */
function Parts({ parts }: { parts: AlignmentReport['parts'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const router = useRouter();
  const top = { style: { verticalAlign: 'top' } } as const;
  const columns: ReportColumn<Part>[] = [
    {
      key: 'part',
      header: t('alignment.part'),
      // fw: a card's title is bold; only the part's name is
      cell: (p) => (
        <Stack gap={2} fw={400}>
          <Text size="sm" fw={600}>
            {t(`alignment.parts.${p.key}`)}
          </Text>
          <Text size="xs">{localized(p.explanation, lng)}</Text>
          <RawFigures raw={p.raw} />
          {p.link?.startsWith('/') && !p.link.startsWith('//') && (
            <Anchor
              size="xs"
              href={p.link}
              onClick={(e) => {
                e.preventDefault();
                if (p.link) router.history.push(p.link);
              }}
            >
              {t('alignment.openRecords')}
            </Anchor>
          )}
        </Stack>
      ),
    },
    {
      key: 'value',
      header: t('alignment.value'),
      align: 'right',
      cellProps: { style: { whiteSpace: 'nowrap', verticalAlign: 'top' } },
      cell: (p) =>
        p.value === null ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('alignment.notMeasurable')}
          </Text>
        ) : (
          <Text size="sm" fw={600} c={scoreTone(p.value)}>
            {formatScore(p.value, lng)}
          </Text>
        ),
    },
    {
      key: 'weight',
      header: t('alignment.weight'),
      align: 'right',
      cellProps: top,
      cell: (p) => <Text size="sm">{formatScore(p.weight, lng)}</Text>,
    },
    {
      key: 'effectiveWeight',
      header: t('alignment.effectiveWeight'),
      align: 'right',
      cellProps: top,
      cell: (p) => (
        <Text size="sm" c={p.effectiveWeight === 0 ? 'dimmed' : undefined}>
          {formatScore(p.effectiveWeight, lng)}
        </Text>
      ),
    },
  ];
  return (
    <ReportTable
      columns={columns}
      rows={parts}
      rowKey={(p) => p.key}
      rowProps={(p) => ({ 'data-testid': `alignment-part-${p.key}` })}
      verticalSpacing="xs"
      testId="alignment-parts"
      minWidth={560}
    />
  );
}

/**
 * Der Zusammenarbeits-Index: one figure 0–100 for how well marketing and sales work together, its parts
 * and its last 12 months. It measures the collaboration, never people, and reads the same for everyone.
 * With `pickPeriod` the window is chosen; otherwise it is this month to today.
 */
export function AlignmentGauge({ pickPeriod = false }: { pickPeriod?: boolean }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => monthToDate());
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const report = useAlignmentReport(period, valid);
  const r = report.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="alignment-title" data-testid="alignment-panel">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h4" id="alignment-title">
            {t('alignment.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('alignment.intro')}
          </Text>
        </div>
        {pickPeriod && <PeriodFields value={period} onChange={setPeriod} invalid={!valid} testId="alignment-period" />}
      </Group>
      {report.isError ? (
        <Alert color="red" role="alert">
          {isApiError(report.error) && report.error.status === 400
            ? t('reports.badPeriod')
            : errorMessage(t, report.error)}
        </Alert>
      ) : !r ? (
        <Skeleton h={260} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }} miw={0}>
            <Stack gap="xs">
              <Gauge index={r.index} />
              {r.index === null && (
                <Text size="sm" c="dimmed" ta="center">
                  {t('alignment.noIndex')}
                </Text>
              )}
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t('alignment.trend')}
              </Text>
              <Trend trend={r.trend} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }} miw={0}>
            <Parts parts={r.parts} />
          </Grid.Col>
        </Grid>
      )}
    </Paper>
  );
}
