import type { Page, Project, ProjectListItem, TimelineEntry } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Joint projects (issue 12): who starts and changes them, the plan both departments write, the sign-offs
 * that let a project leave planning, the stages, and the project's timeline. Pilots are pilots.test.ts.
 *
 * The clock stands on Wednesday 3 March 2027, 10:00 in Berlin (09:00 UTC).
 */

let t: TestApp;
let mia: Session; // marketing member, the marketing lead
let max: Session; // another marketing member
let sam: Session; // sales member, the sales lead
let sina: Session; // another sales member
let viewer: Session; // a sales viewer
let admin: Session; // a management admin
let boss: Session; // a management member

type Problem = { code: string; missing?: string[]; errors?: { path: string }[] };

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Project>('POST', '/api/projects', { cookie: as.cookie, body });
const get = async (id: string) => (await t.get<Project>(`/api/projects/${id}`, viewer)).body;
const patch = (as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<Project>('PATCH', `/api/projects/${id}`, { cookie: as.cookie, ifMatch: version, body });
const addRequirement = (as: Session, id: string, department: string, text: string) =>
  t.request<Project>('POST', `/api/projects/${id}/requirements`, { cookie: as.cookie, body: { department, text } });
const editRequirement = (as: Session, id: string, rid: string, body: Record<string, unknown>) =>
  t.request<Project>('PATCH', `/api/projects/${id}/requirements/${rid}`, { cookie: as.cookie, body });
const signOff = (as: Session, id: string) =>
  t.request<Project>('POST', `/api/projects/${id}/signoffs`, { cookie: as.cookie });
const advance = (as: Session, id: string, stage: string) =>
  t.request<Project>('POST', `/api/projects/${id}/advance`, { cookie: as.cookie, body: { stage } });

const created = async (as: Session, body: Record<string, unknown>): Promise<Project> => {
  const res = await create(as, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const ok = async (res: Promise<{ status: number; text: string; body: Project }>): Promise<Project> => {
  const r = await res;
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
};

/** A project of Mia and Sam in planning. */
const planning = async (name: string): Promise<Project> => {
  const p = await created(mia, { name, salesLeadId: sam.user.id, stage: 'planning' });
  expect(p.stage).toBe('planning');
  return p;
};

const audits = (id: string) =>
  t.ctx.db
    .selectFrom('timeline_entries')
    .select(['action', 'actor_id', 'data'])
    .where('entity_type', '=', 'project')
    .where('entity_id', '=', id)
    .where('kind', '=', 'audit')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

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
  admin = await t.session('management', 'admin', 'Ada Admin');
  boss = await t.session('management', 'member', 'Bo Boss');
});
afterAll(async () => {
  await t.close();
});

describe('starting and changing a project', () => {
  it('a marketing member starts a project and leads it for marketing; both departments are still missing', async () => {
    const campaign = await t.createCampaign(mia, { name: 'Frühjahrsaktion' });
    const account = await t.createAccount(sam, { name: 'Acme GmbH' });
    const p = await created(mia, {
      name: 'Branchenpaket Maschinenbau',
      goalStatement: 'Ein Angebot, das Marketing und Vertrieb gemeinsam tragen.',
      salesLeadId: sam.user.id,
      campaignIds: [campaign.id],
      accountIds: [account.id],
    });
    expect(p).toMatchObject({
      name: 'Branchenpaket Maschinenbau',
      goalStatement: 'Ein Angebot, das Marketing und Vertrieb gemeinsam tragen.',
      stage: 'idea',
      nextStages: ['planning', 'cancelled'],
      team: null,
      marketingLead: { id: mia.user.id, name: 'Mia Marketing', department: 'marketing' },
      salesLead: { id: sam.user.id, name: 'Sam Sales', department: 'sales' },
      links: {
        campaigns: [{ id: campaign.id, name: 'Frühjahrsaktion' }],
        goals: [],
        deals: [],
        accounts: [{ id: account.id, name: 'Acme GmbH' }],
      },
      requirements: [],
      signoffs: [],
      missing: { requirements: ['marketing', 'sales'], signoffs: ['marketing', 'sales'] },
      requirementCounts: { total: 0, done: 0 },
      pilotCounts: { proposed: 0, active: 0, declined: 0, ended: 0 },
      createdBy: { id: mia.user.id },
      version: 1,
    });
    expect(await audits(p.id)).toEqual([expect.objectContaining({ action: 'created', actor_id: mia.user.id })]);
  });

  it('refuses a viewer, a lead from the wrong department and unknown links, changing nothing', async () => {
    await t.unchanged(async () => {
      expectProblem(await create(viewer, { name: 'Nope' }), 403, 'forbidden');
      expectInvalid(await create(mia, { name: 'Falsch', salesLeadId: max.user.id }), 'salesLeadId');
      const res = await create(sam, { name: 'Falsch', campaignIds: [MISSING_ID], dealIds: [MISSING_ID] });
      const problem = expectInvalid(res, 'campaignIds.0');
      expect(problem.errors?.map((e) => e.path)).toEqual(['campaignIds.0', 'dealIds.0']);
    });
  });

  it('the leads and admins edit it (If-Match); another member is refused and nothing changes', async () => {
    const p = await created(sam, { name: 'Messeauftritt', marketingLeadId: mia.user.id });
    expect(p.salesLead?.id).toBe(sam.user.id);
    await t.unchanged(async () => {
      expectProblem(await patch(max, p.id, p.version, { name: 'Meins' }), 403, 'forbidden');
      expectProblem(await patch(viewer, p.id, p.version, { name: 'Meins' }), 403, 'forbidden');
      expectProblem(await patch(mia, p.id, p.version + 1, { name: 'Alt' }), 412, 'version_conflict');
    });
    const team = await t.request<{ id: string }>('POST', '/api/teams', {
      cookie: mia.cookie,
      body: { name: 'Team Nord', memberIds: [mia.user.id, sam.user.id] },
    });
    expect(team.status, team.text).toBe(201);
    const edited = await ok(patch(mia, p.id, p.version, { name: 'Messeauftritt Hannover', teamId: team.body.id }));
    expect(edited).toMatchObject({ name: 'Messeauftritt Hannover', team: { id: team.body.id, name: 'Team Nord' } });
    expect(edited.version).toBe(p.version + 1);
    const byAdmin = await ok(patch(admin, p.id, edited.version, { goalStatement: 'Mehr Termine am Stand' }));
    expect(byAdmin.goalStatement).toBe('Mehr Termine am Stand');
    const entries = await audits(p.id);
    expect(entries.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect(JSON.parse(entries[1]?.data ?? '{}')).toEqual({
      changes: [
        { field: 'name', from: 'Messeauftritt', to: 'Messeauftritt Hannover' },
        { field: 'teamId', from: null, to: team.body.id },
      ],
    });
  });

  it('lists projects by stage, team, either lead and account', async () => {
    const account = await t.createAccount(sam, { name: 'Listenfirma AG' });
    const a = await created(sina, { name: 'Liste A', marketingLeadId: max.user.id, accountIds: [account.id] });
    const b = await created(max, { name: 'Liste B', stage: 'planning' });
    const names = async (query: string) =>
      (await t.get<Page<ProjectListItem>>(`/api/projects?limit=100&${query}`, viewer)).body.items
        .map((p) => p.name)
        .filter((n) => n.startsWith('Liste'))
        .sort();
    expect(await names('')).toEqual(['Liste A', 'Liste B']);
    expect(await names('stage=planning')).toEqual(['Liste B']);
    expect(await names(`leadId=${max.user.id}`)).toEqual(['Liste A', 'Liste B']);
    expect(await names(`leadId=${sina.user.id}`)).toEqual(['Liste A']);
    expect(await names(`accountId=${account.id}`)).toEqual(['Liste A']);
    // the list rows carry the counts and what is missing, not the plan itself
    const row = (await t.get<Page<ProjectListItem>>(`/api/projects?accountId=${account.id}`, viewer)).body.items[0];
    expect(row).toMatchObject({ id: a.id, missing: { requirements: ['marketing', 'sales'] } });
    expect(row).not.toHaveProperty('requirements');
    // most recently changed first, one page at a time
    const first = await t.get<Page<ProjectListItem>>('/api/projects?limit=1', viewer);
    expect(first.body.items.map((p) => p.id)).toEqual([b.id]);
    const rest = await t.get<Page<ProjectListItem>>(
      `/api/projects?limit=100&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
      viewer,
    );
    expect(rest.body.items.map((p) => p.id)).toContain(a.id);
    expect(rest.body.items.map((p) => p.id)).not.toContain(b.id);
  });
});

describe('the plan and its sign-offs', () => {
  it('cannot leave planning before each department has written a requirement', async () => {
    const p = await planning('Webinarreihe');
    await t.unchanged(async () => {
      const res = await advance(mia, p.id, 'pilot');
      expectProblem(res, 409, 'requirements_missing');
      expect((res.body as unknown as Problem).missing).toEqual(['marketing', 'sales']);
    });
    await ok(addRequirement(mia, p.id, 'marketing', 'Landingpage und Formular'));
    await t.unchanged(async () => {
      const res = await advance(mia, p.id, 'pilot');
      expectProblem(res, 409, 'requirements_missing');
      expect((res.body as unknown as Problem).missing).toEqual(['sales']);
    });
  });

  it('one department alone gets 409 signoff_missing naming the other, and nothing changes', async () => {
    const p = await planning('Preisliste 2027');
    await ok(addRequirement(mia, p.id, 'marketing', 'Landingpage und Formular'));
    const withSales = await ok(addRequirement(sam, p.id, 'sales', 'Preisliste bis KW 3'));
    expect(withSales.missing).toEqual({ requirements: [], signoffs: ['marketing', 'sales'] });
    const signed = await ok(signOff(mia, p.id));
    expect(signed.signoffs).toEqual([
      {
        user: { id: mia.user.id, name: 'Mia Marketing', department: 'marketing' },
        department: 'marketing',
        at: expect.any(String),
      },
    ]);
    expect(signed.missing.signoffs).toEqual(['sales']);
    await t.unchanged(async () => {
      const res = await advance(mia, p.id, 'pilot');
      expectProblem(res, 409, 'signoff_missing');
      expect((res.body as unknown as Problem).missing).toEqual(['sales']);
    });
    // signing twice is one sign-off
    expect((await ok(signOff(mia, p.id))).signoffs).toHaveLength(1);
    await ok(signOff(sina, p.id));
    const moved = await ok(advance(mia, p.id, 'pilot'));
    expect(moved).toMatchObject({ stage: 'pilot', nextStages: ['rollout', 'cancelled'], missing: { signoffs: [] } });
    expect((await audits(p.id)).at(-1)).toMatchObject({
      action: 'updated',
      actor_id: mia.user.id,
      data: JSON.stringify({ changes: [{ field: 'stage', from: 'planning', to: 'pilot' }] }),
    });
  });

  it("an admin's sign-off does not stand in for a department; a viewer's is refused; nothing changes", async () => {
    const p = await planning('Kundentag');
    await ok(addRequirement(mia, p.id, 'marketing', 'Einladung gestalten'));
    await ok(addRequirement(sam, p.id, 'sales', 'Gästeliste'));
    await ok(signOff(sam, p.id));
    await t.unchanged(async () => {
      expectProblem(await signOff(admin, p.id), 403, 'forbidden');
      expectProblem(await signOff(boss, p.id), 403, 'forbidden');
      expectProblem(await signOff(viewer, p.id), 403, 'forbidden');
      // the admin may advance (admins edit every project), but the plan still lacks marketing
      const res = await advance(admin, p.id, 'pilot');
      expectProblem(res, 409, 'signoff_missing');
      expect((res.body as unknown as Problem).missing).toEqual(['marketing']);
    });
    expect((await get(p.id)).signoffs.map((s) => s.user.id)).toEqual([sam.user.id]);
  });

  it('a change to the requirements resets every sign-off and tells those who gave them; ticking one done does not', async () => {
    const p = await planning('Partnerprogramm');
    const withReq = await ok(addRequirement(mia, p.id, 'marketing', 'Broschüre'));
    await ok(addRequirement(sam, p.id, 'sales', 'Konditionen'));
    const rid = withReq.requirements[0]?.id as string;
    await ok(signOff(mia, p.id));
    const both = await ok(signOff(sam, p.id));
    expect(both.missing.signoffs).toEqual([]);

    // progress on the agreed plan
    const ticked = await ok(editRequirement(max, p.id, rid, { done: true }));
    expect(ticked.requirements.find((r) => r.id === rid)).toMatchObject({ done: true, doneAt: expect.any(String) });
    expect(ticked.signoffs).toHaveLength(2);
    expect(ticked.requirementCounts).toEqual({ total: 2, done: 1 });

    // a changed text is a changed plan: Max (marketing) edits, Mia and Sam hear of it
    const edited = await ok(editRequirement(max, p.id, rid, { text: 'Broschüre und Datenblatt' }));
    expect(edited.signoffs).toEqual([]);
    expect(edited.missing.signoffs).toEqual(['marketing', 'sales']);
    expect(edited.requirements.find((r) => r.id === rid)).toMatchObject({
      text: 'Broschüre und Datenblatt',
      done: true,
    });
    expect((await notices(mia, 'project_signoffs_reset')).map((n) => n.entityId)).toEqual([p.id]);
    expect((await notices(sam, 'project_signoffs_reset')).map((n) => n.entityId)).toEqual([p.id]);
    expect(await notices(max, 'project_signoffs_reset')).toEqual([]);
    const entries = await audits(p.id);
    expect(entries.map((a) => a.action)).toEqual([
      'created',
      'requirement_added',
      'requirement_added',
      'signed_off',
      'signed_off',
      'requirement_updated',
      'requirement_updated',
      'signoffs_reset',
    ]);
    expect(
      JSON.parse(entries.at(-1)?.data ?? '{}')
        .changes[0].from.map((s: { userId: string }) => s.userId)
        .sort(),
    ).toEqual([mia.user.id, sam.user.id].sort());

    // adding and removing reset too
    await ok(signOff(sam, p.id));
    expect((await ok(addRequirement(sam, p.id, 'sales', 'Schulung'))).signoffs).toEqual([]);
    await ok(signOff(sam, p.id));
    const removed = await t.request<Project>('DELETE', `/api/projects/${p.id}/requirements/${rid}`, {
      cookie: mia.cookie,
    });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.signoffs).toEqual([]);
    expect(removed.body.requirements.map((r) => r.text)).toEqual(['Konditionen', 'Schulung']);
  });

  it('writers of the requirement’s department, the leads and admins write requirements; others are refused', async () => {
    const p = await planning('Referenzkunden');
    await t.unchanged(async () => {
      expectProblem(await addRequirement(max, p.id, 'sales', 'Nicht meins'), 403, 'forbidden');
      expectProblem(await addRequirement(sina, p.id, 'marketing', 'Nicht meins'), 403, 'forbidden');
      expectProblem(await addRequirement(viewer, p.id, 'sales', 'Nein'), 403, 'forbidden');
      expectProblem(await addRequirement(boss, p.id, 'sales', 'Nein'), 403, 'forbidden');
      expectInvalid(await addRequirement(mia, p.id, 'management', 'Nein'), 'department');
    });
    // Mia leads: she may write sales' requirement; Sina (sales) may write one for sales; admins may
    const bySina = await ok(addRequirement(sina, p.id, 'sales', 'Drei Kunden fragen'));
    const rid = bySina.requirements[0]?.id as string;
    await ok(addRequirement(mia, p.id, 'sales', 'Fallstudie freigeben'));
    await ok(addRequirement(admin, p.id, 'marketing', 'Fallstudie schreiben'));
    await t.unchanged(async () => {
      expectProblem(await editRequirement(max, p.id, rid, { text: 'Geändert' }), 403, 'forbidden');
      // moving it to marketing needs the right for both departments
      expectProblem(await editRequirement(sina, p.id, rid, { department: 'marketing' }), 403, 'forbidden');
      expectProblem(await editRequirement(sina, p.id, MISSING_ID, { done: true }), 404, 'requirement_not_found');
    });
  });

  it('a sign-off is taken back with DELETE …/signoffs/mine', async () => {
    const p = await planning('Newsletter');
    await ok(signOff(sam, p.id));
    const res = await t.request<Project>('DELETE', `/api/projects/${p.id}/signoffs/mine`, { cookie: sam.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.body.signoffs).toEqual([]);
    expect((await audits(p.id)).map((a) => a.action)).toEqual(['created', 'signed_off', 'signoff_withdrawn']);
  });
});

describe('stages', () => {
  it('moves one stage at a time; a wrong transition is 409 invalid_transition and changes nothing', async () => {
    const p = await created(mia, { name: 'Stufen', salesLeadId: sam.user.id });
    await t.unchanged(async () => {
      expectProblem(await advance(mia, p.id, 'pilot'), 409, 'invalid_transition');
      expectProblem(await advance(mia, p.id, 'idea'), 409, 'invalid_transition');
      expectProblem(await advance(max, p.id, 'planning'), 403, 'forbidden');
      expectProblem(await advance(sam, MISSING_ID, 'planning'), 404, 'project_not_found');
    });
    await ok(advance(sam, p.id, 'planning'));
    await ok(addRequirement(mia, p.id, 'marketing', 'A'));
    await ok(addRequirement(sam, p.id, 'sales', 'B'));
    await ok(signOff(mia, p.id));
    await ok(signOff(sam, p.id));
    await ok(advance(mia, p.id, 'pilot'));
    // the plan is agreed: it no longer changes, but its items are ticked off
    await t.unchanged(async () => {
      expectProblem(await addRequirement(mia, p.id, 'marketing', 'Später'), 409, 'plan_locked');
      expectProblem(await signOff(sina, p.id), 409, 'plan_locked');
      expectProblem(await advance(mia, p.id, 'done'), 409, 'invalid_transition');
    });
    const rid = (await get(p.id)).requirements[0]?.id as string;
    expect((await ok(editRequirement(mia, p.id, rid, { done: true }))).requirementCounts.done).toBe(1);
    await ok(advance(mia, p.id, 'rollout'));
    const done = await ok(advance(sam, p.id, 'done'));
    expect(done).toMatchObject({ stage: 'done', nextStages: [] });
    await t.unchanged(async () => {
      expectProblem(await advance(sam, p.id, 'cancelled'), 409, 'invalid_transition');
      expectProblem(await patch(sam, p.id, done.version, { name: 'Neu' }), 409, 'project_closed');
    });
  });

  it('a project is cancelled from any stage that is not final', async () => {
    const p = await created(mia, { name: 'Abgebrochen' });
    expect((await ok(advance(mia, p.id, 'cancelled'))).stage).toBe('cancelled');
    await t.unchanged(async () => {
      expectProblem(await advance(mia, p.id, 'planning'), 409, 'invalid_transition');
    });
  });
});

describe('the project timeline and deleting', () => {
  it('shows notes, comments and the audit of every change', async () => {
    const p = await planning('Mit Verlauf');
    await ok(addRequirement(sam, p.id, 'sales', 'Angebot'));
    const note = await t.request<TimelineEntry>('POST', `/api/projects/${p.id}/notes`, {
      cookie: sam.cookie,
      body: { body: 'Kick-off am **Montag**' },
    });
    expect(note.status, note.text).toBe(201);
    expect(note.body).toMatchObject({ kind: 'note', entityType: 'project', entityId: p.id, entityName: 'Mit Verlauf' });
    const comment = await t.request<TimelineEntry>('POST', `/api/projects/${p.id}/comments`, {
      cookie: mia.cookie,
      body: { body: 'Passt, @Sam', mentions: [sam.user.id] },
    });
    expect(comment.status, comment.text).toBe(201);
    const timeline = await t.get<Page<TimelineEntry>>(`/api/projects/${p.id}/timeline`, viewer);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((e) => [e.kind, e.action])).toEqual([
      ['comment', null],
      ['note', null],
      ['audit', 'requirement_added'],
      ['audit', 'created'],
    ]);
    await t.unchanged(async () => {
      const res = await t.request('POST', `/api/projects/${p.id}/notes`, {
        cookie: viewer.cookie,
        body: { body: 'x' },
      });
      expectProblem(res, 403, 'forbidden');
      expectProblem(await t.get(`/api/projects/${MISSING_ID}/timeline`, viewer), 404, 'project_not_found');
    });
  });

  it('the leads and admins delete a project; it leaves the list, and others are refused', async () => {
    const p = await created(mia, { name: 'Zum Löschen', salesLeadId: sam.user.id });
    await t.unchanged(async () => {
      expectProblem(await t.request('DELETE', `/api/projects/${p.id}`, { cookie: max.cookie }), 403, 'forbidden');
    });
    const res = await t.request('DELETE', `/api/projects/${p.id}`, { cookie: sam.cookie });
    expect(res.status, res.text).toBe(204);
    expectProblem(await t.get(`/api/projects/${p.id}`, viewer), 404, 'project_not_found');
    const list = await t.get<Page<ProjectListItem>>('/api/projects?limit=100', viewer);
    expect(list.body.items.map((x) => x.id)).not.toContain(p.id);
    expect((await audits(p.id)).map((a) => a.action)).toEqual(['created', 'deleted']);
  });
});
