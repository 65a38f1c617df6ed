import type { Registration, RegistrationStatus } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { checkinList, checkinProgress, findRegistration, foldText, matchesCheckin } from './checkin';

let n = 0;
const reg = (
  firstName: string,
  lastName: string,
  status: RegistrationStatus,
  company: string | null = null,
  account: string | null = null,
): Registration => {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventId: '00000000-0000-4000-8000-0000000000e1',
    status,
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    firstName,
    lastName,
    company,
    contactId: '00000000-0000-4000-8000-0000000000c1',
    account: account ? { id: '00000000-0000-4000-8000-0000000000a1', name: account, owner: null } : null,
    invitedBy: null,
    waitlistPosition: status === 'waitlisted' ? 1 : null,
    registeredAt: '2026-04-01T10:00:00Z',
    confirmedAt: null,
    cancelledAt: null,
    checkedInAt: status === 'attended' ? '2026-04-15T07:10:00Z' : null,
    checkedInBy: null,
  };
};

const mueller = reg('Jürgen', 'Müller', 'confirmed', 'Beispiel GmbH');
const keller = reg('Jonas', 'Keller', 'attended', null, 'Kundenwerk AG');
const strasse = reg('Anna', 'Straße', 'confirmed', 'Café Süd');
const weiss = reg('Ben', 'Weiß', 'waitlisted', 'Beispiel GmbH');
const adler = reg('Eva', 'Adler', 'cancelled');
const zander = reg('Zoe', 'Zander', 'confirmed', 'Beispiel GmbH');
const all = [mueller, keller, strasse, weiss, adler, zander];

describe('the check-in search', () => {
  it('folds case and accents, umlauts both ways', () => {
    expect(foldText('Müller')).toEqual(['mueller', 'muller']);
    expect(foldText('Café')).toEqual(['cafe']);
    expect(foldText('Straße')).toEqual(['strasse']);
    expect(matchesCheckin(mueller, 'muller')).toBe(true);
    expect(matchesCheckin(mueller, 'MUELLER')).toBe(true);
    expect(matchesCheckin(mueller, 'müll')).toBe(true);
    expect(matchesCheckin(strasse, 'strasse')).toBe(true);
    expect(matchesCheckin(strasse, 'cafe')).toBe(true);
  });

  it('finds by name, email, the company typed and the account, every word somewhere', () => {
    expect(matchesCheckin(keller, 'kundenwerk')).toBe(true);
    expect(matchesCheckin(keller, 'jonas.keller@')).toBe(true);
    expect(matchesCheckin(mueller, 'beispiel jürgen')).toBe(true);
    expect(matchesCheckin(mueller, 'beispiel jonas')).toBe(false);
    expect(matchesCheckin(mueller, '   ')).toBe(true);
  });

  it('lists only people with a place, those still expected first, by last name', () => {
    expect(checkinList(all, '').map((r) => r.lastName)).toEqual(['Müller', 'Straße', 'Zander', 'Keller']);
    expect(checkinList(all, 'beispiel').map((r) => r.lastName)).toEqual(['Müller', 'Zander']);
    // waitlisted and cancelled people are not at the door, even when they match
    expect(checkinList(all, 'weiß')).toEqual([]);
    expect(checkinList(all, 'adler')).toEqual([]);
  });

  it('counts who is here of everyone with a place', () => {
    expect(checkinProgress(all)).toEqual({ attended: 1, expected: 4 });
    expect(checkinProgress([])).toEqual({ attended: 0, expected: 0 });
  });

  it('finds the person a QR code names once they are loaded', () => {
    expect(findRegistration(all, zander.id)).toBe(zander);
    expect(findRegistration(all, '00000000-0000-4000-8000-999999999999')).toBeUndefined();
    expect(findRegistration(all, undefined)).toBeUndefined();
  });
});
