import {
  type AgendaTemplate,
  type CreateMeetingInput,
  defaultAgendaTemplate,
  defaultNth,
  expandOccurrences,
  type FieldError,
  firstMonthlyDate,
  firstStartOf,
  isRuleStart,
  localDateTimeOf,
  MAX_OCCURRENCE_WINDOW_DAYS,
  type Meeting,
  type MeetingCadence,
  type MeetingListQuery,
  type OccurrenceOverride,
  type Page,
  type Recurrence,
  type RruleWeekday,
  rruleOf,
  type UpdateMeetingInput,
  weekdayOf,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { MeetingOccurrencesTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { readSetting } from '../settings/settings.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import { type CalendarSeries, seriesCalendar } from './ics.js';
import { type InvitationKind, queueInvitations, type Recipient } from './meetings.invitations.js';
import {
  deleteOccurrenceRows,
  findOccurrenceRows,
  findParticipants,
  findSeriesRow,
  insertSeries,
  listSeriesRows,
  type ParticipantRow,
  replaceParticipants,
  type SeriesRow,
  updateSeriesRow,
} from './meetings.repository.js';

export const DAY_MS = 86_400_000;

const fields = [
  'title',
  'cadence',
  'weekday',
  'nth',
  'timeZone',
  'localStart',
  'durationMinutes',
  'location',
  'hostId',
  'participantIds',
  'agendaTemplate',
] as const;

// ——— Reading a series ————————————————————————————————————————————————————————————————————————

export const recurrenceOf = (row: SeriesRow): Recurrence => ({
  cadence: row.cadence as MeetingCadence,
  startDate: row.local_date,
  startTime: row.local_time,
  timeZone: row.time_zone,
  durationMinutes: row.duration_minutes,
  weekday: row.weekday as RruleWeekday,
  ...(row.nth !== null ? { nth: row.nth } : {}),
});

export const overridesOf = (rows: MeetingOccurrencesTable[]): OccurrenceOverride[] =>
  rows.map((o) => ({ originalStartsAt: o.original_start, startsAt: o.starts_at, cancelled: o.status === 'cancelled' }));

export const isoAt = (ms: number) => new Date(ms).toISOString();

/** Both marketing and sales take part. */
const isTwoSided = (people: { department: string }[]) =>
  people.some((p) => p.department === 'marketing') && people.some((p) => p.department === 'sales');

const nextStartOf = (row: SeriesRow, overrides: OccurrenceOverride[]): string | null => {
  const from = now();
  const next = expandOccurrences(row.id, recurrenceOf(row), overrides, {
    from: isoAt(from),
    to: isoAt(from + MAX_OCCURRENCE_WINDOW_DAYS * DAY_MS),
  }).find((o) => !o.cancelled);
  return next?.startsAt ?? null;
};

const present = async (db: Db, rows: SeriesRow[]): Promise<Meeting[]> => {
  const people = new Map<string, ParticipantRow[]>();
  for (const p of await findParticipants(
    db,
    rows.map((r) => r.id),
  )) {
    people.set(p.series_id, [...(people.get(p.series_id) ?? []), p]);
  }
  const out: Meeting[] = [];
  for (const r of rows) {
    const participants = (people.get(r.id) ?? []).map((p) => ({ id: p.id, name: p.name, department: p.department }));
    const twoSided = isTwoSided(participants);
    const recurrence = recurrenceOf(r);
    out.push({
      id: r.id,
      title: r.title,
      cadence: recurrence.cadence,
      weekday: r.weekday as RruleWeekday,
      nth: r.nth,
      rrule: rruleOf(recurrence),
      startsAt: firstStartOf(recurrence),
      localStart: `${r.local_date}T${r.local_time}`,
      timeZone: r.time_zone,
      durationMinutes: r.duration_minutes,
      location: r.location,
      host: { id: r.host_id, name: r.host_name, department: r.host_department },
      participants,
      twoSided,
      warnings: twoSided ? [] : ['not_two_sided'],
      agendaTemplate: JSON.parse(r.agenda_template) as AgendaTemplate,
      nextStartsAt: nextStartOf(r, overridesOf(await findOccurrenceRows(db, r.id))),
      icalUid: r.ical_uid,
      sequence: r.sequence,
      createdBy: r.created_by
        ? { id: r.created_by, name: r.creator_name ?? '', department: r.creator_department ?? '' }
        : null,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }
  return out;
};

export const loadRow = async (db: Db, id: string): Promise<SeriesRow> => {
  const row = await findSeriesRow(db, id);
  if (!row) throw new AppError('meeting_not_found');
  return row;
};

const reload = async (db: Db, id: string): Promise<Meeting> =>
  (await present(db, [await loadRow(db, id)]))[0] as Meeting;

/** The policy's view of a series: its participants (the host among them) own it. */
export const seriesRecord = (participants: { id: string }[]) => ({ ownerIds: participants.map((p) => p.id) });

// ——— Invitations ———————————————————————————————————————————————————————————————————————————————

const calendarOf = (
  ctx: AppContext,
  row: SeriesRow,
  people: ParticipantRow[],
  occurrences: MeetingOccurrencesTable[],
) => {
  const host = people.find((p) => p.id === row.host_id);
  const series: CalendarSeries = {
    uid: row.ical_uid,
    sequence: row.sequence,
    title: row.title,
    location: row.location,
    description: null,
    url: `${ctx.config.publicUrl}/meetings/${row.id}`,
    recurrence: recurrenceOf(row),
    weekday: row.weekday as RruleWeekday,
    nth: row.nth,
    organizer: { name: host?.name ?? row.host_name, email: host?.email ?? row.host_email },
    attendees: people.map((p) => ({ name: p.name, email: p.email })),
    overrides: occurrences.map((o) => ({
      originalStartsAt: o.original_start,
      startsAt: o.starts_at,
      cancelled: o.status === 'cancelled',
    })),
    stamp: row.updated_at,
  };
  return series;
};

/**
 * Mails the series as it now is to `recipients`: REQUEST for a new or changed series or occurrence,
 * CANCEL for a cancelled series (and for participants who were taken off it).
 */
export const invite = async (
  ctx: AppContext,
  db: Db,
  seriesId: string,
  kind: InvitationKind,
  recipients: Recipient[],
  at: string | null,
  opts: { method?: 'REQUEST' | 'CANCEL'; row?: SeriesRow } = {},
): Promise<void> => {
  if (recipients.length === 0) return;
  const row = opts.row ?? (await loadRow(db, seriesId));
  const people = await findParticipants(db, [seriesId]);
  const method = opts.method ?? (kind === 'cancelled' ? 'CANCEL' : 'REQUEST');
  const calendar = seriesCalendar(calendarOf(ctx, row, people, await findOccurrenceRows(db, seriesId)), method);
  await queueInvitations(
    db,
    {
      kind,
      title: row.title,
      hostName: row.host_name,
      cadence: row.cadence as MeetingCadence,
      timeZone: row.time_zone,
      durationMinutes: row.duration_minutes,
      location: row.location,
      at,
      link: `${ctx.config.publicUrl}/meetings/${row.id}`,
      method,
      calendar,
    },
    recipients,
  );
};

/** The series' calendar file (GET …/invite.ics). */
export const meetingCalendar = async (ctx: AppContext, id: string): Promise<string> => {
  const row = await loadRow(ctx.db, id);
  return seriesCalendar(
    calendarOf(ctx, row, await findParticipants(ctx.db, [id]), await findOccurrenceRows(ctx.db, id)),
    'REQUEST',
  );
};

// ——— Writing a series ——————————————————————————————————————————————————————————————————————————

interface Schedule {
  cadence: MeetingCadence;
  weekday: RruleWeekday;
  nth: number | null;
  timeZone: string;
  localDate: string;
  localTime: string;
}

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const isCalendarDate = (date: string) => {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/**
 * The rule from a first start (an instant, or a local date-time in the zone): weekly series meet on its
 * weekday, monthly ones on the given (or its own) nth weekday, from the first such date on.
 */
const scheduleOf = (
  s: { cadence: MeetingCadence; startsAt: string; timeZone: string; weekday?: RruleWeekday; nth?: number },
  errors: FieldError[],
): Schedule | null => {
  let local: { date: string; time: string };
  if (HAS_OFFSET.test(s.startsAt)) {
    const t = Date.parse(s.startsAt);
    if (Number.isNaN(t)) {
      errors.push({ path: 'startsAt', message: 'Not a valid instant' });
      return null;
    }
    local = localDateTimeOf(isoAt(t), s.timeZone);
  } else {
    local = { date: s.startsAt.slice(0, 10), time: s.startsAt.slice(11, 16) };
  }
  if (!isCalendarDate(local.date)) {
    errors.push({ path: 'startsAt', message: 'Not a calendar date' });
    return null;
  }
  if (s.cadence !== 'monthly') {
    return { cadence: s.cadence, weekday: weekdayOf(local.date), nth: null, timeZone: s.timeZone, ...withTime(local) };
  }
  const weekday = s.weekday ?? weekdayOf(local.date);
  const nth = s.nth ?? defaultNth(local.date);
  return {
    cadence: 'monthly',
    weekday,
    nth,
    timeZone: s.timeZone,
    localDate: firstMonthlyDate(local.date, weekday, nth),
    localTime: local.time,
  };
};
const withTime = (local: { date: string; time: string }) => ({ localDate: local.date, localTime: local.time });

const recurrenceFrom = (s: Schedule, durationMinutes: number): Recurrence => ({
  cadence: s.cadence,
  startDate: s.localDate,
  startTime: s.localTime,
  timeZone: s.timeZone,
  durationMinutes,
  weekday: s.weekday,
  ...(s.nth !== null ? { nth: s.nth } : {}),
});

/** Checks the people: every participant and the host an active user. */
const checkPeople = async (db: Db, participantIds: string[], hostId: string, errors: FieldError[]) => {
  try {
    await assertActiveUsers(db, participantIds, 'participantIds');
  } catch {
    errors.push({ path: 'participantIds', message: 'Unknown or inactive user' });
  }
  try {
    await assertActiveUsers(db, [hostId], 'hostId');
  } catch {
    errors.push({ path: 'hostId', message: 'Unknown or inactive user' });
  }
};

export const recipientsOf = (people: ParticipantRow[]): Recipient[] =>
  people.map((p) => ({ name: p.name, email: p.email, locale: p.locale }));

/** Creates a series (members and admins) and invites every participant; the host takes part too. */
export const createMeeting = async (ctx: AppContext, actor: Actor, input: CreateMeetingInput): Promise<Meeting> => {
  assertCan(actor, 'meetings.create');
  return ctx.db.transaction().execute(async (trx) => {
    const timeZone = input.timeZone ?? (await readSetting(trx, 'sla')).value.timeZone;
    const errors: FieldError[] = [];
    const schedule = scheduleOf({ ...input, timeZone }, errors);
    const hostId = input.hostId ?? actor.id;
    await checkPeople(trx, input.participantIds, hostId, errors);
    if (errors.length > 0 || !schedule) throw new AppError('validation_failed', undefined, { errors });
    const id = newId();
    const at = nowIso();
    await insertSeries(trx, {
      id,
      title: input.title,
      cadence: schedule.cadence,
      weekday: schedule.weekday,
      nth: schedule.nth,
      time_zone: schedule.timeZone,
      local_date: schedule.localDate,
      local_time: schedule.localTime,
      starts_at: firstStartOf(recurrenceFrom(schedule, input.durationMinutes)),
      duration_minutes: input.durationMinutes,
      location: input.location ?? null,
      host_id: hostId,
      agenda_template: JSON.stringify(input.agendaTemplate ?? defaultAgendaTemplate),
      ical_uid: `${id}@nenner`,
      sequence: 0,
      created_by: actor.id,
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
    await replaceParticipants(trx, id, [...new Set([hostId, ...input.participantIds])]);
    await recordAudit(trx, actor, 'meeting', id, 'created');
    const meeting = await reload(trx, id);
    await invite(ctx, trx, id, 'created', recipientsOf(await findParticipants(trx, [id])), meeting.nextStartsAt);
    return meeting;
  });
};

/**
 * Edits a series (its participants and admins) if the caller saw the latest version. A new rule drops
 * what was stored for occurrences it no longer has (unless they ran); everyone on it gets the update,
 * and participants taken off it a cancellation.
 */
export const updateMeeting = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateMeetingInput,
): Promise<Meeting> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    const people = await findParticipants(trx, [id]);
    assertCan(actor, 'meetings.edit', seriesRecord(people), "Only the series' participants and admins can change it");
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = (await present(trx, [row]))[0] as Meeting;
    const errors: FieldError[] = [];
    const cadence = input.cadence ?? before.cadence;
    if (cadence !== 'monthly') {
      for (const key of ['weekday', 'nth'] as const) {
        if (input[key] !== undefined) errors.push({ path: key, message: 'Only a monthly series takes this' });
      }
    }
    const timeZone = input.timeZone ?? row.time_zone;
    const keepsDay = input.startsAt === undefined && input.cadence === undefined;
    const schedule = scheduleOf(
      {
        cadence,
        startsAt: input.startsAt ?? before.localStart,
        timeZone,
        weekday: input.weekday ?? (keepsDay && cadence === 'monthly' ? before.weekday : undefined),
        nth: input.nth ?? (keepsDay && cadence === 'monthly' ? (before.nth ?? undefined) : undefined),
      },
      errors,
    );
    const hostId = input.hostId ?? row.host_id;
    const participantIds = [
      ...new Set([hostId, ...(input.participantIds ?? before.participants.map((p) => p.id))]),
    ].sort();
    await checkPeople(trx, input.participantIds ?? [], hostId, errors);
    if (errors.length > 0 || !schedule) throw new AppError('validation_failed', undefined, { errors });
    const durationMinutes = input.durationMinutes ?? row.duration_minutes;
    const after = {
      title: input.title ?? before.title,
      cadence: schedule.cadence,
      weekday: schedule.weekday,
      nth: schedule.nth,
      timeZone: schedule.timeZone,
      localStart: `${schedule.localDate}T${schedule.localTime}`,
      durationMinutes,
      location: input.location !== undefined ? input.location : before.location,
      hostId,
      participantIds,
      agendaTemplate: input.agendaTemplate ?? before.agendaTemplate,
    };
    const changes = changesBetween(
      { ...before, hostId: before.host.id, participantIds: before.participants.map((p) => p.id).sort() },
      after,
      fields,
    );
    if (changes.length === 0) return before;
    const recurrence = recurrenceFrom(schedule, durationMinutes);
    const calendarChanged = changes.some((c) => c.field !== 'agendaTemplate');
    const ruleChanged = changes.some((c) => ['cadence', 'weekday', 'nth', 'timeZone', 'localStart'].includes(c.field));
    if (ruleChanged) {
      const stale = (await findOccurrenceRows(trx, id)).filter(
        (o) => (o.status === 'planned' || o.status === 'cancelled') && !isRuleStart(recurrence, o.original_start),
      );
      await deleteOccurrenceRows(
        trx,
        stale.map((o) => o.id),
      );
    }
    const result = await updateSeriesRow(trx, id, expectedVersion, {
      title: after.title,
      cadence: after.cadence,
      weekday: after.weekday,
      nth: after.nth,
      time_zone: after.timeZone,
      local_date: schedule.localDate,
      local_time: schedule.localTime,
      starts_at: firstStartOf(recurrence),
      duration_minutes: durationMinutes,
      location: after.location ?? null,
      host_id: hostId,
      agenda_template: JSON.stringify(after.agendaTemplate),
      // only the agenda's time boxes changed: nothing a calendar shows
      sequence: calendarChanged ? row.sequence + 1 : row.sequence,
      updated_at: nowIso(),
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    const removed = people.filter((p) => !participantIds.includes(p.id));
    if (changes.some((c) => c.field === 'participantIds' || c.field === 'hostId')) {
      await replaceParticipants(trx, id, participantIds);
    }
    await recordAudit(trx, actor, 'meeting', id, 'updated', changes);
    const meeting = await reload(trx, id);
    if (calendarChanged) {
      const current = await findParticipants(trx, [id]);
      await invite(ctx, trx, id, 'updated', recipientsOf(current), meeting.nextStartsAt);
      await invite(ctx, trx, id, 'cancelled', recipientsOf(removed), null, { method: 'CANCEL' });
    }
    return meeting;
  });

/** Cancels a series (its participants and admins): it leaves the lists, and everyone gets METHOD:CANCEL. */
export const deleteMeeting = (ctx: AppContext, actor: Actor, id: string): Promise<void> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    const people = await findParticipants(trx, [id]);
    assertCan(actor, 'meetings.edit', seriesRecord(people), "Only the series' participants and admins can cancel it");
    const at = nowIso();
    const cancelled = { ...row, sequence: row.sequence + 1, updated_at: at };
    await updateSeriesRow(trx, id, row.version, { sequence: cancelled.sequence, updated_at: at, deleted_at: at });
    await recordAudit(trx, actor, 'meeting', id, 'deleted', [{ field: 'title', from: row.title, to: null }]);
    await invite(ctx, trx, id, 'cancelled', recipientsOf(people), null, { row: cancelled });
  });

/** Get one series. */
export const getMeeting = (ctx: AppContext, id: string): Promise<Meeting> => reload(ctx.db, id);

/** Series, newest first; optionally those one user takes part in. */
export const listMeetings = async (ctx: AppContext, query: MeetingListQuery): Promise<Page<Meeting>> => {
  const rows = await listSeriesRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await present(ctx.db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id, 'created') : null,
  };
};
