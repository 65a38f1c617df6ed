import {
  type DashboardWidget,
  type FunnelDimension,
  type FunnelGroup,
  type LeadFlowResult,
  widgetOptionKeys,
} from '@nenner/shared';
import { DEFAULT_MODEL, defaultMeasure } from './widgets';

/** i18next's `t` as far as these helpers need it (tests pass a plain function). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A widget's heading: its own title, or the name of its type with its measure and attribution model. */
export const widgetTitle = (t: Translate, w: Pick<DashboardWidget, 'type' | 'title' | 'options'>): string => {
  if (w.title) return w.title;
  const measure = w.options?.measure ?? defaultMeasure[w.type];
  if (w.type === 'pipelineBySource') return t(`dashboards.bySource.${measure}`);
  const parts = [t(`dashboards.type.${w.type}`)];
  if (measure) parts.push(t(`dashboards.measures.${measure}`));
  const by = w.options?.by;
  if (by && by !== 'none') parts.push(t(`dashboards.per.${by}`));
  if (widgetOptionKeys[w.type].includes('model')) {
    parts.push(t(`analytics.modelShort.${w.options?.model ?? DEFAULT_MODEL}`));
  }
  return parts.join(' · ');
};

/** A channel code in the user's language; unknown codes as they are. */
export const channelName = (t: Translate, code: string): string =>
  t(`analytics.channel.${code}`, { defaultValue: code });

/** A contact source: the suggested codes (website, trade_fair, …) translated, free text as typed. */
export const sourceName = (t: Translate, source: string): string =>
  t(`dashboards.source.${source}`, { defaultValue: source });

/** A funnel group's name: channel codes translated, missing keys as "not set". */
export const funnelGroupName = (t: Translate, by: FunnelDimension, g: Pick<FunnelGroup, 'key' | 'name'>): string => {
  if (g.key === null && g.name === null) return t('dashboards.notSet');
  if (by === 'channel') return channelName(t, g.key ?? g.name ?? '');
  if (by === 'source') return sourceName(t, g.key ?? g.name ?? '');
  return g.name ?? g.key ?? t('dashboards.notSet');
};

/** A lead-flow node's name: the origin's source or channel, then the handoff's steps in the user's language. */
export const flowNodeName = (
  t: Translate,
  by: LeadFlowResult['by'],
  node: Pick<LeadFlowResult['nodes'][number], 'kind' | 'key' | 'name'>,
): string => {
  if (node.kind === 'origin') {
    if (node.key === null) return t('dashboards.notSet');
    return by === 'channel' ? channelName(t, node.key) : sourceName(t, node.key);
  }
  return t(`dashboards.flow.${node.key}`, { defaultValue: node.name ?? node.key ?? '' });
};

/** An attribution row's name: campaigns by name, channel and department codes translated. */
export const attributionRowName = (t: Translate, by: string, row: { id: string; name: string }): string => {
  if (by === 'channel') return channelName(t, row.id);
  if (by === 'department') return t(`department.${row.id}`, { defaultValue: row.name || row.id });
  return row.name || row.id;
};

/** A file name part from a title: lower case, umlauts spelled out, anything else a dash. */
export const fileSlug = (title: string): string =>
  title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'widget';
