import {
  type AttributionModelResult,
  type ContributionResult,
  type FunnelGroup,
  type FunnelResult,
  funnelStages,
  funnelSteps,
  type LeadFlowResult,
  type PipelineBySourceResult,
  sourceDepartments,
  type WidgetOptions,
} from '@nenner/shared';
import { currencyDigits } from '../../i18n/format';
import { attributionRowName, flowNodeName, funnelGroupName, type Translate } from './labels';
import { TOP_CAMPAIGNS, type WidgetData } from './widgets';

/*
 * Each widget's figures as a table, and tables as CSV through the one shared writer: comma-separated,
 * CRLF, a header row in the user's language, numbers machine-readable (dot decimals; money in major units
 * beside its currency; shares 0..1 to four places) so a spreadsheet can compute with them.
 */

export type Cell = string | number | null;
export type Table = Cell[][];

// The one CSV writer (formula escaping and quoting) is shared with the server's exports.
export { toCsv } from '@nenner/shared';

/** Minor units as a major-unit number (12345 EUR → 123.45). */
export const major = (minor: number, currency: string): number => {
  const digits = currencyDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
};
const share = (v: number | null): number | null => (v === null ? null : Math.round(v * 10_000) / 10_000);

/** One row per group and stage (the total first): count, conversion from the stage before, median days. */
export const funnelTable = (t: Translate, r: FunnelResult): Table => {
  const groups: [string, FunnelGroup][] = [
    [t('dashboards.total'), r.total],
    ...(r.by === 'none' ? [] : r.groups.map((g): [string, FunnelGroup] => [funnelGroupName(t, r.by, g), g])),
  ];
  const header = [
    t('dashboards.csv.group'),
    t('dashboards.csv.stage'),
    t('dashboards.csv.count'),
    t('dashboards.csv.rateFromPrevious'),
    t('dashboards.csv.medianDays'),
  ];
  const rows = groups.flatMap(([name, g]) =>
    funnelStages.map((stage): Cell[] => {
      const step = funnelSteps.find((s) => s === stage);
      return [
        name,
        t(`stage.${stage}`),
        g.counts[stage],
        step ? share(g.rates[step]) : null,
        step ? g.medianDays[step] : null,
      ];
    }),
  );
  return [header, ...rows];
};

/** One row per flow between two nodes that carries anyone. */
export const leadFlowTable = (t: Translate, r: LeadFlowResult): Table => {
  const names = new Map(r.nodes.map((n) => [n.id, flowNodeName(t, r.by, n)]));
  return [
    [t('dashboards.csv.from'), t('dashboards.csv.to'), t('dashboards.csv.count')],
    ...r.links
      .filter((l) => l.value > 0)
      .map((l) => [names.get(l.source) ?? l.source, names.get(l.target) ?? l.target, l.value]),
  ];
};

/** One row per month: pipeline created and revenue won (major units), deals created and won, by source. */
export const pipelineBySourceTable = (t: Translate, r: PipelineBySourceResult): Table => {
  const dept = (d: string) => t(`department.${d}`);
  const header: Cell[] = [t('dashboards.csv.month')];
  for (const figure of ['pipeline', 'revenue', 'created', 'won'] as const) {
    for (const d of sourceDepartments) header.push(`${t(`dashboards.csv.${figure}`)} ${dept(d)}`);
  }
  header.push(t('dashboards.csv.currency'));
  const rows = r.months.map((m): Cell[] => [
    m.month,
    ...sourceDepartments.map((d) => major(m.pipeline[d], r.currency)),
    ...sourceDepartments.map((d) => major(m.revenue[d], r.currency)),
    ...sourceDepartments.map((d) => m.created[d]),
    ...sourceDepartments.map((d) => m.won[d]),
    r.currency,
  ]);
  return [header, ...rows];
};

/** The rows as the chart shows them, largest credit first; `limit` keeps the top ones. */
export const topRows = (r: Pick<AttributionModelResult, 'rows'>, limit?: number) => {
  const sorted = [...r.rows].sort((a, b) => b.credit - a.credit || a.name.localeCompare(b.name));
  return limit === undefined ? sorted : sorted.slice(0, limit);
};

/**
 * Credited amounts per row (major units), one block per currency of the period (the chart's first, none
 * converted or left out); `limit` keeps each currency's top rows (top campaigns) and leaves out the
 * unattributed amount, which otherwise closes each block so it adds up to the currency's whole.
 */
export const attributionTable = (
  t: Translate,
  r: AttributionModelResult,
  rowName: (row: { id: string; name: string }) => string,
  limit?: number,
): Table => {
  const rows: Cell[][] = r.byCurrency.flatMap((c) => {
    const block: Cell[][] = topRows(c, limit).map((row) => [rowName(row), major(row.credit, c.currency), c.currency]);
    if (limit === undefined) block.push([t('dashboards.unattributed'), major(c.unattributed, c.currency), c.currency]);
    return block;
  });
  return [[t('dashboards.csv.name'), t('dashboards.csv.credit'), t('dashboards.csv.currency')], ...rows];
};

/** The scorecard: deal figures per source department, the SLA figures in the total column. */
export const contributionTable = (t: Translate, r: ContributionResult): Table => {
  const m = r.departments.marketing;
  const s = r.departments.sales;
  const row = (key: string, mv: Cell, sv: Cell, total: Cell, unit: string | null): Cell[] => [
    t(`dashboards.contribution.${key}`),
    mv,
    sv,
    total,
    unit,
  ];
  // every currency of the period gets its own rows (unit column), none is converted or left out
  const moneyRows = r.byCurrency.flatMap((c) => {
    const money = (v: number | null) => (v === null ? null : major(v, c.currency));
    const cm = c.departments.marketing;
    const cs = c.departments.sales;
    const both = (key: 'sourcedPipeline' | 'sourcedRevenue', total: number) =>
      row(key, money(cm[key].amount), money(cs[key].amount), money(total), c.currency);
    return [
      both('sourcedPipeline', cm.sourcedPipeline.amount + cs.sourcedPipeline.amount),
      both('sourcedRevenue', cm.sourcedRevenue.amount + cs.sourcedRevenue.amount),
      row(
        'influencedPipeline',
        money(cm.influencedPipeline.amount),
        money(cs.influencedPipeline.amount),
        money(c.influenced.pipeline.amount),
        c.currency,
      ),
      row(
        'influencedRevenue',
        money(cm.influencedRevenue.amount),
        money(cs.influencedRevenue.amount),
        money(c.influenced.revenue.amount),
        c.currency,
      ),
    ];
  });
  const averageRows = r.byCurrency.map((c) => {
    const money = (v: number | null) => (v === null ? null : major(v, c.currency));
    return row(
      'averageDealSize',
      money(c.departments.marketing.averageDealSize),
      money(c.departments.sales.averageDealSize),
      null,
      c.currency,
    );
  });
  return [
    [
      t('dashboards.csv.figure'),
      t('department.marketing'),
      t('department.sales'),
      t('dashboards.total'),
      t('dashboards.csv.unit'),
    ],
    ...moneyRows,
    row('won', m.won.count, s.won.count, m.won.count + s.won.count, null),
    row('closed', m.closed.count, s.closed.count, m.closed.count + s.closed.count, null),
    row('winRate', share(m.winRate), share(s.winRate), null, null),
    ...averageRows,
    row('mqls', null, null, r.sla.mqls.count, null),
    row('mqlCommitment', null, null, r.sla.mqls.committed, null),
    row('withinSlaRate', null, null, share(r.sla.withinSlaRate), null),
    row('acceptanceRate', null, null, share(r.sla.acceptanceRate), null),
    row('medianResponseHours', null, null, r.sla.medianResponseHours, null),
  ];
};

/** The table behind any widget, as its CSV export holds it. */
export const widgetTable = (t: Translate, options: WidgetOptions, d: WidgetData): Table => {
  switch (d.type) {
    case 'funnel':
      return funnelTable(t, d.result);
    case 'leadFlow':
      return leadFlowTable(t, d.result);
    case 'pipelineBySource':
      return pipelineBySourceTable(t, d.result);
    case 'topCampaigns':
      return attributionTable(t, d.result, (row) => attributionRowName(t, 'campaign', row), TOP_CAMPAIGNS);
    case 'attribution':
      return attributionTable(t, d.result, (row) => attributionRowName(t, options.by ?? 'campaign', row));
    case 'contribution':
      return contributionTable(t, d.result);
  }
};
