import { type Kysely, sql } from 'kysely';
import { type Engine, sqlFragments } from '../dialect.js';
import { stampedStages } from './0007_campaigns.js';

/** The funnel steps (each stage after lead) and the column holding the tenths of days it took. */
export const funnelStepColumns = stampedStages.slice(1).map((stage) => `${stage}_tenths`);

/**
 * The funnel report reads, per cohort contact, how far it got and how many days each step took. Those
 * are generated columns (virtual on SQLite, stored on PostgreSQL), so every write path keeps them true
 * without a trigger and bulk loaders need not fill them: `funnel_reach` is the index of the furthest
 * stage stamped (0 lead … 5 customer), `<stage>_tenths` the days from the previous stage's stamp in
 * whole tenths (NULL unless both are stamped). One partial index holds them with the lead stamp and
 * the group keys, so a period's funnel is one range scan that touches no table row.
 */
export const funnel = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const kind = sql.raw(engine === 'postgres' ? 'stored' : 'virtual');
    const reach = [...stampedStages]
      .reverse()
      .map((stage, i) => sql`when ${sql.ref(`${stage}_at`)} is not null then ${sql.lit(stampedStages.length - 1 - i)}`);
    const { tenthsOfDaysBetween } = sqlFragments(engine);
    const columns = [
      sql`add column funnel_reach integer generated always as (case ${sql.join(reach, sql` `)} end) ${kind}`,
      ...funnelStepColumns.map((column, i) => {
        const days = tenthsOfDaysBetween(`${stampedStages[i]}_at`, `${stampedStages[i + 1]}_at`);
        return sql`add column ${sql.ref(column)} integer generated always as (${days}) ${kind}`;
      }),
    ];
    // PostgreSQL rewrites the table (and its indexes) for stored columns: once, with all of them. SQLite
    // adds one column per statement, and a virtual column costs nothing to add.
    if (engine === 'postgres') await sql`alter table contacts ${sql.join(columns)}`.execute(db);
    else for (const column of columns) await sql`alter table contacts ${column}`.execute(db);
    await db.schema
      .createIndex('contacts_funnel_facts')
      .on('contacts')
      .columns(['lead_at', 'funnel_reach', ...funnelStepColumns, 'source', 'source_campaign_id', 'owner_id'])
      .where(sql<boolean>`deleted_at is null and lead_at is not null`)
      .execute();
  },
});
