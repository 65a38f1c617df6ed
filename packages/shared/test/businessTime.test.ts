import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  type BusinessCalendar,
  businessTimeBetween,
  HOUR_MS,
  zonedTimeToEpoch,
} from '../src/sla/businessTime.js';
import { easterSunday, holidaysIn } from '../src/sla/holidays.js';

const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['09:00', '17:00'],
    tue: ['09:00', '17:00'],
    wed: ['09:00', '17:00'],
    thu: ['09:00', '17:00'],
    fri: ['09:00', '17:00'],
    sat: null,
    sun: null,
  },
  holidays: new Set([...holidaysIn('DE', 2026), ...holidaysIn('DE', 2027)]),
};

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('addBusinessTime (Europe/Berlin, Mon–Fri 09–17, German holidays)', () => {
  // Expectations worked out by hand; local times in the comments.
  it.each([
    ['inside hours: Mon 10:00 CET + 4h → Mon 14:00 CET', '2026-11-23T09:00:00Z', 4, '2026-11-23T13:00:00.000Z'],
    [
      'over the weekend: Fri 15:00 + 4h → 2h Fri, 2h Mon → Mon 11:00 CET',
      '2026-11-27T14:00:00Z',
      4,
      '2026-11-30T10:00:00.000Z',
    ],
    ['submitted Saturday 12:00 → Mon 09:00 + 4h = 13:00 CET', '2026-11-28T11:00:00Z', 4, '2026-11-30T12:00:00.000Z'],
    ['before opening: Tue 07:00 → 09:00 + 4h = 13:00 CET', '2026-11-24T06:00:00Z', 4, '2026-11-24T12:00:00.000Z'],
    ['after closing: Tue 18:30 → Wed 13:00 CET', '2026-11-24T17:30:00Z', 4, '2026-11-25T12:00:00.000Z'],
    [
      'Christmas: Thu 24.12. 16:00 → 1h Thu; 25./26. off, weekend → Mon 28.12. 12:00 CET',
      '2026-12-24T15:00:00Z',
      4,
      '2026-12-28T11:00:00.000Z',
    ],
    [
      'Easter: Thu 02.04. 15:00 CEST → 2h; Good Friday, Easter Monday off → Tue 07.04. 11:00 CEST',
      '2026-04-02T13:00:00Z',
      4,
      '2026-04-07T09:00:00.000Z',
    ],
    [
      'spring DST: Fri 27.03. 16:00 CET → 1h; Mon 30.03. 12:00 CEST',
      '2026-03-27T15:00:00Z',
      4,
      '2026-03-30T10:00:00.000Z',
    ],
    [
      'autumn DST: Fri 23.10. 16:00 CEST → 1h; Mon 26.10. 12:00 CET',
      '2026-10-23T14:00:00Z',
      4,
      '2026-10-26T11:00:00.000Z',
    ],
    ['two full days: Mon 09:00 + 16h → Tue 17:00 CET', '2026-11-23T08:00:00Z', 16, '2026-11-24T16:00:00.000Z'],
    ['half an hour: Wed 16:45 + 0.5h → Thu 09:15 CET', '2026-11-25T15:45:00Z', 0.5, '2026-11-26T08:15:00.000Z'],
    [
      'New Year: Thu 31.12. 16:00 + 2h → 1h; 01.01. off, weekend → Mon 04.01.2027 10:00 CET',
      '2026-12-31T15:00:00Z',
      2,
      '2027-01-04T09:00:00.000Z',
    ],
  ])('%s', (_label, from, hours, due) => {
    expect(iso(addBusinessTime(at(from), hours * HOUR_MS, berlin))).toBe(due);
  });

  it('honours extra days off', () => {
    const cal = { ...berlin, holidays: new Set([...berlin.holidays, '2026-12-24']) };
    // Wed 23.12. 16:00 CET + 4h → 1h Wed; 24., 25., 26. off; weekend → Mon 28.12. 12:00 CET
    expect(iso(addBusinessTime(at('2026-12-23T15:00:00Z'), 4 * HOUR_MS, cal))).toBe('2026-12-28T11:00:00.000Z');
  });

  it('refuses a calendar without any business hours', () => {
    const closed = {
      ...berlin,
      hours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
    };
    expect(() => addBusinessTime(0, HOUR_MS, closed)).toThrow(/no business hours/);
  });
});

describe('businessTimeBetween', () => {
  it.each([
    ['Fri 15:00 → Mon 11:00 CET', '2026-11-27T14:00:00Z', '2026-11-30T10:00:00Z', 4],
    ['Saturday to Sunday', '2026-11-28T09:00:00Z', '2026-11-29T15:00:00Z', 0],
    ['spring DST weekend: Fri 16:00 CET → Mon 12:00 CEST', '2026-03-27T15:00:00Z', '2026-03-30T10:00:00Z', 4],
    ['within one day', '2026-11-23T09:30:00Z', '2026-11-23T10:00:00Z', 0.5],
    ['evening to next morning: Mon 18:00 → Tue 09:30 CET', '2026-11-23T17:00:00Z', '2026-11-24T08:30:00Z', 0.5],
    ['reversed interval', '2026-11-24T10:00:00Z', '2026-11-23T10:00:00Z', 0],
  ])('%s = %sh', (_label, from, to, hours) => {
    expect(businessTimeBetween(at(from), at(to), berlin)).toBe(hours * HOUR_MS);
  });

  it('inverts addBusinessTime', () => {
    const from = at('2026-12-23T10:17:00Z');
    const due = addBusinessTime(from, 7 * HOUR_MS, berlin);
    expect(businessTimeBetween(from, due, berlin)).toBe(7 * HOUR_MS);
  });
});

describe('zonedTimeToEpoch', () => {
  it.each([
    ['winter', { year: 2026, month: 1, day: 15 }, 9, 0, '2026-01-15T08:00:00.000Z'],
    ['summer', { year: 2026, month: 7, day: 15 }, 9, 0, '2026-07-15T07:00:00.000Z'],
    ['skipped 02:30 on 29.03. → 03:30 CEST', { year: 2026, month: 3, day: 29 }, 2, 30, '2026-03-29T01:30:00.000Z'],
    ['repeated 02:30 on 25.10. → first (CEST)', { year: 2026, month: 10, day: 25 }, 2, 30, '2026-10-25T00:30:00.000Z'],
  ])('%s', (_label, date, h, m, expected) => {
    expect(iso(zonedTimeToEpoch(date, h, m, 'Europe/Berlin'))).toBe(expected);
  });
});

describe('holidays', () => {
  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2028, 4, 16],
    [2038, 4, 25],
  ])('Easter %i is %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ month, day });
  });

  it('lists the nine nationwide German holidays of 2026', () => {
    expect(holidaysIn('DE', 2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it.each([
    ['DE-BY', ['2026-01-06', '2026-06-04', '2026-11-01']],
    ['DE-SN', ['2026-10-31', '2026-11-18']],
    ['DE-BE', ['2026-03-08']],
    ['DE-TH', ['2026-09-20', '2026-10-31']],
  ] as const)('%s adds %j', (region, extra) => {
    const nationwide = new Set(holidaysIn('DE', 2026));
    expect(holidaysIn(region, 2026).filter((d) => !nationwide.has(d))).toEqual(extra);
  });

  it('Buß- und Bettag falls on Wednesday 22.11. when that is a Wednesday (2028)', () => {
    expect(holidaysIn('DE-SN', 2028)).toContain('2028-11-22');
  });
});
