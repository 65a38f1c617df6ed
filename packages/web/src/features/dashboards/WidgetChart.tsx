import { BarChart, FunnelChart, SankeyChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Canvas, not SVG: the PNG export reads the chart's pixels.
echarts.use([
  BarChart,
  FunnelChart,
  SankeyChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartInstance = echarts.ECharts;

/** One widget's chart; hands its instance to `onChart` for the PNG export. */
export function WidgetChart({
  option,
  label,
  lng,
  height = 280,
  onChart,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  lng: string;
  height?: number;
  onChart?: (chart: ChartInstance | null) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onChartRef = useRef(onChart);
  onChartRef.current = onChart;
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, {
      renderer: 'canvas',
      locale: lng.startsWith('de') ? 'DE' : 'EN',
    });
    chart.setOption(option);
    onChartRef.current?.(chart);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      onChartRef.current?.(null);
      chart.dispose();
    };
  }, [option, lng]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} />;
}
