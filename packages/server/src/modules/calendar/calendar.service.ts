import { createHash, randomBytes } from 'node:crypto';
import type { CalendarFeedStatus, CreatedCalendarFeed } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { now as clockNow } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { eventsForFeed } from '../events/events.feed.js';
import { meetingsForFeed } from '../meetings/meetings.feed.js';
import { tasksForFeed } from '../tasks/tasks.feed.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { feedCalendar } from './calendar.ics.js';
import { deleteFeedOfUser, findFeedByHash, findFeedOfUser, insertFeed, touchFeed } from './calendar.repository.js';

/*
 * Personal calendar feeds (issue 19): each user may have one secret URL, `/cal/{token}.ics`, that any
 * calendar client subscribes to without a login. The token is 32 random bytes; only its SHA-256 is
 * stored, so the URL is shown once, when it is made. Rotating makes a new one and the old one stops
 * working; revoking deletes it.
 */

const DAY_MS = 86_400_000;
/** What the feed covers: the last 30 days and the next 335, a year in all (the occurrence window's limit). */
const PAST_DAYS = 30;
const FUTURE_DAYS = 335;
const TOUCH_AFTER_MS = 10 * 60 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const labels = {
  de: { calendar: 'Nenner', task: 'Aufgabe' },
  en: { calendar: 'Nenner', task: 'Task' },
} as const;

/** Whether you have a calendar feed (never its URL: only a hash is kept). */
export const getCalendarFeed = async (ctx: AppContext, actor: Actor): Promise<CalendarFeedStatus> => {
  const row = await findFeedOfUser(ctx.db, actor.id);
  return { feed: row ? { createdAt: row.created_at, lastUsedAt: row.last_used_at } : null };
};

/** Creates your calendar feed URL, or replaces it (the old URL stops working); the URL is returned once. */
export const createCalendarFeed = async (ctx: AppContext, actor: Actor): Promise<CreatedCalendarFeed> => {
  const token = randomBytes(32).toString('base64url');
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const rotated = Number((await deleteFeedOfUser(trx, actor.id)).numDeletedRows) > 0;
    await insertFeed(trx, {
      id: newId(),
      user_id: actor.id,
      token_hash: sha256(token),
      created_at: now,
      last_used_at: null,
    });
    await recordAudit(trx, actor, 'user', actor.id, rotated ? 'calendar_feed_rotated' : 'calendar_feed_created');
  });
  return { url: `${ctx.config.publicUrl}/cal/${token}.ics`, createdAt: now, lastUsedAt: null };
};

/** Revokes your calendar feed URL; 404 when there is none. */
export const revokeCalendarFeed = async (ctx: AppContext, actor: Actor): Promise<void> => {
  await ctx.db.transaction().execute(async (trx) => {
    const result = await deleteFeedOfUser(trx, actor.id);
    if (Number(result.numDeletedRows) === 0) throw new AppError('calendar_feed_not_found');
    await recordAudit(trx, actor, 'user', actor.id, 'calendar_feed_revoked');
  });
};

/**
 * The feed behind a URL token as iCalendar text: the owner's open tasks with a due date, the occurrences of
 * the meetings they take part in, and the events they own or hold a place at. An unknown, malformed or
 * revoked token (or an inactive owner) is 404, whatever it was.
 */
export const calendarFeedFile = async (ctx: AppContext, token: string): Promise<string> => {
  if (!TOKEN.test(token)) throw new AppError('calendar_feed_not_found');
  const feed = await findFeedByHash(ctx.db, sha256(token));
  if (!feed) throw new AppError('calendar_feed_not_found');
  const at = clockNow();
  const now = new Date(at).toISOString();
  if (!feed.last_used_at || at - Date.parse(feed.last_used_at) > TOUCH_AFTER_MS) await touchFeed(ctx.db, feed.id, now);
  const window = {
    from: new Date(at - PAST_DAYS * DAY_MS).toISOString(),
    to: new Date(at + FUTURE_DAYS * DAY_MS).toISOString(),
  };
  const user = { id: feed.user_id, email: feed.email };
  const text = labels[feed.locale === 'en' ? 'en' : 'de'];
  const [tasks, meetings, events] = await Promise.all([
    tasksForFeed(ctx, user, window, text.task),
    meetingsForFeed(ctx, user, window),
    eventsForFeed(ctx, user, window),
  ]);
  const items = [...tasks, ...meetings, ...events].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.uid.localeCompare(b.uid),
  );
  return feedCalendar(`${text.calendar} – ${feed.name}`, items);
};
