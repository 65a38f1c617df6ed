import { describe, expect, it } from 'vitest';
import {
  canBeClosed,
  costPerAttendee,
  eventWhen,
  foreignZone,
  registrantName,
  seatColor,
  seatSummary,
} from './eventFormat';
import { invitableIds, toggleAll } from './invitations';

const counts = (waitlisted = 0) => ({ confirmed: 0, waitlisted, cancelled: 0, attended: 0, noShow: 0 });

describe('seats', () => {
  it('counts confirmed and attended places against capacity, with the waiting list beside them', () => {
    expect(seatSummary({ seatsTaken: 1, capacity: 2, waitlist: true, counts: counts() })).toEqual({
      taken: 1,
      capacity: 2,
      left: 1,
      waitlisted: 0,
      share: 0.5,
      full: false,
      queueing: false,
    });
    expect(seatSummary({ seatsTaken: 2, capacity: 2, waitlist: true, counts: counts(1) })).toMatchObject({
      left: 0,
      waitlisted: 1,
      share: 1,
      full: true,
      queueing: true,
    });
    // without a waiting list a full event refuses
    expect(seatSummary({ seatsTaken: 2, capacity: 2, waitlist: false, counts: counts() }).queueing).toBe(false);
  });

  it('a lowered capacity leaves more taken than there are seats: none left, the bar stops at full', () => {
    const s = seatSummary({ seatsTaken: 12, capacity: 10, waitlist: true, counts: counts(3) });
    expect([s.left, s.share, s.full]).toEqual([0, 1, true]);
  });

  it('colours the bar green with room, orange from 80 %, red when full', () => {
    const bar = (taken: number) =>
      seatColor(seatSummary({ seatsTaken: taken, capacity: 10, waitlist: true, counts: counts() }));
    expect([bar(0), bar(7), bar(8), bar(9), bar(10)]).toEqual(['teal', 'teal', 'orange', 'orange', 'red']);
  });
});

describe('when an event takes place', () => {
  // 15 April 2026, 09:00–17:00 in Berlin (CEST, UTC+2)
  const oneDay = { startsAt: '2026-04-15T07:00:00Z', endsAt: '2026-04-15T15:00:00Z', timeZone: 'Europe/Berlin' };

  it('is shown in the user language and the event zone', () => {
    expect(eventWhen(oneDay, 'de')).toBe('15.04.2026, 09:00–17:00');
    expect(eventWhen(oneDay, 'en')).toBe('15 Apr 2026, 09:00–17:00');
    // the same instants in New York are 03:00–11:00
    expect(eventWhen({ ...oneDay, timeZone: 'America/New_York' }, 'de')).toBe('15.04.2026, 03:00–11:00');
  });

  it('names both days of an event over several days', () => {
    expect(eventWhen({ ...oneDay, endsAt: '2026-04-16T14:30:00Z' }, 'de')).toBe(
      '15.04.2026, 09:00 – 16.04.2026, 16:30',
    );
  });

  it('mentions the zone only when it is not the user own', () => {
    expect(foreignZone(oneDay, 'Europe/Berlin')).toBeNull();
    expect(foreignZone(oneDay, 'Europe/London')).toBe('Europe/Berlin');
  });
});

describe('closing and the report', () => {
  const start = '2026-04-15T07:00:00Z';
  const before = Date.parse('2026-04-15T06:59:00Z');
  const after = Date.parse('2026-04-15T07:00:00Z');

  it('an event can be closed from its start, unless it is a draft, done or cancelled', () => {
    expect(canBeClosed({ startsAt: start, status: 'open' }, before)).toBe(false);
    expect(canBeClosed({ startsAt: start, status: 'open' }, after)).toBe(true);
    expect(canBeClosed({ startsAt: start, status: 'closed' }, after)).toBe(true);
    expect(canBeClosed({ startsAt: start, status: 'done' }, after)).toBe(false);
    expect(canBeClosed({ startsAt: start, status: 'cancelled' }, after)).toBe(false);
    expect(canBeClosed({ startsAt: start, status: 'draft' }, after)).toBe(false);
  });

  it('shares the cost by attendees, in whole minor units; nobody there, no figure', () => {
    expect(costPerAttendee(1_000_000, 3)).toBe(333_333);
    expect(costPerAttendee(500_00, 2)).toBe(250_00);
    expect(costPerAttendee(500_00, 0)).toBeNull();
  });

  it('names a registrant, or their email without a name', () => {
    expect(registrantName({ firstName: 'Greta', lastName: 'Meier', email: 'g@x.de' })).toBe('Greta Meier');
    expect(registrantName({ firstName: '', lastName: '', email: 'g@x.de' })).toBe('g@x.de');
  });
});

describe('picking invitees', () => {
  const shown = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('only contacts not invited yet can be picked', () => {
    expect(invitableIds(shown, new Set(['b']))).toEqual(['a', 'c']);
  });

  it('"pick all" adds the missing ones, and unpicks them when all were picked; others stay', () => {
    expect(toggleAll(['x', 'a'], ['a', 'c'])).toEqual(['x', 'a', 'c']);
    expect(toggleAll(['x', 'a', 'c'], ['a', 'c'])).toEqual(['x']);
    expect(toggleAll(['x'], [])).toEqual(['x']);
  });
});
