import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { Db } from '../src/db/db.js';
import { MAX_PER_CONNECTION, StatementNames } from '../src/db/pg-statements.js';
import { createTestDatabase, engine } from './harness.js';

/*
 * Named statements on PostgreSQL (db/pg-statements.ts, db/pg-pool.ts): which texts get a name, and what
 * happens when a named statement's table changes its columns while the server runs.
 */

describe('which statements PostgreSQL gets named', () => {
  const cases: [string, boolean[]][] = [
    ['select 1', [false, false, true, true]],
    ['  WITH q AS (select 2) select * from q', [false, false, true]],
    ['insert into t (a) values ($1)', [false, false, true]],
    ['update t set a = $1', [false, false, true]],
    ['delete from t where a = $1', [false, false, true]],
    ['begin', [false, false, false, false]],
    ['set local statement_timeout = 1000', [false, false, false]],
    ['create table t (a int)', [false, false, false]],
  ];
  it.each(cases)('%s', (text, expected) => {
    const names = new StatementNames();
    const given = expected.map(() => names.nameOf(text));
    expect(given.map((n) => n !== undefined)).toEqual(expected);
    // once named, always the same name
    expect(new Set(given.filter(Boolean)).size).toBeLessThanOrEqual(1);
  });

  it('gives different texts different names, and counts each text on its own', () => {
    const names = new StatementNames();
    const a = [1, 2, 3].map(() => names.nameOf('select 3'));
    const b = [1, 2].map(() => names.nameOf('select 4'));
    expect(a[2]).toBeDefined();
    expect(b).toEqual([undefined, undefined]);
    expect(names.nameOf('select 4')).not.toBe(a[2]);
  });
});

describe.runIf(engine === 'postgres')('a named statement whose table changes', () => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const test = await createTestDatabase();
    database = test.database;
    dispose = test.dispose;
    await sql`create table probe_rows (a integer not null)`.execute(database.db);
    await sql`insert into probe_rows (a) values (1), (2)`.execute(database.db);
  });
  afterAll(async () => dispose?.());

  const read = (db: Db = database.db) =>
    db
      .selectFrom('probe_rows' as never)
      .selectAll()
      .orderBy('a' as never)
      .execute();

  it('answers with the new columns after the change, outside a transaction', async () => {
    for (let i = 0; i < 6; i++) expect(await read()).toEqual([{ a: 1 }, { a: 2 }]);
    await sql`alter table probe_rows add column b text not null default 'x'`.execute(database.db);
    expect(await read()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'x' },
    ]);
    expect(await read()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'x' },
    ]);
  });

  it('fails the transaction it ran in, and the next one succeeds', async () => {
    const inTransaction = () => database.db.transaction().execute((trx) => read(trx));
    for (let i = 0; i < 6; i++) await inTransaction();
    await sql`alter table probe_rows add column c integer not null default 7`.execute(database.db);
    await expect(inTransaction()).rejects.toMatchObject({ code: '0A000' });
    expect(await inTransaction()).toEqual([
      { a: 1, b: 'x', c: 7 },
      { a: 2, b: 'x', c: 7 },
    ]);
  });

  it(`closes a connection that would hold more than ${MAX_PER_CONNECTION} named statements, and answers throughout`, async () => {
    const pid = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]?.pid;
    const first = await pid();
    // one after another: the pool hands out the same connection each time
    for (let n = 0; n < MAX_PER_CONNECTION + 1; n++) {
      for (let run = 0; run < 3; run++) {
        const { rows } = await sql<{ v: number }>`select ${sql.raw(String(n))} + ${run}::int as v`.execute(database.db);
        expect(rows).toEqual([{ v: n + run }]);
      }
    }
    const next = await pid();
    expect(next).toBeDefined();
    expect(next).not.toBe(first);
  });
});
