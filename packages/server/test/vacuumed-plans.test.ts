import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/lib/cursor.js';
import { listContactRows } from '../src/modules/contacts/contacts.repository.js';
import { listHandoffRows } from '../src/modules/handoffs/handoffs.repository.js';
import { engine, type TestDatabase } from './harness.js';
import { capturingDb, describePlan, planDatabase, planTables } from './plan-data.js';

/*
 * Plans on a grown table with fresh statistics, as autovacuum (PostgreSQL) and `pragma optimize` (SQLite)
 * leave them; `query-plans.test.ts` checks the same lists with statistics of a much smaller table.
 *
 * - The handoff list reads each handoff's first deal by the index of the deals with a handoff (migration
 *   0050). These deals have none, as after an import or the bench's seed: SQLite's statistics of an index of
 *   every deal said one value for all, and it read every deal per handoff.
 * - PostgreSQL: the contacts of one lifecycle stage by last change read the page's ids from the stage's own
 *   index alone (`contacts_stage_updated`, 0048), then those contacts by id (contacts.repository.ts). Asked for
 *   whole rows, PostgreSQL walks the change index instead and tests the stage on the way, which passes
 *   thousands of contacts when the stages are not mixed evenly in that order. An index-only read needs the
 *   visibility map that VACUUM keeps.
 */

describe(`plans with fresh statistics of a grown table (${engine})`, () => {
  let test: TestDatabase;
  let capture: ReturnType<typeof capturingDb>;

  beforeAll(async () => {
    test = await planDatabase(20_000, 100);
    // the test's own tables (on PostgreSQL its schema shares the database with other tests')
    const tables = planTables.join(', ');
    await sql.raw(engine === 'postgres' ? `vacuum (analyze) ${tables}` : 'analyze').execute(test.database.db);
    capture = capturingDb(test);
  }, 120_000);

  afterAll(async () => {
    await capture?.close();
    await test?.dispose();
  });

  /** The plans of the statements `run` sends: as planned for the values, and (PostgreSQL) the generic one. */
  const plansOf = async (run: () => Promise<unknown>) => {
    capture.captured.length = 0;
    await run();
    const [page] = capture.captured;
    if (!page) throw new Error('no statement');
    const explainGeneric = 'explainGeneric' in capture ? capture.explainGeneric : undefined;
    const plans = [await capture.explain(page)];
    if (explainGeneric) plans.push(await explainGeneric(page));
    return plans.map(describePlan);
  };

  it("the handoff list finds each handoff's deal by the index of deals with a handoff", async () => {
    const run = () => listHandoffRows(capture.db, { now: '2026-01-01T00:00:00.000Z', limit: 50 });
    expect((await run()).length).toBe(51);
    for (const plan of await plansOf(run)) expect(plan).toMatch(/deals_handoff\b/);
  });

  it.runIf(engine === 'postgres').each([
    ['oldest first', 'updatedAt', undefined],
    ['newest first', '-updatedAt', undefined],
    ['newest first, after a cursor', '-updatedAt', encodeCursor('2025-01-05T00:00:00.000Z', 'c5', '-updatedAt')],
  ] as const)('contacts of a stage, %s: the ids from the stage index alone', async (_label, sort, cursor) => {
    const run = () => listContactRows(capture.db, { sort, lifecycleStage: 'mql', limit: 50, cursor });
    const rows = await run();
    expect(rows.length).toBe(51);
    expect(rows.every((r) => r.lifecycle_stage === 'mql' && r.deleted_at === null)).toBe(true);
    for (const plan of await plansOf(run)) {
      expect(plan).toMatch(/Index Only Scan contacts using contacts_stage_updated/);
      expect(plan).not.toMatch(/contacts_updated|Seq Scan contacts/);
    }
  });
});
