import type { Db } from '../../db/db.js';

/** Everything stored about one contact, table by table, for the Art. 15 export (read only). */
export const readPersonData = async (db: Db, id: string) => {
  const [timeline, touchpoints, handoffs, registrations, memberships, submissions] = await Promise.all([
    db
      .selectFrom('timeline_entries')
      .select(['id', 'kind', 'action', 'body', 'data', 'created_at'])
      .where('entity_type', '=', 'contact')
      .where('entity_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('touchpoints')
      .select([
        'id',
        'type',
        'occurred_at',
        'campaign_key',
        'utm_source',
        'utm_medium',
        'utm_campaign',
        'utm_term',
        'utm_content',
        'referrer',
        'landing_page',
      ])
      .where('contact_id', '=', id)
      .orderBy('occurred_at')
      .execute(),
    db
      .selectFrom('handoffs')
      .select(['id', 'status', 'qualified_at', 'qualified_reason', 'accepted_at', 'rejected_at', 'reject_reason'])
      .where('contact_id', '=', id)
      .orderBy('qualified_at')
      .execute(),
    db
      .selectFrom('event_registrations as r')
      .innerJoin('events as e', 'e.id', 'r.event_id')
      .select([
        'r.id',
        'e.title as event',
        'r.email',
        'r.first_name',
        'r.last_name',
        'r.company',
        'r.status',
        'r.registered_at',
        'r.confirmed_at',
        'r.cancelled_at',
        'r.checked_in_at',
      ])
      .where('r.contact_id', '=', id)
      .orderBy('r.registered_at')
      .execute(),
    db
      .selectFrom('campaign_members as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select(['c.id as campaign_id', 'c.name as campaign', 'm.status', 'm.added_via', 'm.created_at'])
      .where('m.contact_id', '=', id)
      .orderBy('m.created_at')
      .execute(),
    db
      .selectFrom('form_submissions as s')
      .leftJoin('forms as f', 'f.id', 's.form_id')
      .select(['s.id', 'f.name as form', 's.email', 's.created_at'])
      .where('s.contact_id', '=', id)
      .orderBy('s.created_at')
      .execute(),
  ]);
  return { timeline, touchpoints, handoffs, registrations, memberships, submissions };
};
