import type { ProjectMissing, ProjectStage, TimelineEntry } from '@nenner/shared';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../i18n/resources';
import {
  advanceRefusal,
  forwardStage,
  lastSignoffReset,
  missingItems,
  missingText,
  openItemsOf,
  signoffDepartmentOf,
} from './projectPlan';

const translator = async (lng: 'de' | 'en'): Promise<TFunction> => {
  const i = i18next.createInstance();
  await i.init({ resources, lng, interpolation: { escapeValue: false } });
  return i.t;
};

const none: ProjectMissing = { requirements: [], signoffs: [] };
const salesSignoff: ProjectMissing = { requirements: [], signoffs: ['sales'] };
const everything: ProjectMissing = { requirements: ['marketing', 'sales'], signoffs: ['marketing', 'sales'] };

describe('what the plan still needs', () => {
  let de: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    de = await translator('de');
    en = await translator('en');
  });

  it.each([
    { missing: none, de: '', en: '' },
    { missing: salesSignoff, de: 'Noch offen: Freigabe Vertrieb', en: 'Still open: Sales sign-off' },
    {
      missing: { requirements: ['sales'], signoffs: ['marketing'] } as ProjectMissing,
      de: 'Noch offen: Anforderung Vertrieb und Freigabe Marketing',
      en: 'Still open: Sales requirement and Marketing sign-off',
    },
    {
      missing: everything,
      de: 'Noch offen: Anforderung Marketing, Anforderung Vertrieb, Freigabe Marketing und Freigabe Vertrieb',
      en: 'Still open: Marketing requirement, Sales requirement, Marketing sign-off, and Sales sign-off',
    },
  ])('names departments, never people: "$de"', ({ missing, de: german, en: english }) => {
    expect(missingText(de, missingItems(missing), 'de')).toBe(german);
    expect(missingText(en, missingItems(missing), 'en')).toBe(english);
  });

  it.each<[ProjectStage, number]>([
    ['idea', 4],
    ['planning', 4],
    ['pilot', 0],
    ['rollout', 0],
    ['done', 0],
    ['cancelled', 0],
  ])('is shown while the plan is written: %s → %i items', (stage, count) => {
    expect(openItemsOf({ stage, missing: everything })).toHaveLength(count);
  });
});

describe('a refused advance', () => {
  it.each([
    {
      code: 'signoff_missing',
      missing: salesSignoff,
      refusal: { kind: 'missing', items: [{ kind: 'signoff', department: 'sales' }] },
    },
    {
      code: 'requirements_missing',
      missing: { requirements: ['marketing'], signoffs: ['marketing'] } as ProjectMissing,
      refusal: {
        kind: 'missing',
        items: [
          { kind: 'requirement', department: 'marketing' },
          { kind: 'signoff', department: 'marketing' },
        ],
      },
    },
    // refused for a missing sign-off, but read again the project has it all: someone signed meanwhile
    { code: 'signoff_missing', missing: none, refusal: { kind: 'readyNow' } },
    { code: 'invalid_transition', missing: everything, refusal: { kind: 'transition' } },
    { code: 'forbidden', missing: none, refusal: { kind: 'other' } },
  ])('$code with $missing.signoffs → $refusal.kind', ({ code, missing, refusal }) => {
    expect(advanceRefusal(code, missing)).toEqual(refusal);
  });

  it.each<[ProjectStage[], ProjectStage | null]>([
    [['planning', 'cancelled'], 'planning'],
    [['pilot', 'cancelled'], 'pilot'],
    [['done', 'cancelled'], 'done'],
    [[], null],
  ])('offers only the next stage forward: %j → %s', (nextStages, next) => {
    expect(forwardStage({ nextStages })).toBe(next);
  });
});

describe('who signs off for which department', () => {
  it.each([
    { who: 'a marketing member', actor: { id: 'a', role: 'member', department: 'marketing' }, dept: 'marketing' },
    { who: 'a sales admin', actor: { id: 'a', role: 'admin', department: 'sales' }, dept: 'sales' },
    {
      who: 'a management admin (admin status adds none)',
      actor: { id: 'a', role: 'admin', department: 'management' },
      dept: null,
    },
    {
      who: 'management on a rotation to sales',
      actor: { id: 'a', role: 'member', department: 'management', hostDepartment: 'sales' },
      dept: 'sales',
    },
    {
      who: 'marketing on a rotation to sales (their own department first)',
      actor: { id: 'a', role: 'member', department: 'marketing', hostDepartment: 'sales' },
      dept: 'marketing',
    },
  ] as const)('$who → $dept', ({ actor, dept }) => {
    expect(signoffDepartmentOf(actor)).toBe(dept);
  });
});

const audit = (action: string, createdAt: string, changes: TimelineEntry['changes'] = null): TimelineEntry => ({
  id: `${action}-${createdAt}`,
  kind: 'audit',
  entityType: 'project',
  entityId: 'p',
  entityName: 'P',
  action,
  createdAt,
  actor: { id: 'u', name: 'Lena Vogt', department: 'marketing' },
  department: 'marketing',
  body: null,
  html: null,
  changes,
  mentions: null,
  data: null,
});

const reset = audit('signoffs_reset', '2026-12-03T10:00:00.000Z', [
  {
    field: 'signoffs',
    from: [
      { userId: 'u1', name: 'Jonas Keller', department: 'sales' },
      { userId: 'u2', name: 'Lena Vogt', department: 'marketing' },
    ],
    to: [],
  },
]);

describe('the notice that sign-offs were reset', () => {
  it('names the last reset and whose sign-offs it cleared', () => {
    const entries = [
      audit('requirement_added', '2026-12-03T10:00:00.000Z'),
      reset,
      audit('signed_off', '2026-12-02T09:00:00.000Z'),
    ];
    expect(lastSignoffReset(entries)).toEqual({
      at: '2026-12-03T10:00:00.000Z',
      by: 'Lena Vogt',
      names: ['Jonas Keller', 'Lena Vogt'],
    });
  });

  it('is old news once someone has signed off again', () => {
    expect(lastSignoffReset([audit('signed_off', '2026-12-03T11:00:00.000Z'), reset])).toBeNull();
  });

  it('is not there without a reset, and notes and comments do not count', () => {
    expect(lastSignoffReset([audit('requirement_added', '2026-12-03T10:00:00.000Z')])).toBeNull();
    expect(
      lastSignoffReset([{ ...audit('signed_off', '2026-12-03T11:00:00.000Z'), kind: 'note' }, reset]),
    ).not.toBeNull();
  });
});
