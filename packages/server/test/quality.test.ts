import { randomUUID } from 'node:crypto';
import {
  type Account,
  accountCompletenessFields,
  type Contact,
  completenessOf,
  contactCompletenessFields,
  type DuplicatePair,
  type Merge,
  type MergeResult,
  type Page,
} from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filledWeightOf } from '../src/modules/quality/quality.repository.js';
import {
  expectInvalid,
  expectProblem,
  MISSING_ID,
  type Res,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

let t: TestApp;
let member: Session;
let admin: Session;
let viewer: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
  member = await t.session('sales', 'member');
  viewer = await t.session('sales', 'viewer');
});
afterAll(() => t.close());

const post = <T>(path: string, as: Session, body: unknown) => t.request<T>('POST', path, { cookie: as.cookie, body });

const allDuplicates = async (type: 'contact' | 'account', limit = 200): Promise<DuplicatePair[]> => {
  const out: DuplicatePair[] = [];
  let cursor: string | null = null;
  do {
    const res: Res<Page<DuplicatePair>> = await t.get<Page<DuplicatePair>>(
      `/api/duplicates?type=${type}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      member,
    );
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
};

const pairOf = (pairs: DuplicatePair[], a: string, b: string) =>
  pairs.find((p) => p.ids.includes(a) && p.ids.includes(b));

// ——— Rows that point at a contact or an account, written directly (their modules have their own tests) ———

const now = () => new Date().toISOString();
let pipeline: { id: string; stageId: string } | undefined;
const ensurePipeline = async () => {
  if (pipeline) return pipeline;
  const id = randomUUID();
  const stageId = randomUUID();
  await t.ctx.db
    .insertInto('pipelines')
    .values({ id, name: 'Test', is_default: 0, version: 1, created_at: now(), updated_at: now() })
    .execute();
  await t.ctx.db
    .insertInto('pipeline_stages')
    .values({
      id: stageId,
      pipeline_id: id,
      position: 0,
      name_de: 'Qualifizierung',
      name_en: 'Qualification',
      probability: 10,
      stale_after_days: null,
      kind: 'open',
    })
    .execute();
  pipeline = { id, stageId };
  return pipeline;
};

const addDeal = async (accountId: string) => {
  const p = await ensurePipeline();
  const id = randomUUID();
  await t.ctx.db
    .insertInto('deals')
    .values({
      id,
      name: 'Deal',
      sort_name: 'deal',
      account_id: accountId,
      pipeline_id: p.id,
      stage_id: p.stageId,
      status: 'open',
      amount: 100_00,
      currency: 'EUR',
      close_date: null,
      owner_id: member.user.id,
      source: 'sales',
      handoff_id: null,
      campaign_key: null,
      next_step: null,
      close_reason: null,
      close_comment: null,
      lost_to_competitor_id: null,
      closed_at: null,
      stage_changed_at: now(),
      version: 1,
      created_at: now(),
      updated_at: now(),
      deleted_at: null,
    })
    .execute();
  return id;
};

const addContactRows = async (contactId: string, accountId: string, dealIds: string[]) => {
  const db = t.ctx.db;
  for (const dealId of dealIds) {
    await db.insertInto('deal_contacts').values({ deal_id: dealId, contact_id: contactId, role: 'champion' }).execute();
  }
  await db
    .insertInto('handoffs')
    .values({
      id: randomUUID(),
      contact_id: contactId,
      status: 'accepted',
      qualified_at: now(),
      qualified_by: null,
      qualified_reason: 'score',
      assignee_id: member.user.id,
      team_id: null,
      routing_rule: 'default',
      sla_due_at: now(),
      accepted_at: now(),
      rejected_at: null,
      reject_reason: null,
      reject_comment: null,
      first_touch_at: null,
      converted_at: null,
      converted_stage: null,
      recycled_at: null,
      recycle_note: null,
      responded_at: now(),
      response_seconds: 60,
      breached_at: null,
      source: 'form',
      form_id: null,
      utm_campaign: null,
      version: 1,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  await db
    .insertInto('touchpoints')
    .values({
      id: randomUUID(),
      contact_id: contactId,
      type: 'form_submission',
      occurred_at: now(),
      form_id: null,
      campaign_key: null,
      utm_source: 'newsletter',
      utm_medium: null,
      utm_campaign: null,
      utm_term: null,
      utm_content: null,
      referrer: null,
      landing_page: null,
      created_at: now(),
    })
    .execute();
  await db
    .insertInto('consents')
    .values({
      id: randomUUID(),
      contact_id: contactId,
      purpose: 'newsletter',
      text: 'Ja, bitte',
      text_version: 1,
      source: 'form',
      status: 'confirmed',
      given_at: now(),
      confirm_token_hash: null,
      confirmed_at: now(),
    })
    .execute();
  await db
    .insertInto('tasks')
    .values({
      id: randomUUID(),
      title: 'Anrufen',
      description: null,
      status: 'open',
      due_at: null,
      remind_at: null,
      reminded_at: null,
      owner_id: member.user.id,
      entity_type: 'contact',
      entity_id: contactId,
      account_id: accountId,
      created_by: member.user.id,
      completed_at: null,
      version: 1,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  await db
    .insertInto('activities')
    .values({
      id: randomUUID(),
      type: 'call',
      subject: 'Erstgespräch',
      summary: null,
      occurred_at: now(),
      duration_minutes: 15,
      entity_type: 'contact',
      entity_id: contactId,
      account_id: accountId,
      actor_id: member.user.id,
      department: 'sales',
      created_at: now(),
    })
    .execute();
  const note = await post(`/api/contacts/${contactId}/notes`, member, { body: 'Kennt uns von der Messe' });
  expect(note.status).toBe(201);
};

const count = async (table: string, column: string, id: string, extra = sql``) => {
  const r = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id} ${extra}`.execute(t.ctx.db);
  return Number(r.rows[0]?.n ?? 0);
};

const contactCounts = async (id: string) => ({
  timeline: await count('timeline_entries', 'entity_id', id, sql`and entity_type = 'contact' and kind <> 'audit'`),
  dealContacts: await count('deal_contacts', 'contact_id', id),
  handoffs: await count('handoffs', 'contact_id', id),
  touchpoints: await count('touchpoints', 'contact_id', id),
  consents: await count('consents', 'contact_id', id),
  tasks: await count('tasks', 'entity_id', id, sql`and entity_type = 'contact'`),
  activities: await count('activities', 'entity_id', id, sql`and entity_type = 'contact'`),
});

const accountCounts = async (id: string) => ({
  contacts: await count('contacts', 'account_id', id),
  deals: await count('deals', 'account_id', id),
  timeline: await count('timeline_entries', 'entity_id', id, sql`and entity_type = 'account' and kind <> 'audit'`),
  timeline360: await count('timeline_entries', 'account_id', id, sql`and kind <> 'audit'`),
  tasks: await count('tasks', 'account_id', id),
  activities: await count('activities', 'account_id', id),
});

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

describe('completeness', () => {
  it('scores a contact and names the missing fields, heaviest first', async () => {
    const c = await t.createContact(member, { firstName: 'Erika', lastName: 'Leer' });
    const res = await t.get<{ score: number; missing: string[] }>(`/api/contacts/${c.id}/quality`, viewer);
    expect(res.status).toBe(200);
    // weights: email 3, lastName 2, firstName 1, accountId 2, jobTitle 1, phone 1, ownerId 1 = 11; filled 3
    expect(res.body).toEqual({ score: 27, missing: ['email', 'accountId', 'jobTitle', 'phone', 'ownerId'] });
  });

  it('scores an account; unknown and trashed records are 404', async () => {
    const a = await t.createAccount(member, { name: 'Voll AG', domain: 'voll.de', ownerId: member.user.id });
    const res = await t.get<{ score: number; missing: string[] }>(`/api/accounts/${a.id}/quality`, member);
    // domain 2 + owner 2 of 8
    expect(res.body).toEqual({ score: 50, missing: ['industry', 'employeeBand', 'country', 'city'] });
    expectProblem(await t.get(`/api/accounts/${MISSING_ID}/quality`, member), 404, 'account_not_found');
    const c = await t.createContact(member);
    await t.request('DELETE', `/api/contacts/${c.id}`, { cookie: member.cookie });
    expectProblem(await t.get(`/api/contacts/${c.id}/quality`, member), 404, 'contact_not_found');
  });

  it('lists an owner’s records least complete first, paged; SQL agrees with completeness.ts', async () => {
    const owner = await t.session('sales', 'member');
    const account = await t.createAccount(owner, { name: 'Attention GmbH', ownerId: owner.user.id });
    const full = await t.createContact(owner, {
      firstName: 'Volle',
      lastName: 'Daten',
      emails: ['voll@attention.de'],
      phone: '+49 30 1234567',
      jobTitle: 'CEO',
      accountId: account.id,
      ownerId: owner.user.id,
    });
    const bare = await t.createContact(owner, { firstName: '', lastName: 'Nur', ownerId: owner.user.id });
    const mid = await t.createContact(owner, {
      firstName: 'Halb',
      lastName: 'Voll',
      emails: ['halb@attention.de'],
      ownerId: owner.user.id,
    });
    const page1 = await t.get<Page<{ id: string; score: number; missing: string[] }>>(
      '/api/quality/attention?type=contact&limit=2',
      owner,
    );
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((i) => i.id)).toEqual([bare.id, mid.id]);
    expect(page1.body.items[0]).toMatchObject({
      score: 27,
      missing: ['email', 'accountId', 'firstName', 'jobTitle', 'phone'],
    });
    const page2 = await t.get<Page<{ id: string; score: number }>>(
      `/api/quality/attention?type=contact&limit=2&cursor=${page1.body.nextCursor}`,
      owner,
    );
    expect(page2.body.items.map((i) => [i.id, i.score])).toEqual([[full.id, 100]]);
    expect(page2.body.nextCursor).toBeNull();
    // another owner's list by id; accounts too
    const accounts = await t.get<Page<{ id: string }>>(
      `/api/quality/attention?type=account&ownerId=${owner.user.id}`,
      member,
    );
    expect(accounts.body.items.map((i) => i.id)).toEqual([account.id]);
    expectProblem(await t.get('/api/quality/attention?cursor=bogus', owner), 400, 'invalid_cursor');

    for (const c of [full, bare, mid]) {
      const weight = await filledWeightOf(t.ctx.db, 'contact', c.id);
      const contact = (await t.get<Contact>(`/api/contacts/${c.id}`, owner)).body;
      const total = contactCompletenessFields.reduce((s, f) => s + f.weight, 0);
      expect(Math.round(((weight ?? 0) / total) * 100)).toBe(
        completenessOf<Record<string, unknown>>(contact, contactCompletenessFields).score,
      );
    }
    const acc = (await t.get<Account>(`/api/accounts/${account.id}`, owner)).body;
    const total = accountCompletenessFields.reduce((s, f) => s + f.weight, 0);
    const weight = await filledWeightOf(t.ctx.db, 'account', account.id);
    expect(Math.round(((weight ?? 0) / total) * 100)).toBe(
      completenessOf<Record<string, unknown>>(acc, accountCompletenessFields).score,
    );
  });
});

describe('duplicates', () => {
  it('finds contacts by email, phone and similar name at one account; dismissing hides a pair for good', async () => {
    const acme = await t.createAccount(member, { name: 'Dubletten KG' });
    const other = await t.createAccount(member, { name: 'Andere GmbH' });
    const a1 = await t.createContact(member, { firstName: 'Anna', lastName: 'Alt', emails: ['Anna@Dup.de'] });
    const a2 = await t.createContact(member, { firstName: 'Anne', lastName: 'Neu', emails: ['anna@dup.de'] });
    const p1 = await t.createContact(member, { firstName: 'Paul', lastName: 'Eins', phone: '+49 89 1234567' });
    const p2 = await t.createContact(member, { firstName: 'Peter', lastName: 'Zwei', phone: '089 / 123 45 67' });
    const m1 = await t.createContact(member, { firstName: 'Jörg', lastName: 'Meier', accountId: acme.id });
    const m2 = await t.createContact(member, { firstName: 'Joerg', lastName: 'Mayer', accountId: acme.id });
    const m3 = await t.createContact(member, { firstName: 'Jörg', lastName: 'Meier', accountId: other.id });
    const s1 = await t.createContact(member, { firstName: 'Dr. Hans', lastName: 'Groß', accountId: other.id });
    const s2 = await t.createContact(member, { firstName: 'Hans', lastName: 'Gross', accountId: other.id });

    const pairs = await allDuplicates('contact');
    expect(pairOf(pairs, a1.id, a2.id)).toMatchObject({ reasons: ['email'], confidence: 0.9 });
    expect(pairOf(pairs, p1.id, p2.id)).toMatchObject({ reasons: ['phone'], confidence: 0.6 });
    expect(pairOf(pairs, m1.id, m2.id)).toMatchObject({ reasons: ['similar_name'], confidence: 0.5 });
    expect(pairOf(pairs, s1.id, s2.id)).toMatchObject({ reasons: ['same_name'], confidence: 0.7 });
    // the same name at another account is not a duplicate
    expect(pairOf(pairs, m1.id, m3.id)).toBeUndefined();
    expect(pairOf(pairs, m2.id, m3.id)).toBeUndefined();
    const mm = pairOf(pairs, m1.id, m2.id);
    expect(mm?.ids).toEqual([m1.id, m2.id].sort());
    expect(mm?.records.map((r) => r.name).sort()).toEqual(['Joerg Mayer', 'Jörg Meier']);

    // one pair matching on several reasons is listed once, with all of them
    const e1 = await t.createContact(member, {
      firstName: 'Eva',
      lastName: 'Doppelt',
      emails: ['eva@doppelt.de'],
      phone: '030 999999',
      accountId: acme.id,
    });
    const e2 = await t.createContact(member, {
      firstName: 'Eva',
      lastName: 'Doppelt',
      emails: ['EVA@doppelt.de'],
      phone: '+49 30 999999',
      accountId: acme.id,
    });
    const again = await allDuplicates('contact', 1);
    expect(again.filter((p) => p.ids.includes(e1.id) && p.ids.includes(e2.id))).toEqual([
      expect.objectContaining({ reasons: ['email', 'phone', 'same_name'], confidence: 0.99 }),
    ]);
    expect(new Set(again.map((p) => p.ids.join())).size).toBe(again.length);

    // a viewer may look but not dismiss
    await t.unchanged(async () =>
      expectProblem(
        await post('/api/duplicates/dismiss', viewer, { type: 'contact', ids: [m1.id, m2.id] }),
        403,
        'forbidden',
      ),
    );
    expectInvalid(await post('/api/duplicates/dismiss', member, { type: 'contact', ids: [m1.id, m1.id] }), 'ids');
    await t.unchanged(async () =>
      expectProblem(
        await post('/api/duplicates/dismiss', member, { type: 'contact', ids: [m1.id, MISSING_ID] }),
        404,
        'contact_not_found',
      ),
    );
    expect((await post('/api/duplicates/dismiss', member, { type: 'contact', ids: [m2.id, m1.id] })).status).toBe(204);
    expect((await post('/api/duplicates/dismiss', member, { type: 'contact', ids: [m1.id, m2.id] })).status).toBe(204);
    const after = await allDuplicates('contact');
    expect(pairOf(after, m1.id, m2.id)).toBeUndefined();
    expect(pairOf(after, a1.id, a2.id)).toBeDefined();
    const audit = await t.get<Page<{ action: string }>>(`/api/contacts/${m1.id}/timeline`, member);
    expect(audit.body.items.filter((e) => e.action === 'duplicate_dismissed')).toHaveLength(1);

    // trashed contacts are not duplicates; an edit re-keys a contact
    await t.request('DELETE', `/api/contacts/${p2.id}`, { cookie: member.cookie });
    await t.request('PATCH', `/api/contacts/${a2.id}`, {
      cookie: member.cookie,
      ifMatch: a2.version,
      body: { emails: ['anne@neu.de'] },
    });
    const later = await allDuplicates('contact');
    expect(pairOf(later, p1.id, p2.id)).toBeUndefined();
    expect(pairOf(later, a1.id, a2.id)).toBeUndefined();
    expectProblem(await t.get('/api/duplicates?type=contact&cursor=bogus', member), 400, 'invalid_cursor');
  });

  it('finds accounts by domain, normalized name (legal forms, umlauts) and phonetic name', async () => {
    const mu1 = await t.createAccount(member, { name: 'Müller Maschinenbau GmbH' });
    const mu2 = await t.createAccount(member, { name: 'Mueller Maschinenbau GmbH & Co. KG' });
    const d1 = await t.createAccount(member, { name: 'Alpha Systeme', domain: 'alpha-sys.de' });
    const d2 = await t.createAccount(member, { name: 'Beta Systeme', domain: 'https://www.alpha-sys.de/' });
    const ph1 = await t.createAccount(member, { name: 'Meyer Technik AG' });
    const ph2 = await t.createAccount(member, { name: 'Maier Technik e.K.' });
    const lone = await t.createAccount(member, { name: 'Einzelstück Ltd' });

    const pairs = await allDuplicates('account');
    expect(pairOf(pairs, mu1.id, mu2.id)).toMatchObject({ reasons: ['same_name'], confidence: 0.8 });
    expect(pairOf(pairs, d1.id, d2.id)).toMatchObject({ reasons: ['domain'], confidence: 0.8 });
    expect(pairOf(pairs, ph1.id, ph2.id)).toMatchObject({ reasons: ['similar_name'], confidence: 0.5 });
    expect(pairs.some((p) => p.ids.includes(lone.id))).toBe(false);

    // renaming re-keys
    const renamed = await t.request<Account>('PATCH', `/api/accounts/${ph2.id}`, {
      cookie: member.cookie,
      ifMatch: ph2.version,
      body: { name: 'Schulz Technik' },
    });
    expect(renamed.status).toBe(200);
    expect(pairOf(await allDuplicates('account'), ph1.id, ph2.id)).toBeUndefined();

    expect((await post('/api/duplicates/dismiss', member, { type: 'account', ids: [mu1.id, mu2.id] })).status).toBe(
      204,
    );
    expect(pairOf(await allDuplicates('account'), mu1.id, mu2.id)).toBeUndefined();
  });

  it('keys rows written without keys (bulk import) when a scan starts', async () => {
    const a = await t.createContact(member, { firstName: 'Bulk', lastName: 'Import', phone: '+41 44 5556677' });
    const b = await t.createContact(member, { firstName: 'Other', lastName: 'Person' });
    // as a bulk loader would write it: new values, no keys
    await t.ctx.db
      .updateTable('contacts')
      .set({ phone: '0041 44 555 66 77', phone_key: null, name_key: null, keys_at: null })
      .where('id', '=', b.id)
      .execute();
    expect(pairOf(await allDuplicates('contact'), a.id, b.id)).toMatchObject({ reasons: ['phone'] });
  });
});

describe('merging contacts', () => {
  it('moves every related row, picks fields by the rule, trashes the other, audits, and undoes exactly', async () => {
    const acc = await t.createAccount(member, { name: 'Merge Kontakte GmbH' });
    const acc2 = await t.createAccount(member, { name: 'Zweitfirma GmbH' });
    const survivor = await t.createContact(member, {
      firstName: 'Jörg',
      lastName: 'Meier',
      emails: ['joerg@merge.de'],
      jobTitle: null,
      phone: '+49 30 111',
      accountId: acc.id,
      tags: ['messe'],
    });
    const merged = await t.createContact(member, {
      firstName: 'Joerg',
      lastName: 'Mayer',
      emails: ['j.mayer@merge.de', 'JOERG@merge.de'],
      jobTitle: 'Einkauf',
      phone: '+49 30 222',
      accountId: acc2.id,
      ownerId: member.user.id,
      tags: ['webinar', 'Messe'],
    });
    const shared = await addDeal(acc.id);
    const own = await addDeal(acc.id);
    await addContactRows(survivor.id, acc.id, [shared]);
    await addContactRows(merged.id, acc.id, [shared, own]);
    const beforeS = await contactCounts(survivor.id);
    const beforeM = await contactCounts(merged.id);
    expect(beforeM).toEqual({
      timeline: 1,
      dealContacts: 2,
      handoffs: 1,
      touchpoints: 1,
      consents: 1,
      tasks: 1,
      activities: 1,
    });

    // refused: viewer, same record, unknown field, foreign id, trashed or missing record — nothing changes
    const body = { survivorId: survivor.id, mergedId: merged.id, fields: { phone: merged.id, lastName: merged.id } };
    await t.unchanged(async () => {
      expectProblem(await post('/api/contacts/merge', viewer, body), 403, 'forbidden');
      expectInvalid(await post('/api/contacts/merge', member, { ...body, mergedId: survivor.id }), 'mergedId');
      expectInvalid(
        await post('/api/contacts/merge', member, { ...body, fields: { shoeSize: merged.id } }),
        'fields.shoeSize',
      );
      expectInvalid(await post('/api/contacts/merge', member, { ...body, fields: { phone: acc.id } }), 'fields.phone');
      expectProblem(
        await post('/api/contacts/merge', member, { ...body, mergedId: MISSING_ID }),
        404,
        'contact_not_found',
      );
      expectProblem(await post('/api/accounts/merge', member, { ...body }), 404, 'account_not_found');
    });
    const trashed = await t.createContact(member);
    await t.request('DELETE', `/api/contacts/${trashed.id}`, { cookie: member.cookie });
    await t.unchanged(async () =>
      expectProblem(
        await post('/api/contacts/merge', member, { ...body, mergedId: trashed.id }),
        404,
        'contact_not_found',
      ),
    );

    const res = await post<MergeResult>('/api/contacts/merge', member, body);
    expect(res.status).toBe(200);
    expect(res.body.moved).toMatchObject({
      timeline_entries: 1 + 1, // the note and the created audit entry
      handoffs: 1,
      touchpoints: 1,
      consents: 1,
      tasks: 1,
      activities: 1,
      deal_contacts: 2,
    });

    const afterS = await contactCounts(survivor.id);
    expect(afterS).toEqual({
      timeline: beforeS.timeline + beforeM.timeline,
      // the deal both were on keeps one link
      dealContacts: 2,
      handoffs: 2,
      touchpoints: 2,
      consents: 2,
      tasks: 2,
      activities: 2,
    });
    expect(sum(await contactCounts(merged.id))).toBe(0);

    const s = (await t.get<Contact>(`/api/contacts/${survivor.id}`, member)).body;
    expect(s).toMatchObject({
      firstName: 'Jörg', // not named: the survivor's
      lastName: 'Mayer', // named: the merged record's
      phone: '+49 30 222', // named
      jobTitle: 'Einkauf', // survivor's was empty
      accountId: acc.id, // survivor's
      ownerId: member.user.id, // survivor's was empty
      emails: ['joerg@merge.de', 'j.mayer@merge.de'],
      tags: ['messe', 'webinar'],
      version: survivor.version + 1,
    });
    expectProblem(await t.get(`/api/contacts/${merged.id}`, member), 404, 'contact_not_found');
    expect((await t.get<Contact>(`/api/contacts/${merged.id}`, admin)).body.deletedAt).not.toBeNull();

    const merges = await t.get<{ items: Merge[] }>(`/api/merges?type=contact&id=${merged.id}`, member);
    expect(merges.body.items.map((m) => m.id)).toEqual([res.body.mergeId]);
    const sAudit = await t.get<Page<{ action: string; changes: { field: string; to: unknown }[] }>>(
      `/api/contacts/${survivor.id}/timeline?kind=audit`,
      member,
    );
    const mergedEntry = sAudit.body.items.find((e) => e.action === 'merged');
    expect(mergedEntry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'merge', from: null, to: res.body.mergeId },
        { field: 'mergedRecord', from: null, to: merged.id },
        { field: 'lastName', from: 'Meier', to: 'Mayer' },
      ]),
    );
    const mergedInto = await t.ctx.db
      .selectFrom('timeline_entries')
      .select('action')
      .where('entity_id', '=', merged.id)
      .where('action', '=', 'merged_into')
      .execute();
    expect(mergedInto).toHaveLength(1);

    // undo: a viewer cannot; then everything goes back
    await t.unchanged(async () =>
      expectProblem(await post(`/api/merges/${res.body.mergeId}/undo`, viewer, {}), 403, 'forbidden'),
    );
    expectProblem(await post(`/api/merges/${MISSING_ID}/undo`, member, {}), 404, 'merge_not_found');
    const undo = await post<Merge>(`/api/merges/${res.body.mergeId}/undo`, member, {});
    expect(undo.status).toBe(200);
    expect(undo.body.undoneBy).toBe(member.user.id);
    expect(await contactCounts(survivor.id)).toEqual(beforeS);
    expect(await contactCounts(merged.id)).toEqual(beforeM);
    const s2 = (await t.get<Contact>(`/api/contacts/${survivor.id}`, member)).body;
    const m2 = (await t.get<Contact>(`/api/contacts/${merged.id}`, member)).body;
    const fieldsOf = (c: Contact) => ({
      firstName: c.firstName,
      lastName: c.lastName,
      emails: c.emails,
      phone: c.phone,
      jobTitle: c.jobTitle,
      accountId: c.accountId,
      ownerId: c.ownerId,
      tags: c.tags,
      deletedAt: c.deletedAt,
    });
    expect(fieldsOf(s2)).toEqual(fieldsOf(survivor));
    expect(fieldsOf(m2)).toEqual(fieldsOf(merged));
    expect(
      await t.ctx.db
        .selectFrom('deal_contacts')
        .select(['deal_id', 'role'])
        .where('contact_id', '=', merged.id)
        .orderBy('deal_id')
        .execute(),
    ).toEqual([shared, own].sort().map((d) => ({ deal_id: d, role: 'champion' })));
    // the survivor's duplicate keys are back with its values, and fresh
    const keys = await t.row('contacts', survivor.id);
    expect(keys).toMatchObject({ phone_key: '4930111', name_key: 'j:67' });
    expect(keys?.keys_at).toEqual(keys?.updated_at);
    await t.unchanged(async () =>
      expectProblem(await post(`/api/merges/${res.body.mergeId}/undo`, member, {}), 409, 'merge_undone'),
    );
  });

  it('refuses to undo once the survivor was edited (412) and changes nothing', async () => {
    const a = await t.createContact(member, { firstName: 'Undo', lastName: 'Eins' });
    const b = await t.createContact(member, { firstName: 'Undo', lastName: 'Zwei', jobTitle: 'CTO' });
    const res = await post<MergeResult>('/api/contacts/merge', member, {
      survivorId: a.id,
      mergedId: b.id,
      fields: {},
    });
    expect(res.status).toBe(200);
    const current = (await t.get<Contact>(`/api/contacts/${a.id}`, member)).body;
    expect(current.jobTitle).toBe('CTO');
    const edit = await t.request('PATCH', `/api/contacts/${a.id}`, {
      cookie: member.cookie,
      ifMatch: current.version,
      body: { jobTitle: 'CEO' },
    });
    expect(edit.status).toBe(200);
    await t.unchanged(async () =>
      expectProblem(await post(`/api/merges/${res.body.mergeId}/undo`, member, {}), 412, 'version_conflict'),
    );
  });
});

describe('merging accounts', () => {
  it('moves contacts, deals, timeline, tasks and activities; undo moves them back', async () => {
    const survivor = await t.createAccount(member, { name: 'Müller Maschinenbau GmbH', city: null, country: 'DE' });
    const merged = await t.createAccount(member, {
      name: 'Mueller Maschinenbau GmbH & Co. KG',
      city: 'Stuttgart',
      country: 'AT',
      domain: 'mueller-mb.de',
      tags: ['key-account'],
    });
    const c1 = await t.createContact(member, { lastName: 'Eins', accountId: merged.id });
    const c2 = await t.createContact(member, { lastName: 'Zwei', accountId: merged.id });
    await t.createContact(member, { lastName: 'Drei', accountId: survivor.id });
    await addDeal(merged.id);
    await addContactRows(c1.id, merged.id, []);
    expect((await post(`/api/accounts/${merged.id}/notes`, member, { body: 'Rahmenvertrag' })).status).toBe(201);
    const beforeS = await accountCounts(survivor.id);
    const beforeM = await accountCounts(merged.id);
    expect(beforeM).toMatchObject({ contacts: 2, deals: 1, timeline: 1, tasks: 1, activities: 1 });

    await t.unchanged(async () => {
      expectProblem(
        await post('/api/accounts/merge', viewer, { survivorId: survivor.id, mergedId: merged.id }),
        403,
        'forbidden',
      );
      expectInvalid(
        await post('/api/accounts/merge', member, { survivorId: survivor.id, mergedId: survivor.id }),
        'mergedId',
      );
    });

    const res = await post<MergeResult>('/api/accounts/merge', member, {
      survivorId: survivor.id,
      mergedId: merged.id,
      fields: { country: merged.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.moved).toMatchObject({ contacts: 2, deals: 1 });
    const afterS = await accountCounts(survivor.id);
    for (const k of Object.keys(beforeS) as (keyof typeof beforeS)[]) expect(afterS[k]).toBe(beforeS[k] + beforeM[k]);
    expect(sum(await accountCounts(merged.id))).toBe(0);
    const s = (await t.get<Account>(`/api/accounts/${survivor.id}`, member)).body;
    expect(s).toMatchObject({
      name: 'Müller Maschinenbau GmbH',
      city: 'Stuttgart',
      country: 'AT',
      domain: 'mueller-mb.de',
      tags: ['key-account'],
    });
    expect((await t.get<Contact>(`/api/contacts/${c2.id}`, member)).body.accountId).toBe(survivor.id);

    const undo = await post<Merge>(`/api/merges/${res.body.mergeId}/undo`, admin, {});
    expect(undo.status).toBe(200);
    expect(await accountCounts(survivor.id)).toEqual(beforeS);
    expect(await accountCounts(merged.id)).toEqual(beforeM);
    expect((await t.get<Account>(`/api/accounts/${survivor.id}`, member)).body).toMatchObject({
      city: null,
      country: 'DE',
      domain: null,
      tags: [],
    });
    expect((await t.get<Account>(`/api/accounts/${merged.id}`, member)).body.deletedAt).toBeNull();
  });
});
