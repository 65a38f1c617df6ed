import {
  type Account,
  type AttributionModel,
  AttributionQuery,
  type AttributionSettings,
  attributeJourneys,
  attributionModels,
  type Contact,
} from '@nenner/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.js';
import { type Database, openDatabase } from '../src/db/database.js';
import { newId } from '../src/lib/ids.js';
import { attributionFeed, DEAL_PAGE, optionsOf } from '../src/modules/attribution/attribution.feed.js';
import { attributionTotals, resolveQuery } from '../src/modules/attribution/attribution.service.js';
import { runBackgroundOnce } from '../src/worker.js';
import { ok } from './goal-helpers.js';
import { type Session, startTestApp, type TestApp } from './harness.js';
import { createDatedDeal, insertTouch as insertTouchRow, putAttributionSettings } from './journey-helpers.js';

/*
 * Incremental attribution (issue 17, migration 0031): the report sums stored per-deal credits and
 * recomputes only the deals that writes marked. Here the report is compared, after random sequences of
 * writes, with a full recomputation from the live tables (the journeys of the period's deals run through
 * the pure function in one pass, as the report did before credits were stored). The seven models'
 * hand-computed figures are asserted in attribution.test.ts.
 */

let t: TestApp;
let admin: Session;
let seller: Session;
const campaignIds: string[] = [];
const accounts: Account[] = [];
const contacts: Contact[] = [];
const dealIds: string[] = [];
const touchIds: string[] = [];

const FROM = '2025-01-01';
const TO = '2025-12-31';
const DAY = 86_400_000;
const at = (day: number, hour = 10) => new Date(Date.UTC(2025, 0, 1) + day * DAY + hour * 3_600_000).toISOString();

type Figures = Record<AttributionModel, { byCampaign: [string, number][]; unattributed: number }>;

const shape = (models: Record<AttributionModel, { byCampaign: Map<string, number>; unattributed: number }>) => {
  const out = {} as Figures;
  for (const m of attributionModels) {
    out[m] = {
      byCampaign: [...models[m].byCampaign].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      unattributed: models[m].unattributed,
    };
  }
  return out;
};

const query = (measure: 'pipeline' | 'revenue') =>
  AttributionQuery.parse({ from: FROM, to: TO, measure, currency: 'EUR' });

/** What the report shows now (stored credits, the marked deals recomputed first). */
const incremental = async (ctx: AppContext, measure: 'pipeline' | 'revenue') =>
  shape((await attributionTotals(ctx, await resolveQuery(ctx, query(measure)))).models);

/** The same figures computed afresh from the live tables, nothing stored read. */
const recomputed = async (measure: 'pipeline' | 'revenue') => {
  const q = await resolveQuery(t.ctx, query(measure));
  const models = {} as Record<AttributionModel, { byCampaign: Map<string, number>; unattributed: number }>;
  for (const m of attributionModels) models[m] = { byCampaign: new Map(), unattributed: 0 };
  for await (const batch of attributionFeed(t.ctx, q)) {
    const sums = attributeJourneys(batch.journeys, attributionModels, optionsOf(q.settings));
    for (const m of attributionModels) {
      models[m].unattributed += sums[m].unattributed;
      for (const [k, v] of sums[m].byKey) models[m].byCampaign.set(k, (models[m].byCampaign.get(k) ?? 0) + v);
    }
  }
  return shape(models);
};

const expectSameAsRecomputed = async (ctx: AppContext = t.ctx) => {
  for (const measure of ['pipeline', 'revenue'] as const) {
    expect(await incremental(ctx, measure), measure).toEqual(await recomputed(measure));
  }
};

const insertTouch = async (contactId: string, campaignId: string | null, type: string, occurredAt: string) => {
  const id = await insertTouchRow(t, contactId, campaignId, type, occurredAt);
  touchIds.push(id);
  return id;
};

const createDeal = async (account: Account, dealContacts: Contact[], amount: number, createdDay: number) => {
  const id = await createDatedDeal(t, seller, {
    name: `Deal ${dealIds.length + 1}`,
    accountId: account.id,
    contactIds: dealContacts.map((c) => c.id),
    amount,
    createdAt: at(createdDay, 12),
  });
  dealIds.push(id);
  return id;
};

const putSettings = async (change: Partial<AttributionSettings>) => {
  await putAttributionSettings(t, admin, change);
};

const dirtyDeals = async () =>
  (await t.ctx.db.selectFrom('attribution_dirty').select('deal_id').execute()).map((r) => r.deal_id).sort();

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
  seller = await t.session('sales', 'member');
  for (const [name, channel] of [
    ['Webinar', 'webinar'],
    ['Messe', 'trade_fair'],
    ['Anzeigen', 'paid_search'],
  ] as const) {
    campaignIds.push((await t.createCampaign(admin, { name, channel, department: 'marketing', status: 'active' })).id);
  }
  for (const name of ['Alpha GmbH', 'Beta AG']) accounts.push(await t.createAccount(seller, { name }));
  for (let i = 0; i < 5; i++) {
    contacts.push(
      await t.createContact(seller, {
        firstName: `P${i}`,
        lastName: 'Test',
        accountId: (accounts[i % 2] as Account).id,
      }),
    );
  }
  const [a, b] = accounts as [Account, Account];
  const [c0, c1, c2, c3] = contacts as [Contact, Contact, Contact, Contact];
  await createDeal(a, [c0, c2], 100_000, 60);
  await createDeal(b, [c1], 33_333, 90);
  await createDeal(a, [c0], 77_777, 120);
  await createDeal(b, [c3, c1], 50_001, 150);
  await insertTouch(c0.id, campaignIds[0] as string, 'form_submission', at(20));
  await insertTouch(c1.id, campaignIds[1] as string, 'event_attendance', at(70));
  await insertTouch(c2.id, campaignIds[2] as string, 'ad_click', at(40));
  await insertTouch(c3.id, campaignIds[0] as string, 'email_click', at(140));
});
afterAll(() => t.close());

const types = ['form_submission', 'event_attendance', 'email_click', 'ad_click', 'web_visit'] as const;

type Write =
  | { kind: 'addTouch'; contact: number; campaign: number; type: number; day: number }
  | { kind: 'deleteTouch'; touch: number }
  | { kind: 'moveTouch'; touch: number; contact: number; day: number }
  | { kind: 'amount'; deal: number; amount: number }
  | { kind: 'win'; deal: number; day: number }
  | { kind: 'reopen'; deal: number }
  | { kind: 'trashDeal'; deal: number; trashed: boolean }
  | { kind: 'trashContact'; contact: number; trashed: boolean }
  | { kind: 'moveContact'; contact: number; account: number }
  | { kind: 'leadAt'; contact: number; day: number | null }
  | { kind: 'link'; deal: number; contact: number; linked: boolean }
  | { kind: 'read' };

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

const writeArb: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    kind: fc.constant('addTouch' as const),
    contact: fc.nat(20),
    campaign: fc.nat(3), // 3: no campaign (never counts)
    type: fc.nat(4),
    day: fc.integer({ min: -200, max: 300 }),
  }),
  fc.record({ kind: fc.constant('deleteTouch' as const), touch: fc.nat(50) }),
  fc.record({
    kind: fc.constant('moveTouch' as const),
    touch: fc.nat(50),
    contact: fc.nat(20),
    day: fc.integer({ min: -200, max: 300 }),
  }),
  fc.record({ kind: fc.constant('amount' as const), deal: fc.nat(10), amount: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('win' as const), deal: fc.nat(10), day: fc.integer({ min: 0, max: 360 }) }),
  fc.record({ kind: fc.constant('reopen' as const), deal: fc.nat(10) }),
  fc.record({ kind: fc.constant('trashDeal' as const), deal: fc.nat(10), trashed: fc.boolean() }),
  fc.record({ kind: fc.constant('trashContact' as const), contact: fc.nat(20), trashed: fc.boolean() }),
  fc.record({ kind: fc.constant('moveContact' as const), contact: fc.nat(20), account: fc.nat(1) }),
  fc.record({
    kind: fc.constant('leadAt' as const),
    contact: fc.nat(20),
    day: fc.option(fc.integer({ min: -100, max: 300 })),
  }),
  fc.record({ kind: fc.constant('link' as const), deal: fc.nat(10), contact: fc.nat(20), linked: fc.boolean() }),
  fc.constant({ kind: 'read' as const }),
);

/** One write straight through SQL: the triggers, not the services, must mark what it changes. */
const apply = async (w: Write) => {
  const db = t.ctx.db;
  switch (w.kind) {
    case 'addTouch':
      await insertTouch(
        pick(contacts, w.contact).id,
        w.campaign === 3 ? null : pick(campaignIds, w.campaign),
        pick(types, w.type),
        at(w.day),
      );
      return;
    case 'deleteTouch':
      await db.deleteFrom('touchpoints').where('id', '=', pick(touchIds, w.touch)).execute();
      return;
    case 'moveTouch':
      await db
        .updateTable('touchpoints')
        .set({ contact_id: pick(contacts, w.contact).id, occurred_at: at(w.day) })
        .where('id', '=', pick(touchIds, w.touch))
        .execute();
      return;
    case 'amount':
      await db.updateTable('deals').set({ amount: w.amount }).where('id', '=', pick(dealIds, w.deal)).execute();
      return;
    case 'win':
      await db
        .updateTable('deals')
        .set({ status: 'won', closed_at: at(w.day, 15) })
        .where('id', '=', pick(dealIds, w.deal))
        .execute();
      return;
    case 'reopen':
      await db
        .updateTable('deals')
        .set({ status: 'open', closed_at: null })
        .where('id', '=', pick(dealIds, w.deal))
        .execute();
      return;
    case 'trashDeal':
      await db
        .updateTable('deals')
        .set({ deleted_at: w.trashed ? at(300) : null })
        .where('id', '=', pick(dealIds, w.deal))
        .execute();
      return;
    case 'trashContact':
      await db
        .updateTable('contacts')
        .set({ deleted_at: w.trashed ? at(300) : null })
        .where('id', '=', pick(contacts, w.contact).id)
        .execute();
      return;
    case 'moveContact':
      await db
        .updateTable('contacts')
        .set({ account_id: pick(accounts, w.account).id })
        .where('id', '=', pick(contacts, w.contact).id)
        .execute();
      return;
    case 'leadAt':
      await db
        .updateTable('contacts')
        .set({ lead_at: w.day === null ? null : at(w.day, 8) })
        .where('id', '=', pick(contacts, w.contact).id)
        .execute();
      return;
    case 'link': {
      const dealId = pick(dealIds, w.deal);
      const contactId = pick(contacts, w.contact).id;
      await db.deleteFrom('deal_contacts').where('deal_id', '=', dealId).where('contact_id', '=', contactId).execute();
      if (w.linked)
        await db.insertInto('deal_contacts').values({ deal_id: dealId, contact_id: contactId, role: null }).execute();
      return;
    }
    case 'read':
      await incremental(t.ctx, 'pipeline');
      await incremental(t.ctx, 'revenue');
      return;
  }
};

describe('incremental attribution', () => {
  it('equals a full recomputation after any sequence of writes (deal or account contacts)', async () => {
    await expectSameAsRecomputed();
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(writeArb, { minLength: 1, maxLength: 12 }),
        async (accountWide, writes) => {
          const settings = (await resolveQuery(t.ctx, query('pipeline'))).settings;
          if (settings.includeAccountContacts !== accountWide)
            await putSettings({ includeAccountContacts: accountWide });
          for (const w of writes) await apply(w);
          await expectSameAsRecomputed();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('marks deals in the write itself and recomputes only those', async () => {
    await expectSameAsRecomputed();
    expect(await dirtyDeals()).toEqual([]);
    const before = (await t.ctx.db.selectFrom('attribution_state').select('version').executeTakeFirstOrThrow()).version;
    // a touch of a contact linked to exactly the first deal (and the account-wide deals of its account)
    const contact = await t.createContact(seller, { firstName: 'Neu', lastName: 'Kontakt' });
    await t.ctx.db
      .insertInto('deal_contacts')
      .values({ deal_id: dealIds[1] as string, contact_id: contact.id, role: null })
      .execute();
    expect(await dirtyDeals()).toEqual([dealIds[1]]);
    await insertTouch(contact.id, campaignIds[2] as string, 'web_visit', at(80));
    expect(await dirtyDeals()).toEqual([dealIds[1]]);
    await expectSameAsRecomputed();
    expect(await dirtyDeals()).toEqual([]);
    const after = (await t.ctx.db.selectFrom('attribution_state').select('version').executeTakeFirstOrThrow()).version;
    expect(Number(after)).toBe(Number(before) + 1);
    // a touch without a campaign never counts: nothing is marked
    await insertTouch(contact.id, null, 'web_visit', at(81));
    expect(await dirtyDeals()).toEqual([]);
  });

  it('a settings change recomputes every deal', async () => {
    // a deal whose one touch lies 50 days before it, so a lookback of 10 days changes the figures whatever
    // state the random writes above left
    const contact = await t.createContact(seller, { firstName: 'Lange', lastName: 'Her' });
    await createDeal(accounts[0] as Account, [contact], 30_000, 200);
    await insertTouch(contact.id, campaignIds[0] as string, 'form_submission', at(150));
    const before = await incremental(t.ctx, 'pipeline');
    await putSettings({ lookbackDays: 10 });
    const shorter = await incremental(t.ctx, 'pipeline');
    expect(shorter).not.toEqual(before);
    await expectSameAsRecomputed();
    await putSettings({ lookbackDays: 365 });
    expect(await incremental(t.ctx, 'pipeline')).toEqual(before);
  });
});

describe('writers that mark deals', () => {
  it('a contact merge moves touches and deal links: their deals are recomputed', async () => {
    await putSettings({ includeAccountContacts: false });
    await expectSameAsRecomputed();
    const survivor = await t.createContact(seller, { firstName: 'Bleibt', lastName: 'Hier' });
    const merged = await t.createContact(seller, { firstName: 'Geht', lastName: 'Weg' });
    const dealId = await createDeal(accounts[0] as Account, [merged], 40_000, 200);
    await insertTouch(merged.id, campaignIds[1] as string, 'form_submission', at(190));
    const before = await incremental(t.ctx, 'pipeline');
    expect(before.first.byCampaign).toContainEqual([campaignIds[1], expect.any(Number)]);
    const res = await t.request('POST', '/api/contacts/merge', {
      cookie: admin.cookie,
      body: { survivorId: survivor.id, mergedId: merged.id },
    });
    expect(res.status, res.text).toBe(200);
    expect(await dirtyDeals()).toContain(dealId);
    await expectSameAsRecomputed();
    // the touch moved with the deal link to the survivor: the figures did not change
    expect(await incremental(t.ctx, 'pipeline')).toEqual(before);
  });

  it('a GDPR erasure keeps the anonymous contact and its touches: figures stay, and stay exact', async () => {
    const person = await t.createContact(seller, {
      firstName: 'Lösch',
      lastName: 'Mich',
      emails: ['loesch@example.com'],
    });
    await createDeal(accounts[1] as Account, [person], 12_345, 210);
    await insertTouch(person.id, campaignIds[0] as string, 'email_click', at(205));
    const before = await incremental(t.ctx, 'pipeline');
    const res = await t.request('POST', `/api/contacts/${person.id}/erase`, {
      cookie: admin.cookie,
      body: { reason: 'Antrag der Person (Art. 17)' },
    });
    expect([200, 201], res.text).toContain(res.status);
    await expectSameAsRecomputed();
    expect(await incremental(t.ctx, 'pipeline')).toEqual(before);
  });

  it('an import of deals marks the deals it creates', async () => {
    await expectSameAsRecomputed();
    const csv = ['Name,Firma,Betrag', `Importiert,${(accounts[0] as Account).name},4321`].join('\r\n');
    const up = await fetch(`${t.url}/api/imports?entity=deals&fileName=deals.csv`, {
      method: 'POST',
      headers: { cookie: seller.cookie, 'content-type': 'text/csv' },
      body: Buffer.from(csv, 'utf8'),
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    ok(await t.request('POST', `/api/imports/${id}/dry-run`, { cookie: seller.cookie }));
    ok(await t.request('POST', `/api/imports/${id}/run`, { cookie: seller.cookie }));
    await runBackgroundOnce(t.ctx);
    const imported = await t.ctx.db
      .selectFrom('deals')
      .select('id')
      .where('name', '=', 'Importiert')
      .executeTakeFirstOrThrow();
    expect(await dirtyDeals()).toContain(imported.id);
    await expectSameAsRecomputed();
  });
});

describe('two instances on one database', () => {
  let second: Database;
  beforeAll(() => {
    second = openDatabase(t.config.database);
  });
  afterAll(() => second.close());

  it('a write seen through one instance invalidates the totals the other keeps', async () => {
    const other: AppContext = { ...t.ctx, db: second.db };
    const person = await t.createContact(seller, { firstName: 'Zwei', lastName: 'Instanzen' });
    const dealId = await createDeal(accounts[0] as Account, [person], 10_000, 220);
    await insertTouch(person.id, campaignIds[2] as string, 'ad_click', at(215));
    // both keep totals in memory
    const first = await incremental(t.ctx, 'pipeline');
    expect(await incremental(other, 'pipeline')).toEqual(first);
    await t.ctx.db.updateTable('deals').set({ amount: 20_000 }).where('id', '=', dealId).execute();
    // the first instance recomputes the marked deal and clears its mark ...
    const changed = await incremental(t.ctx, 'pipeline');
    expect(changed).not.toEqual(first);
    expect(await dirtyDeals()).toEqual([]);
    // ... and the other, finding no mark, still sees the raised version and sums afresh
    expect(await incremental(other, 'pipeline')).toEqual(changed);
    await expectSameAsRecomputed(other);
  });
});

describe('a recomputation in pages', () => {
  const staged = async () =>
    (await t.ctx.db.selectFrom('attribution_credits_staging').select('run_id').execute()).map((r) => r.run_id);

  it('recomputes more deals than one page, page by page, and leaves nothing staged', async () => {
    // one deal more than two pages, inserted as rows (the API would take minutes): a full recomputation
    // that stopped after the first page would miss the rest and differ from the figures computed afresh
    const template = await t.ctx.db
      .selectFrom('deals')
      .selectAll()
      .where('id', '=', dealIds[0] as string)
      .executeTakeFirstOrThrow();
    const many = 2 * DEAL_PAGE + 1;
    const rows = Array.from({ length: many }, (_, i) => {
      const createdAt = at(i % 360, 9);
      const won = i % 3 === 0;
      return {
        ...template,
        id: newId(),
        name: `Seite ${i}`,
        sort_name: `seite ${i}`,
        amount: 1_000 + i,
        status: won ? 'won' : 'open',
        closed_at: won ? at((i % 360) + 2, 16) : null,
        created_at: createdAt,
        updated_at: createdAt,
        stage_changed_at: createdAt,
        deleted_at: null,
      };
    });
    for (let i = 0; i < rows.length; i += 200) {
      const part = rows.slice(i, i + 200);
      await t.ctx.db.insertInto('deals').values(part).execute();
      await t.ctx.db
        .insertInto('deal_contacts')
        .values(part.map((d, k) => ({ deal_id: d.id, contact_id: pick(contacts, i + k).id, role: null })))
        .execute();
    }
    await putSettings({ lookbackDays: 200 });
    await expectSameAsRecomputed();
    const credited = await t.ctx.db
      .selectFrom('attribution_credits')
      .select((eb) => eb.fn.count<number>('deal_id').distinct().as('n'))
      .where('measure', '=', 'pipeline')
      .where('deal_id', 'in', [rows[0]?.id as string, rows[DEAL_PAGE]?.id as string, rows[many - 1]?.id as string])
      .executeTakeFirstOrThrow();
    expect(Number(credited.n)).toBe(3);
    expect(await staged()).toEqual([]);
    // an incremental run stages too, and removes what it staged
    await t.ctx.db
      .updateTable('deals')
      .set({ amount: 5_555 })
      .where('id', '=', rows[7]?.id as string)
      .execute();
    await expectSameAsRecomputed();
    expect(await staged()).toEqual([]);
    await putSettings({ lookbackDays: 365 });
  });

  it('a full recomputation removes what a stopped run staged long ago, and leaves a running one alone', async () => {
    const row = (run: string, stagedAt: string) => ({
      run_id: run,
      deal_id: dealIds[0] as string,
      measure: 'pipeline',
      campaign_id: '',
      currency: 'EUR',
      converted_at: at(1),
      credit_first: 1,
      credit_last: 1,
      credit_linear: 1,
      credit_u: 1,
      credit_w: 1,
      credit_full: 1,
      credit_decay: 1,
      staged_at: stagedAt,
    });
    await t.ctx.db
      .insertInto('attribution_credits_staging')
      .values([
        row('stopped', new Date(Date.now() - 2 * 3_600_000).toISOString()),
        row('running', new Date().toISOString()),
      ])
      .execute();
    await putSettings({ lookbackDays: 300 });
    await expectSameAsRecomputed();
    expect(await staged()).toEqual(['running']);
    await t.ctx.db.deleteFrom('attribution_credits_staging').execute();
    await putSettings({ lookbackDays: 365 });
  });
});
