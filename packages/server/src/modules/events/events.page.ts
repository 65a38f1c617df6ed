import { escapeHtml as e, type PublicEvent } from '@nenner/shared';
import { layout, type PageLocale } from '../forms/forms.page.js';
import { whenText } from './events.mail.js';

/** The hosted event pages: server-rendered like the forms (their layout and styles), every value escaped. */

const text = {
  de: {
    email: 'E-Mail',
    firstName: 'Vorname',
    lastName: 'Nachname',
    company: 'Firma',
    required: 'Pflichtfeld',
    submit: 'Anmelden',
    consent:
      'Ich möchte per E-Mail über Veranstaltungen und Neuigkeiten informiert werden. Diese Einwilligung kann ich jederzeit widerrufen.',
    seatsLeft: 'Noch {n} Plätze frei.',
    oneSeatLeft: 'Noch ein Platz frei.',
    waitlistOnly: 'Ausgebucht – wer sich jetzt anmeldet, kommt auf die Warteliste.',
    deadline: 'Anmeldung bis {at}.',
    fix: 'Bitte prüfe die markierten Felder.',
    missing: 'Bitte ausfüllen.',
    invalid: 'Bitte prüfe die Eingabe.',
    confirmed: 'Du bist angemeldet! Die Bestätigung mit dem Kalendereintrag ist unterwegs in dein Postfach.',
    waitlisted:
      'Du stehst auf Platz {n} der Warteliste. Sobald ein Platz frei wird, rückst du automatisch nach und bekommst eine E-Mail.',
    already: 'Du warst schon angemeldet.',
    where: 'Wo',
    addToCalendar: 'Zum Kalender hinzufügen',
    notFound: 'Diese Veranstaltung gibt es nicht (mehr).',
    deadlinePassed: 'Die Anmeldefrist für diese Veranstaltung ist vorbei.',
    notOpen: 'Für diese Veranstaltung sind keine Anmeldungen mehr möglich.',
    cancelledEvent: 'Diese Veranstaltung wurde abgesagt.',
    full: 'Diese Veranstaltung ist leider ausgebucht.',
    tooMany: 'Zu viele Anfragen. Bitte versuche es in einer Minute noch einmal.',
    cancelQuestion:
      'Möchtest du dich von dieser Veranstaltung abmelden? Dein Platz geht dann an die nächste Person auf der Warteliste.',
    cancelButton: 'Abmelden',
    cancelDone: 'Du bist abgemeldet. Schade, dass es nicht klappt.',
    badLink: 'Dieser Abmeldelink ist nicht gültig.',
  },
  en: {
    email: 'Email',
    firstName: 'First name',
    lastName: 'Last name',
    company: 'Company',
    required: 'required',
    submit: 'Register',
    consent: 'I would like to hear about events and news by email. I can withdraw this consent at any time.',
    seatsLeft: '{n} seats left.',
    oneSeatLeft: 'One seat left.',
    waitlistOnly: 'Fully booked – if you register now, you join the waiting list.',
    deadline: 'Register by {at}.',
    fix: 'Please check the marked fields.',
    missing: 'Please fill this in.',
    invalid: 'Please check this entry.',
    confirmed: 'You are registered! The confirmation with the calendar entry is on its way to your inbox.',
    waitlisted: 'You are number {n} on the waiting list. As soon as a seat frees up, it is yours and we email you.',
    already: 'You had registered already.',
    where: 'Where',
    addToCalendar: 'Add to calendar',
    notFound: 'This event does not exist (any more).',
    deadlinePassed: 'Registration for this event has closed: the deadline has passed.',
    notOpen: 'This event takes no more registrations.',
    cancelledEvent: 'This event has been cancelled.',
    full: 'Sorry, this event is fully booked.',
    tooMany: 'Too many requests. Please try again in a minute.',
    cancelQuestion:
      'Do you want to cancel your registration? Your seat then goes to the next person on the waiting list.',
    cancelButton: 'Cancel registration',
    cancelDone: 'Your registration is cancelled. Sorry you cannot make it.',
    badLink: 'This cancellation link is not valid.',
  },
} as const;

export const eventPageText = (locale: PageLocale) => text[locale];
const fill = (s: string, data: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[k] ?? '');

const header = (ev: PublicEvent, locale: PageLocale) =>
  `<h1>${e(ev.title)}</h1><p class="msg">${e(whenText(ev.startsAt, ev.endsAt, ev.timeZone, locale))}</p>` +
  (ev.descriptionHtml ? `<div>${ev.descriptionHtml}</div>` : '');

/** A message under the event's title (refusals, thanks, the cancellation's outcome). */
export const eventMessagePage = (
  ev: PublicEvent,
  locale: PageLocale,
  message: string,
  embed: boolean,
  extra = '',
): string =>
  layout(locale, ev.title, `${header(ev, locale)}<p class="msg" role="status">${e(message)}</p>${extra}`, embed);

const fields = ['email', 'firstName', 'lastName', 'company'] as const;
const auto = { email: 'email', firstName: 'given-name', lastName: 'family-name', company: 'organization' } as const;

/** The registration form, with earlier values and field errors when shown again. */
export const registrationPage = (
  ev: PublicEvent,
  locale: PageLocale,
  state: { values: Record<string, string>; errors: Record<string, string>; invitation: string | null; embed: boolean },
): string => {
  const t = text[locale];
  const seats =
    ev.seatsLeft > 0
      ? ev.seatsLeft === 1
        ? t.oneSeatLeft
        : fill(t.seatsLeft, { n: String(ev.seatsLeft) })
      : t.waitlistOnly;
  const deadline = fill(t.deadline, {
    at: new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: ev.timeZone,
    }).format(new Date(ev.registrationDeadline)),
  });
  const inputs = fields
    .map((key) => {
      const error = state.errors[key];
      const required = key === 'email';
      return (
        `<label for="e-${key}">${e(t[key])}${required ? ` <span class="req">(${e(t.required)})</span>` : ''}</label>` +
        `<input type="${key === 'email' ? 'email' : 'text'}" id="e-${key}" name="${key}" value="${e(state.values[key] ?? '')}" maxlength="${key === 'email' ? 254 : 200}" autocomplete="${auto[key]}"${required ? ' required aria-required="true"' : ''}${error ? ` aria-invalid="true" aria-describedby="err-${key}"` : ''}>` +
        (error ? `<p class="error" id="err-${key}">${e(error)}</p>` : '')
      );
    })
    .join('');
  const alert = Object.keys(state.errors).length > 0 ? `<p class="alert" role="alert">${e(t.fix)}</p>` : '';
  const action = `/e/${encodeURIComponent(ev.slug)}${state.embed ? '?embed=1' : ''}`;
  return layout(
    locale,
    ev.title,
    `${header(ev, locale)}<p>${e(seats)} ${e(deadline)}</p>${alert}<form method="post" action="${action}" novalidate>${inputs}` +
      `<label class="consent"><input type="checkbox" name="consent" value="true"${state.values.consent === 'true' ? ' checked' : ''}> <span>${e(t.consent)}</span></label>` +
      (state.invitation ? `<input type="hidden" name="invitation" value="${e(state.invitation)}">` : '') +
      `<div class="hp" aria-hidden="true"><label for="e-website">Website</label><input id="e-website" name="website" tabindex="-1" autocomplete="off"></div>` +
      `<button type="submit">${e(t.submit)}</button></form>`,
    state.embed,
  );
};

/** What a visitor sees after registering: their place or waiting spot, and where to go. */
export const registeredPage = (
  ev: PublicEvent,
  locale: PageLocale,
  r: {
    status: 'confirmed' | 'waitlisted';
    waitlistPosition: number | null;
    duplicate: boolean;
    venue: string | null;
    onlineUrl: string | null;
    icsUrl: string;
  },
  embed: boolean,
): string => {
  const t = text[locale];
  const message =
    (r.status === 'confirmed' ? t.confirmed : fill(t.waitlisted, { n: String(r.waitlistPosition ?? '') })) +
    (r.duplicate ? ` ${t.already}` : '');
  const place = [r.venue, r.onlineUrl].filter((x): x is string => Boolean(x));
  const extra =
    r.status === 'confirmed'
      ? (place.length > 0 ? `<p><strong>${e(t.where)}:</strong> ${place.map((p) => e(p)).join(' · ')}</p>` : '') +
        `<p><a href="${e(r.icsUrl)}">${e(t.addToCalendar)}</a></p>`
      : '';
  return eventMessagePage(ev, locale, message, embed, extra);
};

/** The page behind the email's cancellation link: it asks first, so a link preview cancels nothing. */
export const cancelPage = (ev: PublicEvent, locale: PageLocale, token: string): string => {
  const t = text[locale];
  return layout(
    locale,
    ev.title,
    `${header(ev, locale)}<p class="msg">${e(t.cancelQuestion)}</p>` +
      `<form method="post" action="/e/${encodeURIComponent(ev.slug)}/cancel"><input type="hidden" name="token" value="${e(token)}">` +
      `<button type="submit">${e(t.cancelButton)}</button></form>`,
    false,
  );
};
