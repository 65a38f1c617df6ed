import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { erasePersonalData } from './erasure.service.js';
import { listStaleUnconfirmed, markContactDeleted } from './gdpr.repository.js';

const BATCH = 100;

/**
 * Retention (DSGVO): a lead whose double opt-in was never confirmed is deleted after
 * NENNER_DOI_RETENTION_DAYS (30 by default) — its personal data erased (not suppressed: the person may
 * sign up again) and the anonymous row moved to the trash, so past counts keep their numbers. Idempotent.
 */
export const sweepUnconfirmedContacts = async (ctx: AppContext): Promise<number> => {
  const before = new Date(Date.parse(nowIso()) - ctx.config.gdpr.doiRetentionDays * 86_400_000).toISOString();
  let done = 0;
  for (;;) {
    const stale = await listStaleUnconfirmed(ctx.db, before, BATCH);
    for (const c of stale) {
      await ctx.db.transaction().execute(async (trx) => {
        await erasePersonalData(ctx, trx, c, { suppress: false });
        await markContactDeleted(trx, c.id, nowIso());
        await recordAudit(trx, null, 'contact', c.id, 'erased_unconfirmed');
      });
    }
    done += stale.length;
    if (stale.length < BATCH) return done;
  }
};
