import {
  type CreateCheckinInput,
  type CreateRotationInput,
  type Department,
  type FieldError,
  hostDepartmentFor,
  inclusiveDays,
  type Page,
  type Rotation,
  type RotationListQuery,
  type RotationReportInput,
  rotationLimits,
  rotationRatingRecord,
  rotationRecord,
  rotationReportRecord,
  rotationStatus,
  type UpdateRotationInput,
  type User,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { getUser } from '../users/users.service.js';
import {
  findCheckins,
  findItems,
  findOverlapping,
  findRotationRow,
  insertCheckin,
  insertRotation,
  listRotationRows,
  type RotationRow,
  replaceItems,
  updateRotationRow,
} from './rotations.repository.js';
import { workspaceToday } from './rotations.rights.js';

const ref = (id: string, name: string | null, department: string | null) => ({
  id,
  name: name ?? '',
  department: department ?? '',
});

/** Rows as the API shows them, with their goals, activities and check-ins (three queries for any number). */
const present = async (db: Db, rows: RotationRow[], today: string): Promise<Rotation[]> => {
  const ids = rows.map((r) => r.id);
  const items = await findItems(db, ids);
  const checkins = await findCheckins(db, ids);
  return rows.map((r) => ({
    id: r.id,
    person: ref(r.user_id, r.person_name, r.person_department),
    homeDepartment: r.home_department as Department,
    hostDepartment: r.host_department as Department,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    days: inclusiveDays(r.starts_on, r.ends_on),
    mentor: ref(r.mentor_id, r.mentor_name, r.mentor_department),
    status: rotationStatus({ startsOn: r.starts_on, endsOn: r.ends_on, cancelled: r.cancelled_at !== null }, today),
    cancelledAt: r.cancelled_at,
    goals: items
      .filter((i) => i.rotation_id === r.id && i.kind === 'goal')
      .map((i) => ({ id: i.id, text: i.text, met: i.done === 1 })),
    activities: items
      .filter((i) => i.rotation_id === r.id && i.kind === 'activity')
      .map((i) => ({ id: i.id, text: i.text, done: i.done === 1 })),
    checkins: checkins
      .filter((k) => k.rotation_id === r.id)
      .map((k) => ({
        id: k.id,
        date: k.date,
        note: k.note,
        author: k.author_id ? ref(k.author_id, k.author_name, k.author_department) : null,
        createdAt: k.created_at,
      })),
    report: r.report,
    reportedAt: r.reported_at,
    rating: r.rating,
    ratingComment: r.rating_comment,
    ratedAt: r.rated_at,
    createdBy: r.created_by ? ref(r.created_by, r.creator_name, r.creator_department) : null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
};

const loadRow = async (db: Db, id: string): Promise<RotationRow> => {
  const row = await findRotationRow(db, id);
  if (!row) throw new AppError('rotation_not_found');
  return row;
};

const reload = async (db: Db, id: string): Promise<Rotation> => {
  const { today } = await workspaceToday(db);
  return (await present(db, [await loadRow(db, id)], today))[0] as Rotation;
};

/** The user behind an id, or null when there is none. */
const userOrNull = async (ctx: AppContext, db: Db, id: string): Promise<User | null> => {
  try {
    return await getUser({ ...ctx, db }, id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'user_not_found') return null;
    throw e;
  }
};

interface Draft {
  userId: string;
  hostDepartment: Department;
  startsOn: string;
  endsOn: string;
  mentorId: string;
}

/**
 * The rules a rotation's shape cannot carry, as one 422 `rotation_invalid` naming every field at fault:
 * the person is an active member or admin of marketing or sales, the host is the other department, the
 * mentor an active member or admin of the host department, the period at most a year and free of the
 * person's other rotations.
 */
const validate = async (ctx: AppContext, db: Db, d: Draft, selfId: string | null): Promise<User> => {
  const errors: FieldError[] = [];
  const person = await userOrNull(ctx, db, d.userId);
  const home = person ? hostDepartmentFor(person.department) : null;
  if (!person?.active) errors.push({ path: 'userId', message: 'Unknown or inactive user' });
  else if (!home) errors.push({ path: 'userId', message: 'Job rotations are between marketing and sales' });
  else if (person.role === 'viewer') errors.push({ path: 'userId', message: 'A viewer reads only and cannot rotate' });
  if (home && d.hostDepartment !== home) {
    errors.push({ path: 'hostDepartment', message: `The host is the other department: ${home}` });
  }
  const mentor = await userOrNull(ctx, db, d.mentorId);
  if (!mentor?.active) errors.push({ path: 'mentorId', message: 'Unknown or inactive user' });
  else if (mentor.department !== d.hostDepartment) {
    errors.push({ path: 'mentorId', message: 'The mentor works in the host department' });
  } else if (mentor.role === 'viewer') errors.push({ path: 'mentorId', message: 'A viewer cannot be a mentor' });
  if (d.endsOn < d.startsOn) errors.push({ path: 'endsOn', message: 'The end comes before the start' });
  else if (inclusiveDays(d.startsOn, d.endsOn) > rotationLimits.daysMax) {
    errors.push({ path: 'endsOn', message: `A rotation lasts at most ${rotationLimits.daysMax} days` });
  } else if (person) {
    const clash = (await findOverlapping(db, d.userId, d.startsOn, d.endsOn, selfId))[0];
    if (clash) {
      errors.push({
        path: 'startsOn',
        message: `Overlaps another rotation of this person (${clash.starts_on} – ${clash.ends_on})`,
      });
    }
  }
  if (errors.length > 0 || !person) throw new AppError('rotation_invalid', undefined, { errors });
  return person;
};

const itemRows = (texts: { id?: string; text: string; done: boolean }[]) =>
  texts.map((t, position) => ({ id: t.id ?? newId(), position, text: t.text, done: t.done ? 1 : 0 }));

/** Plans a rotation: members for themselves, admins for anyone. */
export const createRotation = async (ctx: AppContext, actor: Actor, input: CreateRotationInput): Promise<Rotation> => {
  assertCan(actor, 'rotations.create', { ownerId: input.userId }, 'Members plan their own rotation; admins anyone’s');
  return ctx.db.transaction().execute(async (trx) => {
    const person = await validate(ctx, trx, input, null);
    const id = newId();
    const now = nowIso();
    await insertRotation(trx, {
      id,
      user_id: input.userId,
      home_department: person.department,
      host_department: input.hostDepartment,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      mentor_id: input.mentorId,
      cancelled_at: null,
      report: null,
      reported_at: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      created_by: actor.id,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await replaceItems(trx, id, 'goal', itemRows(input.goals.map((text) => ({ text, done: false }))));
    await replaceItems(trx, id, 'activity', itemRows(input.activities.map((text) => ({ text, done: false }))));
    await recordAudit(trx, actor, 'rotation', id, 'created');
    return reload(trx, id);
  });
};

/** Matches sent items to the stored ones: a sent id must be one of them (422 otherwise). */
const mergeItems = (
  kind: 'goals' | 'activities',
  sent: { id?: string; text: string; done?: boolean }[],
  stored: { id: string; done: boolean }[],
  errors: FieldError[],
) => {
  const known = new Map(stored.map((s) => [s.id, s]));
  const seen = new Set<string>();
  return sent.map((item, i) => {
    if (item.id !== undefined && (!known.has(item.id) || seen.has(item.id))) {
      errors.push({ path: `${kind}.${i}.id`, message: `Not one of this rotation's ${kind}` });
    }
    if (item.id) seen.add(item.id);
    return { id: item.id, text: item.text, done: item.done ?? (item.id ? (known.get(item.id)?.done ?? false) : false) };
  });
};

const fields = ['startsOn', 'endsOn', 'mentorId', 'goals', 'activities', 'status'] as const;

/** Changes the period, mentor, goals or activities, or cancels (the person, the mentor, admins; If-Match). */
export const updateRotation = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateRotationInput,
): Promise<Rotation> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    const { today } = await workspaceToday(trx);
    const before = (await present(trx, [row], today))[0] as Rotation;
    assertCan(
      actor,
      'rotations.edit',
      rotationRecord(before),
      'Only the person, the mentor and admins change a rotation',
    );
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    if (row.cancelled_at) throw new AppError('rotation_cancelled');
    const draft: Draft = {
      userId: row.user_id,
      hostDepartment: row.host_department as Department,
      startsOn: input.startsOn ?? row.starts_on,
      endsOn: input.endsOn ?? row.ends_on,
      mentorId: input.mentorId ?? row.mentor_id,
    };
    const errors: FieldError[] = [];
    const goals = input.goals
      ? mergeItems(
          'goals',
          input.goals.map((g) => ({ id: g.id, text: g.text, done: g.met })),
          before.goals.map((g) => ({ id: g.id, done: g.met })),
          errors,
        )
      : null;
    const activities = input.activities ? mergeItems('activities', input.activities, before.activities, errors) : null;
    if (errors.length > 0) throw new AppError('rotation_invalid', undefined, { errors });
    const periodOrMentor = input.startsOn !== undefined || input.endsOn !== undefined || input.mentorId !== undefined;
    if (periodOrMentor) await validate(ctx, trx, draft, id);
    const changes = changesBetween(
      {
        startsOn: before.startsOn,
        endsOn: before.endsOn,
        mentorId: before.mentor.id,
        status: before.status as string,
        goals: before.goals.map((g) => ({ text: g.text, met: g.met })),
        activities: before.activities.map((a) => ({ text: a.text, done: a.done })),
      },
      {
        startsOn: draft.startsOn,
        endsOn: draft.endsOn,
        mentorId: draft.mentorId,
        ...(input.status && { status: input.status }),
        ...(goals && { goals: goals.map((g) => ({ text: g.text, met: g.done })) }),
        ...(activities && { activities: activities.map((a) => ({ text: a.text, done: a.done })) }),
      },
      fields,
    );
    // reordering alone changes no field's value as compared, but is still a change
    const reordered =
      (goals && goals.map((g) => g.id ?? '').join() !== before.goals.map((g) => g.id).join()) ||
      (activities && activities.map((a) => a.id ?? '').join() !== before.activities.map((a) => a.id).join());
    if (changes.length === 0 && !reordered) return before;
    const now = nowIso();
    const result = await updateRotationRow(trx, id, expectedVersion, {
      starts_on: draft.startsOn,
      ends_on: draft.endsOn,
      mentor_id: draft.mentorId,
      ...(input.status === 'cancelled' && { cancelled_at: now }),
      updated_at: now,
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (goals) await replaceItems(trx, id, 'goal', itemRows(goals));
    if (activities) await replaceItems(trx, id, 'activity', itemRows(activities));
    await recordAudit(trx, actor, 'rotation', id, input.status === 'cancelled' ? 'cancelled' : 'updated', changes);
    return reload(trx, id);
  });

/** Adds a check-in on a day of the period (only the person and the mentor). */
export const addCheckin = (ctx: AppContext, actor: Actor, id: string, input: CreateCheckinInput): Promise<Rotation> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    const r = { person: { id: row.user_id }, mentor: { id: row.mentor_id } };
    assertCan(actor, 'rotations.checkin', rotationRecord(r), 'Only the person and the mentor write check-ins');
    if (row.cancelled_at) throw new AppError('rotation_cancelled');
    if (input.date < row.starts_on || input.date > row.ends_on) {
      throw new AppError('rotation_invalid', undefined, {
        errors: [{ path: 'date', message: `A day of the rotation (${row.starts_on} – ${row.ends_on})` }],
      });
    }
    const checkinId = newId();
    await insertCheckin(trx, {
      id: checkinId,
      rotation_id: id,
      date: input.date,
      note: input.note,
      author_id: actor.id,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, 'rotation', id, 'checkin_added', [{ field: 'checkin', from: null, to: input.date }]);
    return reload(trx, id);
  });

/**
 * Writes the person's closing report or the mentor's rating and comment: only the person and the mentor
 * report, and each part only by its author. Once the rotation has begun; never on a cancelled one.
 */
export const writeReport = (ctx: AppContext, actor: Actor, id: string, input: RotationReportInput): Promise<Rotation> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    const r = { person: { id: row.user_id }, mentor: { id: row.mentor_id } };
    assertCan(actor, 'rotations.report', rotationRecord(r), 'Only the person and the mentor report on a rotation');
    if (input.report !== undefined) {
      assertCan(actor, 'rotations.report', rotationReportRecord(r), 'The closing report is written by the person');
    }
    if (input.rating !== undefined) {
      assertCan(actor, 'rotations.rate', rotationRatingRecord(r), 'Only the mentor rates the rotation');
    }
    if (row.cancelled_at) throw new AppError('rotation_cancelled');
    const { today } = await workspaceToday(trx);
    if (today < row.starts_on) throw new AppError('rotation_not_started');
    const now = nowIso();
    const result = await updateRotationRow(trx, id, row.version, {
      ...(input.report !== undefined && { report: input.report, reported_at: now }),
      ...(input.rating !== undefined && {
        rating: input.rating,
        rating_comment: input.comment ? input.comment : null,
        rated_at: now,
      }),
      updated_at: now,
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    const changes = changesBetween(
      { report: row.report, rating: row.rating, ratingComment: row.rating_comment },
      {
        ...(input.report !== undefined && { report: input.report }),
        ...(input.rating !== undefined && { rating: input.rating, ratingComment: input.comment || null }),
      },
      ['report', 'rating', 'ratingComment'],
    );
    await recordAudit(trx, actor, 'rotation', id, input.report !== undefined ? 'reported' : 'rated', changes);
    return reload(trx, id);
  });

export const getRotation = (ctx: AppContext, id: string): Promise<Rotation> => reload(ctx.db, id);

/** Rotations, earliest start first; by person, mentor, host department, status or a window of dates. */
export const listRotations = async (ctx: AppContext, query: RotationListQuery): Promise<Page<Rotation>> => {
  const { today } = await workspaceToday(ctx.db);
  const rows = await listRotationRows(ctx.db, { ...query, today });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await present(ctx.db, page, today),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.starts_on, last.id, 'start') : null,
  };
};

/** The stored row (for the activity list and the report, which read the period themselves). */
export const findRotation = (db: Db, id: string): Promise<RotationRow> => loadRow(db, id);
