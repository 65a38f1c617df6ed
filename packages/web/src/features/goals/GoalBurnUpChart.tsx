import type { GoalProgressResult, MetricUnit } from '@nenner/shared';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatChartDay, formatGoalValue } from './goalFormat';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

interface Props {
  series: GoalProgressResult['series'];
  target: number;
  unit: MetricUnit;
  currency: string | null;
}

/**
 * The burn-up chart: the actual day by day (it stops at today), the target as a flat line, and the pace a
 * linear course over the business days expects.
 */
export function GoalBurnUpChart({ series, target, unit, currency }: Props) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const lng = i18n.language;
    const value = (v: unknown) => (typeof v === 'number' ? formatGoalValue(v, unit, currency, lng) : '–');
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: lng.startsWith('de') ? 'DE' : 'EN' });
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', valueFormatter: value },
      legend: { bottom: 0 },
      grid: { left: 16, right: 24, top: 16, bottom: 48, containLabel: true },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: series.map((p) => formatChartDay(p.date, lng)),
      },
      yAxis: {
        type: 'value',
        minInterval: unit === 'count' ? 1 : undefined,
        axisLabel: { formatter: (v: number) => value(v) },
      },
      series: [
        {
          name: t('goals.chart.actual'),
          type: 'line',
          data: series.map((p) => p.actual),
          connectNulls: false,
          showSymbol: false,
          lineStyle: { width: 3 },
          itemStyle: { color: '#4c6ef5' },
          areaStyle: { opacity: 0.08 },
        },
        {
          name: t('goals.chart.pace'),
          type: 'line',
          data: series.map((p) => p.expected),
          showSymbol: false,
          lineStyle: { type: 'dashed', width: 2 },
          itemStyle: { color: '#868e96' },
        },
        {
          name: t('goals.chart.target'),
          type: 'line',
          data: series.map(() => target),
          showSymbol: false,
          lineStyle: { width: 2 },
          itemStyle: { color: '#12b886' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [series, target, unit, currency, t, i18n.language]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height: 320 }}
      role="img"
      aria-label={t('goals.chart.label')}
      data-testid="goal-burnup"
    />
  );
}
