import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { queueEmail } from '../mail/mail.service.js';
import { tokenExpiryMail } from './auth.mail.js';
import { claimExpiringTokens, findMailRecipients } from './auth.repository.js';

/** How long before its expiry a token's owner is warned. */
export const EXPIRY_WARNING_MS = 7 * 86_400_000;

/**
 * The periodic expiry warning: every live token that expires within a week and was not warned of yet gets
 * one mail to its owner, in their language. The claim and the mails are one transaction, and the claim
 * marks the token, so each token is warned of once. Returns how many were warned of.
 */
export const sweepTokenExpiryWarnings = async (ctx: AppContext): Promise<number> =>
  ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const due = await claimExpiringTokens(trx, now, new Date(Date.parse(now) + EXPIRY_WARNING_MS).toISOString());
    const users = new Map(
      (await findMailRecipients(trx, [...new Set(due.map((t) => t.user_id))])).map((u) => [u.id, u]),
    );
    for (const token of due) {
      const user = users.get(token.user_id);
      if (!user || !token.expires_at) continue;
      await queueEmail(trx, { to: user.email, ...tokenExpiryMail(ctx, user, token) });
    }
    return due.length;
  });
