import type { Db } from '../timeline/timeline.repository.js';

/** The handoffs qualified in [from, to), only the columns the report reads. */
export const findHandoffFacts = (db: Db, from: string, to: string) =>
  db
    .selectFrom('handoffs')
    .select([
      'assignee_id',
      'team_id',
      'source',
      'form_id',
      'utm_campaign',
      'qualified_at',
      'sla_due_at',
      'responded_at',
      'response_seconds',
      'accepted_at',
      'rejected_at',
      'converted_at',
      'reject_reason',
    ])
    .where('qualified_at', '>=', from)
    .where('qualified_at', '<', to)
    .execute();

export const findNames = async (db: Db) => {
  const [users, teams, forms] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'department']).execute(),
    db.selectFrom('teams').select(['id', 'name']).execute(),
    db.selectFrom('forms').select(['id', 'name']).execute(),
  ]);
  return { users, teams, forms };
};
