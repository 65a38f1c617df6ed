import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.js';
import { migrateToLatest } from '../src/db/database.js';
import { newId } from '../src/lib/ids.js';
import { clearedReferences, emptyForcedTables, forcedTables } from '../src/scripts/seed.force.js';
import type { SeedPlan } from '../src/scripts/seed.rows.js';
import { createTestDatabase, engine, type TestDatabase } from './harness.js';
import { checkSearchIndexes, loadSeedPlan, smallSeedPlan } from './seed-plan.js';

/*
 * `seed --force` empties the accounts, contacts, campaigns and everything that refers to them or is derived
 * from them, in one transaction, and the seed loads again on top. On SQLite it sets the row triggers aside
 * for it and puts them back; on PostgreSQL it truncates.
 */

let database: TestDatabase;
let ctx: AppContext;
let plan: SeedPlan;
const formId = newId();

const count = async (table: string) => {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db);
  return Number(rows[0]?.n);
};
const counts = async (): Promise<Record<string, number>> =>
  Object.fromEntries(await Promise.all(forcedTables.map(async (t) => [t, await count(t)])));

/** Every trigger by name with its definition: dropped and created again, they must come back the same. */
const triggers = async () => {
  const { rows } = await (engine === 'sqlite'
    ? sql<{
        name: string;
        def: string;
      }>`select name, sql as def from sqlite_master where type = 'trigger' order by name`
    : sql<{ name: string; def: string }>`select tgname as name, pg_get_triggerdef(oid) as def from pg_trigger
        where not tgisinternal and tgrelid::regclass::text not like '%.%' order by tgname`
  ).execute(ctx.db);
  return rows;
};

const version = async () => {
  const facts = await ctx.db
    .selectFrom('data_versions')
    .select('version')
    .where('name', '=', 'facts')
    .executeTakeFirst();
  const credits = await ctx.db.selectFrom('attribution_state').select('version').where('id', '=', 1).executeTakeFirst();
  return { facts: Number(facts?.version), credits: Number(credits?.version) };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.database);
  ctx = { db: database.database.db, engine: database.database.engine, config: database.config };
  plan = await smallSeedPlan(ctx, {
    accounts: 20,
    contacts: 100,
    handoffs: 20,
    deals: 15,
    campaigns: 3,
    touchpoints: 200,
    accountTimeline: 10,
  });
  await loadSeedPlan(database, plan);
  const campaign = await ctx.db.selectFrom('campaigns').select('id').orderBy('id').executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  // a form stays when its campaign goes: its reference is cleared
  await ctx.db
    .insertInto('forms')
    .values({
      id: formId,
      name: 'Newsletter',
      slug: 'newsletter',
      fields: '[]',
      consent: '{}',
      double_opt_in: 0,
      campaign_key: null,
      thank_you_message: null,
      redirect_url: null,
      campaign_id: campaign.id,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .execute();
}, 120_000);

afterAll(async () => {
  await database?.dispose();
});

/** Each foreign key of the schema: the referring table and column, and the table referred to. */
const foreignKeys = async (): Promise<{ table: string; column: string; parent: string }[]> => {
  if (engine === 'postgres') {
    const { rows } = await sql<{ table: string; column: string; parent: string }>`
      select c.conrelid::regclass::text as table, a.attname as column, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(ctx.db);
    return rows;
  }
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%'`.execute(ctx.db);
  const out: { table: string; column: string; parent: string }[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ from: string; table: string }>`select * from pragma_foreign_key_list(${name})`.execute(
      ctx.db,
    );
    for (const fk of rows) out.push({ table: name, column: fk.from, parent: fk.table });
  }
  return out;
};

describe(`seed --force (${engine})`, () => {
  it('knows every table that refers to what it empties', async () => {
    const forced = new Set<string>(forcedTables);
    const cleared = new Set<string>(clearedReferences.map((r) => `${r.table}.${r.column}`));
    const fks = await foreignKeys();
    expect(fks.filter((fk) => fk.parent === 'contacts').length).toBeGreaterThan(3);
    const missed = fks
      .filter((fk) => forced.has(fk.parent) && !forced.has(fk.table) && !cleared.has(`${fk.table}.${fk.column}`))
      .map((fk) => `${fk.table}.${fk.column} → ${fk.parent}`);
    expect(missed).toEqual([]);
  });

  it('refuses when a row it does not know refers to a contact, and changes nothing', async () => {
    const before = { counts: await counts(), triggers: await triggers(), version: await version() };
    const contact = await ctx.db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`create table x_contact_notes (contact_id text not null references contacts (id))`.execute(ctx.db);
    await sql`insert into x_contact_notes (contact_id) values (${contact.id})`.execute(ctx.db);
    try {
      await expect(emptyForcedTables(database.database)).rejects.toThrow(/x_contact_notes.*nothing was deleted/);
      expect(await counts()).toEqual(before.counts);
      expect(await triggers()).toEqual(before.triggers);
      expect(await version()).toEqual(before.version);
      expect(before.counts.contacts).toBe(100);
    } finally {
      await sql`drop table x_contact_notes`.execute(ctx.db);
    }
    if (engine === 'sqlite') {
      const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(ctx.db);
      expect(rows[0]?.foreign_keys).toBe(1);
    }
  });

  it('empties them, clears the references of the rest, and keeps the triggers', async () => {
    const before = { triggers: await triggers(), version: await version(), users: await count('users') };
    expect(before.triggers.length).toBeGreaterThan(20);
    const nonEmpty = Object.entries(await counts()).filter(([, n]) => n > 0);
    expect(nonEmpty.length).toBeGreaterThan(10);

    await emptyForcedTables(database.database);

    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
    expect(await triggers()).toEqual(before.triggers);
    expect(await count('users')).toBe(before.users);
    const form = await ctx.db.selectFrom('forms').select('campaign_id').where('id', '=', formId).executeTakeFirst();
    expect(form).toEqual({ campaign_id: null });
    // goal figures and attribution credits are computed anew: the writes passed their triggers by
    const after = await version();
    expect(after.facts).toBeGreaterThan(before.version.facts);
    expect(after.credits).toBeGreaterThan(before.version.credits);
    if (engine === 'sqlite') await checkSearchIndexes(ctx.db);
  });

  it('lets the same seed load again, with its search documents', async () => {
    await loadSeedPlan(database, plan);
    expect(await count('contacts')).toBe(100);
    expect(await count('contact_search_docs')).toBe(100);
    expect(await count('deal_search_docs')).toBe(15);
    if (engine === 'sqlite') await checkSearchIndexes(ctx.db);
  });
});
