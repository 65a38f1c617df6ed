import type { Db } from '../../db/db.js';
import type { Engine } from '../../db/dialect.js';
import type { JobsTable } from '../../db/schema.js';

export const insertJobs = async (db: Db, rows: JobsTable[]): Promise<void> => {
  if (rows.length > 0) await db.insertInto('jobs').values(rows).execute();
};

/**
 * Claims due jobs (and ones whose worker died: lock expired). On PostgreSQL several instances claim
 * concurrently with FOR UPDATE SKIP LOCKED; SQLite has a single writer anyway.
 */
export const claimJobs = async (db: Db, engine: Engine, now: string, lockUntil: string, limit: number) => {
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit);
    if (engine === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', locked_until: lockUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returning(['id', 'name', 'payload', 'attempts'])
      .execute();
  });
};

export const finishJob = (db: Db, id: string) =>
  db.updateTable('jobs').set({ status: 'done', locked_until: null, last_error: null }).where('id', '=', id).execute();

export const failJob = (db: Db, id: string, error: string, retryAt: string | null) =>
  db
    .updateTable('jobs')
    .set({
      status: retryAt ? 'pending' : 'failed',
      run_at: retryAt ?? undefined,
      locked_until: null,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', id)
    .execute();

/** Hands claimed jobs back untouched (a worker stopping before it got to them): due again at once. */
export const releaseJobs = async (db: Db, ids: string[]): Promise<void> => {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'pending', locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .execute();
};
