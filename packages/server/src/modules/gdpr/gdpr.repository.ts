import type { Insertable } from 'kysely';
import type { Db } from '../../db/db.js';
import type { ConsentsTable } from '../../db/schema.js';

const KEY_SETTING = 'gdpr.hmac_key';

export const findStoredKey = async (db: Db): Promise<string | undefined> =>
  (await db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirst())?.value;

export const insertStoredKeyIfNone = (db: Db, value: string, now: string) =>
  db
    .insertInto('settings')
    .values({ key: KEY_SETTING, value, version: 1, updated_at: now, updated_by: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();

/** The ledger of a contact, newest first, with who recorded each line. */
export const listConsentLedger = (db: Db, contactId: string) =>
  db
    .selectFrom('consents as k')
    .leftJoin('users as u', 'u.id', 'k.recorded_by')
    .select([
      'k.id',
      'k.purpose',
      'k.action',
      'k.status',
      'k.text',
      'k.text_version',
      'k.source',
      'k.given_at',
      'k.confirmed_at',
      'k.after_suppression',
      'u.id as user_id',
      'u.name as user_name',
      'u.department as user_department',
    ])
    .where('k.contact_id', '=', contactId)
    .orderBy('k.given_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
export type ConsentLedgerRow = Awaited<ReturnType<typeof listConsentLedger>>[number];

export const insertConsentLine = (db: Db, row: Insertable<ConsentsTable>) =>
  db.insertInto('consents').values(row).execute();

export const setContactConsentStatus = (db: Db, contactId: string, status: string | null) =>
  db.updateTable('contacts').set({ consent_status: status }).where('id', '=', contactId).execute();

export const markContactDeleted = (db: Db, id: string, now: string) =>
  db.updateTable('contacts').set({ deleted_at: now }).where('id', '=', id).where('deleted_at', 'is', null).execute();

export const findContactForGdpr = (db: Db, id: string) =>
  db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();

export const insertSuppression = (db: Db, hash: string, reason: string, now: string) =>
  db
    .insertInto('suppressions')
    .values({ email_hash: hash, reason, created_at: now })
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .execute();

export const hasSuppression = async (db: Db, hash: string): Promise<boolean> =>
  (await db.selectFrom('suppressions').select('email_hash').where('email_hash', '=', hash).executeTakeFirst()) !==
  undefined;

/**
 * Leads that came only through a double opt-in never confirmed, pending since before `before`: no
 * confirmed consent, no consent line since, and no deal.
 */
export const listStaleUnconfirmed = (db: Db, before: string, limit: number) =>
  db
    .selectFrom('contacts as c')
    .selectAll('c')
    .where('c.consent_status', '=', 'pending')
    .where('c.erased_at', 'is', null)
    .where('c.lifecycle_stage', '=', 'lead')
    .where('c.created_at', '<', before)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('deal_contacts as d').select('d.deal_id').whereRef('d.contact_id', '=', 'c.id'))),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('consents as k')
            .select('k.id')
            .whereRef('k.contact_id', '=', 'c.id')
            .where((x) => x.or([x('k.status', '=', 'confirmed'), x('k.given_at', '>=', before)])),
        ),
      ),
    )
    .limit(limit)
    .execute();
