import {
  type CampaignChannel,
  type CreateEventInput,
  type Event,
  type EventListQuery,
  type EventType,
  escapeHtml,
  type FieldChange,
  localDateTimeOf,
  type Page,
  type RegistrationCounts,
  renderMarkdown,
  type UpdateEventInput,
  zonedTimeToEpoch,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { EventsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { insertLinkedCampaign, loadCampaign } from '../campaigns/campaigns.service.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { readSetting } from '../settings/settings.service.js';
import { getTeam } from '../teams/teams.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers, getUser } from '../users/users.service.js';
import { queueGuestMail } from './events.mail.js';
import {
  countAllRegistrations,
  countInvitations,
  countRegistrationsByStatus,
  deleteEventRow,
  deleteInvitationsOf,
  type EventRow,
  findEventRow,
  insertEvent,
  listEventRows,
  listRegistrationsIn,
  lockEventRow,
  setRegistrationsStatus,
  setSeatCounters,
  slugInUse,
  updateEventRow,
  updateRegistrationRow,
} from './events.repository.js';
import { promoteWaitlist } from './seats.service.js';

export const MARKETING_ORGANISES = 'Marketing organises events; sales invites and checks in';
const DAY_MS = 86_400_000;

// ——— Presenting ————————————————————————————————————————————————————————————————————————————————

const emptyCounts = (): RegistrationCounts => ({ confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, noShow: 0 });

const countsOf = async (db: Db, ids: string[]) => {
  const [byStatus, invitations] = await Promise.all([countRegistrationsByStatus(db, ids), countInvitations(db, ids)]);
  const counts = new Map<string, RegistrationCounts>();
  for (const r of byStatus) {
    const c = counts.get(r.event_id) ?? emptyCounts();
    const key = r.status === 'no_show' ? 'noShow' : (r.status as keyof RegistrationCounts);
    if (key in c) c[key] = Number(r.n);
    counts.set(r.event_id, c);
  }
  return { counts, invitations: new Map(invitations.map((r) => [r.event_id, Number(r.n)])) };
};

const local = (iso: string, tz: string) => {
  const l = localDateTimeOf(iso, tz);
  return `${l.date}T${l.time}`;
};

/** Open, before the deadline, and a seat or the waiting list left. */
export const registrationOpen = (e: EventsTable, now: string): boolean =>
  e.status === 'open' && now <= e.registration_deadline && (e.seats_taken < e.capacity || e.waitlist === 1);

export const publicUrlOf = (ctx: AppContext, slug: string) => `${ctx.config.publicUrl}/e/${slug}`;

const presentEvent = (
  ctx: AppContext,
  r: EventRow,
  counts: RegistrationCounts,
  invitations: number,
  now: string,
): Event => {
  const url = publicUrlOf(ctx, r.slug);
  return {
    id: r.id,
    title: r.title,
    type: r.type as EventType,
    description: r.description,
    descriptionHtml: r.description ? renderMarkdown(r.description) : '',
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    localStart: local(r.starts_at, r.time_zone),
    localEnd: local(r.ends_at, r.time_zone),
    timeZone: r.time_zone,
    venue: r.venue,
    onlineUrl: r.online_url,
    capacity: r.capacity,
    waitlist: r.waitlist === 1,
    registrationDeadline: r.registration_deadline,
    status: r.status as Event['status'],
    slug: r.slug,
    campaign: { id: r.campaign_id, name: r.campaign_name },
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    seatsTaken: r.seats_taken,
    seatsLeft: Math.max(0, r.capacity - r.seats_taken),
    registrationOpen: registrationOpen(r, now),
    counts,
    invitations,
    url,
    embedHtml: `<iframe src="${escapeHtml(`${url}?embed=1`)}" title="${escapeHtml(r.title)}" style="width:100%;min-height:640px;border:0" loading="lazy"></iframe>`,
    icsUrl: `${url}/event.ics`,
    sequence: r.sequence,
    closedAt: r.closed_at,
    createdBy: r.created_by
      ? { id: r.created_by, name: r.creator_name ?? '', department: r.creator_department ?? '' }
      : null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

/** An event with its joined names, or 404. */
export const loadEvent = async (db: Db, id: string): Promise<EventRow> => {
  const row = await findEventRow(db, id);
  if (!row) throw new AppError('event_not_found');
  return row;
};

/** The event's owner as calendars name the organiser. */
export const organiserOf = (r: EventRow): { name: string; email: string } | null =>
  r.owner_id && r.owner_email ? { name: r.owner_name ?? '', email: r.owner_email } : null;

export const reloadEvent = async (ctx: AppContext, db: Db, id: string): Promise<Event> => {
  const row = await loadEvent(db, id);
  const { counts, invitations } = await countsOf(db, [id]);
  return presentEvent(ctx, row, counts.get(id) ?? emptyCounts(), invitations.get(id) ?? 0, nowIso());
};

/** Events by start, filtered by text, status, type or a time window. */
export const listEvents = async (ctx: AppContext, query: EventListQuery): Promise<Page<Event>> => {
  const iso = (v: string | undefined) => (v === undefined ? undefined : new Date(v).toISOString());
  const rows = await listEventRows(ctx.db, { ...query, from: iso(query.from), to: iso(query.to) });
  const page = rows.slice(0, query.limit);
  const { counts, invitations } = await countsOf(
    ctx.db,
    page.map((r) => r.id),
  );
  const now = nowIso();
  const last = page.at(-1);
  return {
    items: page.map((r) => presentEvent(ctx, r, counts.get(r.id) ?? emptyCounts(), invitations.get(r.id) ?? 0, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.starts_at, last.id, 'start') : null,
  };
};

/** One event with its seats, counts and public links. */
export const getEvent = (ctx: AppContext, id: string): Promise<Event> => reloadEvent(ctx, ctx.db, id);

// ——— Times ———————————————————————————————————————————————————————————————————————————————————————

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** An instant from an offset date-time, or from a local one read in the event's zone; null when invalid. */
export const instantIn = (value: string, timeZone: string): string | null => {
  if (HAS_OFFSET.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const check = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (check.getUTCMonth() !== (month ?? 1) - 1 || check.getUTCDate() !== day) return null;
  const ms = zonedTimeToEpoch({ year: year ?? 0, month: month ?? 1, day: day ?? 1 }, hour ?? 0, minute ?? 0, timeZone);
  return new Date(ms + (second ?? 0) * 1000).toISOString();
};

interface Schedule {
  startsAt: string;
  endsAt: string;
  deadline: string;
  timeZone: string;
}

/** The schedule from the input (and, on an edit, what is stored), checked: end after start, deadline before the end. */
const scheduleOf = (
  input: { startsAt?: string; endsAt?: string; registrationDeadline?: string | null; timeZone: string },
  stored?: EventsTable,
): Schedule => {
  const errors: { path: string; message: string }[] = [];
  const read = (key: 'startsAt' | 'endsAt' | 'registrationDeadline', value: string | null | undefined) => {
    if (value === undefined || value === null) return undefined;
    const at = instantIn(value, input.timeZone);
    if (!at) errors.push({ path: key, message: 'Not a valid date-time' });
    return at ?? undefined;
  };
  const startsAt = read('startsAt', input.startsAt) ?? stored?.starts_at ?? '';
  const endsAt = read('endsAt', input.endsAt) ?? stored?.ends_at ?? '';
  // no deadline given: the start, and a deadline that was the start moves with it
  const followsStart =
    !stored || input.registrationDeadline === null || stored.registration_deadline === stored.starts_at;
  const deadline =
    read('registrationDeadline', input.registrationDeadline) ??
    (followsStart ? startsAt : stored.registration_deadline);
  if (errors.length === 0 && endsAt <= startsAt)
    errors.push({ path: 'endsAt', message: 'The end comes before the start' });
  if (errors.length === 0 && deadline > endsAt) {
    errors.push({ path: 'registrationDeadline', message: 'The deadline comes after the end of the event' });
  }
  if (errors.length > 0) throw new AppError('validation_failed', undefined, { errors });
  return { startsAt, endsAt, deadline, timeZone: input.timeZone };
};

/** The campaign channel an event's own campaign gets. */
const channelOf = (type: EventType): CampaignChannel =>
  type === 'trade_fair' ? 'trade_fair' : type === 'webinar' ? 'webinar' : 'event';

/** The reminder the day before the start (a job; a stale one finds the event moved and does nothing). */
const scheduleReminder = async (db: Db, id: string, startsAt: string): Promise<void> => {
  const runAt = new Date(Math.max(Date.parse(nowIso()), Date.parse(startsAt) - DAY_MS)).toISOString();
  if (runAt < startsAt) await enqueueJob(db, 'event_reminders', { eventId: id, startsAt }, runAt);
};

const assertTeam = async (ctx: AppContext, teamId: string | null | undefined) => {
  if (!teamId) return;
  try {
    await getTeam(ctx, teamId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'team_not_found') throw fieldError('teamId', 'Unknown team');
    throw error;
  }
};

const slugTaken = () => new AppError('slug_taken', undefined, { errors: [{ path: 'slug', message: 'Taken' }] });

// ——— Writing ——————————————————————————————————————————————————————————————————————————————————

/** Creates an event (marketing and admins); without a campaign, one is created with it. */
export const createEvent = async (ctx: AppContext, actor: Actor, input: CreateEventInput): Promise<Event> => {
  assertCan(actor, 'events.manage', undefined, MARKETING_ORGANISES);
  const ownerId = input.ownerId ?? actor.id;
  if (ownerId !== actor.id) await assertActiveUsers(ctx.db, [ownerId], 'ownerId');
  await assertTeam(ctx, input.teamId);
  const ownerDepartment = ownerId === actor.id ? actor.department : (await getUser(ctx, ownerId)).department;
  return ctx.db.transaction().execute(async (trx) => {
    const timeZone = input.timeZone ?? (await readSetting(trx, 'sla')).value.timeZone;
    const schedule = scheduleOf({ ...input, timeZone });
    if (await slugInUse(trx, input.slug)) throw slugTaken();
    const id = newId();
    let campaignId = input.campaignId;
    if (campaignId) {
      await loadCampaign(trx, campaignId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'campaign_not_found') {
          throw fieldError('campaignId', 'Unknown campaign');
        }
        throw error;
      });
    } else {
      campaignId = await insertLinkedCampaign(trx, actor, {
        name: input.title,
        channel: channelOf(input.type),
        owner_id: ownerId,
        team_id: input.teamId ?? null,
        department: ownerDepartment,
        start_date: localDateTimeOf(schedule.startsAt, timeZone).date,
        end_date: localDateTimeOf(schedule.endsAt, timeZone).date,
      });
    }
    const now = nowIso();
    await insertEvent(trx, {
      id,
      slug: input.slug,
      title: input.title,
      type: input.type,
      description: input.description ?? null,
      starts_at: schedule.startsAt,
      ends_at: schedule.endsAt,
      time_zone: timeZone,
      venue: input.venue ?? null,
      online_url: input.onlineUrl ?? null,
      capacity: input.capacity,
      waitlist: input.waitlist ? 1 : 0,
      registration_deadline: schedule.deadline,
      status: input.status ?? 'open',
      campaign_id: campaignId,
      owner_id: ownerId,
      team_id: input.teamId ?? null,
      seats_taken: 0,
      arrivals: 0,
      sequence: 0,
      closed_at: null,
      created_by: actor.id,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await scheduleReminder(trx, id, schedule.startsAt);
    await recordAudit(trx, actor, 'event', id, 'created', [{ field: 'campaignId', from: null, to: campaignId }]);
    return reloadEvent(ctx, trx, id);
  });
};

/** Which status an organiser may set from which (done comes only from closing). */
const allowedStatus: Record<string, readonly string[]> = {
  draft: ['open', 'cancelled'],
  open: ['draft', 'closed', 'cancelled'],
  closed: ['open', 'cancelled'],
};

/**
 * Edits an event (If-Match). A new time or place sends every confirmed guest an updated calendar
 * (higher SEQUENCE); cancelling sends METHOD:CANCEL and frees every place; more capacity moves the
 * waiting list up. Done and cancelled events are no longer changed.
 */
export const updateEvent = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateEventInput,
): Promise<Event> => {
  assertCan(actor, 'events.manage', undefined, MARKETING_ORGANISES);
  if (input.ownerId) await assertActiveUsers(ctx.db, [input.ownerId], 'ownerId');
  await assertTeam(ctx, input.teamId);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockEventRow(trx, ctx.engine, id);
    if (!locked) throw new AppError('event_not_found');
    if (locked.version !== version) throw new AppError('version_conflict');
    if (locked.status === 'done' || locked.status === 'cancelled') {
      throw new AppError('invalid_transition', `The event is ${locked.status} and can no longer be changed`);
    }
    if (input.status !== undefined && input.status !== locked.status) {
      if (!allowedStatus[locked.status]?.includes(input.status)) {
        throw new AppError('invalid_transition', `An event that is ${locked.status} cannot become ${input.status}`);
      }
    }
    if (input.slug !== undefined && (await slugInUse(trx, input.slug, id))) throw slugTaken();
    if (input.campaignId) {
      await loadCampaign(trx, input.campaignId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'campaign_not_found') {
          throw fieldError('campaignId', 'Unknown campaign');
        }
        throw error;
      });
    }
    const timeZone = input.timeZone ?? locked.time_zone;
    const schedule = scheduleOf({ ...input, timeZone }, locked);
    const moved =
      schedule.startsAt !== locked.starts_at || schedule.endsAt !== locked.ends_at || timeZone !== locked.time_zone;
    const placeChanged =
      (input.venue !== undefined && input.venue !== locked.venue) ||
      (input.onlineUrl !== undefined && input.onlineUrl !== locked.online_url);
    const cancelling = input.status === 'cancelled';
    const set: Partial<EventsTable> = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.type !== undefined && { type: input.type }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.venue !== undefined && { venue: input.venue }),
      ...(input.onlineUrl !== undefined && { online_url: input.onlineUrl }),
      ...(input.capacity !== undefined && { capacity: input.capacity }),
      ...(input.waitlist !== undefined && { waitlist: input.waitlist ? 1 : 0 }),
      ...(input.slug !== undefined && { slug: input.slug }),
      ...(input.campaignId !== undefined && { campaign_id: input.campaignId }),
      ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
      ...(input.teamId !== undefined && { team_id: input.teamId }),
      ...(input.status !== undefined && { status: input.status }),
      starts_at: schedule.startsAt,
      ends_at: schedule.endsAt,
      registration_deadline: schedule.deadline,
      time_zone: timeZone,
      ...((moved || placeChanged || cancelling) && { sequence: locked.sequence + 1 }),
      updated_at: nowIso(),
    };
    const result = await updateEventRow(trx, id, version, set);
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    const after = { ...locked, ...set, version: version + 1 } as EventsTable;

    if (cancelling) {
      await cancelAllPlaces(trx, after);
    } else {
      if (moved || placeChanged) {
        for (const r of await listRegistrationsIn(trx, id, ['confirmed'])) {
          const sequence = (r.ical_sequence ?? -1) + 1;
          await updateRegistrationRow(trx, r.id, { ical_sequence: sequence, updated_at: nowIso() });
          await queueGuestMail(trx, 'updated', id, r.id, { calendar: { method: 'REQUEST', sequence } });
        }
      }
      if (moved) await scheduleReminder(trx, id, schedule.startsAt);
      if (input.capacity !== undefined && input.capacity > locked.capacity) {
        await promoteWaitlist(trx, after);
      }
    }
    const changes: FieldChange[] = Object.entries(set)
      .filter(([key]) => key !== 'updated_at' && key !== 'sequence')
      .filter(([key, value]) => (locked as unknown as Record<string, unknown>)[key] !== value)
      .map(([key, value]) => ({
        field: key,
        from: (locked as unknown as Record<string, unknown>)[key] ?? null,
        to: value,
      }));
    await recordAudit(trx, actor, 'event', id, cancelling ? 'cancelled' : 'updated', changes);
    return reloadEvent(ctx, trx, id);
  });
};

/** The event is called off: every place and waiting spot is cancelled, and each guest told (CANCEL with a calendar). */
const cancelAllPlaces = async (db: Db, e: EventsTable): Promise<void> => {
  const now = nowIso();
  const guests = await listRegistrationsIn(db, e.id, ['confirmed', 'waitlisted']);
  await setRegistrationsStatus(db, e.id, ['confirmed', 'waitlisted'], {
    status: 'cancelled',
    cancelled_at: now,
    updated_at: now,
  });
  for (const r of guests) {
    if (r.ical_sequence !== null) {
      const sequence = r.ical_sequence + 1;
      await updateRegistrationRow(db, r.id, { ical_sequence: sequence });
      await queueGuestMail(db, 'event_cancelled', e.id, r.id, { calendar: { method: 'CANCEL', sequence } });
    } else {
      await queueGuestMail(db, 'event_cancelled', e.id, r.id);
    }
  }
  await setSeatCounters(db, e.id, { seats_taken: 0, arrivals: e.arrivals });
};

/** Deletes an event nobody registered for; its campaign stays. */
export const deleteEvent = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'events.manage', undefined, MARKETING_ORGANISES);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockEventRow(trx, ctx.engine, id);
    if (!locked) throw new AppError('event_not_found');
    if ((await countAllRegistrations(trx, id)) > 0) throw new AppError('event_has_registrations');
    await deleteInvitationsOf(trx, id);
    await deleteEventRow(trx, id);
    await recordAudit(trx, actor, 'event', id, 'deleted', [{ field: 'title', from: locked.title, to: null }]);
  });
};
