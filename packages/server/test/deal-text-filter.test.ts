import type { Deal, Page } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import { listDealRows } from '../src/modules/deals/deals.repository.js';
import { dealNameIndexRows } from './deal-rows.js';
import { engine, type Res, type Session, startTestApp, type TestApp } from './harness.js';
import { capturingDb, describePlan } from './plan-data.js';

/*
 * The deal list's text filter (`q`): the query's sort key anywhere in the deal's (lower case, accents
 * dropped, ß → ss, no other folding). On SQLite a query of three letters or more with at most 500
 * matches finds its deals through the trigram index of the sort keys (migration 0047), a common one walks
 * the sort's index and tests each deal: both ways must give the same deals, and the index must follow every
 * write (create, rename, delete).
 */

let t: TestApp;
let anna: Session;
let accountId: string;
const FILLERS = 2100; // far more than the 500 up to which SQLite reads a text's deals by the index
const ids: Record<string, string> = {};

const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};

const names = [
  'Lizenz Egger',
  'Eggert Wartung',
  'Müller Ausbau',
  'Mueller Service',
  'Großauftrag Süd',
  'Ørsted Lieferung',
  'Rahmen-Erweiterung',
];

/** Every name the list finds for `q`, walking all pages sorted by name. */
const found = async (q: string, sort = 'name'): Promise<string[]> => {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ accountId, q, sort, limit: '200', ...(cursor && { cursor }) });
    const page: Page<Deal> = ok(await t.get<Page<Deal>>(`/api/deals?${query}`, anna));
    out.push(...page.items.map((d) => d.name));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
};

beforeAll(async () => {
  t = await startTestApp();
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
  accountId = (await t.createAccount(anna, { name: 'Suchtext GmbH' })).id;
  for (const name of names) {
    const deal = ok(
      await t.request<Deal>('POST', '/api/deals', { cookie: anna.cookie, body: { name, accountId, amount: 1000 } }),
      201,
    );
    ids[name] = deal.id;
  }
  // the fillers as rows: the list's rules are tested in deals.test.ts; here only their number matters
  const template = await t.ctx.db
    .selectFrom('deals')
    .selectAll()
    .where('id', '=', ids['Lizenz Egger'] as string)
    .executeTakeFirstOrThrow();
  const fillers = Array.from({ length: FILLERS }, (_, i) => {
    const name = `Rahmenvertrag ${String(i).padStart(4, '0')}`;
    return { ...template, id: newId(), name, sort_name: name.toLowerCase() };
  });
  for (let i = 0; i < fillers.length; i += 200) {
    await t.ctx.db
      .insertInto('deals')
      .values(fillers.slice(i, i + 200))
      .execute();
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe(`the deal list's text filter (${engine})`, () => {
  it.each([
    // query, the names found (sorted by name: their sort keys in order)
    ['egger', ['Eggert Wartung', 'Lizenz Egger']],
    ['EGGER', ['Eggert Wartung', 'Lizenz Egger']],
    ['eg', ['Eggert Wartung', 'Lizenz Egger']],
    ['zenz egg', ['Lizenz Egger']],
    ['liz egg', []],
    // umlauts and accents dropped, no digraphs: "müller" is not "mueller"
    ['müller', ['Müller Ausbau']],
    ['MUELLER', ['Mueller Service']],
    ['ller', ['Mueller Service', 'Müller Ausbau']],
    ['groß', ['Großauftrag Süd']],
    ['auftrag sud', ['Großauftrag Süd']],
    ['ørs', ['Ørsted Lieferung']],
    ['rahmen-', ['Rahmen-Erweiterung']],
    // a LIKE wildcard in the query is no wildcard
    ['li%ung', []],
    ['_ggert', ['Eggert Wartung']],
    // a quote is a letter of the text, not of the index's query language
    ['"egger"', []],
    ['egger"', []],
  ])('q=%s finds %j', async (q, expected) => {
    expect(await found(q)).toEqual(expected);
  });

  it('a common text (more than 500 deals) finds every one, in each sort, page after page', async () => {
    const all = Array.from({ length: FILLERS }, (_, i) => `Rahmenvertrag ${String(i).padStart(4, '0')}`);
    expect(await found('rahmenvertrag')).toEqual(all);
    expect(await found('rahmenvertrag', '-name')).toEqual([...all].reverse());
    // a rarer part of the same names: the 100 of 0100–0199, through the index on SQLite
    const rare = all.filter((n) => n.slice(-4, -2) === '01');
    expect(await found('ag 01', 'name')).toEqual(rare);
    expect((await found('ag 01', '-updatedAt')).sort()).toEqual(rare);
    expect(await found('rahmen')).toEqual(['Rahmen-Erweiterung', ...all]);
  });

  // PostgreSQL chooses by the share of deals it expects the text in (the list plans each text for itself):
  // with the statistics autovacuum keeps, the trigram index (migration 0047) for a rare text, a walk of the
  // sort's index for a text in most deals
  it.runIf(engine === 'postgres')(
    'PostgreSQL finds a rare text by the trigram index, a common one by a walk',
    async () => {
      await sql`vacuum (analyze) deals`.execute(t.ctx.db);
      const capture = capturingDb(t);
      const planOf = async (q: string) => {
        capture.captured.length = 0;
        await listDealRows(capture.db, { q, sort: 'name', limit: 50 });
        const page = capture.captured.find((s) => /^\s*select\b/i.test(s.sql));
        if (!page) throw new Error(`no page statement for ${q}`);
        return describePlan(await capture.explain(page));
      };
      try {
        expect(await planOf('orsted')).toMatch(/Bitmap Index Scan using deals_name_trgm/);
        const common = await planOf('rahmenvertrag');
        expect(common).toMatch(/^Limit \| Nested Loop .*Index Scan deals using deals_name\b/);
        expect(common).not.toMatch(/deals_name_trgm|Sort/);
      } finally {
        await capture.close();
      }
    },
  );

  it('follows a rename and a delete', async () => {
    const id = ids['Eggert Wartung'] as string;
    const deal = ok(await t.get<Deal>(`/api/deals/${id}`, anna));
    ok(
      await t.request<Deal>('PATCH', `/api/deals/${id}`, {
        cookie: anna.cookie,
        ifMatch: deal.version,
        body: { name: 'Wartung Nordost' },
      }),
    );
    expect(await found('egger')).toEqual(['Lizenz Egger']);
    expect(await found('nordost')).toEqual(['Wartung Nordost']);
    // a deal deleted for good (not the trash) leaves the index as well
    await t.ctx.db
      .deleteFrom('deals')
      .where('id', '=', ids['Lizenz Egger'] as string)
      .execute();
    expect(await found('egger')).toEqual([]);
    expect(await found('lizenz')).toEqual([]);
  });

  it.runIf(engine === 'sqlite')('keeps the trigram index equal to the sort keys after those writes', async () => {
    const { indexed, expected } = await dealNameIndexRows(t.ctx.db);
    expect(indexed).toEqual(expected);
    expect(indexed.length).toBe(names.length - 1 + FILLERS);
  });
});
