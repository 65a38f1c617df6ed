import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Issue 15, item 10: an @mention in a comment or a note tells the mentioned colleague, in the app (a
 * notification) and by email; the writer is not told of their own mention.
 */

let t: TestApp;
let writer: Session;
let colleague: Session;
let other: Session;

beforeAll(async () => {
  t = await startTestApp();
  writer = await t.session('sales', 'member', 'Sam Sales');
  colleague = await t.session('marketing', 'member', 'Mia Marketing');
  other = await t.session('sales', 'member', 'Olli Other');
});
afterAll(async () => {
  await t?.close();
});

interface Notification {
  kind: string;
  entityType: string;
  entityId: string;
  data: Record<string, string>;
}
const notificationsOf = async (s: Session) =>
  (await t.get<{ items: Notification[] }>('/api/notifications', s)).body.items.filter((n) => n.kind === 'mentioned');

const mailsTo = async (email: string) =>
  ((await t.snapshot()).jobs as { kind?: string; name?: string; payload: string }[])
    .map((j) => JSON.parse(j.payload) as { to?: string; subject?: string; text?: string })
    .filter((p) => p.to === email);

describe('@mentions notify (item 10)', () => {
  it.each(['comments', 'notes'] as const)('a mention in %s: a notification and an email', async (what) => {
    const contact = await t.createContact(writer, { lastName: `Erwähnt-${what}` });
    const before = (await notificationsOf(colleague)).length;
    const mailsBefore = (await mailsTo(colleague.email)).length;
    const res = await t.request('POST', `/api/contacts/${contact.id}/${what}`, {
      cookie: writer.cookie,
      body: { body: 'Kannst du hier bitte übernehmen?', mentions: [colleague.user.id, writer.user.id] },
    });
    expect(res.status, res.text).toBe(201);

    const mine = await notificationsOf(colleague);
    expect(mine).toHaveLength(before + 1);
    expect(mine[0]).toMatchObject({
      entityType: 'contact',
      entityId: contact.id,
      data: { by: 'Sam Sales', excerpt: 'Kannst du hier bitte übernehmen?' },
    });
    const mails = await mailsTo(colleague.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)?.subject).toContain('Sam Sales');
    expect(mails.at(-1)?.text).toContain(`/contacts/${contact.id}`);
    // the writer is not told of their own mention; nobody else is told
    expect(await notificationsOf(writer)).toHaveLength(0);
    expect(await notificationsOf(other)).toHaveLength(0);
  });

  it('an entry without mentions notifies nobody', async () => {
    const contact = await t.createContact(writer);
    const before = (await notificationsOf(colleague)).length;
    const res = await t.request('POST', `/api/contacts/${contact.id}/notes`, {
      cookie: writer.cookie,
      body: { body: 'Nur für mich.' },
    });
    expect(res.status).toBe(201);
    expect(await notificationsOf(colleague)).toHaveLength(before);
  });

  it('an unknown user mentioned is refused and notifies nobody', async () => {
    const contact = await t.createContact(writer);
    await t.unchanged(async () => {
      const res = await t.request('POST', `/api/contacts/${contact.id}/notes`, {
        cookie: writer.cookie,
        body: { body: 'Hallo', mentions: ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'] },
      });
      expect(res.status).toBe(400);
    });
  });
});
