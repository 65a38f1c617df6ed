import { type Kysely, sql } from 'kysely';

/*
 * Indexes a planner cannot mistake, whatever its statistics say (issue 17). A list walks the index of its
 * sort and stops after one page; with stale statistics SQLite preferred `contacts_trash (deleted_at, id)`
 * for `deleted_at IS NULL` and sorted every live row. So:
 *
 * - every index a live list can walk is partial on `deleted_at IS NULL`, and every trash index on
 *   `deleted_at IS NOT NULL`: a live list's WHERE cannot use a trash index, nor the trash list a live one
 *   (SQLite uses a partial index only where the query's WHERE implies the index's);
 * - the trash has an index per sort, so that it is walked in order too (small: only deleted rows);
 * - each sort of a list has its index (the deals list had none), and the owner filter, the common
 *   "mine" view of a list, has one per sort; filters with few distinct values are left to the walk
 *   of the sort index (see `notIndexed` in db/plans.ts).
 */

interface IndexSpec {
  name: string;
  table: string;
  /** Column names, or an expression, in the order of the index. */
  columns: string;
  where: 'live' | 'trash';
}

const live = (name: string, table: string, columns: string): IndexSpec => ({ name, table, columns, where: 'live' });
const trash = (name: string, table: string, columns: string): IndexSpec => ({ name, table, columns, where: 'trash' });
const closeOrder = `coalesce(close_date, '9999-12-31'), id`;

/** Indexes rebuilt under the same name with a partial WHERE. */
const rebuilt: IndexSpec[] = [
  trash('contacts_trash', 'contacts', 'deleted_at, id'),
  live('contacts_created', 'contacts', 'created_at, id'),
  live('contacts_updated', 'contacts', 'updated_at, id'),
  trash('accounts_trash', 'accounts', 'deleted_at, id'),
  live('accounts_created', 'accounts', 'created_at, id'),
  live('accounts_updated', 'accounts', 'updated_at, id'),
];

const added: IndexSpec[] = [
  trash('contacts_trash_last_name', 'contacts', 'sort_last_name, id'),
  trash('contacts_trash_first_name', 'contacts', 'sort_first_name, id'),
  trash('contacts_trash_created', 'contacts', 'created_at, id'),
  trash('contacts_trash_updated', 'contacts', 'updated_at, id'),
  live('contacts_owner_first_name', 'contacts', 'owner_id, sort_first_name, id'),
  live('contacts_owner_created', 'contacts', 'owner_id, created_at, id'),
  live('contacts_owner_updated', 'contacts', 'owner_id, updated_at, id'),
  trash('accounts_trash_name', 'accounts', 'sort_name, id'),
  trash('accounts_trash_created', 'accounts', 'created_at, id'),
  trash('accounts_trash_updated', 'accounts', 'updated_at, id'),
  live('accounts_owner_created', 'accounts', 'owner_id, created_at, id'),
  live('accounts_owner_updated', 'accounts', 'owner_id, updated_at, id'),
  live('deals_updated', 'deals', 'updated_at, id'),
  live('deals_close_order', 'deals', closeOrder),
  live('deals_amount', 'deals', 'amount, id'),
  live('deals_name', 'deals', 'sort_name, id'),
  trash('deals_trash_updated', 'deals', 'updated_at, id'),
  trash('deals_trash_close_order', 'deals', closeOrder),
  trash('deals_trash_amount', 'deals', 'amount, id'),
  trash('deals_trash_name', 'deals', 'sort_name, id'),
];

const create = (db: Kysely<unknown>, s: IndexSpec) =>
  sql`create index ${sql.id(s.name)} on ${sql.table(s.table)} (${sql.raw(s.columns)}) where ${sql.raw(
    s.where === 'live' ? 'deleted_at is null' : 'deleted_at is not null',
  )}`.execute(db);

export const robustPlans = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    for (const s of rebuilt) {
      await db.schema.dropIndex(s.name).execute();
      await create(db, s);
    }
    for (const s of added) await create(db, s);
    // a handoff list filtered by assignee, newest first (the old index has status between)
    await db.schema
      .createIndex('handoffs_assignee_qualified')
      .on('handoffs')
      .columns(['assignee_id', 'qualified_at', 'id'])
      .execute();
  },
});
