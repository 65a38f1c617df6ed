import { sql } from 'kysely';
import type { AppContext } from '../../context.js';

/**
 * Runs `fn` unless another instance on the same PostgreSQL database (and schema) is running the same key
 * right now; then skips it and returns false. The lock is a session advisory lock held on one pooled
 * connection for as long as `fn` runs, and released even when `fn` throws (or with the connection when
 * the process dies). SQLite has one writer per file, and the periodic checks claim their rows atomically
 * there anyway: `fn` simply runs.
 */
export const runExclusive = async (ctx: AppContext, key: string, fn: () => Promise<unknown>): Promise<boolean> => {
  if (ctx.engine !== 'postgres') {
    await fn();
    return true;
  }
  return ctx.db.connection().execute(async (conn) => {
    const lock = sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtext(current_schema() || ':' || ${key})) as ok`;
    if (!(await lock.execute(conn)).rows[0]?.ok) return false;
    try {
      await fn();
      return true;
    } finally {
      await sql`select pg_advisory_unlock(hashtext(current_schema() || ':' || ${key}))`.execute(conn);
    }
  });
};
