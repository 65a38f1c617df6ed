import { sql } from 'kysely';
import type { AppContext } from '../src/context.js';
import type { Db } from '../src/db/db.js';
import { resolvePipeline } from '../src/modules/pipelines/pipelines.service.js';
import { defaultSla } from '../src/modules/settings/settings.defaults.js';
import { createUser } from '../src/modules/users/users.service.js';
import { loadPostgres } from '../src/scripts/seed.postgres.js';
import type { SeedPlan } from '../src/scripts/seed.rows.js';
import { loadSqlite } from '../src/scripts/seed.sqlite.js';
import { PASSWORD, type TestDatabase } from './harness.js';

/** A small seed plan over a migrated test database: one sales owner, the default pipeline, no extras by default. */
export const smallSeedPlan = async (
  ctx: AppContext,
  counts: Pick<SeedPlan, 'accounts' | 'contacts'> & Partial<SeedPlan>,
): Promise<SeedPlan> => {
  const owner = await createUser(ctx, null, {
    email: 'seed.owner@nenner.test',
    name: 'Seed Owner',
    department: 'sales',
    role: 'member',
    password: PASSWORD,
  });
  const { pipeline, stages } = await resolvePipeline(ctx.db);
  return {
    ownerIds: [owner.id],
    offset: 0,
    handoffs: 0,
    deals: 0,
    campaigns: 0,
    touchpoints: 0,
    accountTimeline: 0,
    pipeline: { id: pipeline.id, stages: stages.map((st) => ({ id: st.id, kind: st.kind })) },
    sla: defaultSla,
    users: [{ id: owner.id, department: 'sales' }],
    ...counts,
  };
};

/** Loads a plan as `npm run seed` does, through the engine's bulk loader. */
export const loadSeedPlan = async (database: TestDatabase, plan: SeedPlan): Promise<number> => {
  const quiet = () => undefined;
  const target = database.config.database;
  return target.kind === 'sqlite' ? loadSqlite(target.file, plan, quiet) : loadPostgres(target.url, plan, quiet);
};

/**
 * SQLite: FTS5's own check of every index over the search documents, with rank 1 reading each against its
 * documents: it fails on any difference (a document changed behind the index's back fails it, checked).
 */
export const checkSearchIndexes = async (db: Db): Promise<void> => {
  for (const kind of ['contact', 'account', 'deal'])
    for (const index of ['fts', 'words']) {
      const t = `${kind}_search_${index}`;
      await sql`insert into ${sql.table(t)} (${sql.ref(t)}, rank) values ('integrity-check', 1)`.execute(db);
    }
};
