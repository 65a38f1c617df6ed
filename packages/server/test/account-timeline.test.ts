import type { Account, Contact, Page, TimelineEntry } from '@nenner/shared';
import { type CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineRowsQuery } from '../src/modules/timeline/timeline.repository.js';
import { insertDealRow } from './deal-rows.js';
import {
  engine,
  expectInvalid,
  expectProblem,
  MISSING_ID,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

/*
 * The 360° timeline of an account: its own entries and those of its contacts and deals, each saying which
 * record it belongs to; filters, paging, deal timelines, admins reading the trash, and the index it uses.
 */

let t: TestApp;
let admin: Session;
let seller: Session;
let marketer: Session;
let account: Account;
let other: Account;
let erika: Contact;
let max: Contact;
let stranger: Contact;
let dealId: string;

const tick = async () => t.clock.advance(3);
const note = async (as: Session, path: string, body: string) => {
  await tick();
  const res = await t.request<TimelineEntry>('POST', `${path}/notes`, { cookie: as.cookie, body: { body } });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const timeline = async (path: string, query = '', as: Session = seller) => {
  const res = await t.get<Page<TimelineEntry>>(`${path}/timeline${query ? `?${query}` : ''}`, as);
  expect(res.status, res.text).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  seller = await t.session('sales', 'member', 'Sam Seller');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  account = await t.createAccount(seller, { name: 'Müller Maschinenbau GmbH' });
  other = await t.createAccount(seller, { name: 'Andere AG' });
  erika = await t.createContact(marketer, { firstName: 'Erika', lastName: 'Einkauf', accountId: account.id });
  max = await t.createContact(seller, { firstName: 'Max', lastName: 'Technik', accountId: account.id });
  stranger = await t.createContact(seller, { firstName: 'Fremd', lastName: 'Person', accountId: other.id });
  dealId = await insertDealRow(t, { accountId: account.id, name: 'Fräszentrum 2027' });
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/accounts/{id}/timeline?scope=account', () => {
  it('merges the entries of its contacts and deals, newest first, each naming its record; the default stays the account’s own', async () => {
    const onAccount = await note(seller, `/api/accounts/${account.id}`, 'Rahmenvertrag läuft aus');
    const onErika = await note(marketer, `/api/contacts/${erika.id}`, 'Whitepaper geladen');
    const onDeal = await note(seller, `/api/deals/${dealId}`, 'Angebot verschickt');
    await tick();
    const call = await t.request<{ id: string }>('POST', '/api/activities', {
      cookie: seller.cookie,
      body: { type: 'call', subject: 'Technik geklärt', entityType: 'contact', entityId: max.id },
    });
    expect(call.status, call.text).toBe(201);
    const onStranger = await note(seller, `/api/contacts/${stranger.id}`, 'gehört nicht dazu');

    expect(onDeal).toMatchObject({ entityType: 'deal', entityId: dealId, entityName: 'Fräszentrum 2027' });
    expect(onErika).toMatchObject({ entityType: 'contact', entityId: erika.id, entityName: 'Erika Einkauf' });

    const own = await timeline(`/api/accounts/${account.id}`);
    expect(own.items.every((e) => e.entityId === account.id)).toBe(true);
    expect(own.items[0]).toEqual(onAccount);

    const all = await timeline(`/api/accounts/${account.id}`, 'scope=account');
    const ids = all.items.map((e) => e.id);
    expect(ids).not.toContain(onStranger.id);
    const notes = all.items.filter((e) => e.kind === 'note' || e.kind === 'activity');
    expect(notes.map((e) => [e.kind, e.entityType, e.entityName])).toEqual([
      ['activity', 'contact', 'Max Technik'],
      ['note', 'deal', 'Fräszentrum 2027'],
      ['note', 'contact', 'Erika Einkauf'],
      ['note', 'account', 'Müller Maschinenbau GmbH'],
    ]);
    expect(notes[1]).toEqual(onDeal);
    // the creation audits of the account and both contacts are there too
    const created = all.items.filter((e) => e.kind === 'audit' && e.action === 'created');
    expect(created.map((e) => e.entityId).sort()).toEqual([account.id, erika.id, max.id].sort());
    const times = all.items.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by kind and by department; pages by cursor without gaps or repeats', async () => {
    const notes = await timeline(`/api/accounts/${account.id}`, 'scope=account&kind=note');
    expect(notes.items.map((e) => e.entityType)).toEqual(['deal', 'contact', 'account']);
    const marketing = await timeline(`/api/accounts/${account.id}`, 'scope=account&department=marketing');
    expect(marketing.items.length).toBeGreaterThan(0);
    expect(marketing.items.every((e) => e.department === 'marketing')).toBe(true);
    expect(marketing.items.map((e) => e.entityId)).toContain(erika.id);
    const activities = await timeline(`/api/accounts/${account.id}`, 'scope=account&kind=activity&department=sales');
    expect(activities.items).toHaveLength(1);
    expect(activities.items[0]?.data).toMatchObject({ type: 'call', subject: 'Technik geklärt', duration: null });

    const all = await timeline(`/api/accounts/${account.id}`, 'scope=account&limit=100');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<TimelineEntry> = await timeline(
        `/api/accounts/${account.id}`,
        `scope=account&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => e.id));
  });

  it('a contact that moves to another account takes only its new entries along', async () => {
    const mover = await t.createContact(seller, { firstName: 'Wanda', lastName: 'Wechsel', accountId: other.id });
    const before = await note(seller, `/api/contacts/${mover.id}`, 'noch bei Andere AG');
    const res = await t.request('PATCH', `/api/contacts/${mover.id}`, {
      cookie: seller.cookie,
      ifMatch: mover.version,
      body: { accountId: account.id },
    });
    expect(res.status, res.text).toBe(200);
    const after = await note(seller, `/api/contacts/${mover.id}`, 'jetzt bei Müller');
    const ids = (await timeline(`/api/accounts/${account.id}`, 'scope=account&kind=note')).items.map((e) => e.id);
    expect(ids).toContain(after.id);
    expect(ids).not.toContain(before.id);
  });

  it('invalid: scope on a contact, an unknown scope or kind → 400; unknown account → 404', async () => {
    expectInvalid(await t.get(`/api/contacts/${erika.id}/timeline?scope=account`, seller), 'query.scope');
    expectInvalid(await t.get(`/api/accounts/${account.id}/timeline?scope=world`, seller), 'query.scope');
    expectInvalid(await t.get(`/api/accounts/${account.id}/timeline?scope=account&kind=gossip`, seller), 'query.kind');
    expectProblem(await t.get(`/api/accounts/${MISSING_ID}/timeline?scope=account`, seller), 404, 'account_not_found');
  });
});

describe('deal timelines and the trash', () => {
  it('a deal has a timeline with notes and comments; an unknown deal → 404 deal_not_found', async () => {
    const comment = await t.request<TimelineEntry>('POST', `/api/deals/${dealId}/comments`, {
      cookie: seller.cookie,
      body: { body: '@Mia bitte Case Study', mentions: [marketer.user.id] },
    });
    expect(comment.status, comment.text).toBe(201);
    expect(comment.body).toMatchObject({ kind: 'comment', entityType: 'deal', entityName: 'Fräszentrum 2027' });
    const list = await timeline(`/api/deals/${dealId}`, 'kind=comment', marketer);
    expect(list.items).toEqual([comment.body]);
    await t.unchanged(async () => {
      expectProblem(await t.get(`/api/deals/${MISSING_ID}/timeline`, seller), 404, 'deal_not_found');
      expectProblem(
        await t.request('POST', `/api/deals/${MISSING_ID}/notes`, { cookie: seller.cookie, body: { body: 'x' } }),
        404,
        'deal_not_found',
      );
    });
  });

  it('an admin reads the timeline of a record in the trash; a member gets 404; nobody writes to it', async () => {
    const gone = await t.createContact(seller, { firstName: 'Gabi', lastName: 'Gelöscht', accountId: account.id });
    const last = await note(seller, `/api/contacts/${gone.id}`, 'letzte Notiz');
    expect((await t.request('DELETE', `/api/contacts/${gone.id}`, { cookie: seller.cookie })).status).toBe(204);
    const seen = await timeline(`/api/contacts/${gone.id}`, '', admin);
    expect(seen.items.map((e) => e.action)).toEqual(['deleted', null, 'created']);
    expect(seen.items[1]).toMatchObject({ id: last.id, entityName: 'Gabi Gelöscht' });
    expectProblem(await t.get(`/api/contacts/${gone.id}/timeline`, seller), 404, 'contact_not_found');
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', `/api/contacts/${gone.id}/notes`, { cookie: admin.cookie, body: { body: 'x' } }),
        404,
        'contact_not_found',
      );
    });

    const trashed = await t.createAccount(seller, { name: 'Weg GmbH' });
    expect((await t.request('DELETE', `/api/accounts/${trashed.id}`, { cookie: seller.cookie })).status).toBe(204);
    expect((await timeline(`/api/accounts/${trashed.id}`, 'scope=account', admin)).items[0]?.action).toBe('deleted');
    expectProblem(await t.get(`/api/accounts/${trashed.id}/timeline`, seller), 404, 'account_not_found');
  });
});

describe('an account with 100k entries', () => {
  const explain = async (q: CompiledQuery): Promise<string> => {
    const prefix = engine === 'postgres' ? 'explain ' : 'explain query plan ';
    const res = await t.ctx.db.executeQuery<Record<string, unknown>>({ ...q, sql: prefix + q.sql });
    return res.rows.map((r) => Object.values(r).join(' ')).join('\n');
  };

  it('the first 360° page walks the index timeline_account on both engines and is fast', async () => {
    const big = await t.createAccount(seller, { name: 'Groß AG' });
    const contactId = (await t.createContact(seller, { accountId: big.id })).id;
    const n = 100_000;
    // spread over the account, one contact and one deal; times a second apart, ids ordered like UUIDv7
    if (engine === 'postgres') {
      await sql`insert into timeline_entries (id, entity_type, entity_id, account_id, kind, action, actor_id, department, body, data, created_at)
        select '00000000-0000-7000-8000-' || lpad(g::text, 12, '0'),
               case g % 3 when 0 then 'account' when 1 then 'contact' else 'deal' end,
               case g % 3 when 0 then ${big.id} when 1 then ${contactId} else ${dealId} end,
               ${big.id}, case g % 5 when 0 then 'note' else 'audit' end, null, null,
               case g % 2 when 0 then 'sales' else 'marketing' end, 'x', null,
               timestamptz '2020-01-01T00:00:00Z' + g * interval '1 second'
        from generate_series(1, ${n}) g`.execute(t.ctx.db);
      await sql`analyze timeline_entries`.execute(t.ctx.db);
    } else {
      await sql`with recursive s(g) as (select 1 union all select g + 1 from s where g < ${n})
        insert into timeline_entries (id, entity_type, entity_id, account_id, kind, action, actor_id, department, body, data, created_at)
        select '00000000-0000-7000-8000-' || printf('%012d', g),
               case g % 3 when 0 then 'account' when 1 then 'contact' else 'deal' end,
               case g % 3 when 0 then ${big.id} when 1 then ${contactId} else ${dealId} end,
               ${big.id}, case g % 5 when 0 then 'note' else 'audit' end, null, null,
               case g % 2 when 0 then 'sales' else 'marketing' end, 'x', null,
               strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01T00:00:00Z', '+' || g || ' seconds')
        from s`.execute(t.ctx.db);
      await sql`analyze`.execute(t.ctx.db);
    }
    const plan = await explain(
      timelineRowsQuery(t.ctx.db, { entityType: 'account', entityId: big.id, scope: 'account', limit: 30 }).compile(),
    );
    expect(plan).toMatch(/timeline_account/);
    expect(plan).not.toMatch(/TEMP B-TREE|Sort\b/i);

    const times: number[] = [];
    let first: Page<TimelineEntry> | undefined;
    for (let i = 0; i < 7; i += 1) {
      const started = performance.now();
      first = await timeline(`/api/accounts/${big.id}`, 'scope=account&limit=30');
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[3] ?? Number.POSITIVE_INFINITY;
    console.info(`[360° timeline, ${engine}] first page of 100k entries: median ${median.toFixed(1)} ms over HTTP`);
    // The 20 ms target is measured by the benchmark on a quiet machine; here, beside other test files on a
    // busy one, the bound only catches a plan that reads the account's entries instead of the first page.
    expect(median).toBeLessThan(150);
    expect(first?.items).toHaveLength(30);
    expect(first?.items.find((e) => e.entityType === 'deal')?.entityName).toBe('Fräszentrum 2027');
    expect(first?.items.find((e) => e.entityType === 'account')?.entityName).toBe('Groß AG');
    expect(first?.items.find((e) => e.entityType === 'contact')?.entityName).toMatch(/^Erika Muster\d+$/);
    const second = await timeline(`/api/accounts/${big.id}`, `scope=account&limit=30&cursor=${first?.nextCursor}`);
    expect((second.items[0]?.createdAt ?? '') < (first?.items.at(-1)?.createdAt ?? '')).toBe(true);
  });
});
