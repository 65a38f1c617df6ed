import { FunnelChart as EFunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { FunnelRow } from './funnel';

echarts.use([EFunnelChart, TooltipComponent, SVGRenderer]);

const colors = ['#4c6ef5', '#5c7cfa', '#748ffc', '#12b886', '#20c997', '#40c057'];

/** The cohort's funnel, lead to customer, each stage labelled with its count and share of the cohort. */
export function FunnelChart({
  rows,
  label,
  lng,
  stageName,
  describe,
}: {
  rows: FunnelRow[];
  label: string;
  lng: string;
  stageName: (r: FunnelRow) => string;
  /** The label text of a stage, e.g. "MQL: 80 (40 %)". */
  describe: (r: FunnelRow) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, {
      renderer: 'svg',
      locale: lng.startsWith('de') ? 'DE' : 'EN',
    });
    const max = Math.max(1, ...rows.map((r) => r.count));
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => describe(rows[p.dataIndex] as FunnelRow) },
      series: [
        {
          type: 'funnel',
          name: label,
          sort: 'none',
          min: 0,
          max,
          minSize: '8%',
          gap: 2,
          left: '10%',
          width: '80%',
          top: 8,
          bottom: 8,
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { dataIndex: number }) => describe(rows[p.dataIndex] as FunnelRow),
          },
          data: rows.map((r, i) => ({
            name: stageName(r),
            value: r.count,
            itemStyle: { color: colors[i % colors.length] },
          })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, label, lng, stageName, describe]);
  return (
    <div ref={ref} style={{ width: '100%', height: 320 }} role="img" aria-label={label} data-testid="funnel-chart" />
  );
}
