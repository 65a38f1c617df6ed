import {
  type Account,
  type Contact,
  type Deal,
  dealSorts,
  type Handoff,
  type Page,
  type Pipeline,
  type TimelineEntry,
} from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import {
  expectInvalid,
  expectProblem,
  MISSING_ID,
  type Res,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

/*
 * Deals through HTTP: defaults on create, the lifecycle through the stages with If-Match, two users
 * moving the same deal, closing with reasons (and to a competitor), reopening, the trash, who may write,
 * and the marketing-sourced deal a converted handoff opens. Every refused request leaves the database
 * exactly as it was.
 */

let t: TestApp;
let admin: Session;
let anna: Session; // sales
let bernd: Session; // sales, owns the account
let marketer: Session;
let viewer: Session;
let account: Account;
let erika: Contact;
let max: Contact;
let pipeline: Pipeline;
let stage: (nameEn: string) => string;
let competitorId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
  bernd = await t.session('sales', 'member', 'Bernd Vertrieb');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  viewer = await t.session('sales', 'viewer', 'Vera Viewer');
  account = await t.createAccount(bernd, { name: 'Müller Maschinenbau GmbH', ownerId: bernd.user.id });
  erika = await t.createContact(anna, { firstName: 'Erika', lastName: 'Einkauf', accountId: account.id });
  max = await t.createContact(anna, { firstName: 'Max', lastName: 'Technik', accountId: account.id });
  const pipelines = await t.get<{ items: Pipeline[] }>('/api/pipelines', anna);
  pipeline = pipelines.body.items[0] as Pipeline;
  stage = (nameEn) => {
    const found = pipeline.stages.find((s) => s.nameEn === nameEn);
    if (!found) throw new Error(`no stage ${nameEn}`);
    return found.id;
  };
  // competitors belong to the competitors module; a row is all a deal needs
  competitorId = newId();
  const now = new Date().toISOString();
  await t.ctx.db
    .insertInto('competitors')
    .values({
      id: competitorId,
      name: 'Konkurrenz AG',
      sort_name: 'konkurrenz ag',
      website: null,
      positioning: null,
      strengths: null,
      weaknesses: null,
      pricing_notes: null,
      battlecard: '',
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};

const createDeal = async (as: Session, body: Record<string, unknown> = {}) =>
  ok(
    await t.request<Deal>('POST', '/api/deals', {
      cookie: as.cookie,
      body: { name: 'Fräsen-Retrofit', accountId: account.id, amount: 1_250_000, ...body },
    }),
    201,
  );

const getDeal = async (id: string, as: Session = anna) => ok(await t.get<Deal>(`/api/deals/${id}`, as));

const move = (as: Session, deal: { id: string; version: number }, stageId: string, ifMatch?: number | null) =>
  t.request<Deal>('POST', `/api/deals/${deal.id}/move`, {
    cookie: as.cookie,
    body: { stageId },
    ...(ifMatch !== null && { ifMatch: ifMatch ?? deal.version }),
  });

const close = (as: Session, id: string, body: Record<string, unknown>, ifMatch?: number) =>
  t.request<Deal>('POST', `/api/deals/${id}/close`, {
    cookie: as.cookie,
    body,
    ...(ifMatch !== undefined && { ifMatch }),
  });

const dealEntries = async (dealId: string) =>
  (
    await t.ctx.db
      .selectFrom('timeline_entries')
      .selectAll()
      .where('entity_type', '=', 'deal')
      .where('entity_id', '=', dealId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map((e) => ({ ...e, data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null }));

describe('pipelines at start', () => {
  it('every workspace has the default B2B pipeline with its six stages', () => {
    expect(pipeline).toMatchObject({ name: 'B2B', isDefault: true });
    expect(
      pipeline.stages.map((s) => [s.nameDe, s.nameEn, s.probability, s.staleAfterDays, s.kind, s.position]),
    ).toEqual([
      ['Qualifizierung', 'Qualification', 10, 14, 'open', 0],
      ['Bedarfsanalyse', 'Needs analysis', 25, 21, 'open', 1],
      ['Angebot', 'Proposal', 50, 21, 'open', 2],
      ['Verhandlung', 'Negotiation', 75, 14, 'open', 3],
      ['Gewonnen', 'Won', 100, null, 'won', 4],
      ['Verloren', 'Lost', 0, null, 'lost', 5],
    ]);
  });
});

describe('creating a deal', () => {
  it('sales creates with the minimum: default pipeline, first open stage, EUR, owner the caller, source sales', async () => {
    const deal = await createDeal(anna, {
      contacts: [
        { contactId: erika.id, role: 'decision_maker' },
        { contactId: max.id, role: 'technical' },
      ],
      closeDate: '2027-02-15',
      competitorIds: [competitorId],
      nextStep: 'Angebot schicken',
    });
    expect(deal).toMatchObject({
      version: 1,
      name: 'Fräsen-Retrofit',
      account: { id: account.id, name: 'Müller Maschinenbau GmbH' },
      pipelineId: pipeline.id,
      stageId: stage('Qualification'),
      stage: { nameDe: 'Qualifizierung', probability: 10, kind: 'open' },
      status: 'open',
      amount: 1_250_000,
      currency: 'EUR',
      closeDate: '2027-02-15',
      ownerId: anna.user.id,
      owner: { id: anna.user.id, name: 'Anna Vertrieb', department: 'sales' },
      source: 'sales',
      handoffId: null,
      nextStep: 'Angebot schicken',
      competitors: [{ id: competitorId, name: 'Konkurrenz AG' }],
      closeReason: null,
      stale: false,
      deletedAt: null,
    });
    expect(deal.contacts).toEqual([
      { contactId: erika.id, name: 'Erika Einkauf', role: 'decision_maker' },
      { contactId: max.id, name: 'Max Technik', role: 'technical' },
    ]);
    // the creation is audited and on the deal's timeline, which belongs to the account's 360° view
    const entries = await dealEntries(deal.id);
    // written in the same millisecond: compare in kind order
    expect(entries.map((e) => [e.kind, e.action, e.account_id]).sort()).toEqual([
      ['audit', 'created', account.id],
      ['deal', 'created', account.id],
    ]);
    expect(entries.find((e) => e.kind === 'deal')?.data).toMatchObject({
      toStageId: stage('Qualification'),
      amount: 1_250_000,
      source: 'sales',
    });
  });

  it('someone outside sales creates it for the account owner; CHF and a chosen stage are kept', async () => {
    const deal = await createDeal(marketer, { currency: 'CHF', stageId: stage('Proposal') });
    expect(deal).toMatchObject({
      ownerId: bernd.user.id,
      currency: 'CHF',
      stageId: stage('Proposal'),
      source: 'sales',
    });
    const unowned = await createDeal(anna, { ownerId: null });
    expect(unowned).toMatchObject({ ownerId: null, owner: null });
  });

  it('refuses bad references and bad values, changing nothing', async () => {
    const post = (body: Record<string, unknown>) =>
      t.unchanged(() =>
        t.request('POST', '/api/deals', {
          cookie: anna.cookie,
          body: { name: 'X', accountId: account.id, amount: 100, ...body },
        }),
      );
    expectInvalid(await post({ accountId: MISSING_ID }), 'accountId');
    expectInvalid(await post({ pipelineId: MISSING_ID }), 'pipelineId');
    expectInvalid(await post({ stageId: MISSING_ID }), 'stageId');
    expectInvalid(await post({ stageId: stage('Won') }), 'stageId');
    expectInvalid(await post({ ownerId: MISSING_ID }), 'ownerId');
    expectInvalid(await post({ contacts: [{ contactId: MISSING_ID }] }), 'contacts');
    expectInvalid(await post({ contacts: [{ contactId: erika.id }, { contactId: erika.id }] }), 'contacts');
    expectInvalid(await post({ competitorIds: [MISSING_ID] }), 'competitorIds');
    expectInvalid(await post({ amount: -1 }), 'amount');
    expectInvalid(await post({ amount: 10.5 }), 'amount');
    expectInvalid(await post({ currency: 'euro' }), 'currency');
    expectInvalid(await post({ closeDate: '2027-02-30' }), 'closeDate');
    expectInvalid(await post({ name: '' }), 'name');
  });
});

describe('the deal lifecycle', () => {
  it('moves through the stages with If-Match; each move is audited and on the timeline', async () => {
    let deal = await createDeal(anna);
    deal = ok(await move(anna, deal, stage('Needs analysis')));
    expect(deal).toMatchObject({ version: 2, stageId: stage('Needs analysis'), stage: { probability: 25 } });
    deal = ok(await move(bernd, deal, stage('Proposal')));
    expect(deal).toMatchObject({ version: 3, stageId: stage('Proposal') });
    const entries = (await dealEntries(deal.id)).filter((e) => e.kind === 'deal');
    expect(entries.map((e) => [e.action, e.data?.fromStageId, e.data?.toStageId, e.actor_id])).toEqual([
      ['created', undefined, stage('Qualification'), anna.user.id],
      ['moved', stage('Qualification'), stage('Needs analysis'), anna.user.id],
      ['moved', stage('Needs analysis'), stage('Proposal'), bernd.user.id],
    ]);
    const audits = (await dealEntries(deal.id)).filter((e) => e.kind === 'audit').map((e) => e.action);
    expect(audits).toEqual(['created', 'moved', 'moved']);
    // the same stage again changes nothing
    const same = ok(await t.unchanged(() => move(anna, deal, stage('Proposal'))));
    expect(same.version).toBe(3);
  });

  it('a move needs If-Match, an open stage of the same pipeline, and refuses all else unchanged', async () => {
    const deal = await createDeal(anna);
    expectProblem(await t.unchanged(() => move(anna, deal, stage('Proposal'), null)), 428, 'precondition_required');
    expectProblem(await t.unchanged(() => move(anna, deal, stage('Proposal'), 7)), 412, 'version_conflict');
    expectInvalid(await t.unchanged(() => move(anna, deal, stage('Won'))), 'stageId');
    expectInvalid(await t.unchanged(() => move(anna, deal, stage('Lost'))), 'stageId');
    expectInvalid(await t.unchanged(() => move(anna, deal, MISSING_ID)), 'stageId');
    const other = ok(
      await t.request<Pipeline>('POST', '/api/pipelines', {
        cookie: admin.cookie,
        body: {
          name: 'Partner',
          stages: [
            { nameDe: 'Erstgespräch', nameEn: 'First call', probability: 20 },
            { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, kind: 'won' },
            { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, kind: 'lost' },
          ],
        },
      }),
      201,
    );
    expectInvalid(await t.unchanged(() => move(anna, deal, other.stages[0]?.id ?? '')), 'stageId');
    expectProblem(
      await t.unchanged(() => move(anna, { id: MISSING_ID, version: 1 }, stage('Proposal'))),
      404,
      'deal_not_found',
    );
    // a deal of the other pipeline starts in its first open stage
    const partnerDeal = await createDeal(anna, { pipelineId: other.id });
    expect(partnerDeal).toMatchObject({ pipelineId: other.id, stageId: other.stages[0]?.id });
  });

  it('two users move the same deal with the same If-Match: one 200, one 412 that changed nothing', async () => {
    const deal = await createDeal(anna);
    const [a, b] = await Promise.all([
      move(anna, deal, stage('Needs analysis'), deal.version),
      move(bernd, deal, stage('Negotiation'), deal.version),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 412]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expectProblem(loser, 412, 'version_conflict');
    const after = await getDeal(deal.id);
    expect(after).toEqual((winner as Res<Deal>).body);
    expect(after.version).toBe(2);
    const moves = (await dealEntries(deal.id)).filter((e) => e.action === 'moved');
    expect(moves).toHaveLength(2); // one audit entry and one timeline entry, both of the winner
    expect(new Set(moves.map((m) => m.actor_id)).size).toBe(1);
  });

  it('nothing is lost: an edit and a move on the same version — the second reloads and applies on top', async () => {
    const deal = await createDeal(anna);
    const edited = ok(
      await t.request<Deal>('PATCH', `/api/deals/${deal.id}`, {
        cookie: anna.cookie,
        ifMatch: deal.version,
        body: { amount: 2_000_000, nextStep: 'Workshop' },
      }),
    );
    expect(edited.version).toBe(2);
    expectProblem(await t.unchanged(() => move(bernd, deal, stage('Proposal'), deal.version)), 412, 'version_conflict');
    const fresh = await getDeal(deal.id, bernd);
    const moved = ok(await move(bernd, fresh, stage('Proposal')));
    expect(moved).toMatchObject({ version: 3, amount: 2_000_000, nextStep: 'Workshop', stageId: stage('Proposal') });
  });

  it('lost without a reason is refused (400, unchanged); reasons must fit the outcome and be active', async () => {
    const deal = await createDeal(anna);
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'lost' })), 'reason');
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'lost', reason: '' })), 'reason');
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'won' })), 'reason');
    // product_fit is a reason to win, not to lose; made_up is none at all
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'lost', reason: 'product_fit' })), 'reason');
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'won', reason: 'made_up' })), 'reason');
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'tied', reason: 'price' })), 'outcome');

    // an admin deactivates a reason: it can no longer be chosen
    const current = ok(
      await t.get<{ value: { reasons: { key: string; outcome: string; active: boolean }[] }; version: number }>(
        '/api/settings/close-reasons',
        anna,
      ),
    );
    expect(current.value.reasons.filter((r) => r.outcome === 'lost').map((r) => r.key)).toEqual([
      'price',
      'product_gap',
      'competitor',
      'no_decision',
      'timing',
      'other',
    ]);
    expect(current.value.reasons.filter((r) => r.outcome === 'won').map((r) => r.key)).toEqual([
      'price',
      'product_fit',
      'relationship',
      'timing',
      'other',
    ]);
    const reasons = current.value.reasons.map((r) =>
      r.outcome === 'lost' && r.key === 'timing' ? { ...r, active: false } : r,
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PUT', '/api/settings/close-reasons', { cookie: anna.cookie, body: { reasons } }),
      ),
      403,
      'forbidden',
    );
    ok(await t.request('PUT', '/api/settings/close-reasons', { cookie: admin.cookie, body: { reasons } }));
    expectInvalid(await t.unchanged(() => close(anna, deal.id, { outcome: 'lost', reason: 'timing' })), 'reason');
    ok(await close(anna, deal.id, { outcome: 'won', reason: 'timing' }));
    // a duplicate key for the same outcome is refused
    expectInvalid(
      await t.unchanged(() =>
        t.request('PUT', '/api/settings/close-reasons', {
          cookie: admin.cookie,
          body: { reasons: [...reasons, { key: 'price', outcome: 'won', de: 'Preis', en: 'Price' }] },
        }),
      ),
      'reasons',
    );
  });

  it('lost to a competitor: the competitor must exist, only a lost deal names one', async () => {
    const deal = await createDeal(anna, { closeDate: '2027-06-30' });
    expectInvalid(
      await t.unchanged(() =>
        close(anna, deal.id, { outcome: 'lost', reason: 'competitor', competitorId: MISSING_ID }),
      ),
      'competitorId',
    );
    expectInvalid(
      await t.unchanged(() => close(anna, deal.id, { outcome: 'won', reason: 'price', competitorId })),
      'competitorId',
    );
    expectProblem(
      await t.unchanged(() => close(anna, deal.id, { outcome: 'lost', reason: 'competitor', competitorId }, 9)),
      412,
      'version_conflict',
    );
    const lost = ok(
      await close(
        anna,
        deal.id,
        { outcome: 'lost', reason: 'competitor', comment: '20 % billiger', competitorId },
        deal.version,
      ),
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(lost).toMatchObject({
      version: 2,
      status: 'lost',
      stageId: stage('Lost'),
      stage: { kind: 'lost', probability: 0 },
      closeReason: 'competitor',
      closeComment: '20 % billiger',
      lostToCompetitorId: competitorId,
      competitors: [{ id: competitorId, name: 'Konkurrenz AG' }],
      closeDate: today,
      stale: false,
    });
    expect(lost.closedAt).not.toBeNull();
    const entry = (await dealEntries(deal.id)).find((e) => e.kind === 'deal' && e.action === 'lost');
    expect(entry?.data).toEqual({
      fromStageId: stage('Qualification'),
      toStageId: stage('Lost'),
      reason: 'competitor',
      comment: '20 % billiger',
      competitorId,
    });
    // closed: no second close, no move
    expectProblem(
      await t.unchanged(() => close(anna, deal.id, { outcome: 'won', reason: 'price' })),
      409,
      'deal_closed',
    );
    expectProblem(await t.unchanged(() => move(anna, lost, stage('Proposal'))), 409, 'deal_closed');
  });

  it('won, then reopened into an open stage; an open deal cannot be reopened', async () => {
    const deal = await createDeal(anna);
    const won = ok(await close(bernd, deal.id, { outcome: 'won', reason: 'relationship' }));
    expect(won).toMatchObject({ status: 'won', stageId: stage('Won'), closeReason: 'relationship' });
    const reopen = (body: Record<string, unknown>, ifMatch?: number) =>
      t.request<Deal>('POST', `/api/deals/${deal.id}/reopen`, {
        cookie: anna.cookie,
        body,
        ...(ifMatch !== undefined && { ifMatch }),
      });
    expectInvalid(await t.unchanged(() => reopen({ stageId: stage('Lost') })), 'stageId');
    expectProblem(await t.unchanged(() => reopen({ stageId: stage('Proposal') }, 1)), 412, 'version_conflict');
    const reopened = ok(await reopen({ stageId: stage('Proposal') }, won.version));
    expect(reopened).toMatchObject({
      status: 'open',
      stageId: stage('Proposal'),
      closeReason: null,
      closeComment: null,
      lostToCompetitorId: null,
      closedAt: null,
    });
    expectProblem(await t.unchanged(() => reopen({ stageId: stage('Proposal') })), 409, 'deal_not_closed');
    const actions = (await dealEntries(deal.id)).filter((e) => e.kind === 'deal').map((e) => e.action);
    expect(actions).toEqual(['created', 'won', 'reopened']);
  });

  it('stale: open and longer in the stage than it allows', async () => {
    const deal = await createDeal(anna);
    const back = (days: number) =>
      t.ctx.db
        .updateTable('deals')
        .set({ stage_changed_at: new Date(Date.now() - days * 86_400_000).toISOString() })
        .where('id', '=', deal.id)
        .execute();
    await back(13);
    expect((await getDeal(deal.id)).stale).toBe(false);
    await back(15); // Qualification: stale after 14 days
    expect((await getDeal(deal.id)).stale).toBe(true);
    const moved = ok(await move(anna, await getDeal(deal.id), stage('Needs analysis')));
    expect(moved.stale).toBe(false); // the move restarts the clock
  });
});

describe('editing, trash, listing', () => {
  it('PATCH with If-Match edits and audits each change; contacts and competitors are replaced', async () => {
    const deal = await createDeal(anna, { contacts: [{ contactId: erika.id }] });
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/deals/${deal.id}`, { cookie: anna.cookie, body: { amount: 5 } }),
      ),
      428,
      'precondition_required',
    );
    const res = ok(
      await t.request<Deal>('PATCH', `/api/deals/${deal.id}`, {
        cookie: anna.cookie,
        ifMatch: deal.version,
        body: {
          amount: 990_000,
          currency: 'CHF',
          ownerId: bernd.user.id,
          contacts: [{ contactId: max.id, role: 'champion' }],
          competitorIds: [competitorId],
        },
      }),
    );
    expect(res).toMatchObject({
      version: 2,
      amount: 990_000,
      currency: 'CHF',
      ownerId: bernd.user.id,
      contacts: [{ contactId: max.id, name: 'Max Technik', role: 'champion' }],
      competitors: [{ id: competitorId, name: 'Konkurrenz AG' }],
    });
    const audit = (await dealEntries(deal.id)).find((e) => e.action === 'updated');
    expect(((audit?.data?.changes ?? []) as { field: string }[]).map((c) => c.field)).toEqual([
      'amount',
      'currency',
      'ownerId',
      'contacts',
      'competitorIds',
    ]);
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/deals/${deal.id}`, { cookie: anna.cookie, ifMatch: 1, body: { amount: 5 } }),
      ),
      412,
      'version_conflict',
    );
    expectInvalid(
      await t.unchanged(() =>
        t.request('PATCH', `/api/deals/${deal.id}`, {
          cookie: anna.cookie,
          ifMatch: 2,
          body: { stageId: stage('Won') },
        }),
      ),
      'stageId',
    );
  });

  it('DELETE moves a deal to the trash; admins see and restore it', async () => {
    const deal = await createDeal(anna);
    expect((await t.request('DELETE', `/api/deals/${deal.id}`, { cookie: anna.cookie })).status).toBe(204);
    expectProblem(await t.get(`/api/deals/${deal.id}`, anna), 404, 'deal_not_found');
    expect((await getDeal(deal.id, admin)).deletedAt).not.toBeNull();
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/deals/${deal.id}/restore`, { cookie: anna.cookie })),
      403,
      'forbidden',
    );
    const restored = ok(await t.request<Deal>('POST', `/api/deals/${deal.id}/restore`, { cookie: admin.cookie }));
    expect(restored.deletedAt).toBeNull();
  });

  it('lists with filters and keyset pages', async () => {
    const other = await t.createAccount(anna, { name: 'Listen KG' });
    const a = await createDeal(anna, { accountId: other.id, name: 'Liste A', amount: 300, closeDate: '2027-01-10' });
    const b = await createDeal(anna, {
      accountId: other.id,
      name: 'Liste B',
      amount: 100,
      closeDate: '2027-05-01',
      contacts: [{ contactId: erika.id }],
    });
    const c = await createDeal(marketer, { accountId: other.id, name: 'Liste C', amount: 200, ownerId: null });
    const list = async (query: string, as: Session = anna) =>
      ok(await t.get<Page<Deal>>(`/api/deals?accountId=${other.id}&${query}`, as));
    expect((await list('sort=amount')).items.map((d) => d.id)).toEqual([b.id, c.id, a.id]);
    expect((await list('sort=-amount')).items.map((d) => d.id)).toEqual([a.id, c.id, b.id]);
    expect((await list('sort=closeDate')).items.map((d) => d.id)).toEqual([a.id, b.id, c.id]);
    expect((await list('ownerId=me')).items.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect((await list('ownerId=none')).items.map((d) => d.id)).toEqual([c.id]);
    expect((await list('closeQuarter=2027-Q1')).items.map((d) => d.id)).toEqual([a.id]);
    expect((await list(`contactId=${erika.id}`)).items.map((d) => d.id)).toEqual([b.id]);
    expect((await list('q=liste%20c')).items.map((d) => d.id)).toEqual([c.id]);
    // pages of one, in amount order, until the end
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Deal> = await list(`sort=amount&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([b.id, c.id, a.id]);
    const first = await list('sort=amount&limit=1');
    expectProblem(await t.get(`/api/deals?sort=-name&cursor=${first.nextCursor}`, anna), 400, 'invalid_cursor');
  });

  it('a close quarter holds the deals of its three months, first day to last, under every sort', async () => {
    const edges = await t.createAccount(anna, { name: 'Quartalsgrenzen KG' });
    // close date → the quarter a person reads on the calendar
    const table: [string | undefined, string | null][] = [
      ['2026-12-31', '2026-Q4'],
      ['2027-01-01', '2027-Q1'],
      ['2027-03-31', '2027-Q1'],
      ['2027-04-01', '2027-Q2'],
      ['2027-06-30', '2027-Q2'],
      ['2027-07-01', '2027-Q3'],
      ['2027-09-30', '2027-Q3'],
      ['2027-10-01', '2027-Q4'],
      ['2027-12-31', '2027-Q4'],
      [undefined, null],
    ];
    const byQuarter = new Map<string, string[]>();
    for (const [i, [closeDate, quarter]] of table.entries()) {
      const deal = await createDeal(anna, { accountId: edges.id, name: `Grenze ${i}`, amount: 100 + i, closeDate });
      if (quarter) byQuarter.set(quarter, [...(byQuarter.get(quarter) ?? []), deal.id]);
    }
    // the list sorted by close date reads a date range, the others an index on the quarter (migration 0046)
    for (const sort of dealSorts) {
      for (const quarter of ['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1']) {
        const page = ok(
          await t.get<Page<Deal>>(`/api/deals?accountId=${edges.id}&closeQuarter=${quarter}&sort=${sort}`, anna),
        );
        expect(page.items.map((d) => d.id).sort(), `${quarter} by ${sort}`).toEqual(
          [...(byQuarter.get(quarter) ?? [])].sort(),
        );
      }
    }
  });
});

describe('viewers', () => {
  it('can read but do none of the writes; the database is unchanged after each attempt', async () => {
    const deal = await createDeal(anna);
    expect((await t.get(`/api/deals/${deal.id}`, viewer)).status).toBe(200);
    expect((await t.get('/api/deals/board', viewer)).status).toBe(200);
    expect((await t.get('/api/reports/forecast?quarter=2027-Q1', viewer)).status).toBe(200);
    const attempts: [string, string, Record<string, unknown> | undefined, number | undefined][] = [
      ['POST', '/api/deals', { name: 'V', accountId: account.id, amount: 1 }, undefined],
      ['PATCH', `/api/deals/${deal.id}`, { amount: 2 }, deal.version],
      ['DELETE', `/api/deals/${deal.id}`, undefined, undefined],
      ['POST', `/api/deals/${deal.id}/move`, { stageId: stage('Proposal') }, deal.version],
      ['POST', `/api/deals/${deal.id}/close`, { outcome: 'lost', reason: 'price' }, undefined],
      ['POST', `/api/deals/${deal.id}/close`, { outcome: 'won', reason: 'price' }, deal.version],
      ['POST', `/api/deals/${deal.id}/reopen`, { stageId: stage('Proposal') }, undefined],
      ['POST', `/api/deals/${deal.id}/restore`, undefined, undefined],
      [
        'POST',
        '/api/pipelines',
        {
          name: 'V',
          stages: [
            { nameDe: 'A', nameEn: 'A', probability: 10 },
            { nameDe: 'G', nameEn: 'W', probability: 100, kind: 'won' },
            { nameDe: 'V', nameEn: 'L', probability: 0, kind: 'lost' },
          ],
        },
        undefined,
      ],
      ['PATCH', `/api/pipelines/${pipeline.id}`, { name: 'V' }, 1],
      ['PUT', '/api/settings/close-reasons', { reasons: [] }, undefined],
    ];
    for (const [method, path, body, ifMatch] of attempts) {
      const res = await t.unchanged(() =>
        t.request(method, path, {
          cookie: viewer.cookie,
          ...(body !== undefined && { body }),
          ...(ifMatch !== undefined && { ifMatch }),
        }),
      );
      // a body the schema refuses is a 400 before the role is asked; everything else is forbidden
      if (path.endsWith('close-reasons')) expect(res.status).toBe(400);
      else expectProblem(res, 403, 'forbidden');
    }
    const valid = await t.unchanged(() =>
      t.request('PUT', '/api/settings/close-reasons', {
        cookie: viewer.cookie,
        body: {
          reasons: [
            { key: 'price', outcome: 'won', de: 'Preis', en: 'Price' },
            { key: 'price', outcome: 'lost', de: 'Preis', en: 'Price' },
          ],
        },
      }),
    );
    expectProblem(valid, 403, 'forbidden');
  });
});

describe('converting a handoff opens a marketing-sourced deal', () => {
  const mqlContact = async (input: Record<string, unknown>) => {
    const contact = await t.createContact(marketer, { lifecycleStage: 'mql', ...input });
    const row = await t.ctx.db
      .selectFrom('handoffs')
      .select('id')
      .where('contact_id', '=', contact.id)
      .executeTakeFirstOrThrow();
    return { contact, handoffId: row.id };
  };
  const convert = (id: string, body?: unknown, as: Session = anna) =>
    t.request<Handoff>('POST', `/api/handoffs/${id}/convert`, {
      cookie: as.cookie,
      ...(body !== undefined && { body }),
    });

  it('an opportunity opens the deal in the same step: source marketing, the handoff and contact linked', async () => {
    const { contact, handoffId } = await mqlContact({ firstName: 'Lea', lastName: 'Lead', accountId: account.id });
    const handoff = ok(
      await convert(handoffId, {
        stage: 'opportunity',
        deal: { amount: 4_500_000, currency: 'EUR', closeDate: '2027-03-15' },
      }),
    );
    expect(handoff).toMatchObject({ status: 'converted', convertedStage: 'opportunity' });
    expect(handoff.dealId).toEqual(expect.any(String));
    const deal = await getDeal(handoff.dealId ?? '');
    expect(deal).toMatchObject({
      name: 'Müller Maschinenbau GmbH – Lea Lead',
      source: 'marketing',
      handoffId,
      accountId: account.id,
      amount: 4_500_000,
      closeDate: '2027-03-15',
      ownerId: anna.user.id,
      stageId: stage('Qualification'),
      contacts: [{ contactId: contact.id, name: 'Lea Lead', role: null }],
    });
    // the handoff reads back with its deal; the conversion's timeline entry names it
    expect(ok(await t.get<Handoff>(`/api/handoffs/${handoffId}`, anna)).dealId).toBe(deal.id);
    const entries = ok(
      await t.get<{ items: TimelineEntry[] }>(`/api/contacts/${contact.id}/timeline?kind=handoff`, anna),
    ).items;
    expect(entries[0]).toMatchObject({ action: 'converted', data: { stage: 'opportunity', dealId: deal.id } });
    expect((await dealEntries(deal.id)).map((e) => [e.kind, e.action]).sort()).toEqual([
      ['audit', 'created'],
      ['deal', 'created'],
    ]);
    const listed = ok(await t.get<Page<Deal>>(`/api/deals?source=marketing&accountId=${account.id}`, anna));
    expect(listed.items.map((d) => d.id)).toEqual([deal.id]);
  });

  it('an SQL opens a deal only when asked; without an account none can be opened', async () => {
    const plain = await mqlContact({ accountId: account.id });
    const sql = ok(await convert(plain.handoffId));
    expect(sql).toMatchObject({ convertedStage: 'sql', dealId: null });

    const asked = await mqlContact({ accountId: account.id });
    const withDeal = ok(await convert(asked.handoffId, { stage: 'sql', deal: { name: 'Pilot', amount: 100 } }));
    expect((await getDeal(withDeal.dealId ?? '')).name).toBe('Pilot');

    const loose = await mqlContact({});
    expectInvalid(await t.unchanged(() => convert(loose.handoffId, { stage: 'sql', deal: {} })), 'deal');
    expectInvalid(
      await t.unchanged(() => convert(loose.handoffId, { stage: 'opportunity', deal: { amount: -5 } })),
      'deal.amount',
    );
    // an opportunity without an account converts without a deal
    expect(ok(await convert(loose.handoffId, { stage: 'opportunity' })).dealId).toBeNull();
    // a viewer cannot convert
    const other = await mqlContact({ accountId: account.id });
    expectProblem(
      await t.unchanged(() => convert(other.handoffId, { stage: 'opportunity' }, viewer)),
      403,
      'forbidden',
    );
  });
});
