import type { Account, Activity, Contact, Page, Task, TimelineEntry } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { insertDealRow } from './deal-rows.js';
import {
  expectInvalid,
  expectProblem,
  ISO_UTC,
  MISSING_ID,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

/*
 * Activities (logged calls, emails, meetings, notes) and tasks through HTTP: each activity also lands on
 * its record's timeline; "My tasks" puts overdue ones first; reminders go out once. Every refused request
 * leaves the database as it was.
 */

let t: TestApp;
let admin: Session;
let seller: Session;
let marketer: Session;
let viewer: Session;
let account: Account;
let contact: Contact;
let dealId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  seller = await t.session('sales', 'member', 'Sam Seller');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  viewer = await t.session('sales', 'viewer', 'Vic Viewer');
  account = await t.createAccount(seller, { name: 'Müller Maschinenbau GmbH' });
  contact = await t.createContact(seller, { firstName: 'Erika', lastName: 'Einkauf', accountId: account.id });
  dealId = await insertDealRow(t, { accountId: account.id, name: 'Fräszentrum 2027' });
});
afterAll(async () => {
  await t.close();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const minutesAhead = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const logActivity = (as: Session, body: Record<string, unknown>) =>
  t.request<Activity>('POST', '/api/activities', { cookie: as.cookie, body });

describe('activities', () => {
  it.each([
    ['account', () => account.id, () => account.id],
    ['contact', () => contact.id, () => account.id],
    ['deal', () => dealId, () => account.id],
  ] as const)('a call on a %s: 201, on the record timeline with type, subject and duration', async (type, id, acc) => {
    const occurredAt = minutesAgo(90);
    const res = await logActivity(seller, {
      type: 'call',
      subject: `Bedarf am ${type} geklärt`,
      summary: 'Will **zwei** Maschinen',
      occurredAt,
      durationMinutes: 25,
      entityType: type,
      entityId: id(),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      type: 'call',
      subject: `Bedarf am ${type} geklärt`,
      summary: 'Will **zwei** Maschinen',
      occurredAt,
      durationMinutes: 25,
      entityType: type,
      entityId: id(),
      accountId: acc(),
      actor: { id: seller.user.id, name: 'Sam Seller', department: 'sales' },
    });
    expect(res.body.createdAt).toMatch(ISO_UTC);

    const path = type === 'account' ? 'accounts' : type === 'contact' ? 'contacts' : 'deals';
    const tl = await t.get<Page<TimelineEntry>>(`/api/${path}/${id()}/timeline?kind=activity`, seller);
    expect(tl.status, tl.text).toBe(200);
    const entry = tl.body.items.find((e) => e.data?.activityId === res.body.id);
    expect(entry).toMatchObject({
      kind: 'activity',
      action: 'call',
      entityType: type,
      entityId: id(),
      createdAt: occurredAt,
      body: 'Will **zwei** Maschinen',
      department: 'sales',
      data: { type: 'call', subject: `Bedarf am ${type} geklärt`, duration: 25 },
    });
    expect(entry?.html).toContain('<strong>zwei</strong>');

    const listed = await t.get<Page<Activity>>(`/api/activities?entityType=${type}&entityId=${id()}`, marketer);
    expect(listed.body.items.map((a) => a.id)).toContain(res.body.id);
  });

  it('defaults occurredAt to now; lists newest first by when it happened, paged', async () => {
    const fresh = await t.createContact(marketer);
    const made: Activity[] = [];
    for (const [i, m] of [300, 10, 120].entries()) {
      const res = await logActivity(marketer, {
        type: 'email',
        subject: `Mail ${i}`,
        occurredAt: minutesAgo(m),
        entityType: 'contact',
        entityId: fresh.id,
      });
      made.push(res.body);
    }
    const now = await logActivity(marketer, {
      type: 'note',
      subject: 'Jetzt',
      entityType: 'contact',
      entityId: fresh.id,
    });
    expect(Math.abs(Date.parse(now.body.occurredAt) - Date.now())).toBeLessThan(10_000);
    const first = await t.get<Page<Activity>>(
      `/api/activities?entityType=contact&entityId=${fresh.id}&limit=2`,
      seller,
    );
    expect(first.body.items.map((a) => a.subject)).toEqual(['Jetzt', 'Mail 1']);
    const second = await t.get<Page<Activity>>(
      `/api/activities?entityType=contact&entityId=${fresh.id}&limit=2&cursor=${first.body.nextCursor}`,
      seller,
    );
    expect(second.body.items.map((a) => a.subject)).toEqual(['Mail 2', 'Mail 0']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('invalid: a link that does not exist, a future time, a bad type, no subject → 400 with paths; nothing written', async () => {
    await t.unchanged(async () => {
      const base = { type: 'meeting', subject: 'Termin', entityType: 'contact', entityId: contact.id };
      expectInvalid(await logActivity(seller, { ...base, entityId: MISSING_ID }), 'entityId');
      expectInvalid(await logActivity(seller, { ...base, entityType: 'deal', entityId: contact.id }), 'entityId');
      expectInvalid(await logActivity(seller, { ...base, occurredAt: minutesAhead(60) }), 'occurredAt');
      expectInvalid(await logActivity(seller, { ...base, type: 'fax' }), 'type');
      expectInvalid(await logActivity(seller, { ...base, subject: '  ' }), 'subject');
      expectInvalid(await logActivity(seller, { ...base, durationMinutes: -5 }), 'durationMinutes');
      expectInvalid(await logActivity(seller, { ...base, entityType: 'user' }), 'entityType');
    });
  });

  it('a contact in the trash cannot get activities', async () => {
    const gone = await t.createContact(seller);
    expect((await t.request('DELETE', `/api/contacts/${gone.id}`, { cookie: seller.cookie })).status).toBe(204);
    await t.unchanged(async () => {
      expectInvalid(
        await logActivity(seller, { type: 'call', subject: 'x', entityType: 'contact', entityId: gone.id }),
        'entityId',
      );
    });
  });

  it('a viewer cannot log activities (403, nothing written) but reads them; no login → 401', async () => {
    await t.unchanged(async () => {
      expectProblem(
        await logActivity(viewer, { type: 'call', subject: 'x', entityType: 'account', entityId: account.id }),
        403,
        'forbidden',
      );
      expectProblem(
        await t.request('POST', '/api/activities', {
          body: { type: 'call', subject: 'x', entityType: 'account', entityId: account.id },
        }),
        401,
        'unauthenticated',
      );
    });
    expect((await t.get('/api/activities', viewer)).status).toBe(200);
  });
});

const createTask = (as: Session, body: Record<string, unknown>) =>
  t.request<Task>('POST', '/api/tasks', { cookie: as.cookie, body });
const patchTask = (as: Session, id: string, version: number | undefined, body: Record<string, unknown>) =>
  t.request<Task>('PATCH', `/api/tasks/${id}`, { cookie: as.cookie, body, ifMatch: version });

describe('tasks', () => {
  it('create: owner defaults to the caller; linked to a deal with its name; audited', async () => {
    const dueAt = minutesAhead(60 * 24);
    const res = await createTask(seller, {
      title: 'Angebot nachfassen',
      description: 'Rabatt klären',
      dueAt,
      entityType: 'deal',
      entityId: dealId,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      title: 'Angebot nachfassen',
      description: 'Rabatt klären',
      status: 'open',
      dueAt,
      remindAt: null,
      overdue: false,
      ownerId: seller.user.id,
      owner: { id: seller.user.id, name: 'Sam Seller', department: 'sales' },
      entityType: 'deal',
      entityId: dealId,
      entityName: 'Fräszentrum 2027',
      completedAt: null,
    });
    const audit = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['kind', 'action', 'actor_id'])
      .where('entity_type', '=', 'task')
      .where('entity_id', '=', res.body.id)
      .execute();
    expect(audit).toEqual([{ kind: 'audit', action: 'created', actor_id: seller.user.id }]);
  });

  it('a task for a colleague, on nothing; a task on a contact shows the contact name', async () => {
    const forColleague = await createTask(seller, { title: 'Messe planen', ownerId: marketer.user.id });
    expect(forColleague.body).toMatchObject({ ownerId: marketer.user.id, entityType: null, entityName: null });
    const onContact = await createTask(marketer, {
      title: 'Whitepaper senden',
      entityType: 'contact',
      entityId: contact.id,
    });
    expect(onContact.body).toMatchObject({ entityType: 'contact', entityName: 'Erika Einkauf' });
  });

  it('invalid: unknown owner, unknown or half a link, bad dates → 400 with paths; nothing written', async () => {
    await t.unchanged(async () => {
      expectInvalid(await createTask(seller, { title: 'x', ownerId: MISSING_ID }), 'ownerId');
      expectInvalid(await createTask(seller, { title: 'x', entityType: 'account', entityId: MISSING_ID }), 'entityId');
      expectInvalid(await createTask(seller, { title: 'x', entityType: 'account' }), 'entityId');
      expectInvalid(await createTask(seller, { title: 'x', entityId: account.id }), 'entityType');
      expectInvalid(await createTask(seller, { title: 'x', dueAt: 'morgen' }), 'dueAt');
      expectInvalid(await createTask(seller, { title: '' }), 'title');
      expectInvalid(await createTask(seller, { title: 'x', status: 'done' }), 'status');
    });
  });

  it('edit with If-Match: done sets completedAt, reopen clears it; stale → 412, missing → 428; audited with changes', async () => {
    const task = (await createTask(seller, { title: 'Rückruf' })).body;
    const done = await patchTask(seller, task.id, 1, { status: 'done', ownerId: marketer.user.id });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ version: 2, status: 'done', ownerId: marketer.user.id });
    expect(done.body.completedAt).toMatch(ISO_UTC);
    await t.unchanged(async () => {
      expectProblem(await patchTask(seller, task.id, 1, { status: 'open' }), 412, 'version_conflict');
      expectProblem(await patchTask(seller, task.id, undefined, { status: 'open' }), 428, 'precondition_required');
      expectProblem(await patchTask(seller, MISSING_ID, 1, { status: 'open' }), 404, 'task_not_found');
      expectInvalid(await patchTask(seller, task.id, 2, { status: 'later' }), 'status');
      expectInvalid(await patchTask(seller, task.id, 2, { ownerId: MISSING_ID }), 'ownerId');
    });
    const reopened = await patchTask(seller, task.id, 2, { status: 'open' });
    expect(reopened.body).toMatchObject({ version: 3, status: 'open', completedAt: null });
    const audit = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['action', 'data'])
      .where('entity_type', '=', 'task')
      .where('entity_id', '=', task.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect(JSON.parse(audit[1]?.data ?? '{}')).toEqual({
      changes: [
        { field: 'ownerId', from: seller.user.id, to: marketer.user.id },
        { field: 'status', from: 'open', to: 'done' },
      ],
    });
  });

  it('a viewer can neither create nor edit tasks (403, nothing changed)', async () => {
    const task = (await createTask(seller, { title: 'Nur lesen' })).body;
    await t.unchanged(async () => {
      expectProblem(await createTask(viewer, { title: 'x' }), 403, 'forbidden');
      expectProblem(await patchTask(viewer, task.id, 1, { status: 'done' }), 403, 'forbidden');
    });
  });

  it('My tasks: overdue first (oldest first), then open by due date, undated last, then closed; paged', async () => {
    const me = await t.session('sales', 'member', 'Mo Mytasks');
    const other = (await createTask(seller, { title: 'not mine', dueAt: minutesAgo(5000) })).body;
    const mk = async (title: string, dueAt: string | null) => (await createTask(me, { title, dueAt })).body;
    const later = await mk('in 2 days', minutesAhead(2 * 24 * 60));
    const undated = await mk('undated', null);
    const overdueNew = await mk('overdue 1h', minutesAgo(60));
    const soon = await mk('in 1 hour', minutesAhead(60));
    const overdueOld = await mk('overdue 3d', minutesAgo(3 * 24 * 60));
    const closed = await mk('done, was due yesterday', minutesAgo(24 * 60));
    await patchTask(me, closed.id, 1, { status: 'done' });
    const dropped = await mk('cancelled, undated', null);
    await patchTask(me, dropped.id, 1, { status: 'cancelled' });

    const all = await t.get<Page<Task>>('/api/tasks?ownerId=me', me);
    expect(all.status, all.text).toBe(200);
    expect(all.body.items.map((x) => x.title)).toEqual([
      'overdue 3d',
      'overdue 1h',
      'in 1 hour',
      'in 2 days',
      'undated',
      'done, was due yesterday',
      'cancelled, undated',
    ]);
    expect(all.body.items.map((x) => x.overdue)).toEqual([true, true, false, false, false, false, false]);
    expect(all.body.items.map((x) => x.id)).not.toContain(other.id);

    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/tasks?ownerId=me&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page<Task> = (await t.get<Page<Task>>(q, me)).body;
      titles.push(...page.items.map((x) => x.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(all.body.items.map((x) => x.title));

    const open = await t.get<Page<Task>>('/api/tasks?ownerId=me&status=open', me);
    expect(open.body.items.map((x) => x.id)).toEqual([overdueOld.id, overdueNew.id, soon.id, later.id, undated.id]);
    const byId = await t.get<Page<Task>>(`/api/tasks?ownerId=${me.user.id}&status=done`, seller);
    expect(byId.body.items.map((x) => x.id)).toEqual([closed.id]);
    const cancelled = await t.get<Page<Task>>(`/api/tasks?ownerId=${me.user.id}&status=cancelled`, seller);
    expect(cancelled.body.items.map((x) => x.id)).toEqual([dropped.id]);
    expectProblem(await t.get('/api/tasks?ownerId=me&cursor=bm9wZQ', me), 400, 'invalid_cursor');
  });

  it('tasks of a record', async () => {
    const acc = await t.createAccount(seller);
    const a = (await createTask(seller, { title: 'am Account', entityType: 'account', entityId: acc.id })).body;
    const list = await t.get<Page<Task>>(`/api/tasks?entityType=account&entityId=${acc.id}`, viewer);
    expect(list.body.items).toEqual([a]);
    // the record's id alone finds them too
    const byRecord = await t.get<Page<Task>>(`/api/tasks?entityId=${acc.id}`, viewer);
    expect(byRecord.body.items).toEqual([a]);
  });

  it("a record's tasks in the list's order, paged", async () => {
    const acc = await t.createAccount(seller);
    const on = { entityType: 'account', entityId: acc.id };
    const mk = async (title: string, dueAt: string | null, status?: string) => {
      const task = (await createTask(seller, { title, dueAt, ...on })).body;
      if (status) await patchTask(seller, task.id, 1, { status });
      return task;
    };
    await mk('cancelled, undated', null, 'cancelled');
    await mk('undated', null);
    await mk('in 1 hour', minutesAhead(60));
    await mk('done', minutesAgo(120), 'done');
    await mk('overdue', minutesAgo(60));
    const expected = ['overdue', 'in 1 hour', 'undated', 'done', 'cancelled, undated'];
    const all = await t.get<Page<Task>>(`/api/tasks?entityId=${acc.id}`, viewer);
    expect(all.body.items.map((x) => x.title)).toEqual(expected);
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Task> = (
        await t.get<Page<Task>>(`/api/tasks?entityId=${acc.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, viewer)
      ).body;
      titles.push(...page.items.map((x) => x.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(expected);
  });

  it('reminders: the sweep notifies the owner once when remind_at has passed (in-app and by email); re-arming reminds again', async () => {
    const owner = await t.session('marketing', 'member', 'Rita Reminder');
    const due = (
      await createTask(seller, {
        title: 'Kampagne freigeben',
        ownerId: owner.user.id,
        remindAt: minutesAgo(1),
        entityType: 'account',
        entityId: account.id,
      })
    ).body;
    const notYet = (await createTask(owner, { title: 'Später', remindAt: minutesAhead(60) })).body;
    const closed = (await createTask(owner, { title: 'Erledigt', remindAt: minutesAgo(5) })).body;
    await patchTask(owner, closed.id, 1, { status: 'done' });

    await runBackgroundOnce(t.ctx);
    const notes = await t.get<{ items: { kind: string; entityId: string; data: Record<string, string> }[] }>(
      '/api/notifications',
      owner,
    );
    const reminders = notes.body.items.filter((n) => n.kind === 'task_reminder');
    expect(reminders).toEqual([
      expect.objectContaining({
        entityId: due.id,
        data: { task: 'Kampagne freigeben', record: ' (Müller Maschinenbau GmbH)' },
      }),
    ]);
    expect((await t.row('tasks', due.id))?.reminded_at).toBeTruthy();
    expect((await t.row('tasks', notYet.id))?.reminded_at).toBeNull();
    const mails = await t.ctx.db.selectFrom('jobs').select('payload').where('name', '=', 'send_email').execute();
    const mail = mails.map((m) => JSON.parse(m.payload) as { to: string; subject: string; text: string });
    expect(mail.filter((m) => m.to === owner.email)).toEqual([
      expect.objectContaining({ subject: 'Erinnerung: Kampagne freigeben' }),
    ]);

    const before = await t.snapshot();
    await runBackgroundOnce(t.ctx);
    const after = await t.snapshot();
    expect(after.notifications).toEqual(before.notifications);

    const current = (await t.row('tasks', due.id)) as { version: number };
    await patchTask(owner, due.id, current.version, { remindAt: minutesAgo(0.5) });
    await runBackgroundOnce(t.ctx);
    const again = await t.get<{ items: { kind: string }[] }>('/api/notifications', owner);
    expect(again.body.items.filter((n) => n.kind === 'task_reminder')).toHaveLength(2);
  });

  it('an admin may edit any task', async () => {
    const task = (await createTask(seller, { title: 'Admin darf' })).body;
    expect((await patchTask(admin, task.id, 1, { title: 'Admin durfte' })).body).toMatchObject({
      title: 'Admin durfte',
    });
  });
});
