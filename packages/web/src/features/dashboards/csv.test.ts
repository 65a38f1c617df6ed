import type {
  AttributionModelResult,
  ContributionLink,
  ContributionResult,
  FunnelGroup,
  FunnelResult,
  LeadFlowResult,
  PipelineBySourceResult,
} from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import {
  attributionTable,
  contributionTable,
  funnelTable,
  leadFlowTable,
  major,
  pipelineBySourceTable,
  toCsv,
} from './csv';
import type { Translate } from './labels';

/** A few German labels; unknown keys come back as their default or as the key itself. */
const words: Record<string, string> = {
  'dashboards.total': 'Summe',
  'dashboards.notSet': 'Ohne Angabe',
  'dashboards.unattributed': 'Nicht zugeordnet',
  'dashboards.flow.handed_off': 'Übergeben',
  'dashboards.flow.accepted': 'Angenommen',
  'analytics.channel.webinar': 'Webinar',
  'analytics.channel.trade_fair': 'Messe',
  'department.marketing': 'Marketing',
  'department.sales': 'Vertrieb',
  'stage.opportunity': 'Verkaufschance',
  'stage.customer': 'Kunde',
};
const t: Translate = (key, options) => words[key] ?? (options?.defaultValue as string | undefined) ?? key;

describe('toCsv', () => {
  it('quotes separators, quotes and line breaks, neutralises formulas, leaves numbers alone', () => {
    expect(
      toCsv([
        ['Name', 'Betrag'],
        ['Müller, Meier & Co', 1234.5],
        ['Sag "Hallo"', -3],
        ['=SUM(A1)', null],
        ['zwei\nZeilen', 0],
        ['a;b', 0.125],
      ]),
    ).toBe(
      [
        'Name,Betrag',
        '"Müller, Meier & Co",1234.5',
        '"Sag ""Hallo""",-3',
        "'=SUM(A1),",
        '"zwei\nZeilen",0',
        '"a;b",0.125',
        '',
      ].join('\r\n'),
    );
  });

  it('turns minor units into major ones by the currency', () => {
    expect(major(123456, 'EUR')).toBe(1234.56);
    expect(major(-5, 'EUR')).toBe(-0.05);
    expect(major(1500, 'JPY')).toBe(1500);
  });
});

const group = (
  key: string | null,
  name: string | null,
  counts: FunnelGroup['counts'],
  rates: FunnelGroup['rates'],
  medianDays: FunnelGroup['medianDays'],
): FunnelGroup => ({ key, name, counts, rates, medianDays });

describe('funnelTable', () => {
  // 10 leads → 6 MQL → 4 SAL → 3 SQL → 2 opportunities → 1 customer; webinar 6 of them, none 4
  const total = group(
    null,
    null,
    { lead: 10, mql: 6, sal: 4, sql: 3, opportunity: 2, customer: 1 },
    { mql: 0.6, sal: 0.6667, sql: 0.75, opportunity: 0.6667, customer: 0.5 },
    { mql: 2, sal: 1.5, sql: null, opportunity: 10, customer: 30 },
  );
  const webinar = group(
    'webinar',
    'webinar',
    { lead: 6, mql: 3, sal: 3, sql: 2, opportunity: 2, customer: 1 },
    { mql: 0.5, sal: 1, sql: 2 / 3, opportunity: 1, customer: 0.5 },
    { mql: 1, sal: 1, sql: 4, opportunity: 7, customer: 30 },
  );
  const none = group(
    null,
    null,
    { lead: 4, mql: 3, sal: 1, sql: 1, opportunity: 0, customer: 0 },
    { mql: 0.75, sal: 1 / 3, sql: 1, opportunity: 0, customer: null },
    { mql: 3, sal: 2, sql: null, opportunity: null, customer: null },
  );

  it('by none: the total only, a row per stage', () => {
    const r: FunnelResult = {
      from: '2026-10-01',
      to: '2026-12-31',
      by: 'none',
      stages: ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'],
      groups: [total],
      total,
    };
    expect(funnelTable(t, r)).toEqual([
      [
        'dashboards.csv.group',
        'dashboards.csv.stage',
        'dashboards.csv.count',
        'dashboards.csv.rateFromPrevious',
        'dashboards.csv.medianDays',
      ],
      ['Summe', 'stage.lead', 10, null, null],
      ['Summe', 'stage.mql', 6, 0.6, 2],
      ['Summe', 'stage.sal', 4, 0.6667, 1.5],
      ['Summe', 'stage.sql', 3, 0.75, null],
      ['Summe', 'Verkaufschance', 2, 0.6667, 10],
      ['Summe', 'Kunde', 1, 0.5, 30],
    ]);
  });

  it('by channel: the total, then each group with translated names and shares to four places', () => {
    const r: FunnelResult = {
      from: '2026-10-01',
      to: '2026-12-31',
      by: 'channel',
      stages: ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'],
      groups: [webinar, none],
      total,
    };
    const rows = funnelTable(t, r);
    expect(rows).toHaveLength(1 + 3 * 6);
    expect(rows.slice(7, 10)).toEqual([
      ['Webinar', 'stage.lead', 6, null, null],
      ['Webinar', 'stage.mql', 3, 0.5, 1],
      ['Webinar', 'stage.sal', 3, 1, 1],
    ]);
    expect(rows[10]).toEqual(['Webinar', 'stage.sql', 2, 0.6667, 4]);
    expect(rows.slice(13)).toEqual([
      ['Ohne Angabe', 'stage.lead', 4, null, null],
      ['Ohne Angabe', 'stage.mql', 3, 0.75, 3],
      ['Ohne Angabe', 'stage.sal', 1, 0.3333, 2],
      ['Ohne Angabe', 'stage.sql', 1, 1, null],
      ['Ohne Angabe', 'Verkaufschance', 0, 0, null],
      ['Ohne Angabe', 'Kunde', 0, null, null],
    ]);
  });
});

describe('leadFlowTable', () => {
  it('lists each flow that carries someone, with node names in the user’s language', () => {
    const r: LeadFlowResult = {
      from: '2026-11-01',
      to: '2026-11-30',
      by: 'channel',
      leads: 5,
      nodes: [
        { id: 'origin:trade_fair', kind: 'origin', key: 'trade_fair', name: 'trade_fair', count: 3 },
        { id: 'origin:', kind: 'origin', key: null, name: null, count: 2 },
        { id: 'handoff:handed_off', kind: 'handoff', key: 'handed_off', name: 'handed_off', count: 4 },
        { id: 'handoff:not_handed_off', kind: 'handoff', key: 'not_handed_off', name: 'not_handed_off', count: 1 },
        { id: 'verdict:accepted', kind: 'verdict', key: 'accepted', name: 'accepted', count: 4 },
        { id: 'result:converted', kind: 'result', key: 'converted', name: 'converted', count: 0 },
      ],
      links: [
        { source: 'origin:trade_fair', target: 'handoff:handed_off', value: 3 },
        { source: 'origin:', target: 'handoff:handed_off', value: 1 },
        { source: 'origin:', target: 'handoff:not_handed_off', value: 1 },
        { source: 'handoff:handed_off', target: 'verdict:accepted', value: 4 },
        { source: 'verdict:accepted', target: 'result:converted', value: 0 },
      ],
    };
    expect(toCsv(leadFlowTable(t, r))).toBe(
      [
        'dashboards.csv.from,dashboards.csv.to,dashboards.csv.count',
        'Messe,Übergeben,3',
        'Ohne Angabe,Übergeben,1',
        'Ohne Angabe,not_handed_off,1',
        'Übergeben,Angenommen,4',
        '',
      ].join('\r\n'),
    );
  });
});

describe('pipelineBySourceTable', () => {
  it('a row per month, money in major units, counts as they are', () => {
    const r: PipelineBySourceResult = {
      from: '2026-10-15',
      to: '2026-11-30',
      currency: 'EUR',
      otherCurrencies: [],
      months: [
        {
          month: '2026-10',
          pipeline: { marketing: 1_000_000, sales: 250_050 },
          revenue: { marketing: 0, sales: 99 },
          created: { marketing: 2, sales: 1 },
          won: { marketing: 0, sales: 1 },
        },
        {
          month: '2026-11',
          pipeline: { marketing: 0, sales: 0 },
          revenue: { marketing: 1_000_000, sales: 0 },
          created: { marketing: 0, sales: 0 },
          won: { marketing: 1, sales: 0 },
        },
      ],
    };
    expect(pipelineBySourceTable(t, r)).toEqual([
      [
        'dashboards.csv.month',
        'dashboards.csv.pipeline Marketing',
        'dashboards.csv.pipeline Vertrieb',
        'dashboards.csv.revenue Marketing',
        'dashboards.csv.revenue Vertrieb',
        'dashboards.csv.created Marketing',
        'dashboards.csv.created Vertrieb',
        'dashboards.csv.won Marketing',
        'dashboards.csv.won Vertrieb',
        'dashboards.csv.currency',
      ],
      ['2026-10', 10000, 2500.5, 0, 0.99, 2, 1, 0, 1, 'EUR'],
      ['2026-11', 0, 0, 10000, 0, 0, 0, 1, 0, 'EUR'],
    ]);
  });
});

describe('attributionTable', () => {
  const eurRows = [
    { id: 'c2', name: 'Messe Hannover', credit: 50_000 },
    { id: 'c1', name: 'Webinar Q4', credit: 150_001 },
    { id: 'c3', name: 'Newsletter', credit: 49_999 },
  ];
  const r: AttributionModelResult = {
    model: 'linear',
    measure: 'revenue',
    currency: 'EUR',
    rows: eurRows,
    unattributed: 100_000,
    byCurrency: [{ currency: 'EUR', deals: 4, rows: eurRows, unattributed: 100_000, total: 350_000 }],
  };
  const name = (row: { name: string }) => row.name;

  it('all rows, largest first, closed by the unattributed amount', () => {
    expect(attributionTable(t, r, name)).toEqual([
      ['dashboards.csv.name', 'dashboards.csv.credit', 'dashboards.csv.currency'],
      ['Webinar Q4', 1500.01, 'EUR'],
      ['Messe Hannover', 500, 'EUR'],
      ['Newsletter', 499.99, 'EUR'],
      ['Nicht zugeordnet', 1000, 'EUR'],
    ]);
  });

  it('every currency gets its own block, never converted or left out', () => {
    const chf = {
      currency: 'CHF',
      deals: 2,
      rows: [{ id: 'c1', name: 'Webinar Q4', credit: 90_001 }],
      unattributed: 20_000,
      total: 110_001,
    };
    const both = { ...r, byCurrency: [...r.byCurrency, chf] };
    expect(attributionTable(t, both, name).slice(5)).toEqual([
      ['Webinar Q4', 900.01, 'CHF'],
      ['Nicht zugeordnet', 200, 'CHF'],
    ]);
    expect(attributionTable(t, both, name, 1)).toEqual([
      ['dashboards.csv.name', 'dashboards.csv.credit', 'dashboards.csv.currency'],
      ['Webinar Q4', 1500.01, 'EUR'],
      ['Webinar Q4', 900.01, 'CHF'],
    ]);
  });

  it('top campaigns: the first N, without the unattributed amount', () => {
    expect(attributionTable(t, r, name, 2)).toEqual([
      ['dashboards.csv.name', 'dashboards.csv.credit', 'dashboards.csv.currency'],
      ['Webinar Q4', 1500.01, 'EUR'],
      ['Messe Hannover', 500, 'EUR'],
    ]);
  });
});

describe('contributionTable', () => {
  const link: ContributionLink = { figure: 'won', from: '2026-10-01', to: '2026-12-31' };
  const money = (amount: number, deals: number) => ({ amount, deals, link });
  const count = (n: number) => ({ count: n, link });
  const r0: Omit<ContributionResult, 'byCurrency'> = {
    from: '2026-10-01',
    to: '2026-12-31',
    currency: 'EUR',
    currencies: ['EUR'],
    departments: {
      marketing: {
        department: 'marketing',
        sourcedPipeline: money(3_000_000, 3),
        sourcedRevenue: money(1_000_000, 1),
        influencedPipeline: money(2_000_000, 2),
        influencedRevenue: money(1_000_000, 1),
        won: count(1),
        closed: count(3),
        winRate: 1 / 3,
        averageDealSize: 1_000_000,
      },
      sales: {
        department: 'sales',
        sourcedPipeline: money(500_050, 1),
        sourcedRevenue: money(0, 0),
        influencedPipeline: money(0, 0),
        influencedRevenue: money(0, 0),
        won: count(0),
        closed: count(1),
        winRate: 0,
        averageDealSize: null,
      },
    },
    influenced: { pipeline: money(2_000_000, 2), revenue: money(1_000_000, 1) },
    sla: {
      mqls: { count: 7, link, committed: 12, months: 3 },
      withinSla: count(5),
      outsideSla: count(1),
      withinSlaRate: 5 / 6,
      accepted: count(4),
      rejected: count(2),
      acceptanceRate: 4 / 6,
      medianResponseHours: 2.5,
    },
  };
  const r: ContributionResult = {
    ...r0,
    byCurrency: [{ currency: 'EUR', departments: r0.departments, influenced: r0.influenced }],
  };

  it('a second currency gets its own money rows beside the first, never converted or left out', () => {
    const chf = {
      currency: 'CHF',
      departments: {
        marketing: {
          sourcedPipeline: money(250_000, 1),
          sourcedRevenue: money(250_000, 1),
          influencedPipeline: money(0, 0),
          influencedRevenue: money(0, 0),
          averageDealSize: 250_000,
        },
        sales: {
          sourcedPipeline: money(40_000, 1),
          sourcedRevenue: money(0, 0),
          influencedPipeline: money(0, 0),
          influencedRevenue: money(0, 0),
          averageDealSize: null,
        },
      },
      influenced: { pipeline: money(0, 0), revenue: money(0, 0) },
    };
    const rows = contributionTable(t, { ...r, currencies: ['EUR', 'CHF'], byCurrency: [...r.byCurrency, chf] });
    const moneyRows = rows.filter((row) => row[4] === 'EUR' || row[4] === 'CHF');
    expect(moneyRows).toEqual([
      ['dashboards.contribution.sourcedPipeline', 30000, 5000.5, 35000.5, 'EUR'],
      ['dashboards.contribution.sourcedRevenue', 10000, 0, 10000, 'EUR'],
      ['dashboards.contribution.influencedPipeline', 20000, 0, 20000, 'EUR'],
      ['dashboards.contribution.influencedRevenue', 10000, 0, 10000, 'EUR'],
      ['dashboards.contribution.sourcedPipeline', 2500, 400, 2900, 'CHF'],
      ['dashboards.contribution.sourcedRevenue', 2500, 0, 2500, 'CHF'],
      ['dashboards.contribution.influencedPipeline', 0, 0, 0, 'CHF'],
      ['dashboards.contribution.influencedRevenue', 0, 0, 0, 'CHF'],
      ['dashboards.contribution.averageDealSize', 10000, null, null, 'EUR'],
      ['dashboards.contribution.averageDealSize', 2500, null, null, 'CHF'],
    ]);
  });

  it('deal figures per department with totals, SLA figures in the total column', () => {
    expect(contributionTable(t, r)).toEqual([
      ['dashboards.csv.figure', 'Marketing', 'Vertrieb', 'Summe', 'dashboards.csv.unit'],
      ['dashboards.contribution.sourcedPipeline', 30000, 5000.5, 35000.5, 'EUR'],
      ['dashboards.contribution.sourcedRevenue', 10000, 0, 10000, 'EUR'],
      ['dashboards.contribution.influencedPipeline', 20000, 0, 20000, 'EUR'],
      ['dashboards.contribution.influencedRevenue', 10000, 0, 10000, 'EUR'],
      ['dashboards.contribution.won', 1, 0, 1, null],
      ['dashboards.contribution.closed', 3, 1, 4, null],
      ['dashboards.contribution.winRate', 0.3333, 0, null, null],
      ['dashboards.contribution.averageDealSize', 10000, null, null, 'EUR'],
      ['dashboards.contribution.mqls', null, null, 7, null],
      ['dashboards.contribution.mqlCommitment', null, null, 12, null],
      ['dashboards.contribution.withinSlaRate', null, null, 0.8333, null],
      ['dashboards.contribution.acceptanceRate', null, null, 0.6667, null],
      ['dashboards.contribution.medianResponseHours', null, null, 2.5, null],
    ]);
  });
});
