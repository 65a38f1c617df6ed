import type { Db } from '../../db/db.js';

/**
 * The targeted part of an erasure: the places known to hold the person's data by their contact id. What
 * counts (the row, its stages, touches, memberships, handoffs, registrations) stays as an anonymous row.
 */
export const anonymiseContactRow = (db: Db, id: string, now: string) =>
  db
    .updateTable('contacts')
    .set({
      first_name: '',
      last_name: '',
      sort_first_name: '',
      sort_last_name: '',
      email: null,
      emails: '[]',
      phone: null,
      job_title: null,
      tags: '[]',
      consent_status: null,
      phone_key: null,
      name_key: null,
      keys_at: null,
      erased_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();

/** Timeline entries, notes and audit before/after values about the contact: kept as bare rows. */
export const blankContactTimeline = async (db: Db, id: string): Promise<void> => {
  await db
    .updateTable('timeline_entries')
    .set({ body: null, data: null })
    .where('entity_type', '=', 'contact')
    .where('entity_id', '=', id)
    .execute();
  await db
    .updateTable('activities')
    .set({ subject: '', summary: null })
    .where('entity_type', '=', 'contact')
    .where('entity_id', '=', id)
    .execute();
  await db
    .updateTable('tasks')
    .set({ description: null })
    .where('entity_type', '=', 'contact')
    .where('entity_id', '=', id)
    .execute();
  await db
    .updateTable('notifications')
    .set({ data: null })
    .where('entity_type', '=', 'contact')
    .where('entity_id', '=', id)
    .execute();
};

/** Form submissions, touches' free text, event registrations and invitations of the contact. */
export const blankContactTraces = async (db: Db, id: string): Promise<void> => {
  await db.updateTable('form_submissions').set({ email: '' }).where('contact_id', '=', id).execute();
  // the page stays for the reports; its query string may carry the address
  const touches = await db
    .selectFrom('touchpoints')
    .select(['id', 'landing_page'])
    .where('contact_id', '=', id)
    .execute();
  for (const t of touches) {
    await db
      .updateTable('touchpoints')
      .set({ referrer: null, landing_page: t.landing_page?.split(/[?#]/)[0] ?? null })
      .where('id', '=', t.id)
      .execute();
  }
  await db
    .updateTable('event_registrations')
    .set({ email: '', first_name: '', last_name: '', company: null })
    .where('contact_id', '=', id)
    .execute();
  await db.updateTable('event_invitations').set({ email: '' }).where('contact_id', '=', id).execute();
};

/** Mails still waiting to go to one of the addresses: dropped, not sent after the erasure. */
export const deleteQueuedMailsTo = async (db: Db, emails: readonly string[]): Promise<void> => {
  for (const email of emails) {
    await db
      .deleteFrom('jobs')
      .where('name', '=', 'send_email')
      .where('payload', 'like', `%${JSON.stringify(email).slice(1, -1)}%`)
      .execute();
  }
};

/** Merge snapshots that involve the contact: their JSON, for the service to scrub. */
export const listMergeSnapshots = (db: Db, id: string) =>
  db
    .selectFrom('merges')
    .select(['id', 'snapshot'])
    .where('entity_type', '=', 'contact')
    .where((eb) => eb.or([eb('survivor_id', '=', id), eb('merged_id', '=', id)]))
    .execute();

export const updateMergeSnapshot = (db: Db, id: string, snapshot: string) =>
  db.updateTable('merges').set({ snapshot }).where('id', '=', id).execute();
