import type { Db } from '../../db/db.js';
import type { RememberedDevicesTable } from '../../db/schema.js';

// ——— secrets ————————————————————————————————————————————————————————————————————————————————————————

export const findTwoFactorSecret = (db: Db, userId: string) =>
  db
    .selectFrom('two_factor_secrets')
    .select(['user_id', 'secret', 'enabled_at', 'last_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();

/** A new secret waiting for its first code (replaces an earlier pending one; never an enabled one). */
export const upsertPendingSecret = (db: Db, userId: string, secret: string, now: string) =>
  db
    .insertInto('two_factor_secrets')
    .values({ user_id: userId, secret, enabled_at: null, last_step: null, created_at: now })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret, enabled_at: null, last_step: null, created_at: now })
        .where('two_factor_secrets.enabled_at', 'is', null),
    )
    .execute();

export const enableSecret = (db: Db, userId: string, now: string, step: number) =>
  db
    .updateTable('two_factor_secrets')
    .set({ enabled_at: now, last_step: step })
    .where('user_id', '=', userId)
    .where('enabled_at', 'is', null)
    .executeTakeFirst();

/** Marks a time step used, unless it (or a later one) was used already: false for a replayed code. */
export const claimStep = async (db: Db, userId: string, step: number): Promise<boolean> => {
  const result = await db
    .updateTable('two_factor_secrets')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const deleteSecret = (db: Db, userId: string) =>
  db.deleteFrom('two_factor_secrets').where('user_id', '=', userId).executeTakeFirst();

// ——— recovery codes ——————————————————————————————————————————————————————————————————————————————————

export const replaceRecoveryCodes = async (
  db: Db,
  userId: string,
  rows: { id: string; code_hash: string }[],
  now: string,
) => {
  await db.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
  if (rows.length) {
    await db
      .insertInto('two_factor_recovery_codes')
      .values(rows.map((r) => ({ ...r, user_id: userId, used_at: null, created_at: now })))
      .execute();
  }
};

export const deleteRecoveryCodes = (db: Db, userId: string) =>
  db.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();

/** Uses up an unused recovery code in one statement: false when there is none (or it was used). */
export const useRecoveryCode = async (db: Db, userId: string, codeHash: string, now: string): Promise<boolean> => {
  const result = await db
    .updateTable('two_factor_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const countUnusedRecoveryCodes = async (db: Db, userId: string): Promise<number> => {
  const row = await db
    .selectFrom('two_factor_recovery_codes')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

// ——— challenges ————————————————————————————————————————————————————————————————————————————————————

export const insertChallenge = (db: Db, row: { id: string; user_id: string; created_at: string; expires_at: string }) =>
  db.insertInto('two_factor_challenges').values(row).execute();

export const findChallenge = (db: Db, id: string, now: string) =>
  db
    .selectFrom('two_factor_challenges')
    .select(['id', 'user_id'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();

export const deleteChallenge = (db: Db, id: string) =>
  db.deleteFrom('two_factor_challenges').where('id', '=', id).execute();

/** Drops the expired challenges (of everyone) and every challenge of this user. */
export const deleteChallengesOf = (db: Db, userId: string, now: string) =>
  db
    .deleteFrom('two_factor_challenges')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('expires_at', '<=', now)]))
    .execute();

// ——— remembered devices —————————————————————————————————————————————————————————————————————————————

export const insertDevice = (db: Db, row: RememberedDevicesTable) =>
  db.insertInto('remembered_devices').values(row).execute();

export const findLiveDevice = (db: Db, userId: string, tokenHash: string, now: string) =>
  db
    .selectFrom('remembered_devices')
    .select(['id', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();

export const touchDevice = (db: Db, id: string, now: string) =>
  db.updateTable('remembered_devices').set({ last_used_at: now }).where('id', '=', id).execute();

export const listDevicesOf = (db: Db, userId: string, now: string) =>
  db
    .selectFrom('remembered_devices')
    .select(['id', 'user_agent', 'ip', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .execute();

export const deleteDevice = (db: Db, userId: string, id: string) =>
  db.deleteFrom('remembered_devices').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

export const deleteDevicesOf = (db: Db, userId: string) =>
  db.deleteFrom('remembered_devices').where('user_id', '=', userId).executeTakeFirst();

export const countDevicesOf = async (db: Db, userId: string, now: string): Promise<number> => {
  const row = await db
    .selectFrom('remembered_devices')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

// ——— sessions ——————————————————————————————————————————————————————————————————————————————————————

export const listSessionsOf = (db: Db, userId: string, now: string) =>
  db
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();

export const deleteSessionOf = (db: Db, userId: string, id: string) =>
  db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

/** Ends the user's sessions but `keep` (none kept when null); the number ended. */
export const deleteSessionsExcept = async (db: Db, userId: string, keep: string | null): Promise<number> => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
};

export const countSessionsOf = async (db: Db, userId: string, now: string): Promise<number> => {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
