import { describe, expect, it } from 'vitest';
import {
  calendarQuarterOf,
  clipPeriod,
  daysWithin,
  hostDepartmentFor,
  inclusiveDays,
  quarterDates,
  rotationStatus,
  shiftCalendarQuarter,
} from '../src/rotations/rotations.js';

describe('a rotation’s status from its period and today', () => {
  const period = { startsOn: '2027-03-08', endsOn: '2027-03-19', cancelled: false };
  it.each([
    ['2027-03-07', 'planned'],
    ['2027-03-08', 'active'],
    ['2027-03-19', 'active'],
    ['2027-03-20', 'completed'],
  ])('on %s it is %s', (today, status) => {
    expect(rotationStatus(period, today)).toBe(status);
  });
  it('a cancellation wins on every day', () => {
    for (const today of ['2027-03-01', '2027-03-10', '2027-04-01']) {
      expect(rotationStatus({ ...period, cancelled: true }, today)).toBe('cancelled');
    }
  });
});

describe('days', () => {
  it.each([
    ['2027-03-08', '2027-03-19', 12],
    ['2027-03-08', '2027-03-08', 1],
    ['2027-02-15', '2027-03-05', 19],
    ['2028-02-28', '2028-03-01', 3],
    ['2027-03-27', '2027-03-29', 3], // over the change to summer time: calendar days, not hours
    ['2027-03-09', '2027-03-08', 0],
  ])('%s to %s, both included: %i', (from, to, days) => {
    expect(inclusiveDays(from, to)).toBe(days);
  });

  it('clips a period to a window', () => {
    expect(clipPeriod('2027-03-22', '2027-04-09', '2027-01-01', '2027-03-31')).toEqual({
      start: '2027-03-22',
      end: '2027-03-31',
    });
    expect(daysWithin('2027-03-22', '2027-04-09', '2027-01-01', '2027-03-31')).toBe(10);
    expect(daysWithin('2027-03-22', '2027-04-09', '2027-04-01', '2027-06-30')).toBe(9);
    expect(daysWithin('2026-12-20', '2027-01-10', '2027-01-01', '2027-03-31')).toBe(10);
    expect(daysWithin('2027-04-01', '2027-04-30', '2027-01-01', '2027-03-31')).toBe(0);
  });
});

describe('calendar quarters', () => {
  it.each([
    ['2027-Q1', '2027-01-01', '2027-03-31'],
    ['2027-Q2', '2027-04-01', '2027-06-30'],
    ['2028-Q1', '2028-01-01', '2028-03-31'],
    ['2027-Q4', '2027-10-01', '2027-12-31'],
  ])('%s runs from %s to %s', (quarter, from, to) => {
    expect(quarterDates(quarter)).toEqual({ from, to });
  });

  it('names and moves quarters', () => {
    expect(calendarQuarterOf('2027-02-14')).toBe('2027-Q1');
    expect(calendarQuarterOf('2027-12-31')).toBe('2027-Q4');
    expect(shiftCalendarQuarter('2027-Q4', 1)).toBe('2028-Q1');
    expect(shiftCalendarQuarter('2027-Q1', -1)).toBe('2026-Q4');
    expect(() => quarterDates('2027-Q5')).toThrow(RangeError);
  });
});

describe('the host department', () => {
  it('is the other one; management takes no part', () => {
    expect(hostDepartmentFor('marketing')).toBe('sales');
    expect(hostDepartmentFor('sales')).toBe('marketing');
    expect(hostDepartmentFor('management')).toBeNull();
  });
});
