import type { PolicyActor, ProjectStage } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { formatPipeline, formatRating, openDealCount, pilotActions } from './pilotFormat';

// Intl separates a number from its currency with a no-break space; compare with plain spaces.
const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('the pilot summary in the user’s locale', () => {
  it.each([
    [null, 'de', null],
    [4, 'de', '4'],
    [4.33, 'de', '4,33'],
    [4.5, 'en', '4.5'],
  ] as const)('rating %s in %s → %s', (mean, lng, text) => {
    expect(formatRating(mean, lng)).toBe(text);
  });

  it('shows each currency of the open pipeline as money, whole units, and counts the deals', () => {
    const pipeline = [
      { currency: 'EUR', amount: 1_250_000, deals: 2 },
      { currency: 'CHF', amount: 300_000, deals: 1 },
    ];
    expect(norm(formatPipeline(pipeline, 'de'))).toBe('12.500 € · 3.000 CHF');
    expect(norm(formatPipeline(pipeline, 'en'))).toBe('€12,500 · CHF 3,000');
    expect(formatPipeline([], 'de')).toBe('');
    expect(openDealCount(pipeline)).toBe(3);
  });
});

const lena: PolicyActor = { id: 'lena', role: 'member', department: 'marketing' };
const jonas: PolicyActor = { id: 'jonas', role: 'member', department: 'sales' };
const viktor: PolicyActor = { id: 'viktor', role: 'viewer', department: 'sales' };
const account = (ownerId: string | null) => ({
  id: 'acc',
  name: 'Testwerk',
  owner: ownerId ? { id: ownerId, name: 'X', department: 'sales' } : null,
});

describe('what a person may do with a pilot', () => {
  it.each<{
    who: string;
    me: PolicyActor;
    owner: string | null;
    status: 'proposed' | 'active';
    stage: ProjectStage;
    leads: string[];
    can: object;
  }>([
    {
      who: 'sales confirms or declines a proposal',
      me: jonas,
      owner: null,
      status: 'proposed',
      stage: 'pilot',
      leads: [],
      can: { confirm: true, decline: true, end: false, feedback: false },
    },
    {
      who: 'marketing waits for a proposal to be decided',
      me: lena,
      owner: 'jonas',
      status: 'proposed',
      stage: 'pilot',
      leads: ['lena'],
      can: { confirm: false, decline: false, end: false, feedback: false },
    },
    {
      who: 'the account’s owner from marketing decides',
      me: lena,
      owner: 'lena',
      status: 'proposed',
      stage: 'pilot',
      leads: [],
      can: { confirm: true, decline: true, end: false, feedback: false },
    },
    {
      who: 'after the pilot stage a proposal is declined, not confirmed',
      me: jonas,
      owner: null,
      status: 'proposed',
      stage: 'rollout',
      leads: [],
      can: { confirm: false, decline: true, end: false, feedback: false },
    },
    {
      who: 'sales ends a running pilot and logs feedback',
      me: jonas,
      owner: 'markus',
      status: 'active',
      stage: 'pilot',
      leads: [],
      can: { confirm: false, decline: false, end: true, feedback: true },
    },
    {
      who: 'the marketing lead logs feedback',
      me: lena,
      owner: 'jonas',
      status: 'active',
      stage: 'rollout',
      leads: ['lena', 'jonas'],
      can: { confirm: false, decline: false, end: false, feedback: true },
    },
    {
      who: 'a viewer only reads',
      me: viktor,
      owner: 'viktor',
      status: 'active',
      stage: 'pilot',
      leads: ['viktor'],
      can: { confirm: false, decline: false, end: false, feedback: false },
    },
    {
      who: 'nothing once the project is done',
      me: jonas,
      owner: 'jonas',
      status: 'active',
      stage: 'done',
      leads: ['jonas'],
      can: { confirm: false, decline: false, end: false, feedback: false },
    },
  ])('$who', ({ me, owner, status, stage, leads, can }) => {
    expect(pilotActions(me, { status, account: account(owner) }, leads, stage)).toEqual(can);
  });
});
