import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { EventRegistrationsTable, EventsTable } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import type { EmailPayload } from '../mail/mail.service.js';
import { type CalendarEvent, guestCalendar } from './events.ics.js';

/*
 * The guests' emails, in the language they registered in (the page's), each with the cancellation link;
 * those that give or change a place carry the calendar as `text/calendar; method=REQUEST`, those that
 * take it away `method=CANCEL`. The reps' invitations go out in the rep's name, in the rep's language.
 */

type Locale = 'de' | 'en';
export type GuestMailKind =
  | 'confirmed'
  | 'waitlisted'
  | 'promoted'
  | 'cancelled'
  | 'updated'
  | 'event_cancelled'
  | 'reminder';

const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
export const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'de');
const fill = (s: string, data: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[k] ?? '');

/** "Mittwoch, 15. April 2026, 09:00–17:00 (Europe/Berlin)": start and end in the event's zone. */
export const whenText = (startsAt: string, endsAt: string, timeZone: string, locale: Locale): string => {
  const day = (iso: string) =>
    new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'full', timeZone }).format(new Date(iso));
  const time = (iso: string) =>
    new Intl.DateTimeFormat(intlLocale[locale], { timeStyle: 'short', timeZone }).format(new Date(iso));
  const span =
    day(startsAt) === day(endsAt)
      ? `${day(startsAt)}, ${time(startsAt)}–${time(endsAt)}`
      : `${day(startsAt)}, ${time(startsAt)} – ${day(endsAt)}, ${time(endsAt)}`;
  return `${span} (${timeZone})`;
};

const subjects: Record<GuestMailKind, Record<Locale, string>> = {
  confirmed: { de: 'Anmeldung bestätigt: {title}', en: 'You are registered: {title}' },
  waitlisted: { de: 'Warteliste: {title}', en: 'Waiting list: {title}' },
  promoted: { de: 'Ein Platz für dich: {title}', en: 'A seat for you: {title}' },
  cancelled: { de: 'Abgemeldet: {title}', en: 'Registration cancelled: {title}' },
  updated: { de: 'Geändert: {title}', en: 'Updated: {title}' },
  event_cancelled: { de: 'Abgesagt: {title}', en: 'Cancelled: {title}' },
  reminder: { de: 'Morgen: {title}', en: 'Tomorrow: {title}' },
};

const bodies: Record<GuestMailKind, Record<Locale, string>> = {
  confirmed: {
    de: 'deine Anmeldung für „{title}“ ist bestätigt.\n\nWann: {when}{where}\n\nDen Kalendereintrag findest du im Anhang.',
    en: 'your place at “{title}” is confirmed.\n\nWhen: {when}{where}\n\nThe calendar entry is attached.',
  },
  waitlisted: {
    de: '„{title}“ ist gerade ausgebucht. Du stehst auf Platz {position} der Warteliste. Sobald ein Platz frei wird, rückst du automatisch nach und bekommst eine Bestätigung.\n\nWann: {when}',
    en: '“{title}” is fully booked right now. You are number {position} on the waiting list. As soon as a seat frees up, it is yours and we send you a confirmation.\n\nWhen: {when}',
  },
  promoted: {
    de: 'gute Nachricht: Ein Platz ist frei geworden. Du bist bei „{title}“ dabei.\n\nWann: {when}{where}\n\nDen Kalendereintrag findest du im Anhang.',
    en: 'good news: a seat has freed up. You have a place at “{title}”.\n\nWhen: {when}{where}\n\nThe calendar entry is attached.',
  },
  cancelled: {
    de: 'du bist von „{title}“ abgemeldet. Schade, dass es nicht klappt.',
    en: 'your registration for “{title}” is cancelled. Sorry you cannot make it.',
  },
  updated: {
    de: 'bei „{title}“ hat sich etwas geändert. Dein Platz bleibt dir.\n\nWann: {when}{where}\n\nDer aktualisierte Kalendereintrag hängt an.',
    en: 'something about “{title}” has changed. Your place stays yours.\n\nWhen: {when}{where}\n\nThe updated calendar entry is attached.',
  },
  event_cancelled: {
    de: '„{title}“ am {when} findet leider nicht statt. Bitte entschuldige die Umstände.',
    en: 'we are sorry: “{title}” on {when} will not take place.',
  },
  reminder: {
    de: 'morgen ist es so weit: „{title}“.\n\nWann: {when}{where}',
    en: 'see you tomorrow at “{title}”.\n\nWhen: {when}{where}',
  },
};

const greeting: Record<Locale, string> = { de: 'Hallo {name},', en: 'Hi {name},' };
const whereLabel: Record<Locale, string> = { de: 'Wo', en: 'Where' };
const cancelLine: Record<Locale, string> = {
  de: 'Falls du nicht kommen kannst, sag bitte hier ab, damit jemand anderes deinen Platz bekommt:',
  en: 'If you cannot come, please cancel here so that someone else gets your seat:',
};
const admissionLine: Record<Locale, string> = {
  de: 'Zum Einlass: Zeig einfach den QR-Code aus dieser E-Mail, dann bist du mit einem Tipp eingecheckt.',
  en: 'At the door: just show the QR code in this email, and you are checked in with one tap.',
};
const leaveLine: Record<Locale, string> = {
  de: 'Du möchtest nicht mehr auf der Warteliste stehen? Hier abmelden:',
  en: 'No longer interested? Leave the waiting list here:',
};

/** The event as its calendars and mails show it. */
export const calendarEventOf = (
  ctx: AppContext,
  e: EventsTable,
  owner: { name: string; email: string } | null,
): CalendarEvent => ({
  title: e.title,
  description: e.description,
  startsAt: e.starts_at,
  endsAt: e.ends_at,
  timeZone: e.time_zone,
  location: e.venue ?? e.online_url,
  url: `${ctx.config.publicUrl}/e/${e.slug}`,
  organizer: owner ?? { name: 'Nenner', email: mailAddressOf(ctx.config.mail.from) },
  stamp: nowIso(),
});

/** `Nenner <nenner@localhost>` → `nenner@localhost`. */
const mailAddressOf = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from;

/** The cancellation link of a registration: a page that asks before it cancels. */
export const cancelLinkOf = (ctx: AppContext, slug: string, token: string): string =>
  `${ctx.config.publicUrl}/e/${encodeURIComponent(slug)}/cancel?token=${encodeURIComponent(token)}`;

/**
 * What a guest's QR code opens: the staff's check-in page with this person on top. It needs a login, so
 * the code is worth nothing to anyone but the event's staff.
 */
export const checkinLinkOf = (ctx: AppContext, eventId: string, registrationId: string): string =>
  `${ctx.config.publicUrl}/events/${encodeURIComponent(eventId)}/checkin?registration=${encodeURIComponent(registrationId)}`;

/**
 * The mails that hold a place at a door carry the admission code; waiting, cancelled and webinar mails do
 * not (a webinar has no door to check in at).
 */
const placeKinds: ReadonlySet<GuestMailKind> = new Set(['confirmed', 'promoted', 'updated', 'reminder']);
const withAdmission = (kind: GuestMailKind, e: Pick<EventsTable, 'type'>) =>
  placeKinds.has(kind) && e.type !== 'webinar';

/** A guest mail's subject and text. */
export const guestMailText = (
  ctx: AppContext,
  kind: GuestMailKind,
  e: EventsTable,
  r: Pick<EventRegistrationsTable, 'first_name' | 'email' | 'locale' | 'cancel_token'>,
  extra: { position?: number } = {},
): { subject: string; text: string } => {
  const locale = localeOf(r.locale);
  const place = [e.venue, e.online_url].filter(Boolean).join(' · ');
  const data = {
    name: r.first_name || r.email,
    title: e.title,
    when: whenText(e.starts_at, e.ends_at, e.time_zone, locale),
    where: place ? `\n${whereLabel[locale]}: ${place}` : '',
    position: String(extra.position ?? ''),
  };
  const link = cancelLinkOf(ctx, e.slug, r.cancel_token);
  const admission = withAdmission(kind, e) ? `\n\n${admissionLine[locale]}` : '';
  const footer =
    kind === 'waitlisted'
      ? `\n\n${leaveLine[locale]}\n${link}`
      : kind === 'cancelled' || kind === 'event_cancelled'
        ? ''
        : `\n\n${cancelLine[locale]}\n${link}`;
  return {
    subject: fill(subjects[kind][locale], data),
    text: `${fill(greeting[locale], data)}\n\n${fill(bodies[kind][locale], data)}${admission}${footer}\n`,
  };
};

export interface GuestMailOptions {
  /** The guest's calendar at this SEQUENCE: REQUEST for a place, CANCEL when it is taken away. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; sequence: number };
  /** The place on the waiting list (the waitlisted mail). */
  position?: number;
}

/** The `event_guest_mail` job's payload: which mail, to whom; the job renders it when it sends it. */
export const GuestMailPayload = z.object({
  kind: z.enum(['confirmed', 'waitlisted', 'promoted', 'cancelled', 'updated', 'event_cancelled', 'reminder']),
  eventId: z.string(),
  registrationId: z.string(),
  calendar: z.object({ method: z.enum(['REQUEST', 'CANCEL']), sequence: z.number().int() }).optional(),
  position: z.number().int().optional(),
});

/**
 * Queues one guest mail in the caller's transaction. Only what it is goes in the job: the text and the
 * calendar are written when it is sent, outside the transaction that holds the event's seats.
 */
export const queueGuestMail = (
  db: Db,
  kind: GuestMailKind,
  eventId: string,
  registrationId: string,
  options: GuestMailOptions = {},
): Promise<void> => enqueueJob(db, 'event_guest_mail', { kind, eventId, registrationId, ...options });

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const qrCid = 'checkin-code@nenner';
const qrAlt: Record<Locale, string> = { de: 'QR-Code für den Einlass', en: 'QR code for admission' };

/** A link as a QR code, PNG. */
export const admissionCode = async (link: string): Promise<Buffer> =>
  (await import('qrcode')).default.toBuffer(link, { type: 'png', margin: 2, width: 240 });

/** The admission code as a PNG (base64) and the HTML that shows it under the mail's text. */
const admissionParts = async (
  ctx: AppContext,
  text: string,
  e: EventsTable,
  r: Pick<EventRegistrationsTable, 'id' | 'locale'>,
): Promise<Pick<EmailPayload, 'html' | 'attachments'>> => {
  const png = await admissionCode(checkinLinkOf(ctx, e.id, r.id));
  const html =
    `<div style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</div>` +
    `<p><img src="cid:${qrCid}" width="240" height="240" alt="${qrAlt[localeOf(r.locale)]}"></p>`;
  return {
    html,
    attachments: [
      { filename: 'einlass-qr.png', contentType: 'image/png', content: png.toString('base64'), cid: qrCid },
    ],
  };
};

/** The mail itself: text in the guest's language, the admission code where it holds a place, and, when asked for, their calendar. */
export const renderGuestMail = async (
  ctx: AppContext,
  kind: GuestMailKind,
  e: EventsTable,
  owner: { name: string; email: string } | null,
  r: Pick<EventRegistrationsTable, 'id' | 'first_name' | 'last_name' | 'email' | 'locale' | 'cancel_token'>,
  options: GuestMailOptions,
): Promise<EmailPayload> => {
  const text = guestMailText(ctx, kind, e, r, { position: options.position });
  const cal = options.calendar;
  return {
    to: r.email,
    ...text,
    ...(withAdmission(kind, e) && (await admissionParts(ctx, text.text, e, r))),
    ...(cal && {
      icalEvent: {
        method: cal.method,
        filename: 'event.ics',
        content: guestCalendar(
          calendarEventOf(ctx, e, owner),
          {
            uid: `${r.id}@nenner`,
            sequence: cal.sequence,
            name: `${r.first_name} ${r.last_name}`.trim(),
            email: r.email,
          },
          cal.method,
        ),
      },
    }),
  };
};

const invitationTexts: Record<Locale, { subject: string; text: string }> = {
  de: {
    subject: 'Einladung: {title}',
    text: 'Hallo {name},\n\n{message}ich lade dich herzlich zu „{title}“ ein.\n\nWann: {when}\n\nHier kannst du dich mit einem Klick anmelden:\n{link}\n\nViele Grüße\n{rep}\n',
  },
  en: {
    subject: 'Invitation: {title}',
    text: 'Hi {name},\n\n{message}I would like to invite you to “{title}”.\n\nWhen: {when}\n\nYou can register here in one click:\n{link}\n\nBest regards\n{rep}\n',
  },
};

/** A rep's personal invitation, in the rep's language, with the personal registration link. */
export const invitationMailText = (
  e: EventsTable,
  locale: Locale,
  data: { name: string; rep: string; link: string; message: string | null },
): { subject: string; text: string } => {
  const t = invitationTexts[locale];
  const values = {
    ...data,
    title: e.title,
    when: whenText(e.starts_at, e.ends_at, e.time_zone, locale),
    message: data.message ? `${data.message}\n\n` : '',
  };
  return { subject: fill(t.subject, values), text: fill(t.text, values) };
};
