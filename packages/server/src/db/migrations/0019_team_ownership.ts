import type { Kysely } from 'kysely';

/**
 * Team ownership (issue 12): a team may own accounts, campaigns and goals. Campaigns (0007) and goals
 * (0012) have named a team since they were made; accounts gain the column here, and all three get an
 * index for the lists' `teamId` filter and the team page's counts.
 *
 * Teams cannot be deleted today (no endpoint removes one). If that comes, a deleted team lets go of what
 * it owned: the records stay and lose their team. The accounts' reference does that by itself
 * (ON DELETE SET NULL); campaigns' and goals' older references do not, so the deleting service must set
 * their `team_id` to null in the same transaction (and drop the team from routing rules).
 */
export const teamOwnership = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('accounts')
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('accounts_team').on('accounts').column('team_id').execute();
    await db.schema.createIndex('campaigns_team').on('campaigns').column('team_id').execute();
    await db.schema.createIndex('goals_team').on('goals').column('team_id').execute();
  },
});
