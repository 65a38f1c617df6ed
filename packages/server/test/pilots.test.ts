import type { Account, Deal, Page, Pilot, PilotSummary, Project } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Pilot customers (issue 12): nominated while a project is in pilot — active at once when sales or the
 * account's owner nominates, proposed when marketing does — confirmed or declined by the owner or sales,
 * feedback on active pilots, the summary, the "Pilotkunde" badge on accounts and the warning when a
 * campaign adds a pilot customer's contacts.
 *
 * The clock stands on Wednesday 3 March 2027, 10:00 in Berlin (09:00 UTC); the workspace's today is
 * 2027-03-03.
 */

let t: TestApp;
let mia: Session; // marketing member, the project's marketing lead
let max: Session; // another marketing member
let sam: Session; // sales member, owner of Acme
let sina: Session; // another sales member, the project's sales lead
let viewer: Session;
let project: Project;
let acme: Account;
let beta: Account;
let gamma: Account;

const base = () => `/api/projects/${project.id}/pilots`;
const nominate = (as: Session, body: Record<string, unknown>, projectId = project.id) =>
  t.request<Pilot>('POST', `/api/projects/${projectId}/pilots`, { cookie: as.cookie, body });
const act = (as: Session, pilotId: string, what: 'confirm' | 'decline' | 'end') =>
  t.request<Pilot>('POST', `${base()}/${pilotId}/${what}`, { cookie: as.cookie });
const feedback = (as: Session, pilotId: string, rating: number, text: string) =>
  t.request<Pilot>('POST', `${base()}/${pilotId}/feedback`, { cookie: as.cookie, body: { rating, text } });

const ok = async <T>(res: Promise<{ status: number; text: string; body: T }>): Promise<T> => {
  const r = await res;
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
};

/** A project of Mia and Sina, taken through planning into its pilot stage. */
const inPilot = async (name: string): Promise<Project> => {
  const p = await ok(
    t.request<Project>('POST', '/api/projects', {
      cookie: mia.cookie,
      body: { name, salesLeadId: sina.user.id, stage: 'planning' },
    }),
  );
  const req = (as: Session, department: string, text: string) =>
    ok(t.request('POST', `/api/projects/${p.id}/requirements`, { cookie: as.cookie, body: { department, text } }));
  await req(mia, 'marketing', 'Landingpage');
  await req(sina, 'sales', 'Preisliste');
  await ok(t.request('POST', `/api/projects/${p.id}/signoffs`, { cookie: mia.cookie }));
  await ok(t.request('POST', `/api/projects/${p.id}/signoffs`, { cookie: sina.cookie }));
  return ok(
    t.request<Project>('POST', `/api/projects/${p.id}/advance`, { cookie: mia.cookie, body: { stage: 'pilot' } }),
  );
};

const deal = async (accountId: string, name: string, amount: number, currency = 'EUR') =>
  ok(t.request<Deal>('POST', '/api/deals', { cookie: sam.cookie, body: { name, accountId, amount, currency } }));

const notices = async (who: Session, kind: string) => {
  const res = await t.get<{ items: { kind: string; entityId: string }[] }>('/api/notifications?limit=200', who);
  return res.body.items.filter((n) => n.kind === kind);
};

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo('2027-03-03T09:00:00Z');
  mia = await t.session('marketing', 'member', 'Mia Marketing');
  max = await t.session('marketing', 'member', 'Max Marketing');
  sam = await t.session('sales', 'member', 'Sam Sales');
  sina = await t.session('sales', 'member', 'Sina Sales');
  viewer = await t.session('sales', 'viewer', 'Vera Viewer');
  acme = await t.createAccount(sam, { name: 'Acme GmbH', ownerId: sam.user.id });
  beta = await t.createAccount(sam, { name: 'Beta AG', ownerId: sam.user.id });
  gamma = await t.createAccount(sam, { name: 'Gamma KG', ownerId: sam.user.id });
  project = await inPilot('Branchenpaket');
  expect(project.stage).toBe('pilot');
});
afterAll(async () => {
  await t.close();
});

describe('nominating pilot accounts', () => {
  it('only while the project is in pilot', async () => {
    const early = await ok(t.request<Project>('POST', '/api/projects', { cookie: sam.cookie, body: { name: 'Idee' } }));
    await t.unchanged(async () => {
      expectProblem(await nominate(sam, { accountId: acme.id }, early.id), 409, 'project_not_in_pilot');
      expectProblem(await nominate(viewer, { accountId: acme.id }), 403, 'forbidden');
      expectInvalid(await nominate(sam, { accountId: MISSING_ID }), 'accountId');
      expectInvalid(
        await nominate(sam, { accountId: acme.id, startsAt: '2027-03-10', endsAt: '2027-03-01' }),
        'endsAt',
      );
    });
  });

  it('the pilot flow: marketing proposes, the owner confirms, sales logs feedback, the summary sums it up', async () => {
    // marketing proposes: the account's owner hears of it, and it is no pilot customer yet
    const proposed = await ok(
      nominate(mia, { accountId: acme.id, scope: 'Neues Preismodell', startsAt: '2027-03-01', endsAt: '2027-04-30' }),
    );
    expect(proposed).toMatchObject({
      projectId: project.id,
      account: { id: acme.id, name: 'Acme GmbH', owner: { id: sam.user.id } },
      status: 'proposed',
      scope: 'Neues Preismodell',
      startsAt: '2027-03-01',
      endsAt: '2027-04-30',
      proposedBy: { id: mia.user.id },
      decidedBy: null,
      decidedAt: null,
      feedback: [],
      meanRating: null,
    });
    expect((await notices(sam, 'pilot_proposed')).map((n) => n.entityId)).toEqual([project.id]);
    expect((await t.get<Account>(`/api/accounts/${acme.id}`, viewer)).body.pilot).toBeNull();

    await t.unchanged(async () => {
      expectProblem(await nominate(sina, { accountId: acme.id }), 409, 'pilot_exists');
      expectProblem(await act(max, proposed.id, 'confirm'), 403, 'forbidden');
      expectProblem(await act(viewer, proposed.id, 'confirm'), 403, 'forbidden');
      expectProblem(await feedback(sam, proposed.id, 4, 'Zu früh'), 409, 'pilot_not_active');
      expectProblem(await act(sam, MISSING_ID, 'confirm'), 404, 'pilot_not_found');
    });

    // the owner confirms
    const active = await ok(act(sam, proposed.id, 'confirm'));
    expect(active).toMatchObject({ status: 'active', decidedBy: { id: sam.user.id }, decidedAt: expect.any(String) });
    await t.unchanged(async () => {
      expectProblem(await act(sam, proposed.id, 'confirm'), 409, 'pilot_not_proposed');
    });

    // what the customer said: sales (the owner, another sales member) and the marketing lead log it
    await ok(feedback(sam, active.id, 4, 'Die Preisliste ist zu lang, aber die Landingpage gefällt.'));
    await ok(feedback(sina, active.id, 5, 'Landingpage klar, Preisliste übersichtlicher machen'));
    const withFeedback = await ok(feedback(mia, active.id, 2, 'Preisliste unklar, Landingpage klar'));
    expect(withFeedback.feedback.map((f) => [f.rating, f.author?.id])).toEqual([
      [4, sam.user.id],
      [5, sina.user.id],
      [2, mia.user.id],
    ]);
    // (4 + 5 + 2) / 3 = 3.666… → 3.67
    expect(withFeedback.meanRating).toBe(3.67);
    await t.unchanged(async () => {
      expectProblem(await feedback(max, active.id, 3, 'Nicht meins'), 403, 'forbidden');
      expectProblem(await feedback(viewer, active.id, 3, 'Nein'), 403, 'forbidden');
      expectInvalid(await feedback(sam, active.id, 6, 'Zu gut'), 'rating');
    });

    // open pipeline: two open EUR deals and one USD deal count; a won and a deleted one do not
    await deal(acme.id, 'Lizenz', 1_000_000);
    await deal(acme.id, 'Service', 250_000);
    await deal(acme.id, 'US-Tochter', 50_000, 'USD');
    const won = await deal(acme.id, 'Alt', 999_900);
    await t.ctx.db.updateTable('deals').set({ status: 'won' }).where('id', '=', won.id).execute();
    const gone = await deal(acme.id, 'Papierkorb', 777_700);
    expect((await t.request('DELETE', `/api/deals/${gone.id}`, { cookie: sam.cookie })).status).toBe(204);

    // a declined proposal is left out of the summary
    const declined = await ok(nominate(max, { accountId: beta.id }));
    expect(declined.status).toBe('proposed');
    expect((await ok(act(sina, declined.id, 'decline'))).status).toBe('declined');

    const summary = await t.get<PilotSummary>(`${base()}/summary`, viewer);
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body).toEqual({
      pilots: 1,
      feedbackCount: 3,
      meanRating: 3.67,
      // "preisliste" and "landingpage" in all three entries; "landingpage klar" in two (and "klar" only there)
      themes: [
        { term: 'landingpage', count: 3 },
        { term: 'preisliste', count: 3 },
        { term: 'landingpage klar', count: 2 },
      ],
      accounts: [
        {
          pilotId: active.id,
          account: { id: acme.id, name: 'Acme GmbH' },
          status: 'active',
          meanRating: 3.67,
          feedbackCount: 3,
          openPipeline: [
            { currency: 'EUR', amount: 1_250_000, deals: 2 },
            { currency: 'USD', amount: 50_000, deals: 1 },
          ],
        },
      ],
    });

    const list = await t.get<Pilot[]>(base(), viewer);
    expect(list.body.map((p) => [p.account.name, p.status])).toEqual([
      ['Acme GmbH', 'active'],
      ['Beta AG', 'declined'],
    ]);
    const shown = (await t.get<Project>(`/api/projects/${project.id}`, viewer)).body;
    expect(shown.pilotCounts).toEqual({ proposed: 0, active: 1, declined: 1, ended: 0 });
    const actions = await t.ctx.db
      .selectFrom('timeline_entries')
      .select('action')
      .where('entity_type', '=', 'project')
      .where('entity_id', '=', project.id)
      .where('action', 'like', 'pilot%')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'pilot_nominated',
      'pilot_confirmed',
      'pilot_feedback',
      'pilot_feedback',
      'pilot_feedback',
      'pilot_nominated',
      'pilot_declined',
    ]);
  });

  it('sales, and the account’s owner, start a pilot active at once', async () => {
    const bySales = await ok(nominate(sina, { accountId: gamma.id, startsAt: '2027-04-01' }));
    expect(bySales).toMatchObject({ status: 'active', decidedBy: { id: sina.user.id } });
  });
});

describe('the pilot badge and the campaign warning', () => {
  it('an account in a running pilot carries the badge on its page and in the list', async () => {
    expect((await t.get<Account>(`/api/accounts/${acme.id}`, viewer)).body.pilot).toEqual({
      projectId: project.id,
      projectName: 'Branchenpaket',
    });
    const list = await t.get<Page<Account>>('/api/accounts?limit=100', viewer);
    expect(list.status, list.text).toBe(200);
    const badges = Object.fromEntries(list.body.items.map((a) => [a.name, a.pilot?.projectName ?? null]));
    // Beta's proposal was declined; Gamma's pilot starts on 1 April
    expect(badges).toEqual({ 'Acme GmbH': 'Branchenpaket', 'Beta AG': null, 'Gamma KG': null });
  });

  it('adding a pilot customer’s contacts to a campaign warns, once per account', async () => {
    const campaign = await t.createCampaign(mia, { name: 'Newsletter März' });
    const a1 = await t.createContact(mia, { accountId: acme.id });
    const a2 = await t.createContact(mia, { accountId: acme.id });
    const g = await t.createContact(mia, { accountId: gamma.id });
    const loose = await t.createContact(mia);
    const res = await t.request<{ added: number; warnings: unknown[] }>(
      'POST',
      `/api/campaigns/${campaign.id}/members`,
      { cookie: mia.cookie, body: { contactIds: [a1.id, a2.id, g.id, loose.id] } },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.added).toBe(4);
    expect(res.body.warnings).toEqual([
      {
        code: 'pilot_account',
        accountId: acme.id,
        accountName: 'Acme GmbH',
        projectId: project.id,
        projectName: 'Branchenpaket',
      },
    ]);
    // without a pilot customer among them the answer is as it always was
    const none = await t.request('POST', `/api/campaigns/${campaign.id}/members`, {
      cookie: mia.cookie,
      body: { contactIds: [loose.id] },
    });
    expect(none.body).toEqual({ added: 0, updated: 1, unmatched: [] });
  });

  it('an ended pilot loses the badge; the day is the last of its period', async () => {
    const pilots = (await t.get<Pilot[]>(base(), viewer)).body;
    const acmePilot = pilots.find((p) => p.account.id === acme.id) as Pilot;
    await t.unchanged(async () => {
      expectProblem(await act(max, acmePilot.id, 'end'), 403, 'forbidden');
    });
    const ended = await ok(act(sam, acmePilot.id, 'end'));
    expect(ended).toMatchObject({ status: 'ended', endsAt: '2027-03-03' });
    expect((await t.get<Account>(`/api/accounts/${acme.id}`, viewer)).body.pilot).toBeNull();
    await t.unchanged(async () => {
      expectProblem(await feedback(sam, acmePilot.id, 3, 'Danach'), 409, 'pilot_not_active');
      expectProblem(await act(sam, acmePilot.id, 'end'), 409, 'pilot_not_active');
    });
  });

  it("a pilot's days decide: Gamma's badge shows from its first day", async () => {
    t.clock.travelTo('2027-04-01T08:00:00Z');
    expect((await t.get<Account>(`/api/accounts/${gamma.id}`, viewer)).body.pilot).toEqual({
      projectId: project.id,
      projectName: 'Branchenpaket',
    });
  });

  it('a project that closes closes its pilots: active ones end, proposed ones are declined', async () => {
    const proposal = await ok(nominate(mia, { accountId: beta.id }));
    expect(proposal.status).toBe('proposed');
    await ok(
      t.request('POST', `/api/projects/${project.id}/advance`, { cookie: sina.cookie, body: { stage: 'rollout' } }),
    );
    // in rollout the pilot still runs
    expect((await t.get<Account>(`/api/accounts/${gamma.id}`, viewer)).body.pilot?.projectId).toBe(project.id);
    await t.unchanged(async () => {
      expectProblem(await nominate(sam, { accountId: acme.id }), 409, 'project_not_in_pilot');
      expectProblem(await act(sam, proposal.id, 'confirm'), 409, 'project_not_in_pilot');
    });
    const done = await ok(
      t.request<Project>('POST', `/api/projects/${project.id}/advance`, {
        cookie: sina.cookie,
        body: { stage: 'done' },
      }),
    );
    expect(done.pilotCounts).toEqual({ proposed: 0, active: 0, declined: 2, ended: 2 });
    expect((await t.get<Account>(`/api/accounts/${gamma.id}`, viewer)).body.pilot).toBeNull();
  });
});
