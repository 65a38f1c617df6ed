import { type ActiveRotation, addDays, type Department, localDateIn, type Me, type User } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { now } from '../../lib/clock.js';
import { readSetting } from '../settings/settings.service.js';
import { findRotationsNear } from './rotations.repository.js';

/** The workspace's local date at an instant: the SLA calendar's time zone, as goals and reports use it. */
export const workspaceToday = async (db: Db, at = now()): Promise<{ today: string; timeZone: string }> => {
  const { timeZone } = (await readSetting(db, 'sla')).value;
  return { today: localDateIn(at, timeZone), timeZone };
};

/** The UTC days within which a rotation may be running today in the workspace's zone (none is further off). */
export const rotationDaysAround = (at = now()): { from: string; to: string } => {
  const utcDay = new Date(at).toISOString().slice(0, 10);
  return { from: addDays(utcDay, -1), to: addDays(utcDay, 1) };
};

/**
 * The rotation running today for the user, or null: the one whose host department's rights they also
 * have. One indexed query; the workspace's time zone is read only when a rotation lies within a day of
 * today's UTC date, so it follows the clock (tests travel in time) without a cache to go stale.
 */
export const findActiveRotation = async (db: Db, userId: string, at = now()): Promise<ActiveRotation | null> => {
  const days = rotationDaysAround(at);
  const near = await findRotationsNear(db, userId, days.from, days.to);
  if (near.length === 0) return null;
  const { today } = await workspaceToday(db, at);
  const row = near.find((r) => r.starts_on <= today && r.ends_on >= today);
  return row
    ? { id: row.id, hostDepartment: row.host_department as Department, startsOn: row.starts_on, endsOn: row.ends_on }
    : null;
};

/**
 * The actor with the host rights of their running rotation, if any (called at authentication, whose query
 * already said whether a rotation lies near today: `rotationNearColumn`; most users have none).
 */
export const withHostRights = async (ctx: AppContext, actor: Actor, rotationNear: boolean): Promise<Actor> => {
  if (!rotationNear) return actor;
  const rotation = await findActiveRotation(ctx.db, actor.id);
  return rotation ? { ...actor, hostDepartment: rotation.hostDepartment, rotationId: rotation.id } : actor;
};

/** The logged-in user as the web app sees them: with the rotation whose host rights they have today. */
export const presentMe = async (ctx: AppContext, user: User): Promise<Me> => {
  const rotation = await findActiveRotation(ctx.db, user.id);
  return { ...user, hostDepartment: rotation?.hostDepartment ?? null, rotation };
};
