import type { MeetingCadence } from '@nenner/shared';
import type { Db } from '../../db/db.js';
import { queueEmail } from '../mail/mail.service.js';

/*
 * Invitation emails: a short text in each recipient's language (users.locale, German by default) with
 * the series' calendar beside it as `text/calendar; method=REQUEST` (or CANCEL), which mail programs
 * show as an invitation to accept.
 */

export type InvitationKind = 'created' | 'updated' | 'occurrence_moved' | 'occurrence_cancelled' | 'cancelled';

type Locale = 'de' | 'en';

export interface Recipient {
  name: string;
  email: string;
  locale: string | null;
}

export interface Invitation {
  kind: InvitationKind;
  title: string;
  hostName: string;
  cadence: MeetingCadence;
  timeZone: string;
  durationMinutes: number;
  location: string | null;
  /** The instant the text names: the next start, or the occurrence moved or cancelled. */
  at: string | null;
  link: string;
  method: 'REQUEST' | 'CANCEL';
  calendar: string;
}

const subjects: Record<InvitationKind, Record<Locale, string>> = {
  created: { de: 'Einladung: {title}', en: 'Invitation: {title}' },
  updated: { de: 'Geändert: {title}', en: 'Updated: {title}' },
  occurrence_moved: { de: 'Termin verschoben: {title}', en: 'Meeting moved: {title}' },
  occurrence_cancelled: { de: 'Termin abgesagt: {title}', en: 'Meeting cancelled: {title}' },
  cancelled: { de: 'Abgesagt: {title}', en: 'Cancelled: {title}' },
};

const bodies: Record<InvitationKind, Record<Locale, string>> = {
  created: {
    de: '{host} lädt dich zur Abstimmung „{title}“ ein: {cadence}, {duration} Minuten{location}.\nDer erste Termin: {at}.',
    en: '{host} invites you to the alignment meeting “{title}”: {cadence}, {duration} minutes{location}.\nThe first one: {at}.',
  },
  updated: {
    de: 'Die Abstimmung „{title}“ wurde geändert: {cadence}, {duration} Minuten{location}.\nDer nächste Termin: {at}.',
    en: 'The alignment meeting “{title}” has changed: {cadence}, {duration} minutes{location}.\nThe next one: {at}.',
  },
  occurrence_moved: {
    de: 'Ein Termin der Abstimmung „{title}“ wurde verschoben auf {at}.',
    en: 'One meeting of “{title}” has moved to {at}.',
  },
  occurrence_cancelled: {
    de: 'Der Termin der Abstimmung „{title}“ am {at} fällt aus. Die übrigen Termine bleiben.',
    en: 'The “{title}” meeting on {at} is cancelled. The others stay as they are.',
  },
  cancelled: {
    de: 'Die Abstimmung „{title}“ findet nicht mehr statt. Alle Termine sind abgesagt.',
    en: 'The alignment meeting “{title}” will no longer take place. Every meeting of it is cancelled.',
  },
};

const greeting: Record<Locale, string> = { de: 'Hallo {name},', en: 'Hi {name},' };
const cadenceWords: Record<Locale, Record<MeetingCadence, string>> = {
  de: { weekly: 'wöchentlich', biweekly: 'alle zwei Wochen', monthly: 'monatlich' },
  en: { weekly: 'weekly', biweekly: 'every two weeks', monthly: 'monthly' },
};
const none: Record<Locale, string> = { de: 'keiner geplant', en: 'none planned' };
const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

const localeOf = (value: string | null): Locale => (value === 'en' ? 'en' : 'de');
const fill = (s: string, data: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[k] ?? '');

/** The subject and text of one invitation for one recipient, in their language. */
export const invitationText = (inv: Invitation, to: Recipient): { subject: string; text: string } => {
  const locale = localeOf(to.locale);
  const at = inv.at
    ? `${new Intl.DateTimeFormat(intlLocale[locale], {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: inv.timeZone,
      }).format(new Date(inv.at))} (${inv.timeZone})`
    : none[locale];
  const data = {
    name: to.name,
    host: inv.hostName,
    title: inv.title,
    cadence: cadenceWords[locale][inv.cadence],
    duration: String(inv.durationMinutes),
    location: inv.location ? `, ${inv.location}` : '',
    at,
  };
  return {
    subject: fill(subjects[inv.kind][locale], data),
    text: `${fill(greeting[locale], data)}\n\n${fill(bodies[inv.kind][locale], data)}\n\n${inv.link}\n`,
  };
};

/** Queues one email per recipient, with the calendar attached as the invitation, in the caller's transaction. */
export const queueInvitations = async (db: Db, inv: Invitation, recipients: Recipient[]): Promise<void> => {
  for (const to of recipients) {
    await queueEmail(db, {
      to: to.email,
      ...invitationText(inv, to),
      icalEvent: { method: inv.method, content: inv.calendar, filename: 'invite.ics' },
    });
  }
};
