import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { type Engine, sqlFragments } from '../../db/dialect.js';

const flag = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * The handoffs qualified in [from, to), aggregated in SQL per combination of assignee, team, source,
 * form and campaign: counts, plus the response times joined as text for the percentiles. The report
 * reads a few hundred rows instead of one per handoff.
 */
export const aggregateHandoffCells = (db: Db, engine: Engine, from: string, to: string, now: string) =>
  db
    .selectFrom('handoffs')
    .select([
      'assignee_id',
      'team_id',
      'source',
      'form_id',
      'utm_campaign',
      sql<number>`count(*)`.as('handoffs'),
      flag(sql`responded_at is not null`).as('answered'),
      flag(sql`responded_at is not null and responded_at <= sla_due_at`).as('within_sla'),
      flag(sql`responded_at is not null or sla_due_at < ${now}`).as('judged'),
      flag(sql`accepted_at is not null`).as('accepted'),
      flag(sql`rejected_at is not null`).as('rejected'),
      flag(sql`converted_at is not null`).as('converted'),
      sqlFragments(engine).joinIntegers('response_seconds').as('responses'),
    ])
    .where('qualified_at', '>=', from)
    .where('qualified_at', '<', to)
    .groupBy(['assignee_id', 'team_id', 'source', 'form_id', 'utm_campaign'])
    .execute();

/** Handoffs per UTC day of qualification, for the weekly chart. */
export const aggregateHandoffDays = (db: Db, engine: Engine, from: string, to: string) => {
  const day = sqlFragments(engine).utcDay('qualified_at');
  return db
    .selectFrom('handoffs')
    .select([
      day.as('day'),
      sql<number>`count(*)`.as('handoffs'),
      flag(sql`responded_at is not null and responded_at <= sla_due_at`).as('within_sla'),
      flag(sql`rejected_at is not null`).as('rejected'),
    ])
    .where('qualified_at', '>=', from)
    .where('qualified_at', '<', to)
    .groupBy(day)
    .execute();
};

export const countRejectReasons = (db: Db, from: string, to: string) =>
  db
    .selectFrom('handoffs')
    .select(['reject_reason', sql<number>`count(*)`.as('n')])
    .where('qualified_at', '>=', from)
    .where('qualified_at', '<', to)
    .where('reject_reason', 'is not', null)
    .groupBy('reject_reason')
    .execute();

export const findNames = async (db: Db) => {
  const [users, teams, forms] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'department']).execute(),
    db.selectFrom('teams').select(['id', 'name']).execute(),
    db.selectFrom('forms').select(['id', 'name']).execute(),
  ]);
  return { users, teams, forms };
};
