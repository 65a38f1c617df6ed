import { describe, expect, it } from 'vitest';
import { decayFactor, type ScoringRules, scoreContact } from '../src/leads/scoring.js';

const DAY = 86_400_000;
const now = Date.parse('2026-11-27T12:00:00Z');

const rules: ScoringRules = {
  mqlThreshold: 50,
  fit: [
    { id: 'title', field: 'jobTitle', operator: 'contains', value: 'leiter', points: 20 },
    { id: 'industry', field: 'industry', operator: 'in', value: ['Maschinenbau', 'Logistik'], points: 10 },
    { id: 'de', field: 'country', operator: 'equals', value: 'DE', points: 5 },
    { id: 'size', field: 'employeeBand', operator: 'in', value: ['201-500', '501-1000'], points: 15 },
  ],
  engagement: [
    { id: 'webinar', touchpointType: 'webinar', points: 15, halfLifeDays: 14 },
    { id: 'form', touchpointType: 'form_submission', points: 10, halfLifeDays: 30 },
    { id: 'visit', touchpointType: 'web_visit', points: 2, halfLifeDays: 7 },
    { id: 'event', touchpointType: 'event_attendance', points: 25, halfLifeDays: 0 },
  ],
};

describe('decayFactor', () => {
  it.each([
    [0, 14, 1],
    [14, 14, 0.5],
    [28, 14, 0.25],
    [21, 7, 0.125],
    [400, 0, 1],
  ])('%i days with half-life %i → %f', (days, halfLife, factor) => {
    expect(decayFactor(days * DAY, halfLife)).toBeCloseTo(factor, 12);
  });
});

describe('scoreContact', () => {
  it('adds fit and decayed engagement points (worked example)', () => {
    // fit: "Leiterin Einkauf" contains leiter +20; "logistik" in list +10; AT ≠ DE; 201-500 +15  → 45
    // engagement: webinar 14 d ago 15·2^(−1) = 7.5; form today 10; visit 21 d ago 2·2^(−3) = 0.25 → 0.3
    // total 45 + 17.8 = 62.8 → 63
    const score = scoreContact(
      {
        fields: { jobTitle: 'Leiterin Einkauf', industry: 'logistik', country: 'AT', employeeBand: '201-500' },
        touchpoints: [
          { type: 'webinar', occurredAt: now - 14 * DAY },
          { type: 'form_submission', occurredAt: now },
          { type: 'web_visit', occurredAt: now - 21 * DAY },
        ],
      },
      rules,
      now,
    );
    expect(score.score).toBe(63);
    expect(score.lines.map((l) => [l.ruleId, l.points])).toEqual([
      ['title', 20],
      ['industry', 10],
      ['size', 15],
      ['webinar', 7.5],
      ['form', 10],
      ['visit', 0.3],
    ]);
  });

  it.each([
    // 15 · 2^(−12/14) = 15 · 0.552045 = 8.2807 → 8.3
    ['webinar 12 days ago', [{ type: 'webinar', days: 12 }], 8, [8.3]],
    // 25, never fades
    ['event 400 days ago', [{ type: 'event_attendance', days: 400 }], 25, [25]],
    // a touch in the future does not count yet
    ['future form submission', [{ type: 'form_submission', days: -1 }], 0, []],
    // unknown touch types earn nothing
    ['unscored type', [{ type: 'email_open', days: 0 }], 0, []],
    // two form submissions: 10 + 10·2^(−30/30) = 15
    [
      'two forms',
      [
        { type: 'form_submission', days: 0 },
        { type: 'form_submission', days: 30 },
      ],
      15,
      [10, 5],
    ],
  ])('%s → %i', (_label, touches, total, points) => {
    const score = scoreContact(
      { fields: {}, touchpoints: touches.map((t) => ({ type: t.type, occurredAt: now - t.days * DAY })) },
      rules,
      now,
    );
    expect(score.score).toBe(total);
    expect(score.lines.map((l) => l.points)).toEqual(points);
  });

  it.each([
    ['Vertriebsleiter', true],
    ['LEITER IT', true],
    ['Einkäufer', false],
    [null, false],
  ])('title %j matches "contains leiter": %s', (title, hit) => {
    const score = scoreContact({ fields: { jobTitle: title }, touchpoints: [] }, rules, now);
    expect(score.lines.some((l) => l.ruleId === 'title')).toBe(hit);
  });
});
