import type { DashboardWidget } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { fileSlug, widgetTitle } from './labels';
import { widgetPath } from './widgets';

const range = { from: '2026-10-01', to: '2026-11-27' };
const w = (x: Partial<DashboardWidget> & Pick<DashboardWidget, 'type'>): DashboardWidget => ({
  id: 'w',
  period: 'thisQuarter',
  ...x,
});

describe('widgetPath', () => {
  it.each<[DashboardWidget, string]>([
    [w({ type: 'funnel' }), '/reports/funnel?from=2026-10-01&to=2026-11-27&by=none'],
    [w({ type: 'funnel', options: { by: 'campaign' } }), '/reports/funnel?from=2026-10-01&to=2026-11-27&by=campaign'],
    [w({ type: 'leadFlow' }), '/reports/lead-flow?from=2026-10-01&to=2026-11-27&by=source'],
    [
      w({ type: 'pipelineBySource', options: { measure: 'revenue' } }),
      '/reports/pipeline-by-source?from=2026-10-01&to=2026-11-27',
    ],
    [
      w({ type: 'topCampaigns' }),
      '/reports/attribution?from=2026-10-01&to=2026-11-27&model=w&by=campaign&measure=revenue',
    ],
    [
      w({ type: 'topCampaigns', options: { model: 'first', measure: 'pipeline' } }),
      '/reports/attribution?from=2026-10-01&to=2026-11-27&model=first&by=campaign&measure=pipeline',
    ],
    [
      w({ type: 'attribution', options: { model: 'decay', by: 'channel' } }),
      '/reports/attribution?from=2026-10-01&to=2026-11-27&model=decay&by=channel&measure=pipeline',
    ],
    [w({ type: 'contribution' }), '/reports/contribution?from=2026-10-01&to=2026-11-27'],
  ])('%o → %s', (widget, path) => {
    expect(widgetPath(widget, range)).toBe(path);
  });
});

describe('widget labels', () => {
  const t = (key: string) =>
    ({ 'dashboards.type.attribution': 'Attribution', 'analytics.modelShort.u': 'U-förmig' })[key] ?? key;

  it('titles: own title first, else the type, with the chosen model', () => {
    expect(widgetTitle(t, { type: 'attribution', title: 'Meine Sicht' })).toBe('Meine Sicht');
    expect(widgetTitle(t, { type: 'attribution' })).toBe('Attribution');
    expect(widgetTitle(t, { type: 'attribution', options: { model: 'u' } })).toBe('Attribution · U-förmig');
  });

  it('file names from titles', () => {
    expect(fileSlug('Top-Aktionen nach zugeordnetem Umsatz')).toBe('top-aktionen-nach-zugeordnetem-umsatz');
    expect(fileSlug('Größe & Übergänge: Q4/2026')).toBe('groesse-uebergaenge-q4-2026');
    expect(fileSlug('***')).toBe('widget');
  });
});
