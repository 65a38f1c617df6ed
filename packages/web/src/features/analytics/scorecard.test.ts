import type { ContributionFigure, ContributionResult, DepartmentContribution, SourceDepartment } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { departmentFigures, linkKey, slaFigures } from './scorecard';

const period = { from: '2026-01-01', to: '2026-03-31' };
const link = (figure: ContributionFigure, department?: SourceDepartment) => ({ ...period, figure, department });

/** Marketing: 3 deals created for 90,000.00 €, 2 of them won for 60,000.00 €, 1 lost → win rate 2/3. */
const marketing: DepartmentContribution = {
  department: 'marketing',
  sourcedPipeline: { amount: 9_000_000, deals: 3, link: link('sourced_pipeline', 'marketing') },
  sourcedRevenue: { amount: 6_000_000, deals: 2, link: link('sourced_revenue', 'marketing') },
  influencedPipeline: { amount: 5_000_000, deals: 2, link: link('influenced_pipeline', 'marketing') },
  influencedRevenue: { amount: 3_000_000, deals: 1, link: link('influenced_revenue', 'marketing') },
  won: { count: 2, link: link('won', 'marketing') },
  closed: { count: 3, link: link('closed', 'marketing') },
  winRate: 2 / 3,
  averageDealSize: 3_000_000,
};

describe('departmentFigures', () => {
  const figures = departmentFigures(marketing);

  it('lists the same six figures in the same order for every department', () => {
    expect(figures.map((f) => f.key)).toEqual([
      'sourcedPipeline',
      'sourcedRevenue',
      'influencedPipeline',
      'influencedRevenue',
      'winRate',
      'avgDealSize',
    ]);
    const sales = departmentFigures({ ...marketing, department: 'sales' });
    expect(sales.map((f) => f.key)).toEqual(figures.map((f) => f.key));
  });

  it('carries values and the links to the records behind them', () => {
    expect(figures.map((f) => [f.key, f.kind, f.value, linkKey(f.link)])).toEqual([
      ['sourcedPipeline', 'money', 9_000_000, 'marketing-sourced_pipeline'],
      ['sourcedRevenue', 'money', 6_000_000, 'marketing-sourced_revenue'],
      ['influencedPipeline', 'money', 5_000_000, 'marketing-influenced_pipeline'],
      ['influencedRevenue', 'money', 3_000_000, 'marketing-influenced_revenue'],
      // the rate is over the closed deals; its parts open the won and the closed ones
      ['winRate', 'rate', 2 / 3, 'marketing-closed'],
      // 6,000,000 over the 2 won deals of the sourced revenue
      ['avgDealSize', 'money', 3_000_000, 'marketing-sourced_revenue'],
    ]);
    const winRate = figures.find((f) => f.key === 'winRate');
    expect(winRate?.parts.map((p) => [p.label, p.count])).toEqual([
      ['won', 2],
      ['closed', 3],
    ]);
  });
});

describe('slaFigures', () => {
  // 45 MQLs against a commitment of 50 a month over 1 month: 90 %; 30 of 40 judged within the SLA: 75 %;
  // 24 accepted, 6 rejected: 80 %.
  const sla: ContributionResult['sla'] = {
    mqls: { count: 45, committed: 50, months: 1, link: link('mqls') },
    withinSla: { count: 30, link: link('within_sla') },
    outsideSla: { count: 10, link: link('outside_sla') },
    withinSlaRate: 0.75,
    accepted: { count: 24, link: link('accepted') },
    rejected: { count: 6, link: link('rejected') },
    acceptanceRate: 0.8,
    medianResponseHours: 2.5,
  };

  it('compares MQLs with the commitment and keeps both sides of each rate', () => {
    const figures = slaFigures(sla);
    expect(figures.map((f) => [f.key, f.value, f.attainment ?? null])).toEqual([
      ['mqls', 45, 0.9],
      ['responseWithinSla', 0.75, null],
      ['acceptanceRate', 0.8, null],
    ]);
    expect(figures.flatMap((f) => f.parts.map((p) => [p.label, p.count, p.link ? linkKey(p.link) : null]))).toEqual([
      ['committed', 50, null],
      ['withinSla', 30, 'all-within_sla'],
      ['outsideSla', 10, 'all-outside_sla'],
      ['accepted', 24, 'all-accepted'],
      ['rejected', 6, 'all-rejected'],
    ]);
  });

  it('has no attainment without a commitment', () => {
    const [mqls] = slaFigures({ ...sla, mqls: { ...sla.mqls, committed: 0 } });
    expect(mqls?.attainment).toBeNull();
  });
});
