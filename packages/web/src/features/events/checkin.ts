import type { Registration } from '@nenner/shared';

/*
 * The door list: who may come in (confirmed, or already checked in), found by name or company while
 * someone types on a phone. Searching runs on the loaded list, so it answers at once on a weak network.
 */

const folds: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Lower case without accents; umlauts match both ways („Müller“ is found by „muller“ and „mueller“). */
export const foldText = (s: string): string[] => {
  const lower = s.toLowerCase();
  const plain = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const spelled = plain(lower.replace(/[äöüß]/g, (c) => folds[c] ?? c));
  const stripped = plain(lower).replace(/ß/g, 'ss');
  return spelled === stripped ? [spelled] : [spelled, stripped];
};

type Searchable = Pick<Registration, 'firstName' | 'lastName' | 'email' | 'company' | 'account'>;

/** The text a registration is found by: name, email, the company typed and the account's name. */
const haystacksOf = (r: Searchable): string[] =>
  foldText([`${r.firstName} ${r.lastName}`, r.email, r.company ?? '', r.account?.name ?? ''].join(' '));

/** Every word typed must occur somewhere (in any order): „keller beispiel“ finds Jonas Keller of Beispiel GmbH. */
export const matchesCheckin = (r: Searchable, query: string): boolean => {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = haystacksOf(r);
  return words.every((w) => {
    const forms = foldText(w);
    return hay.some((h) => forms.some((f) => h.includes(f)));
  });
};

/** Who the door list shows: people with a place (confirmed, or checked in already). */
export const atTheDoor = (r: Pick<Registration, 'status'>): boolean =>
  r.status === 'confirmed' || r.status === 'attended';

/**
 * The door list for a search: people with a place who match, those still expected first, each group by
 * last name, then first name.
 */
export const checkinList = <R extends Searchable & Pick<Registration, 'status' | 'id'>>(
  rows: readonly R[],
  query: string,
): R[] =>
  rows
    .filter((r) => atTheDoor(r) && matchesCheckin(r, query))
    .sort(
      (a, b) =>
        Number(a.status === 'attended') - Number(b.status === 'attended') ||
        a.lastName.localeCompare(b.lastName, 'de') ||
        a.firstName.localeCompare(b.firstName, 'de') ||
        a.id.localeCompare(b.id),
    );

/** How far the door is: checked in of everyone with a place. */
export const checkinProgress = (
  rows: readonly Pick<Registration, 'status'>[],
): { attended: number; expected: number } => {
  const withPlace = rows.filter(atTheDoor);
  return { attended: withPlace.filter((r) => r.status === 'attended').length, expected: withPlace.length };
};

/** The registration a QR code or link names (`?registration=<id>`), once it is among the loaded ones. */
export const findRegistration = <R extends Pick<Registration, 'id'>>(
  rows: readonly R[],
  id: string | undefined,
): R | undefined => (id ? rows.find((r) => r.id === id) : undefined);
