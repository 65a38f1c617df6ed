import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createTestDatabase, engine, type TestDatabase } from './harness.js';

const listTables = async (t: TestDatabase): Promise<string[]> => {
  const tables = await t.database.db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.filter((x) => engine === 'sqlite' || x.schema === currentSchema).map((x) => x.name);
};

const listIndexes = async (t: TestDatabase): Promise<string[]> => {
  if (engine === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(t.database.db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{
    name: string;
  }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(t.database.db);
  return r.rows.map((x) => x.name);
};

let currentSchema = '';
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  if (engine === 'postgres') {
    currentSchema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.database.db)).rows[0]?.s ?? '';
  }
});
afterAll(async () => {
  await t.dispose();
});

describe(`migrations on ${engine}`, () => {
  it('migrate an empty database to the latest version, and again is a no-op', async () => {
    expect(await listTables(t)).toEqual([]);
    await migrateToLatest(t.database);

    const tables = await listTables(t);
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'api_tokens',
        'accounts',
        'contacts',
        'timeline_entries',
        'rate_limits',
      ]),
    );
    const indexes = await listIndexes(t);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'sessions_user',
        'api_tokens_user',
        'accounts_name',
        'accounts_owner_name',
        'contacts_last_name',
        'contacts_owner_last_name',
        'contacts_account_last_name',
        'contacts_stage_last_name',
        'timeline_entity',
      ]),
    );

    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.database.db);
    const latest = Object.keys(migrations(engine)).sort();
    expect(applied.rows.map((r) => r.name)).toEqual(latest);

    // a second run applies nothing and changes nothing
    await migrateToLatest(t.database);
    const again = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.database.db);
    expect(again.rows).toEqual(applied.rows);
    expect((await listTables(t)).sort()).toEqual(tables.sort());
    expect((await listIndexes(t)).sort()).toEqual(indexes.sort());
  });

  it.runIf(engine === 'postgres')(
    'migrates a fresh schema while another schema of the same database is migrated already',
    async () => {
      // t's schema is migrated by the test above; a second Nenner in another schema must not be fooled by it.
      const other = await createTestDatabase();
      try {
        await migrateToLatest(other.database);
        const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(other.database.db);
        expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations(engine)));
        const users = await sql<{ n: number }>`select count(*)::int as n from users`.execute(other.database.db);
        expect(users.rows[0]?.n).toBe(0);
      } finally {
        await other.dispose();
      }
    },
  );

  it('enforces foreign keys and unique emails', async () => {
    const now = new Date().toISOString();
    await expect(
      t.database.db
        .insertInto('sessions')
        .values({ id: 's1', user_id: 'nobody', created_at: now, expires_at: now, last_seen_at: now })
        .execute(),
    ).rejects.toThrow();
    const user = {
      id: 'u1',
      email: 'a@example.com',
      name: 'A',
      password_hash: 'x',
      department: 'sales',
      role: 'member',
      active: 1,
      locale: null,
      time_zone: 'Europe/Berlin',
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await t.database.db.insertInto('users').values(user).execute();
    await expect(
      t.database.db
        .insertInto('users')
        .values({ ...user, id: 'u2' })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('a migration that rewrites every row of a table', () => {
  /** Where the index's data lives now: PostgreSQL gives a rebuilt index a new file. */
  const indexFile = async (own: TestDatabase) =>
    engine === 'postgres'
      ? (
          await sql<{ f: string }>`select relfilenode::text as f from pg_class where oid = 'rt_v'::regclass`.execute(
            own.database.db,
          )
        ).rows[0]?.f
      : (await sql<{ f: number }>`select rootpage as f from sqlite_master where name = 'rt_v'`.execute(own.database.db))
          .rows[0]?.f;

  it('has the indexes of the tables it names in `reindex` rebuilt after its commit', async () => {
    const own = await createTestDatabase();
    try {
      const first = {
        '0001_table': {
          async up(db: Kysely<unknown>) {
            await sql`create table rt (id integer primary key, v text)`.execute(db);
            await sql`create index rt_v on rt (v)`.execute(db);
            await sql`insert into rt (id, v) values (1, 'a'), (2, 'b')`.execute(db);
          },
        },
      };
      await migrateToLatest(own.database, first);
      const before = await indexFile(own);
      expect(before).toBeDefined();
      await migrateToLatest(own.database, {
        ...first,
        '0002_rewrite': {
          reindex: ['rt'],
          async up(db: Kysely<unknown>) {
            await sql`update rt set v = v || '!'`.execute(db);
          },
        },
      });
      const rows = await sql<{ v: string }>`select v from rt order by id`.execute(own.database.db);
      expect(rows.rows.map((r) => r.v)).toEqual(['a!', 'b!']);
      // PostgreSQL: a new file for the rebuilt index; SQLite: the statement ran (a REINDEX of its own syntax)
      if (engine === 'postgres') expect(await indexFile(own)).not.toBe(before);
    } finally {
      await own.dispose();
    }
  });
});
