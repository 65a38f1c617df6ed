import type { Kysely } from 'kysely';

/**
 * The SLA report aggregates every handoff of a period. A covering index lets it read only the index
 * (in qualification order) instead of fetching each handoff's row from the table.
 */
export const slaReport = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('handoffs_report')
      .on('handoffs')
      .columns([
        'qualified_at',
        'assignee_id',
        'team_id',
        'source',
        'form_id',
        'utm_campaign',
        'sla_due_at',
        'responded_at',
        'response_seconds',
        'accepted_at',
        'rejected_at',
        'converted_at',
        'reject_reason',
      ])
      .execute();
  },
});
