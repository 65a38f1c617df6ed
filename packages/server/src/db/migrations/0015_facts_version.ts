import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { versionBumpFunctions } from './0024_version_lock_order.js';

/** Tables whose writes can change a goal's figures (its metric's rows, filters and settings). */
const factSources = [
  'contacts',
  'handoffs',
  'deals',
  'deal_contacts',
  'touchpoints',
  'campaigns',
  'campaign_costs',
  'team_members',
  'tasks',
  'settings',
] as const;

/** Bumps the `facts` data version once: after a bulk load or a truncation, which pass the triggers by. */
export const BUMP_FACTS = `UPDATE data_versions SET version = version + 1 WHERE name = 'facts'`;

/**
 * The `facts` data version, bumped by a trigger on every write to a table goal figures are read from,
 * so computed figures can be kept until the data under them changes. Exported so bulk loaders can drop
 * them for a load, recreate them and bump the version once.
 */
export const factsVersionTriggers = (engine: Engine) => {
  if (engine === 'postgres') {
    return {
      create: [
        // the same function 0024 replaces it with (both version rows locked in name order)
        versionBumpFunctions.facts,
        ...factSources.map(
          (t) =>
            `CREATE TRIGGER ${t}_facts_version AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION nenner_bump_facts()`,
        ),
      ],
      drop: factSources.map((t) => `DROP TRIGGER IF EXISTS ${t}_facts_version ON ${t}`),
    };
  }
  return {
    create: factSources.flatMap((t) =>
      (['INSERT', 'UPDATE', 'DELETE'] as const).map(
        (op) => `CREATE TRIGGER ${t}_facts_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN ${BUMP_FACTS}; END`,
      ),
    ),
    drop: factSources.flatMap((t) =>
      ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER IF EXISTS ${t}_facts_${op}`),
    ),
  };
};

export const factsVersion = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`insert into data_versions (name, version) values ('facts', 1)`.execute(db);
    for (const statement of factsVersionTriggers(engine).create) await sql.raw(statement).execute(db);
  },
});
