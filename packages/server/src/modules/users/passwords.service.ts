import type { ChangePasswordInput } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { fieldError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { assertStrongPassword } from '../../lib/passwordPolicy.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { findCredentials } from '../auth/auth.repository.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findUserById, updateUserRow } from './users.repository.js';

/*
 * Issue 15, item 5: after a password change, whoever knew the old one is out. The user's other sessions
 * end and all their API tokens are revoked (a token is a standing credential a thief may have made with
 * the old password; asking for each would leave them alive until answered). The session that made the
 * change stays, so the user is not logged out of the screen they are on.
 */

/** Ends the user's sessions except `keepSessionId`, and revokes their live tokens, in the caller's transaction. */
export const endAccessAfterPasswordChange = async (
  db: Db,
  userId: string,
  keepSessionId: string | null,
): Promise<void> => {
  let sessions = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) sessions = sessions.where('id', '!=', keepSessionId);
  await sessions.execute();
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
};

/** The session a password change keeps: the actor's own, when they change their own password in a session. */
export const sessionToKeep = (actor: Actor | null, userId: string): string | null =>
  actor && actor.id === userId && actor.via === 'session' ? actor.credentialId : null;

/** A user changes their own password, proving the current one; other sessions end, tokens are revoked. */
export const changeOwnPassword = async (ctx: AppContext, actor: Actor, input: ChangePasswordInput): Promise<void> => {
  const user = await findUserById(ctx.db, actor.id);
  const credentials = user && (await findCredentials(ctx.db, user.email));
  if (!user || !credentials || !(await verifyPassword(input.currentPassword, credentials.password_hash))) {
    throw fieldError('currentPassword', 'This is not your current password');
  }
  await assertStrongPassword(input.newPassword, [user.email, user.name], 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, user.id, user.version, { password_hash: hash, updated_at: nowIso() });
    await endAccessAfterPasswordChange(trx, user.id, sessionToKeep(actor, user.id));
    await recordAudit(trx, actor, 'user', user.id, 'password_changed', [
      { field: 'password', from: null, to: '(changed)' },
    ]);
  });
};
