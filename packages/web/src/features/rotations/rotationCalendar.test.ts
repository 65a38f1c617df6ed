import { describe, expect, it } from 'vitest';
import {
  type CalendarRotation,
  calendarLanes,
  calendarWindow,
  dayOffset,
  monthTicks,
  shiftWindow,
} from './rotationCalendar';

const person = (id: string, name: string, department = 'marketing') => ({ id, name, department });
const rotation = (
  id: string,
  who: CalendarRotation['person'],
  startsOn: string,
  endsOn: string,
  status = 'planned',
): CalendarRotation => ({
  id,
  person: who,
  hostDepartment: who.department === 'marketing' ? 'sales' : 'marketing',
  status,
  startsOn,
  endsOn,
});

const mia = person('u1', 'Mia');
const bernd = person('u2', 'Bernd', 'sales');
const zoe = person('u3', 'Zoë');

describe('calendar windows', () => {
  it.each([
    ['month', '2027-02-14', { from: '2027-02-01', to: '2027-02-28' }],
    ['month', '2028-02-14', { from: '2028-02-01', to: '2028-02-29' }],
    ['month', '2027-12-31', { from: '2027-12-01', to: '2027-12-31' }],
    ['quarter', '2027-02-14', { from: '2027-01-01', to: '2027-03-31' }],
    ['quarter', '2027-11-30', { from: '2027-10-01', to: '2027-12-31' }],
  ] as const)('the %s around %s', (span, day, window) => {
    expect(calendarWindow(span, day)).toEqual(window);
  });

  it('moves by months and quarters across the year', () => {
    expect(shiftWindow('month', { from: '2027-12-01', to: '2027-12-31' }, 1)).toEqual({
      from: '2028-01-01',
      to: '2028-01-31',
    });
    expect(shiftWindow('month', { from: '2027-01-01', to: '2027-01-31' }, -1)).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(shiftWindow('quarter', { from: '2027-10-01', to: '2027-12-31' }, 1)).toEqual({
      from: '2028-01-01',
      to: '2028-03-31',
    });
  });

  it('places a day and the months of a quarter by their share of the window', () => {
    const q1 = { from: '2027-01-01', to: '2027-03-31' }; // 90 days
    expect(dayOffset(q1, '2027-01-01')).toBe(0);
    expect(dayOffset(q1, '2027-02-01')).toBe(31 / 90);
    expect(dayOffset(q1, '2027-04-01')).toBeNull();
    expect(monthTicks(q1)).toEqual([
      { month: '2027-01', offset: 0 },
      { month: '2027-02', offset: 31 / 90 },
      { month: '2027-03', offset: 59 / 90 },
    ]);
    expect(monthTicks({ from: '2027-03-01', to: '2027-03-31' })).toEqual([{ month: '2027-03', offset: 0 }]);
  });
});

describe('lanes', () => {
  const march = { from: '2027-03-01', to: '2027-03-31' }; // 31 days

  it('one lane per person by name; bars from the first to the last day, both included', () => {
    const lanes = calendarLanes(
      [
        rotation('r1', mia, '2027-03-08', '2027-03-19', 'active'),
        rotation('r2', bernd, '2027-03-22', '2027-04-09'),
        rotation('r3', zoe, '2027-02-15', '2027-03-05', 'completed'),
      ],
      march,
    );
    expect(lanes.map((l) => l.person.name)).toEqual(['Bernd', 'Mia', 'Zoë']);
    const [b, m, z] = lanes;
    // 8–19 March: starts after 7 days, 12 days wide
    expect(m?.bars.map((x) => [x.rotation.id, x.offset, x.width, x.clippedStart, x.clippedEnd])).toEqual([
      ['r1', 7 / 31, 12 / 31, false, false],
    ]);
    // 22 March – 9 April: cut at the end of March (10 days)
    expect(b?.bars.map((x) => [x.offset, x.width, x.clippedStart, x.clippedEnd])).toEqual([
      [21 / 31, 10 / 31, false, true],
    ]);
    // 15 February – 5 March: cut at the start (5 days)
    expect(z?.bars.map((x) => [x.offset, x.width, x.clippedStart, x.clippedEnd])).toEqual([[0, 5 / 31, true, false]]);
  });

  it('leaves out rotations outside the window, and cancelled ones unless asked', () => {
    const rotations = [
      rotation('r1', mia, '2027-04-01', '2027-04-30'),
      rotation('r2', mia, '2027-03-01', '2027-03-31', 'cancelled'),
      rotation('r3', mia, '2027-03-31', '2027-03-31'),
    ];
    const lanes = calendarLanes(rotations, march);
    expect(lanes.map((l) => l.bars.map((x) => [x.rotation.id, x.offset, x.width]))).toEqual([
      [['r3', 30 / 31, 1 / 31]],
    ]);
    const all = calendarLanes(rotations, march, { includeCancelled: true });
    expect(all[0]?.bars.map((x) => x.rotation.id)).toEqual(['r2', 'r3']);
  });

  it('no rotations, no lanes', () => {
    expect(calendarLanes([], march)).toEqual([]);
  });
});
