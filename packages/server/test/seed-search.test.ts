import fs from 'node:fs';
import { searchKey } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.js';
import { migrateToLatest } from '../src/db/database.js';
import { accountDocSql, contactDocSql, dealDocSql, docMatches, searchDocOf } from '../src/db/search.js';
import { dealNameIndexRows } from './deal-rows.js';
import { createTestDatabase, engine, type TestDatabase } from './harness.js';
import { checkSearchIndexes, loadSeedPlan, smallSeedPlan } from './seed-plan.js';

/*
 * The seed's bulk load runs without the per-row search triggers of migration 0028 and writes the search
 * documents afterwards, set-based (issue 18). Afterwards every record has exactly the document the triggers
 * would have written, the trigram index finds it, and the triggers are back for the writes that follow.
 */

const ACCOUNTS = 30;
const CONTACTS = 150;
const DEALS = 20;

let database: TestDatabase;
let ctx: AppContext;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.database);
  ctx = { db: database.database.db, engine: database.database.engine, config: database.config };
  const plan = await smallSeedPlan(ctx, { accounts: ACCOUNTS, contacts: CONTACTS, deals: DEALS });
  await loadSeedPlan(database, plan);
}, 120_000);

afterAll(async () => {
  await database?.dispose();
});

describe(`seed without per-row search triggers (${engine})`, () => {
  it('leaves every contact, account and deal with the document the triggers would have written', async () => {
    const kinds = [
      { kind: 'contact', table: 'contacts', docSql: contactDocSql, records: CONTACTS },
      { kind: 'account', table: 'accounts', docSql: accountDocSql, records: ACCOUNTS },
      { kind: 'deal', table: 'deals', docSql: dealDocSql, records: DEALS },
    ] as const;
    for (const { kind, table, docSql, records } of kinds) {
      const { rows } = await sql<{ doc: string | null; expected: string; documents: number | string }>`
        select s.doc, ${sql.raw(docSql(engine, 'r'))} as expected,
          (select count(*) from ${sql.table(`${kind}_search_docs`)}) as documents
        from ${sql.table(table)} r left join ${sql.table(`${kind}_search_docs`)} s on s.${sql.raw(`${kind}_id`)} = r.id`.execute(
        ctx.db,
      );
      expect(rows).toHaveLength(records);
      for (const d of rows) expect(d.doc).toBe(d.expected);
      expect(rows.map((r) => Number(r.documents))).toEqual(rows.map(() => records));
    }
  });

  // the documents the seed makes in JavaScript, against the triggers' SQL, for fields the generator never makes
  const tricky = [
    {
      first_name: 'ÄNNE-Marie',
      last_name: "Groß-O'Brien",
      email: 'a.gross@strasse.de',
      emails: '["A.Groß@Straße.de","c_d@e-f.ch"]',
      phone: '+49 (89) 123',
      job_title: 'Leiterin Einkauf/Ærø',
    },
    { first_name: null, last_name: null, email: null, emails: null, phone: null, job_title: null },
    {
      first_name: 'Łukasz',
      last_name: 'Øster [Test], "x"',
      email: 'lukasz@oster.dk',
      emails: '[]',
      phone: '',
      job_title: 'CEO/CTO',
    },
  ];
  it('makes the documents the triggers make, for any fields (searchDocOf)', async () => {
    const { db } = ctx;
    const text = (v: string | null) => sql`cast(${v} as text)`;
    const account = await db.selectFrom('accounts').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
    for (const c of tricky) {
      const { rows } = await sql<{ doc: string }>`select ${sql.raw(contactDocSql(engine, 'c'))} as doc from (select
        ${text(c.first_name)} as first_name, ${text(c.last_name)} as last_name, ${text(c.email)} as email,
        ${text(c.emails)} as emails, ${text(c.phone)} as phone, ${text(c.job_title)} as job_title,
        ${text(account.id)} as account_id) c`.execute(db);
      expect(searchDocOf.contact(c, account.name)).toBe(rows[0]?.doc);
    }
    const accounts = [
      { name: 'Müller & Søhne GmbH', domain: 'mueller-soehne.co.at', city: 'Ærøskøbing' },
      { name: null, domain: null, city: null },
    ];
    for (const a of accounts) {
      const { rows } = await sql<{ doc: string }>`select ${sql.raw(accountDocSql(engine, 'a'))} as doc from (select
        ${text(a.name)} as name, ${text(a.domain)} as domain, ${text(a.city)} as city) a`.execute(db);
      expect(searchDocOf.account(a)).toBe(rows[0]?.doc);
    }
    for (const name of ['Rahmenvertrag – Œuvre ÜBER Straße', null]) {
      const { rows } = await sql<{ doc: string }>`select ${sql.raw(dealDocSql(engine, 'd'))} as doc from (select
        ${text(name)} as name) d`.execute(db);
      expect(searchDocOf.deal(name)).toBe(rows[0]?.doc);
    }
  });

  it('gives every document the keys of its record, which a ranked search orders by', async () => {
    const kinds = [
      {
        kind: 'contact',
        table: 'contacts',
        keys: ['sort_last_name', 'sort_first_name', 'deleted_at', 'created_at', 'updated_at'],
        records: CONTACTS,
      },
      {
        kind: 'account',
        table: 'accounts',
        keys: ['sort_name', 'deleted_at', 'created_at', 'updated_at'],
        records: ACCOUNTS,
      },
    ];
    for (const { kind, table, keys, records } of kinds) {
      const both = keys.map(
        (k) => sql`r.${sql.ref(k)} as ${sql.ref(`r_${k}`)}, s.${sql.ref(k)} as ${sql.ref(`s_${k}`)}`,
      );
      const { rows } = await sql<Record<string, unknown>>`select ${sql.join(both)} from ${sql.table(table)} r
        join ${sql.table(`${kind}_search_docs`)} s on s.${sql.raw(`${kind}_id`)} = r.id`.execute(ctx.db);
      expect(rows).toHaveLength(records);
      for (const row of rows) expect(keys.map((k) => row[`s_${k}`])).toEqual(keys.map((k) => row[`r_${k}`]));
      // the columns were read (an alias read as undefined on both sides would compare equal)
      expect(rows.every((row) => typeof row.r_created_at === 'string' && typeof row.s_created_at === 'string')).toBe(
        true,
      );
    }
  });

  it.runIf(engine === 'sqlite')('leaves every FTS5 index of the documents consistent with them', async () => {
    await checkSearchIndexes(ctx.db);
    // built aside in a file of their own (seed.search.ts), which is gone again
    const target = database.config.database;
    if (target.kind === 'sqlite') expect(fs.existsSync(`${target.file}.search-build`)).toBe(false);
  });

  it('finds seeded contacts through the trigram index by a part of their name', async () => {
    const { db } = ctx;
    const sample = await db.selectFrom('contacts').select(['id', 'last_name']).orderBy('id').limit(5).execute();
    for (const c of sample) {
      const word = searchKey(c.last_name ?? '').slice(1, 5);
      expect(word.length).toBeGreaterThanOrEqual(3);
      const found = await db
        .selectFrom('contacts as c')
        .innerJoin('contact_search_docs as s', 's.contact_id', 'c.id')
        .select('c.id')
        .where(docMatches(engine, 'contact', [word], 'c.id'))
        .execute();
      expect(found.map((f) => f.id)).toContain(c.id);
    }
  });

  it.runIf(engine === 'sqlite')("leaves every deal in the deal list's trigram index, by its sort key", async () => {
    const { indexed, expected } = await dealNameIndexRows(ctx.db);
    expect(indexed).toHaveLength(DEALS);
    expect(indexed).toEqual(expected);
  });

  it.runIf(engine === 'sqlite')('leaves the FTS5 indexes with their default room for pending terms', async () => {
    // the bulk build holds 64 MiB of terms in memory; later writes (an import, say) must not keep that
    for (const kind of ['contact', 'account', 'deal'])
      for (const index of ['fts', 'words']) {
        const config = await sql<{
          v: number;
        }>`select v from ${sql.table(`${kind}_search_${index}_config`)} where k = 'hashsize'`.execute(ctx.db);
        expect(config.rows.map((r) => Number(r.v)).filter((v) => v !== 1024 * 1024)).toEqual([]);
      }
  });

  // the load asks once whether each account has an open deal (migration 0049) instead of by a trigger per deal
  it('flags the accounts with an open deal, and the triggers that keep the flags are back', async () => {
    const { db } = ctx;
    const recount = async () => {
      const rows = await db
        .selectFrom('accounts as a')
        .select(['a.id', 'a.has_open_deal'])
        .select((eb) =>
          eb
            .selectFrom('deals as d')
            .select(eb.fn.countAll<number | string>().as('n'))
            .whereRef('d.account_id', '=', 'a.id')
            .where('d.status', '=', 'open')
            .where('d.deleted_at', 'is', null)
            .as('counted'),
        )
        .orderBy('a.id')
        .execute();
      return rows.map((r) => [r.id, Number(r.has_open_deal), Number(r.counted) > 0 ? 1 : 0]);
    };
    const seeded = await recount();
    expect(seeded.filter(([, kept]) => Number(kept) > 0).length).toBeGreaterThan(0);
    expect(seeded.map(([id, kept]) => [id, kept])).toEqual(seeded.map(([id, , counted]) => [id, counted]));
    // every open deal of one account won: it has none left
    const open = await db
      .selectFrom('deals')
      .select('account_id')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('deals')
      .set({ status: 'won' })
      .where('account_id', '=', open.account_id)
      .where('status', '=', 'open')
      .execute();
    const after = await recount();
    expect(after.find(([id]) => id === open.account_id)?.[1]).toBe(0);
    expect(after.map(([id, kept]) => [id, kept])).toEqual(after.map(([id, , counted]) => [id, counted]));
    expect(after).not.toEqual(seeded);
  });

  it('has the search triggers back: a contact renamed after the seed is found by its new name', async () => {
    const { db } = ctx;
    const first = await db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('contacts').set({ last_name: 'Quirinius-Nachgesät' }).where('id', '=', first.id).execute();
    const doc = await db
      .selectFrom('contact_search_docs')
      .select('doc')
      .where('contact_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(doc.doc).toContain(' quirinius nachgesat ');
    const found = await db
      .selectFrom('contacts as c')
      .innerJoin('contact_search_docs as s', 's.contact_id', 'c.id')
      .select('c.id')
      .where(docMatches(engine, 'contact', ['nachgesat'], 'c.id'))
      .execute();
    expect(found.map((f) => f.id)).toEqual([first.id]);
  });
});
