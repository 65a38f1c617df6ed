import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatMoney } from '../../i18n/format';
import { type ChartBar, UNATTRIBUTED } from './attributionTable';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Horizontal bars of one model's credits, largest on top; a click opens the bar's drill-down. */
export function AttributionChart({
  bars,
  label,
  currency,
  lng,
  nameOf,
  onSelect,
}: {
  bars: ChartBar[];
  /** The accessible name, naming the model. */
  label: string;
  currency: string;
  lng: string;
  nameOf: (bar: ChartBar) => string;
  onSelect: (bar: ChartBar) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const height = Math.max(160, 48 + bars.length * 30);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, {
      renderer: 'svg',
      locale: lng.startsWith('de') ? 'DE' : 'EN',
    });
    // Top bar first: ECharts draws category axes bottom-up.
    const ordered = [...bars].reverse();
    const money = (v: number) => formatMoney(v, currency, lng, true);
    chart.setOption({
      aria: { enabled: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? money(v) : ''),
      },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: money } },
      yAxis: {
        type: 'category',
        data: ordered.map(nameOf),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: label,
          data: ordered.map((b) => ({
            value: b.credit,
            itemStyle: { color: b.id === UNATTRIBUTED || b.id === 'others' ? '#adb5bd' : '#4c6ef5' },
          })),
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => money(Number(p.value)) },
        },
      ],
    });
    chart.on('click', (p) => {
      const bar = ordered[p.dataIndex];
      if (bar && bar.id !== 'others') onSelect(bar);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, label, currency, lng, nameOf, onSelect]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} data-testid="attr-chart" />;
}
