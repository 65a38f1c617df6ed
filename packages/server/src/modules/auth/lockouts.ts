import type { Lockout } from '@nenner/shared';
import { sql } from 'kysely';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findCredentials } from './auth.repository.js';

/*
 * Login throttling (issue 15): failures count per account and IP pair (past the limit that pair waits out
 * the window) and per account, where they only add a growing delay (1 s, 2 s, 4 s … at most a minute), so
 * an attacker elsewhere slows a user down but cannot lock them out. Kept in `rate_limits`:
 * `login:pair:<email> <ip>` counts the pair's attempts; `login:account:<email>` counts the account's
 * failures, its window ending `windowMs` after the last one (so the last failure is known).
 */

export const pairKey = (email: string, ip: string) => `login:pair:${email} ${ip}`;
export const accountKey = (email: string) => `login:account:${email}`;
const PAIR = 'login:pair:';
const ACCOUNT = 'login:account:';

/**
 * The delay after `failures` failures of an account: none below the limit, then doubling from `baseMs`
 * (1 s unless configured), at most 60 times that.
 */
export const accountDelayMs = (failures: number, limit: number, baseMs = 1000): number =>
  failures < limit ? 0 : Math.min(baseMs * 2 ** (failures - limit), baseMs * 60);

const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Until when the account's delay holds (null when it does not), from its failure count and window. */
const delayedUntil = (count: number, windowEndsAt: string, ctx: AppContext): string | null => {
  const delay = accountDelayMs(count, ctx.config.login.maxFailuresPerAccount, ctx.config.login.delayBaseMs);
  return delay ? addMs(addMs(windowEndsAt, -ctx.config.login.windowMs), delay) : null;
};

/** When the account may try again, or null: its delay has passed (or never started). */
export const accountWaitUntil = async (ctx: AppContext, email: string, now: string): Promise<string | null> => {
  const row = await ctx.db
    .selectFrom('rate_limits')
    .select(['count', 'window_ends_at'])
    .where('key', '=', accountKey(email))
    .where('window_ends_at', '>', now)
    .executeTakeFirst();
  const until = row ? delayedUntil(Number(row.count), row.window_ends_at, ctx) : null;
  return until && until > now ? until : null;
};

/** Counts one failure of the account; the window now ends `windowMs` after it. */
export const recordAccountFailure = (ctx: AppContext, email: string, now: string) =>
  ctx.db
    .insertInto('rate_limits')
    .values({ key: accountKey(email), count: 1, window_ends_at: addMs(now, ctx.config.login.windowMs) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_ends_at > ${now} then rate_limits.count + 1 else 1 end`,
        window_ends_at: addMs(now, ctx.config.login.windowMs),
      }),
    )
    .execute();

/** Every throttle row of an account (its own and those of its pairs). */
const rowsOf = (db: Db, email?: string) =>
  db
    .selectFrom('rate_limits')
    .select(['key', 'count', 'window_ends_at'])
    .where((eb) =>
      email
        ? eb.or([
            eb('key', '=', accountKey(email)),
            eb(sql`substr(key, 1, ${PAIR.length + email.length + 1})`, '=', `${PAIR}${email} `),
          ])
        : eb.or([eb('key', 'like', `${PAIR}%`), eb('key', 'like', `${ACCOUNT}%`)]),
    );

/** The accounts and pairs that are held back now: a locked pair or an account in its delay, by email. */
export const listLockoutRows = async (ctx: AppContext, now: string): Promise<Lockout[]> => {
  const rows = await rowsOf(ctx.db).where('window_ends_at', '>', now).execute();
  const out: Lockout[] = [];
  for (const r of rows) {
    const count = Number(r.count);
    if (r.key.startsWith(PAIR)) {
      if (count < ctx.config.login.maxFailuresPerAccount) continue;
      const rest = r.key.slice(PAIR.length);
      const at = rest.lastIndexOf(' ');
      out.push({ email: rest.slice(0, at), ip: rest.slice(at + 1), failures: count, until: r.window_ends_at });
    } else if (count >= ctx.config.login.maxFailuresPerAccount) {
      out.push({
        email: r.key.slice(ACCOUNT.length),
        ip: null,
        failures: count,
        until: delayedUntil(count, r.window_ends_at, ctx) ?? r.window_ends_at,
      });
    }
  }
  return out.sort((a, b) => a.email.localeCompare(b.email) || (a.ip ?? '').localeCompare(b.ip ?? ''));
};

/** Removes every count of an account (its delay and all its pairs); the number of rows removed. */
export const clearLockoutRows = async (db: Db, email: string): Promise<number> => {
  const keys = (await rowsOf(db, email).execute()).map((r) => r.key);
  if (keys.length) await db.deleteFrom('rate_limits').where('key', 'in', keys).execute();
  return keys.length;
};

/** The accounts held back from logging in now (admins). */
export const listLockouts = async (ctx: AppContext, actor: Actor): Promise<Lockout[]> => {
  assertCan(actor, 'users.lockouts');
  return listLockoutRows(ctx, nowIso());
};

/** Forgets every failed login of an account, from every IP; audited on the user when the email is one. */
export const clearLockout = async (ctx: AppContext, actor: Actor, email: string): Promise<{ cleared: number }> => {
  assertCan(actor, 'users.lockouts');
  const normalized = email.toLowerCase();
  return ctx.db.transaction().execute(async (trx) => {
    const cleared = await clearLockoutRows(trx, normalized);
    const user = await findCredentials(trx, normalized);
    if (cleared && user) {
      await recordAudit(trx, actor, 'user', user.id, 'lockout_cleared', [{ field: 'lockout', from: cleared, to: 0 }]);
    }
    return { cleared };
  });
};
