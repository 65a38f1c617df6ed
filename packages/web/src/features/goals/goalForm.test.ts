import { CreateGoalInput, type Goal, type MetricUnit, UpdateGoalInput } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import {
  draftToCreateInput,
  draftToUpdateInput,
  emptyGoalDraft,
  type GoalDraft,
  goalDraftIssues,
  goalToDraft,
  monthToDate,
  targetFromDraft,
  targetToDraft,
  type UnitOf,
} from './goalForm';

const lena = '00000000-0000-4000-8000-000000000001';
const jonas = '00000000-0000-4000-8000-000000000002';
const units: Record<string, MetricUnit> = {
  mqls: 'count',
  revenue_won: 'money',
  acceptance_rate: 'percent',
  median_response: 'business_hours',
  campaign_roi: 'percent',
};
const unitOf: UnitOf = (key) => (key ? units[key] : undefined);
/** Rates stop at 100 %; a return on investment does not. */
const maxOf = (key: string | null) => (key === 'acceptance_rate' ? 100 : null);
// 17 December 2026, 10:00 in the browser's calendar
const dec17 = new Date(2026, 11, 17, 10);

describe('default dates', () => {
  it('the alignment index looks at this month up to today', () => {
    expect(monthToDate(dec17)).toEqual({ from: '2026-12-01', to: '2026-12-17' });
    expect(monthToDate(new Date(2027, 0, 1, 0, 5))).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('a new goal is this month, owned by whoever creates it', () => {
    const d = emptyGoalDraft(lena, dec17);
    expect(d).toMatchObject({ periodType: 'month', start: '2026-12-17', from: '2026-12-01', to: '2026-12-31' });
    expect(d.ownerIds).toEqual([lena]);
    expect(emptyGoalDraft(lena, new Date(2028, 1, 3)).to).toBe('2028-02-29');
  });
});

describe('targets between the input and the API', () => {
  it.each<[number | string, MetricUnit | undefined, string, number | null]>([
    // money: the amount typed in major units, sent in exact minor units
    ['1234.5', 'money', 'EUR', 123_450],
    [1234.5, 'money', 'EUR', 123_450],
    [50_000, 'money', 'EUR', 5_000_000],
    ['0.015', 'money', 'EUR', 2],
    [1000, 'money', 'JPY', 1000],
    ['', 'money', 'EUR', null],
    ['-3', 'money', 'EUR', null],
    // everything else as typed
    [5, 'count', 'EUR', 5],
    ['5', 'count', 'EUR', 5],
    [7.5, 'percent', 'EUR', 7.5],
    [4.5, 'business_hours', 'EUR', 4.5],
    ['abc', 'count', 'EUR', null],
    ['', 'count', 'EUR', null],
  ])('%j (%s, %s) → %j', (value, unit, currency, expected) => {
    expect(targetFromDraft(value, unit, currency)).toBe(expected);
  });

  it.each<[number, MetricUnit, string | null, number | string]>([
    [123_450, 'money', 'EUR', '1234.50'],
    [5, 'money', 'EUR', '0.05'],
    [1000, 'money', 'JPY', '1000'],
    [5, 'count', null, 5],
    [80, 'percent', null, 80],
  ])('stored %d (%s, %s) shows as %j', (target, unit, currency, expected) => {
    expect(targetToDraft(target, unit, currency)).toBe(expected);
  });
});

const draft = (patch: Partial<GoalDraft> = {}): GoalDraft => ({
  ...emptyGoalDraft(lena, dec17),
  name: ' MQLs im Dezember ',
  metric: 'mqls',
  target: 5,
  ownerIds: [lena, jonas],
  ...patch,
});

describe('draftToCreateInput', () => {
  it('sends a monthly count goal with its filters, empty filter values left out', () => {
    const input = draftToCreateInput(draft({ filters: { source: ' webinar ', campaignId: '' } }), unitOf);
    expect(input).toEqual({
      name: 'MQLs im Dezember',
      description: null,
      metric: 'mqls',
      filters: { source: 'webinar' },
      period: { type: 'month', start: '2026-12-17' },
      target: 5,
      ownerIds: [lena, jonas],
      parentId: null,
      teamId: null,
      repeat: false,
    });
    expect(CreateGoalInput.safeParse(input).success).toBe(true);
  });

  it('sends money in minor units with its currency', () => {
    const input = draftToCreateInput(draft({ metric: 'revenue_won', target: '12500.5', currency: 'CHF' }), unitOf);
    expect(input).toMatchObject({ target: 1_250_050, currency: 'CHF' });
    expect(CreateGoalInput.safeParse(input).success).toBe(true);
  });

  it('sends a custom period as from/to, never repeating', () => {
    const input = draftToCreateInput(
      draft({ periodType: 'custom', from: '2026-12-01', to: '2026-12-24', repeat: true }),
      unitOf,
    );
    expect(input).toMatchObject({ period: { type: 'custom', from: '2026-12-01', to: '2026-12-24' }, repeat: false });
    expect(input).not.toHaveProperty('currency');
    expect(CreateGoalInput.safeParse(input).success).toBe(true);
  });

  it('sends an unreadable amount as -1 so the schema names the target', () => {
    const input = draftToCreateInput(draft({ target: 'viel' }), unitOf);
    expect(input.target).toBe(-1);
    const r = CreateGoalInput.safeParse(input);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['target']);
  });
});

const goal: Goal = {
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Umsatz Q4',
  description: null,
  metric: 'revenue_won',
  unit: 'money',
  direction: 'higher',
  filters: {},
  period: { type: 'quarter', from: '2026-10-01', to: '2026-12-31' },
  target: 5_000_000,
  currency: 'EUR',
  owners: [
    { id: lena, name: 'Lena Vogt', department: 'marketing' },
    { id: jonas, name: 'Jonas Keller', department: 'sales' },
  ],
  shared: true,
  parent: null,
  team: null,
  repeat: true,
  seriesId: '00000000-0000-4000-8000-0000000000aa',
  createdBy: null,
  version: 3,
  createdAt: '2026-10-01T08:00:00.000Z',
  updatedAt: '2026-10-01T08:00:00.000Z',
};

describe('draftToUpdateInput', () => {
  const base = goalToDraft(goal);

  it('reads a goal back into the form: the amount in major units, the period by its first day', () => {
    expect(base).toMatchObject({
      target: '50000.00',
      currency: 'EUR',
      periodType: 'quarter',
      start: '2026-10-01',
      ownerIds: [lena, jonas],
      repeat: true,
    });
  });

  it.each<[string, Partial<GoalDraft>, Record<string, unknown>]>([
    ['nothing changed', {}, {}],
    ['the name', { name: ' Umsatz Q4 neu ' }, { name: 'Umsatz Q4 neu' }],
    ['the amount: with its currency', { target: '60000' }, { target: 6_000_000, currency: 'EUR' }],
    ['the currency: the amount again', { currency: 'CHF' }, { target: 5_000_000, currency: 'CHF' }],
    [
      'the metric to a count: target as typed, no currency, filters reset',
      { metric: 'mqls', target: 40, filters: {} },
      { metric: 'mqls', filters: {}, target: 40, currency: null },
    ],
    [
      'a day inside the period: the whole period',
      { start: '2027-01-15' },
      { period: { type: 'quarter', start: '2027-01-15' } },
    ],
    [
      'to a custom period: it stops repeating',
      { periodType: 'custom', from: '2026-11-01', to: '2026-11-30' },
      { period: { type: 'custom', from: '2026-11-01', to: '2026-11-30' }, repeat: false },
    ],
    ['the owners', { ownerIds: [jonas] }, { ownerIds: [jonas] }],
    ['the parent, removed', { parentId: null }, { parentId: null }],
  ])('%s', (_name, changes, expected) => {
    const input = draftToUpdateInput(changes, base, unitOf);
    expect(input).toEqual(expected);
    expect(UpdateGoalInput.safeParse(input).success).toBe(true);
  });
});

describe('goalDraftIssues', () => {
  it.each<[string, Partial<GoalDraft>, Record<string, string>]>([
    ['a complete draft', {}, {}],
    ['no name', { name: '  ' }, { name: 'nameRequired' }],
    ['no metric', { metric: null }, { metric: 'metricRequired' }],
    ['no target', { target: '' }, { target: 'targetRequired' }],
    ['half an MQL', { target: 2.5 }, { target: 'wholeNumber' }],
    ['a rate of 100', { metric: 'acceptance_rate', target: 100 }, {}],
    ['a rate over 100 %', { metric: 'acceptance_rate', target: 150 }, { target: 'atMost100' }],
    ['an ROI over 100 %', { metric: 'campaign_roi', target: 150 }, {}],
    ['hours with decimals', { metric: 'median_response', target: 4.5 }, {}],
    ['an amount that is no number', { metric: 'revenue_won', target: '12,50' }, { target: 'targetInvalid' }],
    ['no owners', { ownerIds: [] }, { ownerIds: 'ownersRequired' }],
    [
      'custom without dates',
      { periodType: 'custom', from: '', to: '' },
      { 'period.from': 'dateRequired', 'period.to': 'dateRequired' },
    ],
    [
      'custom ending before it starts',
      { periodType: 'custom', from: '2026-12-24', to: '2026-12-01' },
      { 'period.to': 'endBeforeStart' },
    ],
    ['a one-day custom period', { periodType: 'custom', from: '2026-12-24', to: '2026-12-24' }, {}],
  ])('%s', (_name, patch, expected) => {
    const d = draft(patch);
    expect(goalDraftIssues(d, unitOf(d.metric), maxOf(d.metric))).toEqual(expected);
  });
});
