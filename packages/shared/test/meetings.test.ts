import { describe, expect, it } from 'vitest';
import {
  defaultNth,
  expandOccurrences,
  firstMonthlyDate,
  firstStartOf,
  isRuleStart,
  localDateTimeOf,
  occurrenceId,
  parseOccurrenceId,
  type Recurrence,
  rruleOf,
  weekdayOf,
} from '../src/meetings/occurrences.js';
import { CreateMeetingInput } from '../src/schemas/meetings.js';

/*
 * Hand-computed: Berlin is UTC+1 (CET) until Sun 29 Mar 2026 02:00 and from Sun 25 Oct 2026 03:00, and
 * UTC+2 (CEST) in between; in 2027 the switch is on Sun 28 Mar. 1 Jan 2026 is a Thursday, so 2 Mar 2026
 * and 2 Nov 2026 are Mondays; 1 Dec 2026 is a Tuesday.
 */

const S = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const tz = 'Europe/Berlin';
const starts = (r: Recurrence, from: string, to: string, overrides = []) =>
  expandOccurrences(S, r, overrides, { from, to }).map((o) => o.startsAt);

const weeklyMonday: Recurrence = {
  cadence: 'weekly',
  startDate: '2026-03-16',
  startTime: '09:00',
  timeZone: tz,
  durationMinutes: 60,
};

describe('rruleOf', () => {
  it.each<[string, Recurrence, string]>([
    ['weekly on the first start’s weekday', weeklyMonday, 'FREQ=WEEKLY;BYDAY=MO'],
    [
      'every two weeks',
      { ...weeklyMonday, cadence: 'biweekly', startDate: '2026-03-17' },
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    ],
    [
      'monthly on the 2nd Tuesday',
      { ...weeklyMonday, cadence: 'monthly', startDate: '2026-11-10', weekday: 'TU', nth: 2 },
      'FREQ=MONTHLY;BYDAY=2TU',
    ],
    [
      'monthly on the last Friday',
      { ...weeklyMonday, cadence: 'monthly', startDate: '2026-11-27', weekday: 'FR', nth: -1 },
      'FREQ=MONTHLY;BYDAY=-1FR',
    ],
    [
      'monthly, weekday and nth taken from the first start (10 Nov 2026 is the 2nd Tuesday)',
      { ...weeklyMonday, cadence: 'monthly', startDate: '2026-11-10' },
      'FREQ=MONTHLY;BYDAY=2TU',
    ],
  ])('%s', (_what, r, rrule) => {
    expect(rruleOf(r)).toBe(rrule);
  });
});

describe('defaults of a monthly series', () => {
  it.each([
    ['2026-11-10', 'TU', 2],
    ['2026-11-27', 'FR', 4], // the 4th Friday is also the last; the 4th is what was picked
    ['2026-10-30', 'FR', -1], // a 5th Friday: not every month has one, so the last
    ['2026-12-01', 'TU', 1],
  ])('%s → %s, nth %d', (date, weekday, nth) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(defaultNth(date)).toBe(nth);
  });

  it.each([
    ['2026-11-01', 'TU', 2, '2026-11-10'],
    ['2026-11-10', 'TU', 2, '2026-11-10'],
    ['2026-11-11', 'TU', 2, '2026-12-08'],
    ['2026-12-26', 'FR', -1, '2027-01-29'],
  ])('the first %s-or-later date of the rule %s/%d is %s', (from, weekday, nth, first) => {
    expect(firstMonthlyDate(from, weekday as 'TU', nth)).toBe(first);
  });
});

describe('expandOccurrences keeps the local time across daylight-saving changes', () => {
  it('weekly Monday 09:00 Berlin across 29 March 2026: 08:00Z before, 07:00Z after', () => {
    expect(starts(weeklyMonday, '2026-03-01T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
  });

  it('weekly Monday 09:00 Berlin across 25 October 2026: 07:00Z before, 08:00Z after', () => {
    expect(starts(weeklyMonday, '2026-10-12T07:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-12T07:00:00.000Z', // [from: inclusive
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ]);
    // to): exclusive
    expect(starts(weeklyMonday, '2026-10-12T07:00:00Z', '2026-10-26T08:00:00Z')).toHaveLength(2);
  });

  it('each occurrence lasts the duration and shows 09:00 in Berlin', () => {
    for (const o of expandOccurrences(S, weeklyMonday, [], { from: '2026-03-01T00:00Z', to: '2026-12-01T00:00Z' })) {
      expect(localDateTimeOf(o.startsAt, tz).time).toBe('09:00');
      expect(Date.parse(o.endsAt) - Date.parse(o.startsAt)).toBe(3_600_000);
      expect(weekdayOf(localDateTimeOf(o.startsAt, tz).date)).toBe('MO');
    }
  });

  it('nothing before the first start', () => {
    expect(starts(weeklyMonday, '2026-01-01T00:00:00Z', '2026-03-17T00:00:00Z')).toEqual(['2026-03-16T08:00:00.000Z']);
    expect(starts(weeklyMonday, '2026-01-01T00:00:00Z', '2026-03-16T08:00:00Z')).toEqual([]);
  });

  it('biweekly Tuesday 14:30 across the spring change', () => {
    const r: Recurrence = { ...weeklyMonday, cadence: 'biweekly', startDate: '2026-03-17', startTime: '14:30' };
    expect(starts(r, '2026-03-01T00:00:00Z', '2026-04-29T00:00:00Z')).toEqual([
      '2026-03-17T13:30:00.000Z',
      '2026-03-31T12:30:00.000Z',
      '2026-04-14T12:30:00.000Z',
      '2026-04-28T12:30:00.000Z',
    ]);
    // a window starting months later lands on the same fortnightly rhythm (7 Jul = 17 Mar + 16 weeks)
    expect(starts(r, '2026-07-01T00:00:00Z', '2026-07-22T00:00:00Z')).toEqual([
      '2026-07-07T12:30:00.000Z',
      '2026-07-21T12:30:00.000Z',
    ]);
  });

  it('monthly on the 2nd Tuesday 10:00 over the year boundary', () => {
    const r: Recurrence = { ...weeklyMonday, cadence: 'monthly', startDate: '2026-11-10', startTime: '10:00' };
    expect(starts(r, '2026-10-01T00:00:00Z', '2027-03-01T00:00:00Z')).toEqual([
      '2026-11-10T09:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
      '2027-01-12T09:00:00.000Z',
      '2027-02-09T09:00:00.000Z',
    ]);
  });

  it('monthly on the last Friday 16:00 over the year boundary and the 2027 spring change', () => {
    const r: Recurrence = {
      ...weeklyMonday,
      cadence: 'monthly',
      startDate: '2026-11-27',
      startTime: '16:00',
      weekday: 'FR',
      nth: -1,
    };
    expect(starts(r, '2026-11-01T00:00:00Z', '2027-05-01T00:00:00Z')).toEqual([
      '2026-11-27T15:00:00.000Z',
      '2026-12-25T15:00:00.000Z',
      '2027-01-29T15:00:00.000Z',
      '2027-02-26T15:00:00.000Z',
      '2027-03-26T15:00:00.000Z',
      '2027-04-30T14:00:00.000Z',
    ]);
  });

  it('a local time skipped by the spring change moves to the same distance after it (02:30 → 03:30 CEST)', () => {
    const r: Recurrence = { ...weeklyMonday, startDate: '2026-03-22', startTime: '02:30' };
    expect(starts(r, '2026-03-20T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([
      '2026-03-22T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-04-05T00:30:00.000Z',
    ]);
  });

  it('refuses a window of more than a year', () => {
    expect(() => starts(weeklyMonday, '2026-01-01T00:00:00Z', '2027-01-03T00:00:00Z')).toThrow(RangeError);
  });
});

describe('moved and cancelled occurrences', () => {
  const overrides = [
    { originalStartsAt: '2026-03-23T08:00:00.000Z', cancelled: true },
    // Mon 30 Mar 09:00 CEST → Wed 1 Apr 11:00 CEST
    { originalStartsAt: '2026-03-30T07:00:00.000Z', startsAt: '2026-04-01T09:00:00.000Z' },
    // Mon 13 Apr → Fri 10 Apr 10:00 CEST: earlier than the rule had it
    { originalStartsAt: '2026-04-13T07:00:00.000Z', startsAt: '2026-04-10T08:00:00.000Z' },
  ];
  const expand = (from: string, to: string) => expandOccurrences(S, weeklyMonday, overrides, { from, to });

  it('keeps the cancelled one (flagged) and shows the moved ones at their new start, ids from the original', () => {
    expect(expand('2026-03-16T00:00:00Z', '2026-04-14T00:00:00Z')).toEqual([
      {
        id: `${S}:20260316T080000Z`,
        seriesId: S,
        startsAt: '2026-03-16T08:00:00.000Z',
        endsAt: '2026-03-16T09:00:00.000Z',
        originalStartsAt: '2026-03-16T08:00:00.000Z',
        moved: false,
        cancelled: false,
      },
      {
        id: `${S}:20260323T080000Z`,
        seriesId: S,
        startsAt: '2026-03-23T08:00:00.000Z',
        endsAt: '2026-03-23T09:00:00.000Z',
        originalStartsAt: '2026-03-23T08:00:00.000Z',
        moved: false,
        cancelled: true,
      },
      {
        id: `${S}:20260330T070000Z`,
        seriesId: S,
        startsAt: '2026-04-01T09:00:00.000Z',
        endsAt: '2026-04-01T10:00:00.000Z',
        originalStartsAt: '2026-03-30T07:00:00.000Z',
        moved: true,
        cancelled: false,
      },
      {
        id: `${S}:20260406T070000Z`,
        seriesId: S,
        startsAt: '2026-04-06T07:00:00.000Z',
        endsAt: '2026-04-06T08:00:00.000Z',
        originalStartsAt: '2026-04-06T07:00:00.000Z',
        moved: false,
        cancelled: false,
      },
      {
        id: `${S}:20260413T070000Z`,
        seriesId: S,
        startsAt: '2026-04-10T08:00:00.000Z',
        endsAt: '2026-04-10T09:00:00.000Z',
        originalStartsAt: '2026-04-13T07:00:00.000Z',
        moved: true,
        cancelled: false,
      },
    ]);
  });

  it('a moved occurrence belongs to the window of its new start', () => {
    // 7–12 Apr: only the one moved in from the 13th
    expect(expand('2026-04-07T00:00:00Z', '2026-04-12T00:00:00Z').map((o) => o.id)).toEqual([`${S}:20260413T070000Z`]);
    // 30 Mar–1 Apr 09:00Z: the rule's 30 Mar has moved out
    expect(expand('2026-03-30T00:00:00Z', '2026-04-01T09:00:00Z')).toEqual([]);
  });
});

describe('occurrence ids', () => {
  it('are the series id and the original start, and read back', () => {
    const id = occurrenceId(S, '2026-03-30T07:00:00.000Z');
    expect(id).toBe(`${S}:20260330T070000Z`);
    expect(parseOccurrenceId(id)).toEqual({ seriesId: S, originalStartsAt: '2026-03-30T07:00:00.000Z' });
  });

  it.each(['nope', `${S}`, `${S}:20261330T070000Z`, `${S}:20260330T070000`, `x${S}:20260330T070000Z`])(
    'refuses %s',
    (id) => {
      expect(parseOccurrenceId(id)).toBeUndefined();
    },
  );

  it('isRuleStart: only the rule’s own instants', () => {
    expect(isRuleStart(weeklyMonday, '2026-03-30T07:00:00.000Z')).toBe(true);
    expect(isRuleStart(weeklyMonday, '2026-03-30T08:00:00.000Z')).toBe(false); // summer: 09:00 is 07:00Z
    expect(isRuleStart(weeklyMonday, '2026-03-09T08:00:00.000Z')).toBe(false); // before the first start
    expect(isRuleStart(weeklyMonday, '2026-03-31T07:00:00.000Z')).toBe(false); // a Tuesday
  });

  it('firstStartOf gives the first start as an instant', () => {
    expect(firstStartOf(weeklyMonday)).toBe('2026-03-16T08:00:00.000Z');
  });
});

describe('CreateMeetingInput', () => {
  const base = {
    title: 'Abstimmung Marketing & Vertrieb',
    cadence: 'monthly',
    startsAt: '2026-11-10T10:00:00+01:00',
    durationMinutes: 60,
    participantIds: [S],
  };
  const paths = (input: unknown) => {
    const r = CreateMeetingInput.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('takes a series with defaults left out', () => {
    expect(paths(base)).toEqual([]);
    expect(paths({ ...base, startsAt: '2026-11-10T10:00' })).toEqual([]); // local, in the time zone given
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an nth outside 1–4 and -1', { nth: 5 }, 'nth'],
    ['an nth of 0', { nth: 0 }, 'nth'],
    ['a weekday for a weekly series', { cadence: 'weekly', weekday: 'MO' }, 'weekday'],
    ['a too short meeting', { durationMinutes: 4 }, 'durationMinutes'],
    ['a too long meeting', { durationMinutes: 481 }, 'durationMinutes'],
    ['no participants', { participantIds: [] }, 'participantIds'],
    ['not a date', { startsAt: 'next Tuesday' }, 'startsAt'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    [
      'a section twice',
      {
        agendaTemplate: [
          { section: 'goals', minutes: 5 },
          { section: 'goals', minutes: 5 },
        ],
      },
      'agendaTemplate',
    ],
  ])('refuses %s', (_what, change, path) => {
    expect(paths({ ...base, ...change })).toContain(path);
  });
});
