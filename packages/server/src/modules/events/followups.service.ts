import type { CloseEventResult, EventReport } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { EventsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { campaignResults } from '../campaigns/results.service.js';
import { awaitsRecycling, openHandoffByHand } from '../handoffs/handoffs.service.js';
import { createLinkedTask } from '../tasks/tasks.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { localeOf, whenText } from './events.mail.js';
import {
  countAllRegistrations,
  countByRep,
  countInvitations,
  countRegistrationsByStatus,
  findEventRow,
  listFollowUpFacts,
  lockEventRow,
  setRegistrationsStatus,
  updateEventRow,
} from './events.repository.js';
import { MARKETING_ORGANISES, reloadEvent } from './events.service.js';

/*
 * After the event: confirmed guests who did not come become no-shows; each attendee's account owner
 * gets a follow-up task saying what the person attended and whom they met (the staff who checked them
 * in, the rep who invited them), each no-show's owner a different one; attendees nobody owns go
 * through lead routing as a handoff. And the event's figures, with the campaign's as its page counts them.
 */

const FOLLOW_UP_DAYS = 2;
/** Stages a handoff may (again) start from; later ones are never moved back to MQL. */
const routable = new Set(['subscriber', 'lead', 'mql', 'other']);

type Fact = Awaited<ReturnType<typeof listFollowUpFacts>>[number];
type Locale = 'de' | 'en';

const typeWords: Record<Locale, Record<string, string>> = {
  de: {
    trade_fair: 'Messe',
    webinar: 'Webinar',
    customer_day: 'Kundentag',
    roadshow: 'Roadshow',
    workshop: 'Workshop',
    other: 'Veranstaltung',
  },
  en: {
    trade_fair: 'trade fair',
    webinar: 'webinar',
    customer_day: 'customer day',
    roadshow: 'roadshow',
    workshop: 'workshop',
    other: 'event',
  },
};

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** The follow-up task of one guest for one owner, in the owner's language. */
const taskText = (e: EventsTable, f: Fact, locale: Locale, attended: boolean) => {
  const name = `${f.first_name} ${f.last_name}`.trim() || f.email;
  const company = f.account_name ?? f.company;
  const who = company ? `${name} (${company})` : name;
  const when = whenText(e.starts_at, e.ends_at, e.time_zone, locale);
  const kind = typeWords[locale][e.type] ?? e.type;
  const met =
    locale === 'de'
      ? [f.checker_name && `eingecheckt von ${f.checker_name}`, f.inviter_name && `eingeladen von ${f.inviter_name}`]
      : [f.checker_name && `checked in by ${f.checker_name}`, f.inviter_name && `invited by ${f.inviter_name}`];
  const metLine = met.filter(Boolean).join(', ');
  if (attended) {
    return locale === 'de'
      ? {
          title: clip(`Nachfassen: ${who} war bei „${e.title}“`, 200),
          description: `${name} war bei „${e.title}“ (${kind}, ${when}).${metLine ? `\nGetroffen: ${metLine}.` : ''}\nJetzt ist ein guter Moment, nachzufassen.`,
        }
      : {
          title: clip(`Follow up: ${who} attended “${e.title}”`, 200),
          description: `${name} attended “${e.title}” (${kind}, ${when}).${metLine ? `\nMet: ${metLine}.` : ''}\nNow is a good moment to follow up.`,
        };
  }
  return locale === 'de'
    ? {
        title: clip(`Nicht erschienen: ${who} bei „${e.title}“`, 200),
        description: `${name} hatte sich für „${e.title}“ (${kind}, ${when}) angemeldet, kam aber nicht.${f.inviter_name ? ` Eingeladen von ${f.inviter_name}.` : ''}\nVielleicht passt ein persönliches Gespräch oder der nächste Termin.`,
      }
    : {
        title: clip(`No-show: ${who} at “${e.title}”`, 200),
        description: `${name} registered for “${e.title}” (${kind}, ${when}) but did not come.${f.inviter_name ? ` Invited by ${f.inviter_name}.` : ''}\nPerhaps a personal call or the next date suits better.`,
      };
};

/** One follow-up: a task for the owner, lead routing for an attendee nobody owns. */
const followUp = async (
  ctx: AppContext,
  db: Db,
  actor: Actor,
  e: EventsTable,
  f: Fact,
  attended: boolean,
  dueAt: string,
): Promise<'task' | 'routed' | null> => {
  const ownerId = f.account_owner_id ?? f.contact_owner_id;
  const ownerLocale = localeOf(f.account_owner_id ? f.account_owner_locale : f.contact_owner_locale);
  const task = (owner: string, locale: Locale) =>
    createLinkedTask(db, actor, {
      ...taskText(e, f, locale, attended),
      ownerId: owner,
      dueAt,
      entityType: 'contact',
      entityId: f.contact_id,
    });
  if (ownerId) {
    await task(ownerId, ownerLocale);
    return 'task';
  }
  if (!attended) return null;
  if (routable.has(f.lifecycle_stage) && !(await awaitsRecycling(db, f.contact_id))) {
    await openHandoffByHand(ctx, db, actor, f.contact_id);
    return 'routed';
  }
  // a contact further along (or waiting for marketing to recycle it) and nobody's: the organiser follows up
  if (e.owner_id) {
    await task(e.owner_id, localeOf(actor.id === e.owner_id ? actor.locale : null));
    return 'task';
  }
  return null;
};

/** Closes the event once it has started (marketing and admins): no-shows, follow-up tasks, lead routing. */
export const closeEvent = async (ctx: AppContext, actor: Actor, id: string): Promise<CloseEventResult> => {
  assertCan(actor, 'events.manage', undefined, MARKETING_ORGANISES);
  return ctx.db.transaction().execute(async (trx) => {
    const e = await lockEventRow(trx, ctx.engine, id);
    if (!e) throw new AppError('event_not_found');
    if (e.status !== 'open' && e.status !== 'closed') throw new AppError('event_not_open', `The event is ${e.status}`);
    const now = nowIso();
    if (now < e.starts_at) throw new AppError('event_not_started');

    await setRegistrationsStatus(trx, id, ['confirmed'], { status: 'no_show', updated_at: now });
    const dueAt = new Date(Date.parse(now) + FOLLOW_UP_DAYS * 86_400_000).toISOString();
    let tasks = 0;
    let routed = 0;
    let noShows = 0;
    for (const f of await listFollowUpFacts(trx, id, ['attended', 'no_show'])) {
      const attended = f.status === 'attended';
      if (!attended) noShows += 1;
      const done = await followUp(ctx, trx, actor, e, f, attended, dueAt);
      if (done === 'task') tasks += 1;
      if (done === 'routed') routed += 1;
    }
    const result = await updateEventRow(trx, id, e.version, { status: 'done', closed_at: now, updated_at: now });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    await recordAudit(trx, actor, 'event', id, 'closed', [
      { field: 'status', from: e.status, to: 'done' },
      { field: 'followUps', from: null, to: { noShows, tasks, routed } },
    ]);
    return { event: await reloadEvent(ctx, trx, id), noShows, tasks, routed };
  });
};

/**
 * The event's figures: invitations, registrations by status and the no-show rate; by inviting rep; and
 * its campaign's leads, MQLs, attributed pipeline and revenue and cost exactly as the campaign page
 * counts them, with the cost per attendee.
 */
export const eventReport = async (ctx: AppContext, actor: Actor, id: string): Promise<EventReport> => {
  const e = await findEventRow(ctx.db, id);
  if (!e) throw new AppError('event_not_found');
  const [byStatus, invitations, registered, reps, campaign] = await Promise.all([
    countRegistrationsByStatus(ctx.db, [id]),
    countInvitations(ctx.db, [id]),
    countAllRegistrations(ctx.db, id),
    countByRep(ctx.db, id),
    campaignResults(ctx, actor, e.campaign_id),
  ]);
  const count = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const attended = count('attended');
  const noShow = count('no_show');
  const byRep = new Map<string, EventReport['byRep'][number]>();
  const repOf = (u: { id: string; name: string; department: string }) => {
    const row = byRep.get(u.id) ?? {
      rep: { id: u.id, name: u.name, department: u.department },
      invitations: 0,
      registrations: 0,
      attended: 0,
    };
    byRep.set(u.id, row);
    return row;
  };
  for (const r of reps.invited) repOf(r).invitations = Number(r.n);
  for (const r of reps.registered) {
    const row = repOf(r);
    row.registrations = Number(r.n);
    row.attended = Number(r.attended ?? 0);
  }
  return {
    eventId: id,
    counts: {
      invited: Number(invitations[0]?.n ?? 0),
      registered,
      confirmed: count('confirmed'),
      waitlisted: count('waitlisted'),
      cancelled: count('cancelled'),
      attended,
      noShow,
      noShowRate: attended + noShow === 0 ? null : noShow / (attended + noShow),
    },
    byRep: [...byRep.values()].sort(
      (a, b) =>
        b.invitations - a.invitations || b.registrations - a.registrations || a.rep.name.localeCompare(b.rep.name),
    ),
    campaign: {
      id: e.campaign_id,
      name: e.campaign_name,
      currency: e.campaign_currency,
      leads: campaign.leads,
      mqls: campaign.mqls,
      sqls: campaign.sqls,
      attributedPipeline: campaign.attributedPipeline,
      attributedRevenue: campaign.attributedRevenue,
      otherCurrencies: campaign.otherCurrencies,
      actualCost: campaign.actualCost,
      roi: campaign.roi,
      model: campaign.model,
    },
    costPerAttendee: attended === 0 ? null : Math.round(campaign.actualCost / attended),
  };
};
