import { type Kysely, sql } from 'kysely';
import { funnelStepColumns } from './0010_funnel.js';

/**
 * The SLA report groups a period's handoffs by assignee, team, source, form, campaign and reject reason.
 * Over `handoffs_report` (ordered by qualification) SQLite sorts every handoff of the period into those
 * groups in a temporary B-tree, ~8× the cost of reading them. This covering index holds the handoffs in
 * the groups' order, so a long period is grouped in one walk without a sort (reports.repository.ts says
 * when it is read).
 *
 * The funnel by campaign or channel groups the cohort (contacts that became leads in the period) by source
 * campaign, which over `contacts_funnel_facts` (ordered by lead date) sorts every cohort contact too. The
 * same facts ordered by campaign, then lead date, let each campaign seek its period's range in order.
 */
export const reportCells = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('handoffs_cells')
      .on('handoffs')
      .columns([
        'assignee_id',
        'team_id',
        'source',
        'form_id',
        'utm_campaign',
        'reject_reason',
        'qualified_at',
        'sla_due_at',
        'responded_at',
        'response_seconds',
        'accepted_at',
        'rejected_at',
        'converted_at',
      ])
      .execute();
    await db.schema
      .createIndex('contacts_funnel_campaigns')
      .on('contacts')
      .columns(['source_campaign_id', 'lead_at', 'funnel_reach', ...funnelStepColumns])
      .where(sql<boolean>`deleted_at is null and lead_at is not null`)
      .execute();
  },
});
