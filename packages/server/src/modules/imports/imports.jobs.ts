import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findUserById } from '../users/users.repository.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import { findImportRow, replaceImportErrors, updateImportRow } from './imports.repository.js';
import { estimateRows, runBatches } from './imports.run.js';
import { IMPORT_JOB, presentImport } from './imports.service.js';

const Payload = z.object({ importId: z.string() });

/** How long one job runs before it hands over to a fresh job (the worker's lock is a minute). */
const SLICE_MS = 20_000;

/**
 * Runs (or resumes) an import. Idempotent: it starts from the rows already committed; a finished or undone
 * import is left alone. After a slice it queues itself again, so a restart or a second worker picks it up.
 */
export const runImportJob = async (ctx: AppContext, payload: unknown, sliceMs = SLICE_MS): Promise<void> => {
  const { importId } = Payload.parse(payload);
  const imp = await findImportRow(ctx.db, importId);
  if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return;
  const user = imp.created_by ? await findUserById(ctx.db, imp.created_by) : undefined;
  const actor = user ? { id: user.id, department: user.department as 'sales' } : null;
  if (imp.status === 'queued') {
    const total = imp.total > 0 ? imp.total : await estimateRows(ctx, imp);
    await ctx.db.transaction().execute(async (trx) => {
      // the dry run's error rows make way for the run's own: the download lists each failed row once
      await replaceImportErrors(trx, importId, []);
      await updateImportRow(trx, importId, { status: 'running', started_at: nowIso(), total, updated_at: nowIso() });
    });
  }
  const current = await findImportRow(ctx.db, importId);
  if (!current) return;
  const done = await runBatches(ctx, current, actor, Date.now() + sliceMs);
  if (!done) {
    await enqueueJob(ctx.db, IMPORT_JOB, { importId });
    return;
  }
  await ctx.db.transaction().execute(async (trx) => {
    const last = await findImportRow(trx, importId);
    if (!last) return;
    const now = nowIso();
    await updateImportRow(trx, importId, { status: 'done', total: last.processed, finished_at: now, updated_at: now });
    // one event for the whole import, not one `contact.created` per row: a subscriber reads what it needs
    const finished = await findImportRow(trx, importId);
    if (finished) await emitWebhookEvent(trx, 'import.completed', presentImport(finished));
    // one audit entry for the whole batch of records, not one per record
    await recordAudit(trx, actor, 'import', importId, 'imported', [
      { field: 'file', from: null, to: last.file_name },
      { field: 'created', from: null, to: last.created },
      { field: 'updated', from: null, to: last.updated },
      { field: 'skipped', from: null, to: last.skipped },
      { field: 'failed', from: null, to: last.failed },
    ]);
  });
};
