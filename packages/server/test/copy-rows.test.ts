import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_FROM_ROWS, insertRows } from '../src/db/copy.js';
import type { Database } from '../src/db/database.js';
import type { Db } from '../src/db/db.js';
import { createTestDatabase } from './harness.js';

/*
 * insertRows: COPY on PostgreSQL from COPY_FROM_ROWS rows on, INSERTs below and on SQLite. Whatever the
 * path, every value reads back as written (tabs, line breaks, backslashes, the COPY null marker, umlauts),
 * a row that leaves a column out gets its default, and a failing batch inside a transaction leaves nothing.
 */

let database: Database;
let dispose: () => Promise<void>;
let db: Db;

interface Probe {
  id: string;
  body?: string | null;
  n?: number | null;
  kind?: string;
}

const tricky = ['Müller\tGmbH', 'Zeile 1\nZeile 2\r\n', 'C:\\Pfad\\N', '\\N', '', '"zitiert"; getrennt', 'ß € 😀'];

const rowsOf = (count: number, prefix: string): Probe[] =>
  Array.from({ length: count }, (_, i) =>
    i % 3 === 2
      ? { id: `${prefix}${String(i).padStart(4, '0')}`, body: tricky[i % tricky.length] as string }
      : {
          id: `${prefix}${String(i).padStart(4, '0')}`,
          body: i % 5 === 0 ? null : (tricky[i % tricky.length] as string),
          n: i % 4 === 0 ? null : i * 1_000_003,
          kind: 'given',
        },
  );

const readBack = async (prefix: string) =>
  (
    await sql<
      Required<Probe>
    >`select id, body, n, kind from copy_probe where id like ${`${prefix}%`} order by id`.execute(db)
  ).rows.map((r) => ({ ...r, n: r.n === null ? null : Number(r.n) }));

const expected = (rows: Probe[]) =>
  rows.map((r) => ({ id: r.id, body: r.body ?? null, n: r.n ?? null, kind: r.kind ?? 'default' }));

beforeAll(async () => {
  ({ database, dispose } = await createTestDatabase());
  db = database.db;
  await sql`create table copy_probe (id text primary key, body text, n bigint, kind text not null default 'default')`.execute(
    db,
  );
});
afterAll(async () => {
  await database.close();
  await dispose();
});

describe('insertRows', () => {
  it.each([
    ['a few rows (INSERT on both engines)', COPY_FROM_ROWS - 1, 'few-'],
    ['many rows (COPY on PostgreSQL)', COPY_FROM_ROWS * 4 + 7, 'many-'],
  ])('%s read back exactly, defaults where a row leaves a column out', async (_, count, prefix) => {
    const rows = rowsOf(count, prefix);
    await db.transaction().execute((trx) => insertRows(trx, 'copy_probe', rows, 40));
    expect(await readBack(prefix)).toEqual(expected(rows));
  });

  it('a batch that fails inside its transaction leaves none of its rows', async () => {
    const rows = rowsOf(COPY_FROM_ROWS * 2, 'fail-');
    // the last row repeats a key the batch already wrote
    rows.push({ ...(rows[0] as Probe) });
    await expect(db.transaction().execute((trx) => insertRows(trx, 'copy_probe', rows))).rejects.toThrow();
    expect(await readBack('fail-')).toEqual([]);
    // and the connection goes on working
    const again = rowsOf(COPY_FROM_ROWS, 'after-');
    await insertRows(db, 'copy_probe', again);
    expect(await readBack('after-')).toEqual(expected(again));
  });
});
