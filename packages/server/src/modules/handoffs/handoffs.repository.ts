import type { Db } from '../../db/db.js';
import type { HandoffsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const selectHandoffs = (db: Db) =>
  db
    .selectFrom('handoffs as h')
    .innerJoin('contacts as c', 'c.id', 'h.contact_id')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('users as asg', 'asg.id', 'h.assignee_id')
    .leftJoin('users as q', 'q.id', 'h.qualified_by')
    .selectAll('h')
    .select([
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.job_title',
      'c.account_id',
      'c.score',
      'a.name as account_name',
      'asg.name as assignee_name',
      'asg.department as assignee_department',
      'q.name as qualifier_name',
      'q.department as qualifier_department',
      (eb) =>
        eb
          .selectFrom('deals as dl')
          .select('dl.id')
          .whereRef('dl.handoff_id', '=', 'h.id')
          .where('dl.deleted_at', 'is', null)
          .orderBy('dl.created_at')
          .limit(1)
          .as('deal_id'),
    ]);

export type HandoffRow = Awaited<ReturnType<ReturnType<typeof selectHandoffs>['executeTakeFirstOrThrow']>>;

export const findHandoffRow = (db: Db, id: string) => selectHandoffs(db).where('h.id', '=', id).executeTakeFirst();

export const findLiveHandoffOfContact = (db: Db, contactId: string) =>
  db
    .selectFrom('handoffs')
    .select(['id', 'status'])
    .where('contact_id', '=', contactId)
    .where('status', 'in', ['open', 'accepted'])
    .executeTakeFirst();

export interface HandoffFilter {
  status?: string;
  assigneeId?: string | null;
  contactId?: string;
  qualifiedBy?: string;
  now: string;
  limit: number;
  cursor?: string;
}

/** Newest qualification first; `breached` means open, unanswered and past due. */
export const listHandoffRows = (db: Db, f: HandoffFilter) => {
  let q = selectHandoffs(db);
  if (f.status === 'breached') {
    q = q.where('h.status', '=', 'open').where('h.responded_at', 'is', null).where('h.sla_due_at', '<', f.now);
  } else if (f.status) {
    q = q.where('h.status', '=', f.status);
  }
  if (f.assigneeId === null) q = q.where('h.assignee_id', 'is', null);
  else if (f.assigneeId) q = q.where('h.assignee_id', '=', f.assigneeId);
  if (f.contactId) q = q.where('h.contact_id', '=', f.contactId);
  if (f.qualifiedBy) q = q.where('h.qualified_by', '=', f.qualifiedBy);
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('h.qualified_at', 'h.id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('h.qualified_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(f.limit + 1)
    .execute();
};

/** Handoffs whose `column` (breach, rejection, recycling) falls in [from, to), oldest first. */
export const listHandoffRowsByEvent = (
  db: Db,
  column: 'breached_at' | 'rejected_at' | 'recycled_at',
  from: string,
  to: string,
) =>
  selectHandoffs(db)
    .where(`h.${column}`, '>=', from)
    .where(`h.${column}`, '<', to)
    .orderBy(`h.${column}`)
    .orderBy('h.id')
    .execute();

export const insertHandoff = (db: Db, row: HandoffsTable) => db.insertInto('handoffs').values(row).execute();

export const updateHandoffRow = (db: Db, id: string, version: number, set: Partial<HandoffsTable>) =>
  db
    .updateTable('handoffs')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** What routing needs to know about a contact. */
export const findRoutingFacts = (db: Db, contactId: string) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.lifecycle_stage',
      'c.version',
      'c.source',
      'a.name as account_name',
      'a.owner_id as account_owner_id',
      'a.country',
      'a.postcode',
      'a.industry',
    ])
    .where('c.id', '=', contactId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst();

export const findActiveUserIds = async (db: Db): Promise<string[]> =>
  (await db.selectFrom('users').select('id').where('active', '=', 1).execute()).map((r) => r.id);

/** An active user who may answer a lead: sales members and admins (not viewers). */
export const findAssignableUser = (db: Db, id: string) =>
  db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([eb('role', '=', 'admin'), eb.and([eb('department', '=', 'sales'), eb('role', '=', 'member')])]),
    )
    .executeTakeFirst();

export const findLatestFormTouch = (db: Db, contactId: string) =>
  db
    .selectFrom('touchpoints')
    .select(['form_id', 'utm_campaign', 'utm_source'])
    .where('contact_id', '=', contactId)
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Claims newly breached handoffs once (safe with several instances). */
export const claimBreaches = (db: Db, now: string) =>
  db
    .updateTable('handoffs')
    .set({ breached_at: now })
    .where('status', '=', 'open')
    .where('responded_at', 'is', null)
    .where('breached_at', 'is', null)
    .where('sla_due_at', '<', now)
    .returning(['id', 'contact_id', 'assignee_id', 'sla_due_at'])
    .execute();

export const findLatestHandoffStatus = async (db: Db, contactId: string): Promise<string | null> =>
  (
    await db
      .selectFrom('handoffs')
      .select('status')
      .where('contact_id', '=', contactId)
      .orderBy('qualified_at', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.status ?? null;
