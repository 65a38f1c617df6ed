import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { sqlFragments } from '../../db/dialect.js';
import type { ApiTokensTable, SessionsTable } from '../../db/schema.js';
import { engineOf } from '../../db/search.js';
import { rotationNearColumn } from '../rotations/rotations.repository.js';

export const findCredentials = (db: Db, email: string) =>
  db.selectFrom('users').select(['id', 'password_hash', 'active']).where('email', '=', email).executeTakeFirst();

export const insertSession = (db: Db, row: SessionsTable) => db.insertInto('sessions').values(row).execute();

export const deleteSession = (db: Db, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteSessionsOfUser = (db: Db, userId: string) =>
  db.deleteFrom('sessions').where('user_id', '=', userId).execute();

/** The user's columns an actor is made of. */
export interface ActorRow {
  id: string;
  name: string;
  email: string;
  department: string;
  role: string;
  locale: string | null;
  time_zone: string;
}
/** …and whether a rotation lies near (see `rotationNearColumn`). */
type LookupRow = ActorRow & { rotation_near: number };
type SessionLookupRow = LookupRow & {
  last_seen_at: string;
  two_factor_enabled_at: string | null;
  two_factor_policy: string | null;
};
type TokenLookupRow = LookupRow & { token_id: string; last_used_at: string | null; scopes: string | null };

const actorSelect = (days: { from: string; to: string }) =>
  sql`u.id, u.name, u.email, u.department, u.role, u.locale, u.time_zone, ${rotationNearColumn('u.id', days)} as rotation_near`;

/*
 * Every request runs one of the two lookups below, so their plans must not depend on statistics. SQLite
 * plans by sqlite_stat1, taken when the tables were small (a new workspace has a few sessions): with
 * statistics of two sessions it scanned the sessions and the users for each request, 0.6 ms at 20,000
 * sessions and growing with them (the tokens likewise). `indexed by` names the unique constraints' own indexes
 * (SQLite names them sqlite_autoindex_<table>_<n>; a missing one is an error, not a slower plan), so the
 * row is found by its key whatever the statistics say; query-plans.test.ts checks both engines.
 */

/** The active user behind a live session, in one query (with its second factor and the workspace's policy). */
export const findSessionActor = async (
  db: Db,
  sessionId: string,
  now: string,
  days: { from: string; to: string },
): Promise<SessionLookupRow | undefined> => {
  const { indexedBy } = sqlFragments(engineOf(db));
  const { rows } = await sql<SessionLookupRow>`
    select ${actorSelect(days)}, s.last_seen_at, tf.enabled_at as two_factor_enabled_at,
      st.value as two_factor_policy
    from sessions s ${indexedBy('sqlite_autoindex_sessions_1')}
    join users u ${indexedBy('sqlite_autoindex_users_1')} on u.id = s.user_id
    left join two_factor_secrets tf on tf.user_id = u.id
    left join settings st on st.key = 'two_factor_policy'
    where s.id = ${sessionId} and s.expires_at > ${now} and u.active = 1`.execute(db);
  return rows[0];
};

export const touchSession = (db: Db, sessionId: string, now: string, expiresAt: string) =>
  db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', sessionId).execute();

/** The active user behind a live API token, in one query. */
export const findTokenActor = async (
  db: Db,
  tokenHash: string,
  now: string,
  days: { from: string; to: string },
): Promise<TokenLookupRow | undefined> => {
  const { indexedBy } = sqlFragments(engineOf(db));
  const { rows } = await sql<TokenLookupRow>`
    select ${actorSelect(days)}, t.id as token_id, t.last_used_at, t.scopes
    from api_tokens t ${indexedBy('sqlite_autoindex_api_tokens_2')}
    join users u ${indexedBy('sqlite_autoindex_users_1')} on u.id = t.user_id
    where t.token_hash = ${tokenHash} and t.revoked_at is null and (t.expires_at is null or t.expires_at > ${now})
      and u.active = 1`.execute(db);
  return rows[0];
};

export const touchToken = (db: Db, id: string, now: string) =>
  db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();

export const insertToken = (db: Db, row: ApiTokensTable) => db.insertInto('api_tokens').values(row).execute();

export const listTokensOfUser = (db: Db, userId: string) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'scopes'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();

export const revokeToken = (db: Db, userId: string, id: string, now: string) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const revokeTokensOfUser = (db: Db, userId: string, now: string) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();

/** Counts one attempt atomically and returns the count in the window; a new window starts when the old one is over. */
export const hitRateLimit = async (db: Db, key: string, now: string, windowEndsAt: string): Promise<number> => {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, window_ends_at: windowEndsAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_ends_at > ${now} then rate_limits.count + 1 else 1 end`,
        window_ends_at: sql`case when rate_limits.window_ends_at > ${now} then rate_limits.window_ends_at else ${windowEndsAt} end`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

/** Takes back one counted attempt (a login that turned out to be right). */
export const releaseRateLimit = (db: Db, key: string) =>
  db.updateTable('rate_limits').set({ count: sql`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();

export const clearRateLimit = (db: Db, key: string) => db.deleteFrom('rate_limits').where('key', '=', key).execute();

/**
 * Claims the live tokens that expire within the warning window and were not warned of yet: marks them in
 * the same statement, so each warning goes out once even with several workers.
 */
export const claimExpiringTokens = (db: Db, now: string, until: string) =>
  db
    .updateTable('api_tokens')
    .set({ expiry_warned_at: now })
    .where('revoked_at', 'is', null)
    .where('expiry_warned_at', 'is', null)
    .where('expires_at', '>', now)
    .where('expires_at', '<=', until)
    .returning(['id', 'user_id', 'name', 'prefix', 'expires_at'])
    .execute();

/** The active users among these, with what a mail to them needs. */
export const findMailRecipients = (db: Db, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'locale', 'time_zone'])
        .where('id', 'in', userIds)
        .where('active', '=', 1)
        .execute();
