import { type Account, type Contact, type GlobalSearchResult, type Page, searchKey } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docSortable, foldSql } from '../src/db/search.js';
import { expectProblem, type Session, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let seller: Session;
let stahlbau: Account;

/** Twelve people called Müller, written as people and imports write it, and three who are not. */
const muellers = [
  ['Hans', 'Müller'],
  ['Anna', 'Mueller'],
  ['Paul', 'Muller'],
  ['Jörg', 'MÜLLER'],
  ['Eva', 'MUELLER'],
  ['Karl', 'müller'],
  ['Lena', 'mueller'],
  ['Otto', 'Müller-Lüdenscheidt'],
  ['Rita', 'Müllermann'],
  ['Uwe', 'Obermüller'],
  ['Ida', 'Schmidt-Müller'],
  ['Tim', 'von Mueller'],
] as const;

const names = (page: Page<Contact>) => page.items.map((c) => `${c.firstName} ${c.lastName}`);

beforeAll(async () => {
  t = await startTestApp();
  seller = await t.session('sales', 'member', 'Sam Seller');
  stahlbau = await t.createAccount(seller, { name: 'Stahlbau Rhein AG', domain: 'stahlbau-rhein.de', city: 'Köln' });
  await t.createAccount(seller, { name: 'Müller Maschinen GmbH', domain: 'mm-maschinen.de' });
  for (const [firstName, lastName] of muellers) await t.createContact(seller, { firstName, lastName });
  await t.createContact(seller, { firstName: 'Mia', lastName: 'Miller' });
  await t.createContact(seller, { firstName: 'Max', lastName: 'Mauler' });
  await t.createContact(seller, {
    firstName: 'Jana',
    lastName: 'G.',
    emails: ['j.groessner@werk.example'],
    accountId: stahlbau.id,
  });
  await t.createContact(seller, { firstName: 'Björn', lastName: 'Größner' });
  await t.createContact(seller, { firstName: 'Kai', lastName: 'Brandt', accountId: stahlbau.id, jobTitle: 'Einkauf' });
}, 120_000);
afterAll(() => t.close());

describe('contact search', () => {
  it.each(['mueller', 'muller', 'Müller', 'MUELLER'])('%j finds all twelve Müllers and no Miller', async (q) => {
    const res = await t.get<Page<Contact>>(`/api/contacts?q=${encodeURIComponent(q)}&limit=50`, seller);
    expect(res.status).toBe(200);
    expect(names(res.body)).toHaveLength(12);
    expect(names(res.body)).not.toContain('Mia Miller');
    expect(names(res.body)).not.toContain('Max Mauler');
  });

  it('ranks whole-word matches first, then beginnings of words, then matches inside a word', async () => {
    const res = await t.get<Page<Contact>>('/api/contacts?q=mueller&limit=50', seller);
    // exact (a whole word "muller", double names by their parts too), by last name; then a word's
    // beginning (Müllermann); then inside a word (Obermüller). The order within a rank is the collation's.
    const found = names(res.body);
    expect(found.slice(0, 10).sort()).toEqual(
      [
        'Anna Mueller',
        'Eva MUELLER',
        'Hans Müller',
        'Ida Schmidt-Müller',
        'Jörg MÜLLER',
        'Karl müller',
        'Lena mueller',
        'Otto Müller-Lüdenscheidt',
        'Paul Muller',
        'Tim von Mueller',
      ].sort(),
    );
    expect(found.slice(10)).toEqual(['Rita Müllermann', 'Uwe Obermüller']);
  });

  it('pages a ranked search by keyset: the pages together are the one list, without repeats', async () => {
    const all = await t.get<Page<Contact>>('/api/contacts?q=mueller&limit=50', seller);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof t.get<Page<Contact>>>> = await t.get<Page<Contact>>(
        `/api/contacts?q=mueller&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        seller,
      );
      expect(res.status).toBe(200);
      seen.push(...names(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names(all.body));
  });

  it('refuses a ranked cursor replayed on the plain list', async () => {
    const first = await t.get<Page<Contact>>('/api/contacts?q=mueller&limit=5', seller);
    const res = await t.get(`/api/contacts?limit=5&cursor=${first.body.nextCursor}`, seller);
    expectProblem(res, 400, 'invalid_cursor');
  });

  it.each([
    ['by the address, inside it', 'groessner', ['Jana G.', 'Björn Größner']],
    ['by the name, ß and ö folded', 'grössner', ['Jana G.', 'Björn Größner']],
    ["by the account's name", 'stahlbau', ['Kai Brandt', 'Jana G.']],
    ["by the account's name and a first name", 'stahlbau kai', ['Kai Brandt']],
    ['by the job title', 'einkauf', ['Kai Brandt']],
    ['a short query: beginnings of names', 'mi', ['Mia Miller']],
    ['no match', 'gibtsnicht', []],
  ])('%s (%j)', async (_, q, expected) => {
    const res = await t.get<Page<Contact>>(`/api/contacts?q=${encodeURIComponent(q)}&limit=50`, seller);
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(expected);
  });

  it.each(['mue', 'mü', 'MU'])('a short query %j is folded as the search folds: Müller and Mueller', async (q) => {
    const res = await t.get<Page<Contact>>(`/api/contacts?q=${encodeURIComponent(q)}&limit=50`, seller);
    expect(res.status).toBe(200);
    const found = names(res.body);
    // by last name's sort key: "mueller" < "muller" < "muller-ludenscheidt" < "mullermann"; ties by id
    expect(found.slice(0, 3).sort()).toEqual(['Anna Mueller', 'Eva MUELLER', 'Lena mueller']);
    expect(found.slice(3, 7).sort()).toEqual(['Hans Müller', 'Jörg MÜLLER', 'Karl müller', 'Paul Muller']);
    expect(found.slice(7)).toEqual(['Otto Müller-Lüdenscheidt', 'Rita Müllermann']);
  });

  it('pages a short query by keyset: the pages together are the one list, without repeats', async () => {
    const all = await t.get<Page<Contact>>('/api/contacts?q=mue&limit=50', seller);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof t.get<Page<Contact>>>> = await t.get<Page<Contact>>(
        `/api/contacts?q=mue&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        seller,
      );
      expect(res.status).toBe(200);
      seen.push(...names(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names(all.body));
    expect(seen).toHaveLength(9);
  });

  it.each([
    ['by the first name and the beginning of the last', 'h mu', ['Hans Müller']],
    ['by the beginning of the address', 'j.', ['Jana G.']],
  ])('a short query %s (%j)', async (_, q, expected) => {
    const res = await t.get<Page<Contact>>(`/api/contacts?q=${encodeURIComponent(q)}&limit=50`, seller);
    expect(names(res.body)).toEqual(expected);
  });

  it("an account's new name reaches its contacts' search at once", async () => {
    const renamed = await t.createAccount(seller, { name: 'Altname Bau KG' });
    await t.createContact(seller, { firstName: 'Ole', lastName: 'Umzug', accountId: renamed.id });
    const res = await t.request('PATCH', `/api/accounts/${renamed.id}`, {
      cookie: seller.cookie,
      ifMatch: renamed.version,
      body: { name: 'Neubau Zentrale KG' },
    });
    expect(res.status).toBe(200);
    expect(names((await t.get<Page<Contact>>('/api/contacts?q=neubau', seller)).body)).toEqual(['Ole Umzug']);
    expect(names((await t.get<Page<Contact>>('/api/contacts?q=altname', seller)).body)).toEqual([]);
  });
});

describe('a ranked page read from the documents alone (0039)', () => {
  const list = async (query: string) => {
    const res = await t.get<Page<Contact>>(`/api/contacts?${query}`, seller);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Every page of a query, five at a time, as the client pages. */
  const allPages = async (query: string) => {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Contact> = await list(`${query}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  it.each([
    ['contact', 'c.sort_last_name', true],
    ['contact', 'c.sort_first_name', true],
    ['contact', 'c.created_at', true],
    ['contact', 'c.updated_at', true],
    ['contact', 'c.lifecycle_stage', false],
    ['account', 'a.sort_name', true],
    ['account', 'a.created_at', true],
    ['account', 'a.domain', false],
  ] as const)('a %s list sorted by %s is read from the documents: %s', (kind, column, expected) => {
    expect(docSortable(kind, column)).toBe(expected);
  });

  // a filter that every record here passes (none has an owner) sends the list through the join of records
  // and documents: the documents' own order must be the same, page by page

  // whole words, beginnings and insides of words (the word index, then the trigram index, on SQLite), two
  // words, a beginning of two words, an address with its punctuation
  it.each(['mueller', 'mül', 'stahlbau', 'groessner', 'stahlbau rhein', 'hans mue', 'j.groessner@werk'])(
    '%j: pages without a filter equal pages with one that keeps all',
    async (q) => {
      for (const sort of ['lastName', '-lastName', 'firstName', '-firstName', 'createdAt', '-updatedAt']) {
        const plain = await allPages(`q=${encodeURIComponent(q)}&sort=${sort}`);
        const filtered = await allPages(`q=${encodeURIComponent(q)}&sort=${sort}&ownerId=none`);
        expect(plain.length, `${q} ${sort}`).toBeGreaterThan(0);
        expect(plain, `${q} ${sort}`).toEqual(filtered);
      }
    },
  );

  // words after characters that a text parser may read as a URL, a tag, an entity, a number or a version
  // (PostgreSQL's word index reads the document as its parser does): each is found, in the same order
  it('finds words next to URLs, tags, entities and numbers, in the same pages as the joined path', async () => {
    const titles = {
      'Tara Token': 'https://werk.example/vertrieb',
      'Tom Tag': '<b class="leiter vertrieb">',
      'Tina Zahl': '3d-druck 12.5x version 1.2.3',
      'Timo Entity': "&amp;vertrieb o'brien",
    };
    const made: Record<string, string> = {};
    for (const [name, jobTitle] of Object.entries(titles)) {
      const [firstName, lastName] = name.split(' ');
      made[name] = (await t.createContact(seller, { firstName, lastName, jobTitle })).id;
    }
    const cases: [string, string[]][] = [
      ['https', ['Tara Token']],
      ['werk', ['Tara Token']],
      ['vertrieb', ['Tara Token', 'Tom Tag', 'Timo Entity']],
      ['leiter', ['Tom Tag']],
      ['class', ['Tom Tag']],
      ['druck', ['Tina Zahl']],
      ['version', ['Tina Zahl']],
      ['brien', ['Timo Entity']],
    ];
    for (const [q, expected] of cases) {
      const plain = await allPages(`q=${q}&sort=lastName`);
      expect(plain, q).toEqual(await allPages(`q=${q}&sort=lastName&ownerId=none`));
      for (const name of expected) expect(plain, `${q}: ${name}`).toContain(made[name]);
    }
  });

  it('a search sorted by change date: an edit that leaves the text alone still moves the contact up', async () => {
    const ids = (await list('q=mueller&sort=-updatedAt&limit=50')).items.map((c) => c.id);
    // the third of the three whole-word matches (Anna, Eva, Lena Mueller: rank 0)
    const last = await t.get<Contact>(`/api/contacts/${ids[2]}`, seller);
    const edited = await t.request<Contact>('PATCH', `/api/contacts/${last.body.id}`, {
      cookie: seller.cookie,
      ifMatch: last.body.version,
      body: { tags: [...last.body.tags, 'bewegt'] },
    });
    expect(edited.status).toBe(200);
    const after = (await list('q=mueller&sort=-updatedAt&limit=50')).items.map((c) => c.id);
    // now first of its rank, so first; the documents' page (no filter) and the records' page (a filter that
    // keeps all) agree, so the documents took the new time
    const joined = (await list('q=mueller&sort=-updatedAt&limit=50&ownerId=none')).items.map((c) => c.id);
    expect(after[0]).toBe(last.body.id);
    expect(after).toEqual(joined);
  });

  it('a renamed contact moves to its new place; a trashed one leaves the search and a restored one returns', async () => {
    const admin = await t.session('management', 'admin');
    const zed = await t.createContact(seller, { firstName: 'Zoe', lastName: 'Zmüller' });
    const before = (await list('q=mueller&limit=50')).items.map((c) => c.id);
    expect(before.at(-1)).toBe(zed.id);
    // inside a word ("zmuller") either way; by last name, "Amüller" sorts before the other inside matches
    const renamed = await t.request<Contact>('PATCH', `/api/contacts/${zed.id}`, {
      cookie: seller.cookie,
      ifMatch: zed.version,
      body: { lastName: 'Amüller' },
    });
    expect(renamed.status).toBe(200);
    const after = (await list('q=mueller&limit=50')).items.map((c) => `${c.firstName} ${c.lastName}`);
    expect(after.slice(-2)).toEqual(['Zoe Amüller', 'Uwe Obermüller']);

    const trashed = await t.request('DELETE', `/api/contacts/${zed.id}`, { cookie: seller.cookie });
    expect(trashed.status).toBe(204);
    expect((await list('q=mueller&limit=50')).items.map((c) => c.id)).not.toContain(zed.id);
    const inTrash = await t.get<Page<Contact>>('/api/contacts?q=mueller&trash=true', admin);
    expect(inTrash.body.items.map((c) => c.id)).toEqual([zed.id]);

    const restored = await t.request('POST', `/api/contacts/${zed.id}/restore`, { cookie: admin.cookie });
    expect(restored.status).toBe(200);
    expect((await list('q=mueller&limit=50')).items.map((c) => c.id)).toContain(zed.id);
    expect((await t.get<Page<Contact>>('/api/contacts?q=mueller&trash=true', admin)).body.items).toEqual([]);
  });

  it('accounts: the same page without a filter as with one that keeps all, and a trashed account leaves it', async () => {
    const admin = await t.session('management', 'admin');
    const names = async (query: string, as: Session = seller) =>
      (await t.get<Page<Account>>(`/api/accounts?${query}`, as)).body.items.map((a) => a.name);
    const extra = await t.createAccount(seller, { name: 'Bau Mueller Nord', domain: 'bau-mueller.de' });
    expect(await names('q=mueller&sort=name')).toEqual(['Bau Mueller Nord', 'Müller Maschinen GmbH']);
    expect(await names('q=mueller&sort=-name')).toEqual(['Müller Maschinen GmbH', 'Bau Mueller Nord']);
    expect(await names('q=mueller&sort=name&ownerId=none')).toEqual(await names('q=mueller&sort=name'));
    expect((await t.request('DELETE', `/api/accounts/${extra.id}`, { cookie: seller.cookie })).status).toBe(204);
    expect(await names('q=mueller')).toEqual(['Müller Maschinen GmbH']);
    expect(await names('q=mueller&trash=true', admin)).toEqual(['Bau Mueller Nord']);
  });
});

describe('account search', () => {
  const accountNames = (page: Page<Account>) => page.items.map((a) => a.name);
  it.each([
    ['by the domain', 'stahlbau-rhein.de', ['Stahlbau Rhein AG']],
    ['by a part of the domain', 'maschinen.de', ['Müller Maschinen GmbH']],
    ['by the name, umlauts folded both ways', 'mueller', ['Müller Maschinen GmbH']],
    ['by the city', 'koeln', ['Stahlbau Rhein AG']],
    ['a short query: the beginning of the name, folded', 'mü', ['Müller Maschinen GmbH']],
    ['a short query: the beginning of the name, typed folded', 'mue', ['Müller Maschinen GmbH']],
    ['a short query: the beginning of the domain', 'mm', ['Müller Maschinen GmbH']],
    ['a short query: the beginning, not a word inside', 'ag', []],
  ])('%s (%j)', async (_, q, expected) => {
    const res = await t.get<Page<Account>>(`/api/accounts?q=${encodeURIComponent(q)}`, seller);
    expect(res.status).toBe(200);
    expect(accountNames(res.body)).toEqual(expected);
  });
});

describe('the folding in SQL', () => {
  it.each([
    'Müller',
    'MUELLER',
    'Größner',
    'j.Groessner@Stahlbau-Rhein.de',
    'Łódź Ærø Œuvre',
    'Yılmaz Straße ẞ',
    'queue uee aoe',
    'Иван',
  ])('folds %j exactly as searchKey does', async (s) => {
    const { rows } = await sql<{
      k: string;
    }>`select ${sql.raw(foldSql(t.ctx.engine, 'x'))} as k from (select ${s} as x) v`.execute(t.ctx.db);
    expect(rows[0]?.k).toBe(searchKey(s));
  });
});

describe('GET /api/search', () => {
  it('finds a few of each kind of record, grouped, for any signed-in user', async () => {
    const marketer = await t.session('marketing', 'viewer', 'Vic Viewer');
    const admin = await t.session('management', 'admin');
    const deal = await t.request('POST', '/api/deals', {
      cookie: seller.cookie,
      body: { name: 'Stahlbau Hallendach', accountId: stahlbau.id, amount: 1000, currency: 'EUR' },
    });
    expect(deal.status).toBe(201);
    await t.createCampaign(admin, { name: 'Messe Stahlbau 2027' });
    const competitor = await t.request('POST', '/api/competitors', {
      cookie: admin.cookie,
      body: { name: 'StahlPro Software' },
    });
    expect(competitor.status).toBe(201);

    const res = await t.unchanged(() => t.get<GlobalSearchResult>('/api/search?q=stahl', marketer));
    expect(res.status).toBe(200);
    expect(res.body.accounts.map((h) => h.title)).toEqual(['Stahlbau Rhein AG']);
    expect(res.body.contacts.map((h) => [h.title, h.subtitle])).toEqual([
      ['Kai Brandt', 'Stahlbau Rhein AG'],
      ['Jana G.', 'Stahlbau Rhein AG'],
    ]);
    expect(res.body.deals).toEqual([
      { id: (deal.body as { id: string }).id, title: 'Stahlbau Hallendach', subtitle: 'Stahlbau Rhein AG' },
    ]);
    expect(res.body.campaigns.map((h) => h.title)).toEqual(['Messe Stahlbau 2027']);
    expect(res.body.competitors.map((h) => h.title)).toEqual(['StahlPro Software']);
  });

  it('returns at most five of a kind, umlauts folded', async () => {
    const res = await t.get<GlobalSearchResult>('/api/search?q=m%C3%BCller', seller);
    expect(res.body.contacts).toHaveLength(5);
    expect(res.body.accounts.map((h) => h.title)).toEqual(['Müller Maschinen GmbH']);
  });

  it('folds a short query as the search folds: "mue" finds Müller and Mueller', async () => {
    const res = await t.get<GlobalSearchResult>('/api/search?q=mue', seller);
    expect(res.status).toBe(200);
    expect(res.body.contacts.map((h) => h.title)).toEqual([
      ...['Anna Mueller', 'Eva MUELLER', 'Lena mueller'],
      ...res.body.contacts.slice(3).map((h) => h.title),
    ]);
    expect(res.body.contacts).toHaveLength(5);
    expect(res.body.accounts.map((h) => h.title)).toEqual(['Müller Maschinen GmbH']);
  });

  it.each([
    ['no query', '', 400, 'validation_failed'],
    ['an over-long query', `q=${'x'.repeat(201)}`, 400, 'validation_failed'],
  ])('refuses %s', async (_, query, status, code) => {
    expectProblem(await t.get(`/api/search?${query}`, seller), status, code);
  });

  it('refuses a visitor who is not signed in', async () => {
    expectProblem(await t.get('/api/search?q=stahl'), 401, 'unauthenticated');
  });
});
