import type { UndoResult } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import {
  accountsInUse,
  changesPage,
  currentStamps,
  deleteImportEntries,
  deleteRecords,
  findImportRow,
  restoreRow,
  updateImportRow,
} from './imports.repository.js';

const PAGE = 1000;
const tableOf = { deal: 'deals', contact: 'contacts', account: 'accounts' } as const;
// columns the database computes (0010): never written back
const computed = new Set([
  'funnel_reach',
  'mql_tenths',
  'sal_tenths',
  'sql_tenths',
  'opportunity_tenths',
  'customer_tenths',
]);

/** Undoes one kind of record, newest change first; returns what it kept because a person changed it since. */
const undoKind = async (db: Db, importId: string, type: keyof typeof tableOf, out: UndoResult): Promise<void> => {
  const table = tableOf[type];
  let after: string | undefined;
  for (;;) {
    const page = await changesPage(db, importId, type, PAGE, after);
    if (page.length === 0) return;
    after = page.at(-1)?.id;
    const stamps = new Map(
      (
        await currentStamps(
          db,
          table,
          page.map((c) => c.entity_id),
        )
      ).map((r) => [r.id, r]),
    );
    const inUse =
      type === 'account'
        ? await accountsInUse(
            db,
            page.map((c) => c.entity_id),
          )
        : new Set<string>();
    const toDelete: string[] = [];
    const restored: string[] = [];
    for (const c of page) {
      const now = stamps.get(c.entity_id);
      if (!now) continue; // gone already (deleted by a person)
      if (now.updated_at !== c.stamp || (c.action === 'created' && inUse.has(c.entity_id))) {
        out.kept.push({ entityType: type, id: c.entity_id, name: '' });
        continue;
      }
      if (c.action === 'created') toDelete.push(c.entity_id);
      else if (c.before && table !== 'deals') {
        const before = JSON.parse(c.before) as Record<string, unknown>;
        for (const k of Object.keys(before)) if (computed.has(k)) delete before[k];
        await restoreRow(db, table, c.entity_id, before);
        restored.push(c.entity_id);
      }
    }
    await deleteImportEntries(db, importId, restored);
    await deleteRecords(db, table, toDelete);
    out.deleted += toDelete.length;
    out.restored += restored.length;
  }
};

/** Names of the kept records, for the list the user sees. */
const nameKept = async (db: Db, kept: UndoResult['kept']) => {
  for (const k of kept) {
    if (k.entityType === 'contact') {
      const c = await db
        .selectFrom('contacts')
        .select(['first_name', 'last_name', 'email'])
        .where('id', '=', k.id)
        .executeTakeFirst();
      k.name = c ? `${c.first_name} ${c.last_name}`.trim() || (c.email ?? '') : '';
    } else {
      const t = k.entityType === 'deal' ? 'deals' : 'accounts';
      k.name = (await db.selectFrom(t).select('name').where('id', '=', k.id).executeTakeFirst())?.name ?? '';
    }
  }
};

/**
 * Removes what the import created and restores what it overwrote, as they were before. A record a person
 * edited after the import is kept and listed. Only admins undo someone else's import.
 */
export const undoImport = async (ctx: AppContext, actor: Actor, id: string): Promise<UndoResult> => {
  const imp = await findImportRow(ctx.db, id);
  if (!imp) throw new AppError('import_not_found');
  assertCan(actor, 'imports.manage', { ownerId: imp.created_by });
  if (imp.status !== 'done' && imp.status !== 'failed')
    throw new AppError('import_state', `The import is ${imp.status}`);
  return ctx.db.transaction().execute(async (trx) => {
    const out: UndoResult = { deleted: 0, restored: 0, kept: [] };
    // deals before the accounts they point to; contacts before theirs
    for (const type of ['deal', 'contact', 'account'] as const) await undoKind(trx, id, type, out);
    await nameKept(trx, out.kept);
    const now = nowIso();
    await updateImportRow(trx, id, { status: 'undone', version: imp.version + 1, updated_at: now });
    await recordAudit(trx, actor, 'import', id, 'undone', [
      { field: 'deleted', from: null, to: out.deleted },
      { field: 'restored', from: null, to: out.restored },
      { field: 'kept', from: null, to: out.kept.length },
    ]);
    return out;
  });
};
