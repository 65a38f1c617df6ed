import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { Engine } from '../../db/dialect.js';
import type { ConsentsTable, FormSubmissionsTable } from '../../db/schema.js';

/**
 * Serialises lead ingestion for one email address until the transaction ends, so the same lead posted
 * twice at once makes one contact. PostgreSQL only: SQLite has a single writer already.
 */
export const lockLeadEmail = async (db: Db, engine: Engine, email: string): Promise<void> => {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`lead:${email}`}))`.execute(db);
};

export const findContactByEmail = (db: Db, email: string) =>
  db
    .selectFrom('contacts')
    .select([
      'id',
      'version',
      'first_name',
      'last_name',
      'job_title',
      'phone',
      'account_id',
      'first_utm_source',
      'lifecycle_stage',
      'consent_status',
    ])
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();

export const findAccountByDomain = (db: Db, domain: string) =>
  db
    .selectFrom('accounts')
    .select(['id'])
    .where('domain', '=', domain)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();

export const findAccountByName = (db: Db, sortName: string) =>
  db
    .selectFrom('accounts')
    .select(['id'])
    .where('sort_name', '=', sortName)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();

export const findRecentSubmission = (db: Db, formId: string | null, email: string, since: string) => {
  let q = db
    .selectFrom('form_submissions')
    .select(['result'])
    .where('email', '=', email)
    .where('created_at', '>=', since);
  q = formId ? q.where('form_id', '=', formId) : q.where('form_id', 'is', null);
  return q.orderBy('created_at', 'desc').executeTakeFirst();
};

export const insertSubmission = (db: Db, row: FormSubmissionsTable) =>
  db.insertInto('form_submissions').values(row).execute();

export const insertConsent = (db: Db, row: Insertable<ConsentsTable>) =>
  db.insertInto('consents').values(row).execute();

export const confirmConsentByToken = (db: Db, tokenHash: string, now: string) =>
  db
    .updateTable('consents')
    .set({ status: 'confirmed', confirmed_at: now })
    .where('confirm_token_hash', '=', tokenHash)
    .where('status', '=', 'pending')
    .returning(['contact_id'])
    .executeTakeFirst();

export const findConsentByToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('consents')
    .select(['contact_id', 'status'])
    .where('confirm_token_hash', '=', tokenHash)
    .executeTakeFirst();

export const updateLeadColumns = (
  db: Db,
  id: string,
  set: {
    first_utm_source?: string | null;
    last_utm_source?: string | null;
    consent_status?: string | null;
  },
) => db.updateTable('contacts').set(set).where('id', '=', id).execute();

/** A contact's fit facts and its touches, for scoring. */
export const findScoringFacts = async (db: Db, contactId: string) => {
  const contact = await db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.email',
      'c.job_title',
      'c.source',
      'c.lifecycle_stage',
      'c.score',
      'c.scored_at',
      'a.industry',
      'a.country',
      'a.employee_band',
    ])
    .where('c.id', '=', contactId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!contact) return undefined;
  const touches = await db
    .selectFrom('touchpoints')
    .select(['type', 'occurred_at'])
    .where('contact_id', '=', contactId)
    .orderBy('occurred_at', 'desc')
    .limit(500)
    .execute();
  return { contact, touches };
};

/** Fills only empty fields of an existing contact from a form; never overwrites what colleagues entered. */
export const fillContactGaps = (
  db: Db,
  id: string,
  version: number,
  set: Partial<{
    first_name: string;
    sort_first_name: string;
    last_name: string;
    sort_last_name: string;
    job_title: string;
    phone: string;
    account_id: string;
  }>,
  now: string,
) =>
  db
    .updateTable('contacts')
    .set({ ...set, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/**
 * Stores a computed score and the instant it was computed for. A derived figure: it moves neither the
 * version nor `updated_at`, so the hourly rescore never turns a colleague's open edit into a conflict.
 */
export const storeScore = (db: Db, id: string, score: number, scoredAt: string) =>
  db.updateTable('contacts').set({ score, scored_at: scoredAt }).where('id', '=', id).execute();

/**
 * Live contacts after `afterId` (id order) whose stored score can be out of date: never scored; a touch
 * after `touchedSince` (one still fading, or one dated ahead that starts to count); or the contact or its
 * account written after the score (a merge, an import or an erasure changes fit facts without rescoring).
 */
export const listRescoreCandidates = async (db: Db, touchedSince: string, afterId: string, limit: number) =>
  (
    await db
      .selectFrom('contacts as c')
      .leftJoin('accounts as a', 'a.id', 'c.account_id')
      .select('c.id')
      .where('c.deleted_at', 'is', null)
      .where('c.id', '>', afterId)
      .where((eb) =>
        eb.or([
          eb('c.scored_at', 'is', null),
          eb('c.updated_at', '>', eb.ref('c.scored_at')),
          eb('a.updated_at', '>', eb.ref('c.scored_at')),
          // one seek per contact into touchpoints_contact (contact_id, occurred_at): a batch reads what it
          // walks, where an `in (…)` over the window's touches built a set of every fading touch per batch
          eb.exists(
            eb
              .selectFrom('touchpoints as t')
              .select('t.id')
              .whereRef('t.contact_id', '=', 'c.id')
              .where('t.occurred_at', '>', touchedSince),
          ),
        ]),
      )
      .orderBy('c.id')
      .limit(limit)
      .execute()
  ).map((r) => r.id);

/** Live contacts after `afterId` in id order, optionally of one account: a batch of a full rescore. */
export const listLiveContactIds = async (db: Db, afterId: string, limit: number, accountId?: string) => {
  let q = db.selectFrom('contacts').select('id').where('deleted_at', 'is', null).where('id', '>', afterId);
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
};
