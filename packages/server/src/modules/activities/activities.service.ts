import type { Activity, CreateActivityInput, ListActivitiesQuery, Page } from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { findLinkedRecord, writeTimelineEntries } from '../timeline/timeline.service.js';
import { type ActivityRow, findActivityRow, insertActivity, listActivityRows } from './activities.repository.js';

/** Clocks differ a little between a laptop and the server: "now" from the client may be a bit ahead. */
const CLOCK_SKEW_MS = 60_000;

const presentActivity = (r: ActivityRow): Activity => ({
  id: r.id,
  type: r.type as Activity['type'],
  subject: r.subject,
  summary: r.summary,
  occurredAt: r.occurred_at,
  durationMinutes: r.duration_minutes,
  entityType: r.entity_type as Activity['entityType'],
  entityId: r.entity_id,
  accountId: r.account_id,
  actor: { id: r.actor_id, name: r.actor_name, department: r.actor_department },
  createdAt: r.created_at,
});

/** Activities of one record (or all), newest first by when they happened. */
export const listActivities = async (
  ctx: AppContext,
  _actor: Actor,
  query: z.output<typeof ListActivitiesQuery>,
): Promise<Page<Activity>> => {
  const rows = await listActivityRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentActivity),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurred_at, last.id) : null,
  };
};

/**
 * Logs a call, email, meeting or note on an account, contact or deal. The activity also lands on the
 * record's timeline (kind 'activity', at the time it happened), so it shows in the account's 360° view.
 */
export const createActivity = async (ctx: AppContext, actor: Actor, input: CreateActivityInput): Promise<Activity> => {
  assertCan(actor, 'activities.write', undefined, 'Viewers can read but not change records');
  const now = nowIso();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : now;
  if (Date.parse(occurredAt) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw fieldError('occurredAt', 'An activity cannot lie in the future; plan it as a task');
  }
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const record = await findLinkedRecord(trx, input.entityType, input.entityId);
    if (!record) throw fieldError('entityId', `Unknown ${input.entityType}`);
    const summary = input.summary ?? null;
    const duration = input.durationMinutes ?? null;
    await insertActivity(trx, {
      id,
      type: input.type,
      subject: input.subject,
      summary,
      occurred_at: occurredAt,
      duration_minutes: duration,
      entity_type: input.entityType,
      entity_id: input.entityId,
      account_id: record.accountId,
      actor_id: actor.id,
      department: actor.department,
      created_at: now,
    });
    await writeTimelineEntries(trx, [
      {
        id: newId(),
        entity_type: input.entityType,
        entity_id: input.entityId,
        account_id: record.accountId,
        kind: 'activity',
        action: input.type,
        actor_id: actor.id,
        department: actor.department,
        body: summary,
        data: JSON.stringify({ activityId: id, type: input.type, subject: input.subject, duration }),
        created_at: occurredAt,
      },
    ]);
  });
  const row = await findActivityRow(ctx.db, id);
  if (!row) throw new AppError('activity_not_found');
  return presentActivity(row);
};
