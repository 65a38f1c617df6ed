import type { Contact, Handoff, Task } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Notifications read themselves when the thing they point to is handled (issue 14): the lead that asked for
 * an answer is answered, the reassigned lead is no longer the old assignee's, the returned lead is
 * recycled, the reminded task is done. What still asks for someone stays unread, and the bell counts it.
 */

interface Note {
  id: string;
  kind: string;
  entityId: string;
  readAt: string | null;
}

let t: TestApp;
let marketer: Session;
let anna: Session;
let salesManager: Session;

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
  salesManager = await t.session('sales', 'admin', 'Sven Salesleitung');
});
afterAll(async () => {
  await t?.close();
});

const notes = async (as: Session) => {
  const res = await t.get<{ items: Note[]; unread: number }>('/api/notifications?limit=100', as);
  expect(res.status).toBe(200);
  return res.body;
};
const noteOf = async (as: Session, kind: string, entityId: string) =>
  (await notes(as)).items.find((n) => n.kind === kind && n.entityId === entityId);

const act = async (as: Session, id: string, action: string, body?: unknown) => {
  const res = await t.request<Handoff>('POST', `/api/handoffs/${id}/${action}`, {
    cookie: as.cookie,
    ...(body !== undefined && { body }),
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

/** Marketing sets a contact to MQL by hand: a manual handoff, unassigned (no routing rule), to the managers. */
const handOver = async (email: string): Promise<string> => {
  const contact = await t.createContact(marketer, { emails: [email], lifecycleStage: 'lead' });
  const res = await t.request<Contact>('PATCH', `/api/contacts/${contact.id}`, {
    cookie: marketer.cookie,
    ifMatch: contact.version,
    body: { lifecycleStage: 'mql' },
  });
  expect(res.status, res.text).toBe(200);
  const rows = (await t.ctx.db.selectFrom('handoffs').select('id').where('contact_id', '=', contact.id).execute()) as {
    id: string;
  }[];
  expect(rows).toHaveLength(1);
  return rows[0]?.id ?? '';
};

describe('notifications settle when their lead is handled', () => {
  it('reassigning settles the managers’ notice; answering settles the assignee’s; other leads stay unread', async () => {
    const lead = await handOver('erste@settle-gmbh.de');
    const other = await handOver('zweite@settle-gmbh.de');
    expect((await noteOf(salesManager, 'handoff_unassigned', lead))?.readAt).toBeNull();
    const unreadBefore = (await notes(salesManager)).unread;

    await act(salesManager, lead, 'reassign', { userId: anna.user.id });
    expect((await noteOf(salesManager, 'handoff_unassigned', lead))?.readAt).not.toBeNull();
    expect((await notes(salesManager)).unread).toBe(unreadBefore - 1);
    expect((await noteOf(anna, 'handoff_assigned', lead))?.readAt).toBeNull();

    await act(anna, lead, 'accept');
    expect((await noteOf(anna, 'handoff_assigned', lead))?.readAt).not.toBeNull();
    // the other lead still asks for an answer
    expect((await noteOf(salesManager, 'handoff_unassigned', other))?.readAt).toBeNull();
  });

  it('a returned lead’s notice to marketing settles when marketing recycles it, not before', async () => {
    const lead = await handOver('zurueck@settle-gmbh.de');
    await act(salesManager, lead, 'reject', { reason: 'no_budget', comment: 'Budget erst 2028' });
    // answering settled the managers' notice; the return now asks marketing
    expect((await noteOf(salesManager, 'handoff_unassigned', lead))?.readAt).not.toBeNull();
    expect((await noteOf(marketer, 'handoff_rejected', lead))?.readAt).toBeNull();
    await act(marketer, lead, 'recycle', { note: 'Im Frühjahr wieder' });
    expect((await noteOf(marketer, 'handoff_rejected', lead))?.readAt).not.toBeNull();
  });

  it('a refused answer settles nothing', async () => {
    const lead = await handOver('abgelehnt@settle-gmbh.de');
    const res = await t.request('POST', `/api/handoffs/${lead}/reject`, {
      cookie: salesManager.cookie,
      body: { reason: 'kein_grund' },
    });
    expect(res.status).toBe(400);
    expect((await noteOf(salesManager, 'handoff_unassigned', lead))?.readAt).toBeNull();
  });
});

describe('a task reminder settles when the task is done', () => {
  it('done reads the reminder; reopening does not bring it back as unread', async () => {
    const created = await t.request<Task>('POST', '/api/tasks', {
      cookie: anna.cookie,
      body: { title: 'Angebot nachfassen', remindAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(created.status, created.text).toBe(201);
    const task = created.body;
    await runBackgroundOnce(t.ctx);
    expect((await noteOf(anna, 'task_reminder', task.id))?.readAt).toBeNull();

    const done = await t.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      cookie: anna.cookie,
      ifMatch: task.version,
      body: { status: 'done' },
    });
    expect(done.status, done.text).toBe(200);
    expect((await noteOf(anna, 'task_reminder', task.id))?.readAt).not.toBeNull();
  });
});
