import type { DashboardWidget } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { axisMoney } from './chartOptions';
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
  const words: Record<string, string> = {
    'dashboards.type.attribution': 'Attribution',
    'dashboards.type.topCampaigns': 'Top-Aktionen',
    'dashboards.type.funnel': 'Trichter',
    'dashboards.measures.pipeline': 'Pipeline',
    'dashboards.measures.revenue': 'Umsatz',
    'analytics.modelShort.u': 'U-förmig',
    'dashboards.per.owner': 'nach Zuständigen',
    'dashboards.per.channel': 'nach Kanal',
    'analytics.modelShort.w': 'W-förmig',
  };
  const t = (key: string) => words[key] ?? key;

  it('titles: own title first, else the type with its measure and model (defaults filled in)', () => {
    expect(widgetTitle(t, { type: 'attribution', title: 'Meine Sicht' })).toBe('Meine Sicht');
    expect(widgetTitle(t, { type: 'funnel', options: { by: 'none' } })).toBe('Trichter');
    expect(widgetTitle(t, { type: 'funnel', options: { by: 'owner' } })).toBe('Trichter · nach Zuständigen');
    expect(widgetTitle(t, { type: 'attribution' })).toBe('Attribution · Pipeline · W-förmig');
    expect(widgetTitle(t, { type: 'attribution', options: { model: 'u', measure: 'revenue', by: 'channel' } })).toBe(
      'Attribution · Umsatz · nach Kanal · U-förmig',
    );
    expect(widgetTitle(t, { type: 'topCampaigns' })).toBe('Top-Aktionen · Umsatz · W-förmig');
    expect(widgetTitle(t, { type: 'pipelineBySource' })).toBe('dashboards.bySource.pipeline');
    expect(widgetTitle(t, { type: 'pipelineBySource', options: { measure: 'revenue' } })).toBe(
      'dashboards.bySource.revenue',
    );
  });

  it('file names from titles', () => {
    expect(fileSlug('Top-Aktionen nach zugeordnetem Umsatz')).toBe('top-aktionen-nach-zugeordnetem-umsatz');
    expect(fileSlug('Größe & Übergänge: Q4/2026')).toBe('groesse-uebergaenge-q4-2026');
    expect(fileSlug('***')).toBe('widget');
  });
});

describe('axisMoney', () => {
  it('shortens amounts on chart axes in the user’s locale', () => {
    expect(axisMoney(150_000_000, 'EUR', 'de').replace(/\s/g, ' ')).toBe('1,5 Mio. €');
    expect(axisMoney(150_000_000, 'EUR', 'en')).toBe('€1.5m'); // en-GB writes millions with a small m
    expect(axisMoney(0, 'EUR', 'de').replace(/\s/g, ' ')).toBe('0 €');
  });
});
