import { type Kysely, sql } from 'kysely';

/*
 * A handoff's deal (the handoff list shows each handoff's first deal, by creation): the index of the deals by
 * handoff held every deal, and in a workspace whose deals came without a handoff (an import, the bench's seed)
 * SQLite's statistics said one value for all of them. It then read every deal for each handoff of the page
 * (1M contacts, 100,000 deals: 650–800 ms a page of 50). The index now holds only the deals with a handoff,
 * in creation order, so each lookup is a short range already sorted, whatever the statistics.
 */
export const dealHandoffOrder = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`drop index deals_handoff`.execute(db);
    await sql`create index deals_handoff on deals (handoff_id, created_at, id) where handoff_id is not null`.execute(
      db,
    );
  },
});
