import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { NennerSqliteDialect } from '../src/db/sqlite-dialect.js';
import { withStatementCache } from '../src/db/sqlite-statements.js';

/*
 * Nenner reads SQLite rows as arrays and builds the objects itself (src/db/sqlite-statements.ts). Each
 * statement below is run both ways: through Kysely on that path, and through better-sqlite3's own objects.
 * The rows must be equal, keys in the same order. Driver-level, so it needs no workspace: an in-memory file.
 */

const file = new SQLite(':memory:');
file.exec(`
  create table a (id integer primary key, name text, amount real, data blob, note text);
  create table b (id integer primary key, a_id integer, name text);
  insert into a values (1, 'Müller & Söhne', 12.5, x'00ff10', null), (2, 'Ærø "quoted"', -3, null, 'n');
  insert into b values (10, 1, 'Zweig'), (11, 1, null), (12, 2, 'Ast');
`);
const db = new Kysely<never>({ dialect: new NennerSqliteDialect(withStatementCache(file)) });

afterAll(async () => {
  await db.destroy();
});

const cases: { name: string; statement: string; parameters?: unknown[] }[] = [
  { name: 'all columns, with null, real, negative and blob values', statement: 'select * from a order by id' },
  {
    name: 'a join whose tables share column names (the later one wins)',
    statement: 'select a.*, b.* from a join b on b.a_id = a.id order by b.id',
  },
  {
    name: 'aliases with quotes, spaces and non-ASCII letters',
    statement: 'select name as "the ""name""", id as "Größe €", 1 + 1 as "1" from a',
  },
  {
    name: 'parameters and an aggregate',
    statement:
      'select a_id, count(*) as n, group_concat(name) as names from b where a_id >= ? group by a_id order by a_id',
    parameters: [1],
  },
  { name: 'no rows', statement: 'select * from a where id = ?', parameters: [99] },
  {
    name: 'a column named like a prototype key',
    statement: 'select id as constructor, name as toString, note as "__proto__" from a order by id',
  },
];

describe('SQLite rows read as arrays', () => {
  it.each(cases)('$name: the same objects as the driver makes', async ({ statement, parameters = [] }) => {
    const expected = file.prepare(statement).all(...parameters) as Record<string, unknown>[];
    const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(statement, parameters));
    expect(rows).toEqual(expected);
    expect(rows.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r)));
  });

  it('streams the same rows as it returns, and writes through the same statements', async () => {
    const streamed: unknown[] = [];
    for await (const row of db
      .selectFrom('b' as never)
      .selectAll()
      .orderBy('id' as never)
      .stream())
      streamed.push(row);
    expect(streamed).toEqual(file.prepare('select * from b order by id').all());
    const written = await db.executeQuery(
      CompiledQuery.raw('insert into b (id, a_id, name) values (?, ?, ?) returning id, name', [13, 2, 'Blatt']),
    );
    expect(written.rows).toEqual([{ id: 13, name: 'Blatt' }]);
    const updated = await db.executeQuery(CompiledQuery.raw('update b set name = ? where a_id = ?', ['Laub', 2]));
    expect(updated.numAffectedRows).toBe(2n);
  });
});
