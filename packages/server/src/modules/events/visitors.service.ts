import { createHash } from 'node:crypto';
import {
  type PublicEvent,
  PublicRegistrationInput,
  type PublicRegistrationResult,
  renderMarkdown,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { caughtInHoneypot, takePublicPost } from '../../http/public.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { PageLocale } from '../forms/forms.page.js';
import { publicCalendar } from './events.ics.js';
import { calendarEventOf } from './events.mail.js';
import { eventPageText } from './events.page.js';
import { type EventRow, findEventBySlug, findInvitationByTokenHash, findInviteeFacts } from './events.repository.js';
import { organiserOf, registrationOpen } from './events.service.js';
import { cancelByToken, registerVisitor } from './seats.service.js';

/*
 * The visitor's side of an event (/e/{slug}): the page's facts, a registration post read the way the
 * forms read theirs (the per-IP rate limit, the honeypot, field errors), the cancellation link and the
 * public calendar file. The seats themselves are the seats service's.
 */

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** An event a visitor may see (not a draft), by its address, or 404. */
export const findPublicEvent = async (ctx: AppContext, slug: string): Promise<EventRow> => {
  const row = await findEventBySlug(ctx.db, slug.toLowerCase());
  if (!row || row.status === 'draft') throw new AppError('event_not_found');
  return row;
};

/** What the page shows; the venue and the online link only go to registered guests. */
export const presentPublicEvent = (r: EventRow): PublicEvent => ({
  slug: r.slug,
  title: r.title,
  type: r.type as PublicEvent['type'],
  descriptionHtml: r.description ? renderMarkdown(r.description) : '',
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  timeZone: r.time_zone,
  status: r.status as PublicEvent['status'],
  registrationDeadline: r.registration_deadline,
  registrationOpen: registrationOpen(r, nowIso()),
  seatsLeft: Math.max(0, r.capacity - r.seats_taken),
  waitlist: r.waitlist === 1,
});

/** Why the page takes no registration right now, as a problem code; null while it does. */
export const refusalOf = (r: EventRow): 'event_not_open' | 'registration_deadline_passed' | 'event_full' | null => {
  if (r.status !== 'open') return 'event_not_open';
  if (nowIso() > r.registration_deadline) return 'registration_deadline_passed';
  if (r.seats_taken >= r.capacity && r.waitlist !== 1) return 'event_full';
  return null;
};

/** The personal link's contact, to fill the form in: name, email, company. */
export const invitationPrefill = async (
  ctx: AppContext,
  r: EventRow,
  token: string,
): Promise<Record<string, string> | null> => {
  const invitation = await findInvitationByTokenHash(ctx.db, r.id, sha256(token));
  if (!invitation) return null;
  const [c] = await findInviteeFacts(ctx.db, [invitation.contact_id]);
  return {
    email: invitation.email,
    firstName: c?.first_name ?? '',
    lastName: c?.last_name ?? '',
    company: c?.account_name ?? '',
  };
};

/** How a visitor's post ended; the route shows it as a page or as JSON. */
export type VisitorOutcome =
  | { kind: 'rate_limited' }
  | { kind: 'invalid'; values: Record<string, string>; errors: Record<string, string>; invitation: string | null }
  | { kind: 'accepted'; result: PublicRegistrationResult; created: boolean };

const KEYS = ['email', 'firstName', 'lastName', 'company', 'consent', 'invitation', 'website'] as const;

/**
 * A visitor registers: the rate limit of public posts, the honeypot (a bot is answered like a success
 * and nothing is kept), the fields, then the seat. Refusals (`event_not_open`,
 * `registration_deadline_passed`, `event_full`) are thrown and change nothing.
 */
export const submitRegistration = async (
  ctx: AppContext,
  r: EventRow,
  body: unknown,
  client: { ip: string; locale: PageLocale },
): Promise<VisitorOutcome> => {
  if (!(await takePublicPost(ctx, client.ip))) return { kind: 'rate_limited' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('validation_failed');
  const raw = body as Record<string, unknown>;
  const values: Record<string, string> = {};
  const candidate: Record<string, unknown> = {};
  for (const key of KEYS) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    candidate[key] = typeof v === 'string' ? v.trim() : v;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[key] = String(v).trim();
  }
  const invitation = typeof candidate.invitation === 'string' && candidate.invitation ? candidate.invitation : null;
  if (caughtInHoneypot(raw)) {
    const status = r.seats_taken < r.capacity ? 'confirmed' : 'waitlisted';
    return {
      kind: 'accepted',
      created: true,
      result: {
        status,
        registrationId: newId(),
        waitlistPosition: status === 'waitlisted' ? 1 : null,
        duplicate: false,
        venue: null,
        onlineUrl: null,
        icsUrl: `${ctx.config.publicUrl}/e/${r.slug}/event.ics`,
      },
    };
  }
  const t = eventPageText(client.locale);
  const parsed = PublicRegistrationInput.safeParse(candidate);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'email');
      errors[key] ??= key === 'email' && !values.email ? t.missing : issue.message;
    }
    return { kind: 'invalid', values, errors, invitation };
  }
  const input = parsed.data;
  const consent = input.consent === true || input.consent === 'true' || input.consent === 'on' || input.consent === '1';
  const { result, created } = await registerVisitor(ctx, r.id, {
    email: input.email,
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    company: input.company ? input.company : null,
    consent,
    invitation: input.invitation || null,
    locale: client.locale,
    consentText: t.consent,
  });
  return { kind: 'accepted', result, created };
};

/** The guest's cancellation link: frees the place (again: nothing more happens). */
export const cancelFromLink = async (ctx: AppContext, r: EventRow, token: string): Promise<string> =>
  cancelByToken(ctx, r.id, token);

/** The public calendar file (METHOD:PUBLISH). */
export const publicEventCalendar = (ctx: AppContext, r: EventRow): string =>
  publicCalendar(calendarEventOf(ctx, r, organiserOf(r)), `${r.id}@nenner`, r.sequence, r.status === 'cancelled');
