import { describe, expect, it } from 'vitest';
import { businessDaysElapsed, countBusinessDays, localDateIn } from '../src/goals/businessDays.js';
import { type PeriodResult, type PeriodSpec, resolvePeriod } from '../src/goals/period.js';
import {
  type GoalDirection,
  type GoalProgress,
  type GoalThresholds,
  goalProgress,
  kindOfUnit,
  type ProgressKind,
  paceLine,
} from '../src/goals/progress.js';
import type { BusinessCalendar } from '../src/sla/businessTime.js';
import { holidaysIn } from '../src/sla/holidays.js';

// Calendar facts used below, checked against a printed calendar:
// 1 Dec 2026 is a Tuesday; 24 and 31 Dec are Thursdays; 25 Dec (holiday) a Friday; 26 Dec (holiday) a Saturday.
// 1 Nov 2026 is a Sunday; Buß- und Bettag (Saxony only) is Wed 18 Nov 2026.
// Easter 2026 is 5 Apr: Good Friday 3 Apr, Easter Monday 6 Apr, Ascension Thu 14 May, Whit Monday 25 May,
// Corpus Christi (Bavaria) Thu 4 Jun. 1 Jan 2027 is a Friday; Epiphany (Bavaria) Wed 6 Jan 2027.

const weekdayHours: BusinessCalendar['hours'] = {
  mon: ['09:00', '17:00'],
  tue: ['09:00', '17:00'],
  wed: ['09:00', '17:00'],
  thu: ['09:00', '17:00'],
  fri: ['09:00', '17:00'],
  sat: null,
  sun: null,
};
const calendarFor = (region: 'DE-BY' | 'DE-SN', extra: string[] = []): BusinessCalendar => ({
  timeZone: 'Europe/Berlin',
  hours: weekdayHours,
  holidays: new Set([...holidaysIn(region, 2026), ...holidaysIn(region, 2027), ...extra]),
});
const bavaria = calendarFor('DE-BY');
const december = { from: '2026-12-01', to: '2026-12-31' };

describe('countBusinessDays', () => {
  it.each([
    // Weekdays: Tue 1–Fri 4 (4) + 7–11 (5) + 14–18 (5) + 21–25 (5) + Mon 28–Thu 31 (4) = 23;
    // minus Fri 25 Dec; 26 Dec is a Saturday anyway → 22.
    ['December 2026, Bavaria', bavaria, december, 22],
    // 22 minus the extra days off Thu 24 and Thu 31 Dec → 20.
    ['December 2026, Bavaria, 24/31 Dec off', calendarFor('DE-BY', ['2026-12-24', '2026-12-31']), december, 20],
    // Weekdays 2–6, 9–13, 16–20, 23–27 (20) + Mon 30 = 21; All Saints (1 Nov) is a Sunday → 21.
    ['November 2026, Bavaria', bavaria, { from: '2026-11-01', to: '2026-11-30' }, 21],
    // 21 minus Buß- und Bettag (Wed 18 Nov) → 20.
    ['November 2026, Saxony', calendarFor('DE-SN'), { from: '2026-11-01', to: '2026-11-30' }, 20],
    // April: 22 weekdays − Good Friday − Easter Monday = 20; May: 21 − 1 May − Ascension − Whit Monday = 18;
    // June: 22 − Corpus Christi = 21; 20 + 18 + 21 = 59.
    ['Q2 2026, Bavaria', bavaria, { from: '2026-04-01', to: '2026-06-30' }, 59],
    ['a single Saturday', bavaria, { from: '2026-12-05', to: '2026-12-05' }, 0],
    ['a single holiday', bavaria, { from: '2026-12-25', to: '2026-12-25' }, 0],
    ['end before start', bavaria, { from: '2026-12-10', to: '2026-12-01' }, 0],
    // A Saturday opening that closes before it opens is closed, as in the SLA code: still 22.
    [
      'December, Saturday window 12:00–09:00',
      { ...bavaria, hours: { ...weekdayHours, sat: ['12:00', '09:00'] } },
      december,
      22,
    ],
    // Saturdays open: Sat 5, 12, 19 Dec count; Sat 26 is 2nd Christmas Day → 22 + 3 = 25.
    ['December, Saturdays open', { ...bavaria, hours: { ...weekdayHours, sat: ['10:00', '14:00'] } }, december, 25],
  ] as const)('%s', (_name, cal, range, expected) => {
    expect(countBusinessDays(range, cal)).toBe(expected);
  });
});

describe('businessDaysElapsed (today counts as a whole day)', () => {
  it.each([
    ['the day before the period', '2026-11-30', 0],
    ['the first day, Tue 1 Dec', '2026-12-01', 1],
    // Tue 1–Fri 4 (4) + Mon 7–Fri 11 (5) = 9; the Saturday adds nothing.
    ['Sat 12 Dec', '2026-12-12', 9],
    // 9 + Mon 14, Tue 15 = 11: half of December's 22.
    ['Tue 15 Dec', '2026-12-15', 11],
    // 4 + 5 + 5 + Mon 21–Thu 24 (4) = 18; Christmas Day itself is not a business day.
    ['Fri 25 Dec (holiday)', '2026-12-25', 18],
    ['the last day, Thu 31 Dec', '2026-12-31', 22],
    ['after the period', '2027-01-04', 22],
  ])('%s → %i', (_name, today, expected) => {
    expect(businessDaysElapsed(december, today, bavaria)).toBe(expected);
  });
});

describe('localDateIn', () => {
  it.each([
    // 23:30 UTC on 31 Dec is 00:30 on 1 Jan in Berlin (UTC+1 in winter).
    ['New Year in Berlin', '2026-12-31T23:30:00Z', 'Europe/Berlin', '2027-01-01'],
    ['same instant in New York (UTC−5)', '2026-12-31T23:30:00Z', 'America/New_York', '2026-12-31'],
  ])('%s', (_name, instant, zone, expected) => {
    expect(localDateIn(Date.parse(instant), zone)).toBe(expected);
  });
});

describe('resolvePeriod', () => {
  const today = '2026-12-15';
  it.each<[string, PeriodSpec, number, PeriodResult]>([
    ['this month', { type: 'month' }, 1, { ok: true, period: { from: '2026-12-01', to: '2026-12-31' } }],
    [
      'a February',
      { type: 'month', start: '2027-02-10' },
      1,
      { ok: true, period: { from: '2027-02-01', to: '2027-02-28' } },
    ],
    [
      'a leap February',
      { type: 'month', start: '2028-02-10' },
      1,
      { ok: true, period: { from: '2028-02-01', to: '2028-02-29' } },
    ],
    ['calendar quarter', { type: 'quarter' }, 1, { ok: true, period: { from: '2026-10-01', to: '2026-12-31' } }],
    ['calendar year', { type: 'year' }, 1, { ok: true, period: { from: '2026-01-01', to: '2026-12-31' } }],
    // Fiscal year from April: 15 Dec 2026 lies in April 2026 – March 2027.
    ['fiscal year from April', { type: 'year' }, 4, { ok: true, period: { from: '2026-04-01', to: '2027-03-31' } }],
    [
      'fiscal year from April, in February',
      { type: 'year', start: '2027-02-10' },
      4,
      { ok: true, period: { from: '2026-04-01', to: '2027-03-31' } },
    ],
    [
      'fiscal year from April, on 31 March',
      { type: 'year', start: '2026-03-31' },
      4,
      { ok: true, period: { from: '2025-04-01', to: '2026-03-31' } },
    ],
    [
      'fiscal year from April, on 1 April',
      { type: 'year', start: '2026-04-01' },
      4,
      { ok: true, period: { from: '2026-04-01', to: '2027-03-31' } },
    ],
    // Fiscal quarters from April: Q1 Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec, Q4 Jan–Mar.
    [
      'fiscal Q1 from April',
      { type: 'quarter', start: '2026-05-20' },
      4,
      { ok: true, period: { from: '2026-04-01', to: '2026-06-30' } },
    ],
    [
      'fiscal Q4 from April',
      { type: 'quarter', start: '2027-02-10' },
      4,
      { ok: true, period: { from: '2027-01-01', to: '2027-03-31' } },
    ],
    // Fiscal year from February: quarters Feb–Apr, May–Jul, Aug–Oct, Nov–Jan (across the new year).
    [
      'fiscal Q4 from February',
      { type: 'quarter', start: '2027-01-15' },
      2,
      { ok: true, period: { from: '2026-11-01', to: '2027-01-31' } },
    ],
    [
      'custom',
      { type: 'custom', from: '2026-12-01', to: '2026-12-24' },
      1,
      { ok: true, period: { from: '2026-12-01', to: '2026-12-24' } },
    ],
    [
      'custom, one day',
      { type: 'custom', from: '2026-12-24', to: '2026-12-24' },
      1,
      { ok: true, period: { from: '2026-12-24', to: '2026-12-24' } },
    ],
    [
      'custom, end before start',
      { type: 'custom', from: '2026-12-24', to: '2026-12-01' },
      1,
      { ok: false, field: 'to', reason: 'end_before_start' },
    ],
    ['custom without to', { type: 'custom', from: '2026-12-01' }, 1, { ok: false, field: 'to', reason: 'required' }],
    ['custom without from', { type: 'custom', to: '2026-12-01' }, 1, { ok: false, field: 'from', reason: 'required' }],
    [
      'custom, 30 February',
      { type: 'custom', from: '2026-02-30', to: '2026-03-01' },
      1,
      { ok: false, field: 'from', reason: 'invalid_date' },
    ],
    [
      'month, bad start',
      { type: 'month', start: '2026-13-01' },
      1,
      { ok: false, field: 'start', reason: 'invalid_date' },
    ],
  ])('%s', (_name, spec, fiscalYearStartMonth, expected) => {
    expect(resolvePeriod(spec, { today, fiscalYearStartMonth })).toEqual(expected);
  });

  it('rejects a fiscal month outside 1–12', () => {
    expect(() => resolvePeriod({ type: 'year' }, { today, fiscalYearStartMonth: 13 })).toThrow(RangeError);
  });
});

describe('goalProgress (December 2026, Bavaria: 22 business days; at risk from 90 %)', () => {
  const atRisk90: GoalThresholds = { atRisk: 0.9 };
  type Row = [
    name: string,
    today: string,
    actual: number,
    target: number,
    direction: GoalDirection,
    kind: ProgressKind,
    expected: GoalProgress,
  ];
  const p = (
    expectedToDate: number,
    forecast: number,
    status: GoalProgress['status'],
    elapsedBusinessDays: number,
  ): GoalProgress => ({ expectedToDate, forecast, status, elapsedBusinessDays, totalBusinessDays: 22 });

  it.each<Row>([
    // ——— higher is better, cumulative (MQLs) ———
    ['not begun (30 Nov)', '2026-11-30', 0, 20, 'higher', 'cumulative', p(0, 0, 'not_started', 0)],
    // 1 of 22 days: expected 22 × 1/22 = 1; forecast 1 × 22/1 = 22 ≥ 22.
    ['first day', '2026-12-01', 1, 22, 'higher', 'cumulative', p(1, 22, 'on_track', 1)],
    // 11 of 22 days: expected 20 × 11/22 = 10; forecast 10 × 22/11 = 20 = target.
    ['mid-period, exactly on pace', '2026-12-15', 10, 20, 'higher', 'cumulative', p(10, 20, 'on_track', 11)],
    // forecast 9 × 22/11 = 18 = 0.9 × 20: the at-risk boundary.
    ['mid-period, at risk (boundary)', '2026-12-15', 9, 20, 'higher', 'cumulative', p(10, 18, 'at_risk', 11)],
    // forecast 8 × 22/11 = 16 < 18.
    ['mid-period, off track', '2026-12-15', 8, 20, 'higher', 'cumulative', p(10, 16, 'off_track', 11)],
    // 9 days by Sat 12 Dec: expected 22 × 9/22 = 9; forecast 9 × 22/9 = 22.
    ['on a Saturday', '2026-12-12', 9, 22, 'higher', 'cumulative', p(9, 22, 'on_track', 9)],
    // 18 days by Christmas Day: expected 11 × 18/22 = 9; forecast 9 × 22/18 = 11.
    ['on a holiday', '2026-12-25', 9, 11, 'higher', 'cumulative', p(9, 11, 'on_track', 18)],
    ['last day', '2026-12-31', 20, 20, 'higher', 'cumulative', p(20, 20, 'on_track', 22)],
    // Ended: forecast = actual = 17 < 18.
    ['ended, off track', '2027-01-04', 17, 20, 'higher', 'cumulative', p(20, 17, 'off_track', 22)],
    ['ended, at risk', '2027-01-04', 19, 20, 'higher', 'cumulative', p(20, 19, 'at_risk', 22)],
    ['ended, above target', '2027-01-04', 25, 20, 'higher', 'cumulative', p(20, 25, 'on_track', 22)],
    // ——— lower is better, cumulative (e.g. SLA breaches, target 9) ———
    // expected 9 × 11/22 = 4.5; forecast 4 × 22/11 = 8 ≤ 9.
    ['lower, on track', '2026-12-15', 4, 9, 'lower', 'cumulative', p(4.5, 8, 'on_track', 11)],
    // forecast 10 > 9, but 10 × 0.9 = 9 ≤ 9 (i.e. 10 ≤ 9 ÷ 0.9 = 10): the boundary.
    ['lower, at risk (boundary)', '2026-12-15', 5, 9, 'lower', 'cumulative', p(4.5, 10, 'at_risk', 11)],
    // forecast 12; 12 × 0.9 = 10.8 > 9.
    ['lower, off track', '2026-12-15', 6, 9, 'lower', 'cumulative', p(4.5, 12, 'off_track', 11)],
    // ——— lower is better, level (median response hours, target 4 h): forecast = actual, expected = target ———
    ['median, on track', '2026-12-15', 3.5, 4, 'lower', 'level', p(4, 3.5, 'on_track', 11)],
    // 4.4 × 0.9 = 3.96 ≤ 4.
    ['median, at risk', '2026-12-15', 4.4, 4, 'lower', 'level', p(4, 4.4, 'at_risk', 11)],
    // 4.5 × 0.9 = 4.05 > 4.
    ['median, off track', '2026-12-15', 4.5, 4, 'lower', 'level', p(4, 4.5, 'off_track', 11)],
    ['median, ended', '2027-01-04', 3, 4, 'lower', 'level', p(4, 3, 'on_track', 22)],
    ['median, not begun', '2026-11-30', 0, 4, 'lower', 'level', p(4, 0, 'not_started', 0)],
    // ——— higher is better, level (SLA rate %, target 90) ———
    ['rate, on track', '2026-12-15', 92, 90, 'higher', 'level', p(90, 92, 'on_track', 11)],
    // 85 ≥ 0.9 × 90 = 81.
    ['rate, at risk', '2026-12-15', 85, 90, 'higher', 'level', p(90, 85, 'at_risk', 11)],
    ['rate, off track', '2026-12-15', 80, 90, 'higher', 'level', p(90, 80, 'off_track', 11)],
    // ——— zero target ———
    ['zero target, higher, nothing yet', '2026-12-15', 0, 0, 'higher', 'cumulative', p(0, 0, 'on_track', 11)],
    ['zero target, higher, ended', '2027-01-04', 3, 0, 'higher', 'cumulative', p(0, 3, 'on_track', 22)],
    ['zero target, lower level, at 0', '2026-12-15', 0, 0, 'lower', 'level', p(0, 0, 'on_track', 11)],
    // 0.5 × 0.9 = 0.45 > 0: no at-risk band around a zero target.
    ['zero target, lower level, above 0', '2026-12-15', 0.5, 0, 'lower', 'level', p(0, 0.5, 'off_track', 11)],
    // forecast 1 × 22/11 = 2 > 0.
    ['zero target, lower cumulative, one', '2026-12-15', 1, 0, 'lower', 'cumulative', p(0, 2, 'off_track', 11)],
  ])('%s', (_name, today, actual, target, direction, kind, expected) => {
    expect(
      goalProgress({
        actual,
        target,
        direction,
        kind,
        period: december,
        today,
        calendar: bavaria,
        thresholds: atRisk90,
      }),
    ).toEqual(expected);
  });

  it('defaults to cumulative', () => {
    const r = goalProgress({
      actual: 9,
      target: 20,
      direction: 'higher',
      period: december,
      today: '2026-12-15',
      calendar: bavaria,
      thresholds: atRisk90,
    });
    expect(r).toEqual(p(10, 18, 'at_risk', 11));
  });

  it('takes the threshold from the setting', () => {
    // forecast 8 × 22/11 = 16 = 0.8 × 20: at risk with an 80 % threshold (off track with 90 %).
    const r = goalProgress({
      actual: 8,
      target: 20,
      direction: 'higher',
      period: december,
      today: '2026-12-15',
      calendar: bavaria,
      thresholds: { atRisk: 0.8 },
    });
    expect(r.status).toBe('at_risk');
  });

  describe('a period that begins on a weekend (Sat 26 Dec 2026 – Fri 8 Jan 2027), seen on Sun 27 Dec', () => {
    // Business days: Mon 28–Thu 31 Dec (4), Fri 1 Jan is a holiday, Mon 4, Tue 5 (2), Wed 6 Jan is Epiphany,
    // Thu 7, Fri 8 (2) → 8. Nothing has elapsed yet: no pace to extrapolate.
    const period = { from: '2026-12-26', to: '2027-01-08' };
    it.each<[string, number, number, GoalDirection, GoalProgress]>([
      [
        'higher: nothing was due yet',
        0,
        10,
        'higher',
        { expectedToDate: 0, forecast: 0, status: 'on_track', elapsedBusinessDays: 0, totalBusinessDays: 8 },
      ],
      [
        'lower: judged on the actual so far',
        1,
        0,
        'lower',
        { expectedToDate: 0, forecast: 1, status: 'off_track', elapsedBusinessDays: 0, totalBusinessDays: 8 },
      ],
    ])('%s', (_name, actual, target, direction, expected) => {
      expect(
        goalProgress({
          actual,
          target,
          direction,
          period,
          today: '2026-12-27',
          calendar: bavaria,
          thresholds: atRisk90,
        }),
      ).toEqual(expected);
    });
  });

  it.each([
    ['a negative target', -1, 0.9],
    ['a threshold above 1', 10, 1.5],
  ])('rejects %s', (_name, target, atRisk) => {
    expect(() =>
      goalProgress({
        actual: 1,
        target,
        direction: 'higher',
        period: december,
        today: '2026-12-15',
        calendar: bavaria,
        thresholds: { atRisk },
      }),
    ).toThrow(RangeError);
  });

  it.each([
    ['count', 'cumulative'],
    ['money', 'cumulative'],
    ['percent', 'level'],
    ['business_hours', 'level'],
  ] as const)('kindOfUnit(%s) = %s', (unit, kind) => {
    expect(kindOfUnit(unit)).toBe(kind);
  });
});

describe('paceLine (Mon 21 – Sun 27 Dec 2026, Bavaria: 24 Dec a weekday, 25 and 26 Dec holidays)', () => {
  // Business days: Mon 21, Tue 22, Wed 23, Thu 24 → 4; Fri 25 (holiday), Sat 26, Sun 27 are not.
  const week = { from: '2026-12-21', to: '2026-12-27' };
  it.each([
    ['cumulative', 8, [2, 4, 6, 8, 8, 8, 8]],
    ['cumulative', 10, [2.5, 5, 7.5, 10, 10, 10, 10]],
    ['level', 60, [60, 60, 60, 60, 60, 60, 60]],
  ] as [ProgressKind, number, number[]][])('%s with target %d', (kind, target, expected) => {
    const line = paceLine(target, kind, week, bavaria);
    expect(line.map((p) => p.date)).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-27',
    ]);
    expect(line.map((p) => p.expected)).toEqual(expected);
  });
  it('a period without business days expects the target at once', () => {
    expect(paceLine(5, 'cumulative', { from: '2026-12-26', to: '2026-12-27' }, bavaria)).toEqual([
      { date: '2026-12-26', expected: 5 },
      { date: '2026-12-27', expected: 5 },
    ]);
  });
});
