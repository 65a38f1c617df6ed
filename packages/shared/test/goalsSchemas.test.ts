import { describe, expect, it } from 'vitest';
import { CreateGoalInput, goalTargetIssues, type MetricUnit, UpdateGoalInput } from '../src/schemas/goals.js';

const alice = '00000000-0000-4000-8000-000000000001';
const bob = '00000000-0000-4000-8000-000000000002';
const valid = {
  name: 'MQLs im Dezember',
  metric: 'mqls',
  period: { type: 'month', start: '2026-12-01' },
  target: 5,
  ownerIds: [alice, bob],
};

const issuePaths = (input: unknown) => {
  const r = CreateGoalInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('CreateGoalInput', () => {
  it('accepts a shared monthly goal and drops a repeated owner', () => {
    const r = CreateGoalInput.parse({
      ...valid,
      ownerIds: [alice, bob, alice],
      repeat: true,
      filters: { source: 'webinar' },
    });
    expect(r.ownerIds).toEqual([alice, bob]);
    expect(r.period).toEqual({ type: 'month', start: '2026-12-01' });
  });

  it.each<[string, unknown, string[]]>([
    ['a custom period', { ...valid, period: { type: 'custom', from: '2026-12-01', to: '2026-12-24' } }, []],
    ['a one-day custom period', { ...valid, period: { type: 'custom', from: '2026-12-24', to: '2026-12-24' } }, []],
    [
      'custom, end before start',
      { ...valid, period: { type: 'custom', from: '2026-12-24', to: '2026-12-01' } },
      ['period.to'],
    ],
    ['custom without dates', { ...valid, period: { type: 'custom' } }, ['period.from', 'period.to']],
    [
      'custom with start',
      { ...valid, period: { type: 'custom', from: '2026-12-01', to: '2026-12-02', start: '2026-12-01' } },
      ['period.start'],
    ],
    [
      'a month with from/to',
      { ...valid, period: { type: 'month', from: '2026-12-01', to: '2026-12-31' } },
      ['period.from', 'period.to'],
    ],
    ['an unknown period type', { ...valid, period: { type: 'week' } }, ['period.type']],
    ['a negative target', { ...valid, target: -1 }, ['target']],
    ['a zero target', { ...valid, target: 0 }, []],
    ['no owners', { ...valid, ownerIds: [] }, ['ownerIds']],
    ['an owner that is not an id', { ...valid, ownerIds: ['bob'] }, ['ownerIds.0']],
    ['a malformed metric key', { ...valid, metric: 'MQLs!' }, ['metric']],
    [
      'a repeating custom period',
      { ...valid, repeat: true, period: { type: 'custom', from: '2026-12-01', to: '2026-12-24' } },
      ['repeat'],
    ],
    ['an unknown field', { ...valid, owner: alice }, ['']],
    ['a money target with currency', { ...valid, metric: 'revenue_won', target: 5_000_000, currency: 'EUR' }, []],
    ['a bad currency', { ...valid, currency: 'euro' }, ['currency']],
  ])('%s', (_name, input, paths) => {
    expect(issuePaths(input)).toEqual(paths);
  });
});

describe('UpdateGoalInput', () => {
  it.each<[string, unknown, boolean]>([
    ['an empty patch', {}, true],
    ['a new target', { target: 7 }, true],
    ['a negative target', { target: -3 }, false],
    [
      'a custom period ending before its start',
      { period: { type: 'custom', from: '2026-12-24', to: '2026-12-01' } },
      false,
    ],
  ])('%s', (_name, input, ok) => {
    expect(UpdateGoalInput.safeParse(input).success).toBe(ok);
  });
});

describe('goalTargetIssues', () => {
  it.each<[string, MetricUnit, { target: number; currency?: string | null }, string[]]>([
    ['money in minor units with a currency', 'money', { target: 500_000, currency: 'EUR' }, []],
    ['money in fractions of a cent', 'money', { target: 10.5, currency: 'EUR' }, ['target']],
    ['money without a currency', 'money', { target: 500_000 }, ['currency']],
    ['a count', 'count', { target: 5 }, []],
    ['a fractional count', 'count', { target: 5.5 }, ['target']],
    ['a count with a currency', 'count', { target: 5, currency: 'EUR' }, ['currency']],
    ['a percentage', 'percent', { target: 92.5 }, []],
    ['over 100 %', 'percent', { target: 101 }, ['target']],
    ['business hours', 'business_hours', { target: 3.5 }, []],
  ])('%s', (_name, unit, goal, paths) => {
    expect(goalTargetIssues(unit, goal).map((e) => e.path)).toEqual(paths);
  });
});
