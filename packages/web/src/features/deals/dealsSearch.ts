import type { DealFilter } from './useDeals';

// The deals page's URL state, kept apart from the page so the router can read it without loading the page.

export const dealViews = ['board', 'list', 'forecast'] as const;
export type DealView = (typeof dealViews)[number];
export type DealsSearch = DealFilter & { view?: DealView };

/** Reads the deals page's state from the URL, so a filtered board can be bookmarked and shared. */
export const parseDealsSearch = (s: Record<string, unknown>): DealsSearch => {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: DealsSearch = {};
  if (dealViews.includes(s.view as DealView)) out.view = s.view as DealView;
  for (const k of ['pipelineId', 'ownerId', 'teamId'] as const) {
    const v = str(s[k]);
    if (v) out[k] = v;
  }
  if (s.source === 'marketing' || s.source === 'sales') out.source = s.source;
  const q = str(s.closeQuarter);
  if (q && /^\d{4}-Q[1-4]$/.test(q)) out.closeQuarter = q;
  return out;
};
