import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface WeekRow {
  week: string;
  handoffs: number;
  withinSla: number;
  rejected: number;
}

/** Handoffs per week against those answered within the SLA. */
export function SlaWeekChart({ weeks }: { weeks: WeekRow[] }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, {
      renderer: 'svg',
      locale: i18n.language.startsWith('de') ? 'DE' : 'EN',
    });
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 48 },
      xAxis: {
        type: 'category',
        data: weeks.map((w) => t('reports.weekOf', { date: formatDate(`${w.week}T12:00:00Z`, i18n.language) })),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('reports.handoffs'),
          type: 'bar',
          data: weeks.map((w) => w.handoffs),
          itemStyle: { color: '#4c6ef5' },
        },
        {
          name: t('reports.withinSla'),
          type: 'bar',
          data: weeks.map((w) => w.withinSla),
          itemStyle: { color: '#12b886' },
        },
        {
          name: t('reports.rejected'),
          type: 'line',
          data: weeks.map((w) => w.rejected),
          itemStyle: { color: '#fd7e14' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [weeks, t, i18n.language]);
  return <div ref={ref} style={{ width: '100%', height: 300 }} role="img" aria-label={t('reports.chartLabel')} />;
}
