import { type Kysely, type Migration, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createTestDatabase, engine, type TestDatabase } from './harness.js';

/*
 * A migration that fails leaves the database at the version it had before the run: the run's other
 * migrations are undone with it (they share one transaction, on SQLite too), and the error names the
 * failing migration and the version the database stays at.
 */

const tableExists = async (t: TestDatabase, name: string) => {
  const tables = await t.database.db.introspection.getTables();
  return tables.some((x) => x.name === name);
};

const applied = async (t: TestDatabase) =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.database.db)).rows.map(
    (r) => r.name,
  );

const createProbe = (name: string) => async (db: Kysely<unknown>) => {
  await db.schema
    .createTable(name)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .execute();
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.dispose();
});

describe(`a failing migration on ${engine}`, () => {
  it('leaves the database at the previous version and says which failed', async () => {
    const current = migrations(engine);
    await migrateToLatest(t.database, current);
    const before = await applied(t);
    const last = Object.keys(current).sort().at(-1);

    const broken: Record<string, Migration> = {
      ...current,
      '9998_probe': { up: createProbe('ops_probe') },
      '9999_broken': {
        async up(db) {
          await createProbe('ops_probe_broken')(db);
          await sql`insert into no_such_table values (1)`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(t.database, broken)).rejects.toThrow(
      new RegExp(`^Migration 9999_broken failed: .*no_such_table.*The database stays at migration ${last}\\.$`, 's'),
    );

    expect(await applied(t)).toEqual(before);
    expect(await tableExists(t, 'ops_probe')).toBe(false);
    expect(await tableExists(t, 'ops_probe_broken')).toBe(false);

    // fixed, the same run applies cleanly on top
    await migrateToLatest(t.database, { ...current, '9998_probe': { up: createProbe('ops_probe') } });
    expect(await applied(t)).toEqual([...before, '9998_probe']);
    expect(await tableExists(t, 'ops_probe')).toBe(true);
  });
});
