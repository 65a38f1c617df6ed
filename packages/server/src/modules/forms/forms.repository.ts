import type { Db } from '../../db/db.js';
import type { FormsTable } from '../../db/schema.js';

const selectForms = (db: Db) =>
  db
    .selectFrom('forms')
    .leftJoin('campaigns as c', 'c.id', 'forms.campaign_id')
    .selectAll('forms')
    .select('c.name as campaign_name');

export const listFormRows = async (db: Db) => {
  const forms = await selectForms(db).where('forms.deleted_at', 'is', null).orderBy('forms.name').execute();
  const counts = await db
    .selectFrom('form_submissions')
    .select(['form_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('form_id', 'is not', null)
    .groupBy('form_id')
    .execute();
  const byForm = new Map(counts.map((c) => [c.form_id, Number(c.n)]));
  return forms.map((f) => ({ ...f, submissions: byForm.get(f.id) ?? 0 }));
};

export const findFormRow = async (db: Db, id: string) => {
  const form = await selectForms(db)
    .where('forms.id', '=', id)
    .where('forms.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!form) return undefined;
  const count = await db
    .selectFrom('form_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('form_id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...form, submissions: Number(count.n) };
};

export const findFormBySlug = (db: Db, slug: string) =>
  db.selectFrom('forms').selectAll().where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();

export const slugInUse = async (db: Db, slug: string, exceptId?: string): Promise<boolean> => {
  let q = db.selectFrom('forms').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
};

export const insertForm = (db: Db, row: FormsTable) => db.insertInto('forms').values(row).execute();

export const updateFormRow = (db: Db, id: string, version: number, set: Partial<FormsTable>) =>
  db
    .updateTable('forms')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
