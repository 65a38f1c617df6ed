import { funnelStages, sourceDepartments, type WidgetOptions } from '@nenner/shared';
import type { EChartsCoreOption } from 'echarts/core';
import { currencyDigits, formatMoney, formatNumber, formatPercent, toIntlLocale } from '../../i18n/format';
import { topRows } from './csv';
import { flowNodeName, funnelGroupName, type Translate } from './labels';
import { TOP_CAMPAIGNS, type WidgetData } from './widgets';

/*
 * ECharts options for each widget type. Colours: marketing teal, sales indigo (as the department badges),
 * neutral grey for what is not set or not attributed.
 */

const MARKETING = '#0ca678';
const SALES = '#4c6ef5';
const GREY = '#adb5bd';
const deptColour = { marketing: MARKETING, sales: SALES } as const;
const palette = ['#4c6ef5', '#0ca678', '#fd7e14', '#ae3ec9', '#f59f00', '#1098ad', '#e64980', '#74b816'];

/** Money on an axis, short: de 1,5 Mio. € / en €1.5M (tooltips show the full amount). */
export const axisMoney = (minor: number, currency: string, lng: string): string => {
  const value = minor / 10 ** currencyDigits(currency);
  try {
    return new Intl.NumberFormat(toIntlLocale(lng), {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(value);
  } catch {
    return formatNumber(value, lng);
  }
};

const base = { aria: { enabled: true }, color: palette, animation: false };

/** Horizontal bars, largest on top (ECharts draws category axes bottom-up). */
const bars = (
  names: string[],
  values: number[],
  format: (v: number) => string,
  axis: (v: number) => string,
  colours?: string[],
) => ({
  ...base,
  tooltip: {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : ''),
  },
  grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
  xAxis: { type: 'value', axisLabel: { formatter: axis } },
  yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { width: 160, overflow: 'truncate' } },
  series: [
    {
      type: 'bar',
      data: values.map((value, i) => ({ value, itemStyle: { color: colours?.[i] ?? SALES } })).reverse(),
    },
  ],
});

/** The chart for a widget's data and options; `rowName` names attribution rows (campaigns, channels, departments). */
export const chartOption = (
  t: Translate,
  lng: string,
  d: WidgetData,
  options: WidgetOptions,
  rowName: (by: string, row: { id: string; name: string }) => string,
): EChartsCoreOption => {
  const count = (v: number) => formatNumber(v, lng);
  switch (d.type) {
    case 'funnel': {
      const r = d.result;
      if (r.by === 'none') {
        return {
          ...base,
          tooltip: {
            trigger: 'item',
            formatter: (p: { name: string; value: number; dataIndex: number }) => {
              const step = p.dataIndex === 0 ? null : r.total.rates[funnelStages[p.dataIndex] as 'mql'];
              return step === null || step === undefined
                ? `${p.name}: ${count(p.value)}`
                : `${p.name}: ${count(p.value)} (${formatPercent(step, lng)})`;
            },
          },
          series: [
            {
              type: 'funnel',
              sort: 'none',
              minSize: '8%',
              left: '10%',
              width: '80%',
              top: 8,
              bottom: 8,
              label: {
                show: true,
                position: 'inside',
                formatter: (p: { name: string; value: number }) => `${p.name}: ${count(p.value)}`,
              },
              data: funnelStages.map((s) => ({ name: t(`stage.${s}`), value: r.total.counts[s] })),
            },
          ],
        };
      }
      // Grouped: stages along the axis, one bar per group (the six largest).
      const groups = r.groups.slice(0, 6);
      return {
        ...base,
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: unknown) => (typeof v === 'number' ? count(v) : ''),
        },
        legend: { bottom: 0, type: 'scroll' },
        grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
        xAxis: {
          type: 'category',
          data: funnelStages.map((s) => t(`stage.${s}`)),
          axisLabel: { interval: 0, width: 64, overflow: 'truncate', fontSize: 11 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: groups.map((g) => ({
          type: 'bar',
          name: funnelGroupName(t, r.by, g),
          data: funnelStages.map((s) => g.counts[s]),
        })),
      };
    }
    case 'leadFlow': {
      const r = d.result;
      const used = new Set(r.links.filter((l) => l.value > 0).flatMap((l) => [l.source, l.target]));
      const names = new Map(r.nodes.map((n) => [n.id, flowNodeName(t, r.by, n)]));
      const colourOf: Record<string, string> = {
        'handoff:handed_off': SALES,
        'handoff:not_handed_off': GREY,
        'verdict:accepted': '#12b886',
        'verdict:rejected': '#fa5252',
        'verdict:open': GREY,
        'result:converted': '#2b8a3e',
        'result:recycled': '#fd7e14',
        'result:in_progress': GREY,
      };
      return {
        ...base,
        tooltip: {
          trigger: 'item',
          formatter: (p: {
            dataType: string;
            name: string;
            value: number;
            data: { source?: string; target?: string };
          }) =>
            p.dataType === 'edge'
              ? `${names.get(p.data.source ?? '')} → ${names.get(p.data.target ?? '')}: ${count(p.value)}`
              : `${names.get(p.name) ?? p.name}: ${count(p.value)}`,
        },
        series: [
          {
            type: 'sankey',
            left: 8,
            right: 130,
            top: 8,
            bottom: 8,
            nodeGap: 10,
            nodeAlign: 'left',
            emphasis: { focus: 'adjacency' },
            label: { formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
            lineStyle: { color: 'gradient', opacity: 0.35 },
            data: r.nodes
              .filter((n) => used.has(n.id))
              .map((n) => ({ name: n.id, itemStyle: { color: colourOf[n.id] ?? MARKETING } })),
            links: r.links.filter((l) => l.value > 0),
          },
        ],
      };
    }
    case 'pipelineBySource': {
      const r = d.result;
      const measure = options.measure ?? 'pipeline';
      const money = (v: number) => formatMoney(v, r.currency, lng, true);
      const [y, m] = [(s: string) => s.slice(0, 4), (s: string) => Number(s.slice(5, 7))];
      const monthName = (ym: string) =>
        new Intl.DateTimeFormat(lng.startsWith('de') ? 'de-DE' : 'en-GB', {
          month: 'short',
          year: '2-digit',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(Number(y(ym)), m(ym) - 1, 1)));
      return {
        ...base,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? money(v) : '') },
        legend: { bottom: 0 },
        grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
        xAxis: { type: 'category', data: r.months.map((x) => monthName(x.month)) },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisMoney(v, r.currency, lng) } },
        series: sourceDepartments.map((dep) => ({
          type: 'bar',
          stack: 'source',
          name: t(`department.${dep}`),
          itemStyle: { color: deptColour[dep] },
          data: r.months.map((x) => x[measure][dep]),
        })),
      };
    }
    case 'topCampaigns':
    case 'attribution': {
      const r = d.result;
      const dim = d.type === 'topCampaigns' ? 'campaign' : (options.by ?? 'campaign');
      const rows = topRows(r, d.type === 'topCampaigns' ? TOP_CAMPAIGNS : 15);
      const names = rows.map((row) => rowName(dim, row));
      const values = rows.map((row) => row.credit);
      const colours = rows.map(() => SALES);
      if (d.type === 'attribution' && r.unattributed > 0) {
        names.push(t('dashboards.unattributed'));
        values.push(r.unattributed);
        colours.push(GREY);
      }
      return bars(
        names,
        values,
        (v) => formatMoney(v, r.currency, lng, true),
        (v) => axisMoney(v, r.currency, lng),
        colours,
      );
    }
    case 'contribution': {
      const r = d.result;
      // every currency gets its own bars, never converted: one row per figure and currency
      const multi = r.byCurrency.length > 1;
      const figures = ['sourcedPipeline', 'sourcedRevenue', 'influencedPipeline', 'influencedRevenue'] as const;
      // Horizontal, the first figure on top: the figures' names need the room.
      const rows = r.byCurrency
        .flatMap((c) => figures.map((f) => ({ f, c })))
        .slice()
        .reverse();
      const label = (row: (typeof rows)[number]) =>
        multi ? `${t(`dashboards.contribution.${row.f}`)} (${row.c.currency})` : t(`dashboards.contribution.${row.f}`);
      return {
        ...base,
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const list = (Array.isArray(params) ? params : [params]) as {
              dataIndex: number;
              marker: string;
              seriesName: string;
              value: number;
            }[];
            const row = rows[list[0]?.dataIndex ?? 0];
            if (!row) return '';
            const lines = list.map(
              (p) =>
                `${p.marker}${p.seriesName}: ${formatMoney(Math.round(p.value * 10 ** currencyDigits(row.c.currency)), row.c.currency, lng, true)}`,
            );
            return [label(row), ...lines].join('<br/>');
          },
        },
        legend: { bottom: 0 },
        grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
        xAxis: {
          type: 'value',
          axisLabel: {
            formatter: (v: number) =>
              multi ? formatNumber(v, lng) : axisMoney(v * 10 ** currencyDigits(r.currency), r.currency, lng),
          },
        },
        yAxis: {
          type: 'category',
          data: rows.map(label),
          axisLabel: { width: 150, overflow: 'truncate' },
        },
        series: sourceDepartments.map((dep) => ({
          type: 'bar',
          name: t(`department.${dep}`),
          itemStyle: { color: deptColour[dep] },
          // major units, so currencies with different minor units share the axis honestly
          data: rows.map((row) => row.c.departments[dep][row.f].amount / 10 ** currencyDigits(row.c.currency)),
        })),
      };
    }
  }
};

/** Whether a widget's data has anything to draw. */
export const isEmpty = (d: WidgetData): boolean => {
  switch (d.type) {
    case 'funnel':
      return d.result.total.counts.lead === 0;
    case 'leadFlow':
      return d.result.leads === 0;
    case 'pipelineBySource':
      return d.result.months.every((m) => sourceDepartments.every((x) => m.pipeline[x] === 0 && m.revenue[x] === 0));
    case 'topCampaigns':
      return d.result.rows.length === 0;
    case 'attribution':
      return d.result.rows.length === 0 && d.result.unattributed === 0;
    case 'contribution':
      return false;
  }
};
