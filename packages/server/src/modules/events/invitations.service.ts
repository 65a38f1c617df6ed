import { createHash, randomBytes } from 'node:crypto';
import type {
  CreateInvitationsInput,
  Invitation,
  InvitationListQuery,
  InvitationsResult,
  Page,
  RegistrationStatus,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { recordEventResponse } from '../campaigns/members.service.js';
import { unsubscribeLink, withUnsubscribe } from '../gdpr/consents.service.js';
import { queueEmail } from '../mail/mail.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { invitationMailText, localeOf } from './events.mail.js';
import {
  findEventRow,
  findInvitedContactIds,
  findInviteeFacts,
  findRegisteredContacts,
  insertInvitations,
  listInvitationRows,
} from './events.repository.js';
import { publicUrlOf } from './events.service.js';

/*
 * Reps invite their contacts: each gets a personal email in the rep's name with a registration link
 * that carries the invitation, so the registration (and its attendance) counts for the rep. Contacts
 * without a confirmed consent to marketing mail, who opted out, without an email, or invited or
 * registered already are skipped, each with the reason.
 */

const SALES_INVITES = 'Sales reps invite their contacts to events';
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** Sends the rep's invitations and answers which were sent and which were skipped, and why. */
export const createInvitations = async (
  ctx: AppContext,
  actor: Actor,
  eventId: string,
  input: CreateInvitationsInput,
): Promise<InvitationsResult> => {
  assertCan(actor, 'events.invite', undefined, SALES_INVITES);
  return ctx.db.transaction().execute(async (trx) => {
    const e = await findEventRow(trx, eventId);
    if (!e) throw new AppError('event_not_found');
    if (e.status !== 'open') throw new AppError('event_not_open', `The event is ${e.status}`);
    const now = nowIso();
    if (now > e.registration_deadline) throw new AppError('registration_deadline_passed');

    const ids = input.contactIds;
    const facts = new Map((await findInviteeFacts(trx, ids)).map((c) => [c.id, c]));
    const emails = [...facts.values()].flatMap((c) => (c.email ? [c.email.toLowerCase()] : []));
    const [invited, registered] = await Promise.all([
      findInvitedContactIds(trx, eventId, ids),
      findRegisteredContacts(trx, eventId, ids, emails),
    ]);
    const result: InvitationsResult = { sent: [], skipped: [] };
    const locale = localeOf(actor.locale);
    const rows = [];
    for (const contactId of ids) {
      const c = facts.get(contactId);
      const name = c ? `${c.first_name} ${c.last_name}`.trim() : null;
      const skip = (reason: InvitationsResult['skipped'][number]['reason']) =>
        result.skipped.push({ contactId, name, email: c?.email ?? null, reason });
      if (!c) skip('contact_not_found');
      else if (!c.email) skip('no_email');
      else if (Number(c.opted_out) === 1) skip('opted_out');
      else if (c.consent_status !== 'confirmed') skip('no_consent');
      else if (invited.has(contactId)) skip('already_invited');
      else if (registered.contactIds.has(contactId) || registered.emails.has(c.email.toLowerCase())) {
        skip('already_registered');
      } else {
        const token = randomBytes(24).toString('base64url');
        const id = newId();
        rows.push({
          id,
          event_id: eventId,
          contact_id: contactId,
          invited_by: actor.id,
          email: c.email,
          token_hash: sha256(token),
          sent_at: now,
        });
        const link = `${publicUrlOf(ctx, e.slug)}?invitation=${encodeURIComponent(token)}`;
        await queueEmail(trx, {
          to: c.email,
          from: { name: actor.name, address: actor.email },
          replyTo: actor.email,
          ...withUnsubscribe(
            invitationMailText(e, locale, {
              name: c.first_name || (name ?? c.email),
              rep: actor.name,
              link,
              message: input.message ?? null,
            }),
            await unsubscribeLink(ctx, contactId, trx),
            locale,
          ),
        });
        result.sent.push({ invitationId: id, contactId, email: c.email, name: name ?? '' });
      }
    }
    await insertInvitations(trx, rows);
    for (const row of rows) {
      await recordEventResponse(ctx, trx, actor, e.campaign_id, row.contact_id, 'sent', { eventId });
    }
    if (rows.length > 0) {
      await recordAudit(trx, actor, 'event', eventId, 'invitations_sent', [
        { field: 'invitations', from: null, to: { sent: rows.length, skipped: result.skipped.length } },
      ]);
    }
    return result;
  });
};

/** Who was invited by whom, and who registered; newest first. */
export const listInvitations = async (
  ctx: AppContext,
  eventId: string,
  query: InvitationListQuery,
): Promise<Page<Invitation>> => {
  if (!(await findEventRow(ctx.db, eventId))) throw new AppError('event_not_found');
  const rows = await listInvitationRows(ctx.db, eventId, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      contact: {
        id: r.contact_id,
        name: `${r.first_name} ${r.last_name}`.trim() || r.email,
        email: r.email,
        account: r.account_id ? { id: r.account_id, name: r.account_name ?? '' } : null,
      },
      invitedBy: { id: r.invited_by, name: r.inviter_name, department: r.inviter_department },
      sentAt: r.sent_at,
      registration: r.registration_id
        ? { id: r.registration_id, status: r.registration_status as RegistrationStatus }
        : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sent_at, last.id, 'sent') : null,
  };
};
