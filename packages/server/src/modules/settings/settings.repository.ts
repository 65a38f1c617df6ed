import type { Db } from '../../db/db.js';

export const findSetting = (db: Db, key: string) =>
  db.selectFrom('settings').select(['key', 'value', 'version', 'updated_at']).where('key', '=', key).executeTakeFirst();

/** Writes a setting if its version is still `expected` (0 = not yet stored); false on a lost race. */
export const writeSetting = async (
  db: Db,
  key: string,
  value: string,
  expected: number,
  by: string | null,
  now: string,
): Promise<boolean> => {
  if (expected === 0) {
    const result = await db
      .insertInto('settings')
      .values({ key, value, version: 1, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db
    .updateTable('settings')
    .set({ value, version: expected + 1, updated_at: now, updated_by: by })
    .where('key', '=', key)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const insertSlaProposal = (
  db: Db,
  row: { id: string; value: string; proposed_by: string; department: string; created_at: string },
) =>
  db
    .insertInto('sla_proposals')
    .values({ ...row, status: 'pending', decided_by: null, decided_at: null })
    .execute();

export const findPendingSlaProposal = (db: Db) =>
  db
    .selectFrom('sla_proposals as p')
    .innerJoin('users as u', 'u.id', 'p.proposed_by')
    .select(['p.id', 'p.value', 'p.proposed_by', 'p.department', 'p.created_at', 'u.name as proposer_name'])
    .where('p.status', '=', 'pending')
    .orderBy('p.created_at', 'desc')
    .executeTakeFirst();

export const decideSlaProposals = (
  db: Db,
  status: 'approved' | 'rejected' | 'superseded',
  by: string | null,
  now: string,
  id?: string,
) => {
  let q = db
    .updateTable('sla_proposals')
    .set({ status, decided_by: by, decided_at: now })
    .where('status', '=', 'pending');
  if (id) q = q.where('id', '=', id);
  return q.executeTakeFirst();
};
