import type { Db } from '../../db/db.js';
import type { SsoConfigTable, SsoIdentitiesTable, SsoLoginsTable } from '../../db/schema.js';

export const SSO_CONFIG_ID = 'sso';

export const findSsoConfig = (db: Db) =>
  db.selectFrom('sso_config').selectAll().where('id', '=', SSO_CONFIG_ID).executeTakeFirst();

export const insertSsoConfig = (db: Db, row: SsoConfigTable) => db.insertInto('sso_config').values(row).execute();

/** Writes the configuration if it is still at `version`; 0 rows: someone else changed it. */
export const updateSsoConfig = (db: Db, version: number, set: Partial<SsoConfigTable>) =>
  db
    .updateTable('sso_config')
    .set(set)
    .where('id', '=', SSO_CONFIG_ID)
    .where('version', '=', version)
    .executeTakeFirst();

export const findIdentity = (db: Db, issuer: string, subject: string) =>
  db
    .selectFrom('sso_identities')
    .select(['id', 'user_id'])
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();

export const insertIdentity = (db: Db, row: SsoIdentitiesTable) =>
  db.insertInto('sso_identities').values(row).execute();

export const touchIdentity = (db: Db, id: string, now: string) =>
  db.updateTable('sso_identities').set({ last_login_at: now }).where('id', '=', id).execute();

/** Whether the user ever signed in through SSO. */
export const hasIdentity = async (db: Db, userId: string): Promise<boolean> =>
  (await db.selectFrom('sso_identities').select('id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;

export const insertPendingLogin = (db: Db, row: SsoLoginsTable) => db.insertInto('sso_logins').values(row).execute();

/** Takes a pending sign-in: deleted in the same statement, so a handle works once. */
export const takePendingLogin = (db: Db, id: string) =>
  db
    .deleteFrom('sso_logins')
    .where('id', '=', id)
    .returning(['state', 'nonce', 'code_verifier', 'expires_at'])
    .executeTakeFirst();

export const deleteExpiredLogins = (db: Db, now: string) =>
  db.deleteFrom('sso_logins').where('expires_at', '<=', now).execute();
