import type { Contact, Deal } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from './harness.js';

/*
 * The funnel's stage stamps: written by the database triggers (migration 0007) whatever path changes a
 * contact's stage, each set once; and the stage moves deals cause (a new deal makes its contacts
 * opportunities, a won deal customers), audited like any contact change.
 */

let t: TestApp;
let seller: Session;

const pause = async () => t.clock.advance(5);
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

const stampsOf = async (id: string) => {
  const row = await t.row('contacts', id);
  if (!row) throw new Error('no contact');
  return {
    stage: row.lifecycle_stage,
    version: row.version,
    created: iso(row.created_at),
    updated: iso(row.updated_at),
    lead: iso(row.lead_at),
    mql: iso(row.mql_at),
    sal: iso(row.sal_at),
    sql: iso(row.sql_at),
    opportunity: iso(row.opportunity_at),
    customer: iso(row.customer_at),
  };
};

const setStage = async (c: { id: string }, lifecycleStage: string) => {
  await pause();
  const current = await t.get<Contact>(`/api/contacts/${c.id}`, seller);
  const res = await t.request<Contact>('PATCH', `/api/contacts/${c.id}`, {
    cookie: seller.cookie,
    ifMatch: current.body.version,
    body: { lifecycleStage },
  });
  expect(res.status, res.text).toBe(200);
};

const audits = async (contactId: string) =>
  (
    await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['action', 'actor_id', 'data'])
      .where('entity_type', '=', 'contact')
      .where('entity_id', '=', contactId)
      .where('kind', '=', 'audit')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map((a) => ({ action: a.action, actor: a.actor_id, data: a.data ? JSON.parse(a.data) : null }));

beforeAll(async () => {
  t = await startTestApp();
  seller = await t.session('sales', 'member', 'Sam Sales');
});

afterAll(async () => {
  await t?.close();
});

describe('stage stamps (triggers)', () => {
  it('a new lead is stamped lead at its creation; mql once, however often it moves back and forth', async () => {
    const c = await t.createContact(seller, { lastName: 'Lehmann', lifecycleStage: 'lead' });
    const created = await stampsOf(c.id);
    expect(created.lead).toBe(created.created);
    expect([created.mql, created.sal, created.sql, created.opportunity, created.customer]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);

    await setStage(c, 'mql');
    const first = await stampsOf(c.id);
    expect(first.mql).toBe(first.updated);
    expect(first.lead).toBe(created.lead);

    await setStage(c, 'lead');
    await setStage(c, 'mql');
    const again = await stampsOf(c.id);
    expect(again.updated).not.toBe(first.updated);
    expect(again.mql).toBe(first.mql);
    expect(again.lead).toBe(created.lead);
  });

  it('entering the funnel at a later stage stamps lead and that stage only; a subscriber is no lead yet', async () => {
    const sql = await t.createContact(seller, { lastName: 'Seiteneinstieg', lifecycleStage: 'sql' });
    const s = await stampsOf(sql.id);
    expect([s.lead, s.sql]).toEqual([s.created, s.created]);
    expect([s.mql, s.sal]).toEqual([null, null]);

    const subscriber = await t.createContact(seller, { lastName: 'Abonnent', lifecycleStage: 'subscriber' });
    expect((await stampsOf(subscriber.id)).lead).toBeNull();
    await setStage(subscriber, 'lead');
    const became = await stampsOf(subscriber.id);
    expect(became.lead).toBe(became.updated);
  });
});

describe('stage moves caused by deals', () => {
  it('a new deal makes its earlier contacts opportunities, a won deal customers; later stages stay', async () => {
    const account = await t.createAccount(seller, { name: 'Stufen GmbH' });
    const lead = await t.createContact(seller, { lastName: 'Lead', accountId: account.id, lifecycleStage: 'lead' });
    const evangelist = await t.createContact(seller, {
      lastName: 'Fan',
      accountId: account.id,
      lifecycleStage: 'evangelist',
    });
    const before = await stampsOf(lead.id);
    await pause();
    const res = await t.request<Deal>('POST', '/api/deals', {
      cookie: seller.cookie,
      body: {
        name: 'Stufen',
        accountId: account.id,
        amount: 100_000,
        contacts: [{ contactId: lead.id }, { contactId: evangelist.id }],
      },
    });
    expect(res.status, res.text).toBe(201);
    const opportunity = await stampsOf(lead.id);
    expect(opportunity).toMatchObject({ stage: 'opportunity', version: Number(before.version) + 1 });
    expect(opportunity.opportunity).toBe(opportunity.updated);
    expect(opportunity.lead).toBe(before.lead);
    expect((await stampsOf(evangelist.id)).stage).toBe('evangelist');
    expect(await audits(lead.id)).toContainEqual({
      action: 'updated',
      actor: seller.user.id,
      data: { changes: [{ field: 'lifecycleStage', from: 'lead', to: 'opportunity' }] },
    });

    await pause();
    const won = await t.request<Deal>('POST', `/api/deals/${res.body.id}/close`, {
      cookie: seller.cookie,
      body: { outcome: 'won', reason: 'price' },
    });
    expect(won.status, won.text).toBe(200);
    const customer = await stampsOf(lead.id);
    expect(customer.stage).toBe('customer');
    expect(customer.customer).toBe(customer.updated);
    expect(customer.opportunity).toBe(opportunity.opportunity);
    expect((await stampsOf(evangelist.id)).stage).toBe('evangelist');
    expect((await audits(lead.id)).map((a) => a.data?.changes?.[0]?.to)).toContain('customer');
  });

  it('a lost deal moves nobody to customer', async () => {
    const account = await t.createAccount(seller, { name: 'Verloren GmbH' });
    const c = await t.createContact(seller, { lastName: 'Verloren', accountId: account.id, lifecycleStage: 'mql' });
    const res = await t.request<Deal>('POST', '/api/deals', {
      cookie: seller.cookie,
      body: { name: 'Verloren', accountId: account.id, amount: 1, contacts: [{ contactId: c.id }] },
    });
    expect(res.status, res.text).toBe(201);
    const lost = await t.request<Deal>('POST', `/api/deals/${res.body.id}/close`, {
      cookie: seller.cookie,
      body: { outcome: 'lost', reason: 'price' },
    });
    expect(lost.status, lost.text).toBe(200);
    const s = await stampsOf(c.id);
    expect([s.stage, s.customer]).toEqual(['opportunity', null]);
  });

  it('a handoff converted to SQL with a deal leaves the contact an opportunity, with both stamps', async () => {
    const marketer = await t.session('marketing', 'member', 'Mia Marketing');
    const account = await t.createAccount(marketer, { name: 'Umwandlung AG' });
    const c = await t.createContact(marketer, { lastName: 'Umwandlung', accountId: account.id, lifecycleStage: 'mql' });
    const handoffs = await t.get<{ items: { id: string; version: number }[] }>(
      `/api/handoffs?contactId=${c.id}`,
      seller,
    );
    const handoff = handoffs.body.items[0];
    expect(handoff).toBeDefined();
    await pause();
    const res = await t.request<{ dealId: string | null }>('POST', `/api/handoffs/${handoff?.id}/convert`, {
      cookie: seller.cookie,
      ifMatch: handoff?.version,
      body: { stage: 'sql', deal: { amount: 50_000 } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.dealId).not.toBeNull();
    const s = await stampsOf(c.id);
    expect(s.stage).toBe('opportunity');
    expect(s.sql).not.toBeNull();
    expect(s.opportunity).not.toBeNull();
    expect((s.opportunity ?? '') >= (s.sql ?? '')).toBe(true);
  });
});
