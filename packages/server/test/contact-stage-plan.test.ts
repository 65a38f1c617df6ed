import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/database.js';
import { encodeCursor } from '../src/lib/cursor.js';
import { listContactRows } from '../src/modules/contacts/contacts.repository.js';
import { createTestDatabase, engine, type TestDatabase } from './harness.js';
import { capturingDb, describePlan, insertBase, insertRows } from './plan-data.js';

/*
 * PostgreSQL: the contacts of one lifecycle stage by last change read the page's ids from the stage's own
 * index alone (`contacts_stage_updated`, migration 0048), then those contacts by id (contacts.repository.ts).
 * Asked for whole rows, PostgreSQL walks the change index instead and tests the stage on the way, which
 * passes thousands of contacts when the stages are not mixed evenly in that order. An index-only read needs
 * the visibility map that VACUUM keeps (autovacuum does after inserts), so the table is vacuumed first; the
 * plan test (query-plans.test.ts), whose tables are never vacuumed, checks that no plan sorts the table.
 */

describe.runIf(engine === 'postgres')('contacts of a stage by last change (PostgreSQL)', () => {
  let test: TestDatabase;
  let capture: ReturnType<typeof capturingDb>;

  beforeAll(async () => {
    test = await createTestDatabase();
    await migrateToLatest(test.database);
    await insertBase(test.database);
    await insertRows(test.database, 1, 20_000, 100);
    await sql`vacuum (analyze) contacts`.execute(test.database.db);
    capture = capturingDb(test);
  }, 120_000);

  afterAll(async () => {
    await capture?.close();
    await test?.dispose();
  });

  it.each([
    ['oldest first', 'updatedAt', undefined],
    ['newest first', '-updatedAt', undefined],
    ['newest first, after a cursor', '-updatedAt', encodeCursor('2025-01-05T00:00:00.000Z', 'c5', '-updatedAt')],
  ] as const)('%s: the ids from the stage index alone, in both plans', async (_label, sort, cursor) => {
    capture.captured.length = 0;
    const rows = await listContactRows(capture.db, { sort, lifecycleStage: 'mql', limit: 50, cursor });
    expect(rows.length).toBe(51);
    expect(rows.every((r) => r.lifecycle_stage === 'mql' && r.deleted_at === null)).toBe(true);
    const [page] = capture.captured;
    if (!page) throw new Error('no statement');
    const explainGeneric = 'explainGeneric' in capture ? capture.explainGeneric : undefined;
    if (!explainGeneric) throw new Error('no generic plans on this engine');
    for (const plan of [await capture.explain(page), await explainGeneric(page)]) {
      const described = describePlan(plan);
      expect(described).toMatch(/Index Only Scan contacts using contacts_stage_updated/);
      expect(described).not.toMatch(/contacts_updated|Seq Scan/);
    }
  });
});
