import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { sendEmailJob } from '../mail/mail.service.js';
import { GuestMailPayload, queueGuestMail, renderGuestMail } from './events.mail.js';
import { findEventRow, findRegistrationById, listUnreminded, markReminded } from './events.repository.js';
import { organiserOf } from './events.service.js';

/** The reminder job's payload: the event and the start it was scheduled for. */
export const EventReminderPayload = z.object({ eventId: z.string(), startsAt: z.string() });

/**
 * The `event_reminders` job, due the day before the start: every confirmed guest not reminded yet gets
 * a reminder with the cancellation link. Idempotent (each guest once); a job scheduled for an earlier
 * start (the event moved, and a new job was queued) or for an event no longer taking place does nothing.
 */
export const sendEventReminders = async (ctx: AppContext, payload: unknown): Promise<void> => {
  const { eventId, startsAt } = EventReminderPayload.parse(payload);
  await ctx.db.transaction().execute(async (trx) => {
    const e = await findEventRow(trx, eventId);
    if (!e || (e.status !== 'open' && e.status !== 'closed')) return;
    if (Date.parse(e.starts_at) !== Date.parse(startsAt) || nowIso() >= e.starts_at) return;
    const guests = await listUnreminded(trx, eventId);
    for (const r of guests) await queueGuestMail(trx, 'reminder', eventId, r.id);
    await markReminded(
      trx,
      guests.map((r) => r.id),
      nowIso(),
    );
  });
};

/**
 * The `event_guest_mail` job: writes one guest mail (its text, and its calendar at the SEQUENCE the
 * change gave it) from the event and the registration as they are now, and sends it. A mail whose event
 * or registration is gone is dropped.
 */
export const sendGuestMail = async (ctx: AppContext, payload: unknown): Promise<void> => {
  const { kind, eventId, registrationId, calendar, position } = GuestMailPayload.parse(payload);
  const [e, r] = await Promise.all([
    findEventRow(ctx.db, eventId),
    findRegistrationById(ctx.db, eventId, registrationId),
  ]);
  if (!e || !r) return;
  await sendEmailJob(ctx, await renderGuestMail(ctx, kind, e, organiserOf(e), r, { calendar, position }));
};
