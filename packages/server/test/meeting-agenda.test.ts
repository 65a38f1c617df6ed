import type {
  ActionItem,
  AgendaItem,
  AlignmentReport,
  Contact,
  Decision,
  FollowThrough,
  Handoff,
  Meeting,
  OccurrenceDetail,
  Page,
  Task,
  TimelineEntry,
} from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { createDeal, ok } from './goal-helpers.js';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * The generated agenda, the meeting and its minutes through HTTP on both engines, on a scripted dataset.
 * A weekly series meets Mondays 09:00 Berlin (CET, UTC+1): O1 Mon 2 Mar 2026 08:00Z, O2 9 Mar, O3 16 Mar.
 * O1 is started at 2 Mar 08:00Z, so O2's window is [2 Mar 08:00Z, its generation); O1's own window (the
 * first occurrence) is one week back, [23 Feb 08:00Z, 2 Mar 08:00Z).
 *
 * Before O2's window (in O1's):
 *   H_old    MQL Thu 26 Feb 08:30Z, rejected 26 Feb 09:00Z (no_budget), recycled Wed 4 Mar 10:00Z (in O2's)
 *   R_before MQL Fri 27 Feb 08:30Z, rejected 27 Feb 09:00Z (no_budget)
 *   B_old    MQL 26 Feb 08:40Z, never answered, breached by the sweep at 26 Feb 15:00Z
 *   S_old    deal in "Qualifizierung" (stale after 14 days) since 12 Feb 10:00Z: stale from 26 Feb 10:00Z
 * In O2's window:
 *   R1, R2, R3  MQL Tue 3 Mar 08:30/08:35/08:40Z, rejected 09:00/09:05/09:10Z (no_budget, bad_timing, no_budget)
 *   A1       MQL 3 Mar 08:45Z, accepted 09:15Z → acceptance 1 of 4 answered = 25 %
 *   B1       MQL 3 Mar 08:50Z, never answered, breached by the sweep at 3 Mar 15:00Z
 *   S1       deal since 19 Feb 10:00Z: stale from 5 Mar 10:00Z
 *   W1       deal won 4 Mar 10:00Z (reason price)
 *   M        deal, close date 31 Mar → 30 Apr on 5 Mar (moved out); M2 31 Mar → 20 Mar (moved in: not listed)
 *   S_new    deal since 1 Mar 10:00Z: stale only from 15 Mar (not yet)
 *   Campaign "Frühjahr" starts 12 Mar (within two weeks of O2), "Herbst" starts 10 Apr (not)
 * After O2 starts (9 Mar 08:00Z): R_late MQL 08:20Z, rejected 08:30Z; S1's amount changes.
 */

let smtp: TestSmtp;
let t: TestApp;
let marketer: Session; // German
let seller: Session; // English
let outsider: Session; // a marketing member who takes part in nothing
let viewer: Session;
let admin: Session;
let series: Meeting;
let accountId: string;
const h: Record<string, string> = {};
const deal: Record<string, string> = {};
const campaign: Record<string, string> = {};
let O1: string;
let O2: string;
let O3: string;

const at = (iso: string) => t.clock.travelTo(iso);
/** An instant the running test clock stamped within ten seconds of `iso`. */
const about = (iso: string) =>
  expect.stringMatching(new RegExp(`^${iso.slice(0, 18).replace(/[.]/g, '\\.')}\\d\\.\\d{3}Z$`));

const mql = async (iso: string, name: string): Promise<string> => {
  at(iso);
  const contact = ok<Contact>(
    await t.request('POST', '/api/contacts', {
      cookie: marketer.cookie,
      body: {
        firstName: name,
        lastName: 'Muster',
        emails: [`${name.toLowerCase()}@example.com`],
        lifecycleStage: 'mql',
      },
    }),
    201,
  );
  const list = ok<Page<Handoff>>(await t.get(`/api/handoffs?contactId=${contact.id}`, marketer));
  const id = list.items[0]?.id;
  if (!id) throw new Error(`no handoff for ${name}`);
  return id;
};

const answer = async (iso: string, as: Session, id: string | undefined, action: string, body?: unknown) => {
  at(iso);
  ok(
    await t.request('POST', `/api/handoffs/${id}/${action}`, {
      cookie: as.cookie,
      ...(body !== undefined && { body }),
    }),
  );
};

const sweep = async (iso: string) => {
  at(iso);
  await runBackgroundOnce(t.ctx);
};

const occurrence = async (id: string, as: Session = viewer) =>
  ok(await t.get<OccurrenceDetail>(`/api/occurrences/${id}`, as));
const post = <T>(as: Session, path: string, body?: unknown) =>
  t.request<T>('POST', path, { cookie: as.cookie, ...(body !== undefined && { body }) });

/** The ids of records of a type named by the agenda's items of a kind. */
const refsOf = (agenda: AgendaItem[], kind: string, type: string) =>
  agenda
    .filter((i) => i.kind === kind)
    .flatMap((i) => i.refs.filter((r) => r.type === type).map((r) => r.id))
    .sort();
const sorted = (...ids: (string | undefined)[]) => ids.map((x) => x ?? '').sort();

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, NENNER_PUBLIC_URL: 'https://crm.example.de' });
  at('2026-02-10T09:00:00.000Z');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  outsider = await t.session('marketing', 'member', 'Otto Outside');
  viewer = await t.session('sales', 'viewer', 'Vera Viewer');
  admin = await t.session('management', 'admin', 'Ada Admin');
  ok(await t.request('PATCH', '/api/auth/me', { cookie: seller.cookie, body: { locale: 'en' } }));
  accountId = (await t.createAccount(seller, { name: 'Nordlicht GmbH' })).id;
  series = ok<Meeting>(
    await post(marketer, '/api/meetings', {
      title: 'Abstimmung Marketing & Vertrieb',
      cadence: 'weekly',
      startsAt: '2026-03-02T09:00:00+01:00',
      durationMinutes: 60,
      participantIds: [seller.user.id],
    }),
    201,
  );
  O1 = `${series.id}:20260302T080000Z`;
  O2 = `${series.id}:20260309T080000Z`;
  O3 = `${series.id}:20260316T080000Z`;

  const newDeal = async (iso: string, name: string, extra: Record<string, unknown> = {}) => {
    at(iso);
    deal[name] = await createDeal(t, seller, { name, accountId, amount: 100_000, ...extra });
  };
  await newDeal('2026-02-12T10:00:00.000Z', 'S_old');
  await newDeal('2026-02-19T10:00:00.000Z', 'S1');
  await newDeal('2026-02-20T10:00:00.000Z', 'W1');
  await newDeal('2026-03-01T10:00:00.000Z', 'S_new');
  await newDeal('2026-03-01T11:00:00.000Z', 'M', { closeDate: '2026-03-31' });
  await newDeal('2026-03-01T11:05:00.000Z', 'M2', { closeDate: '2026-03-31' });
  at('2026-03-01T12:00:00.000Z');
  campaign.spring = (
    await t.createCampaign(marketer, { name: 'Frühjahr', startDate: '2026-03-12', endDate: '2026-05-01' })
  ).id;
  campaign.autumn = (
    await t.createCampaign(marketer, { name: 'Herbst', startDate: '2026-04-10', endDate: '2026-04-30' })
  ).id;

  // before O2's window
  h.old = await mql('2026-02-26T08:30:00.000Z', 'Olga');
  await answer('2026-02-26T09:00:00.000Z', seller, h.old, 'reject', { reason: 'no_budget' });
  h.bOld = await mql('2026-02-26T08:40:00.000Z', 'Bodo');
  await sweep('2026-02-26T15:00:00.000Z');
  h.before = await mql('2026-02-27T08:30:00.000Z', 'Bea');
  await answer('2026-02-27T09:00:00.000Z', seller, h.before, 'reject', { reason: 'no_budget' });
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

/** The decoded part of a multipart mail of a type (text/plain, text/html). */
const partOf = (mail: ReceivedMail, wanted: string): string | undefined => {
  for (const part of mail.raw.split(/\r?\n--[^\r\n]+/)) {
    const split = part.search(/\r?\n\r?\n/);
    const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
    if (!type.toLowerCase().startsWith(wanted)) continue;
    const raw = part.slice(split).trim();
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
    const body =
      encoding === 'base64'
        ? Buffer.from(raw.replace(/\s/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              raw
                .replace(/=\r?\n/g, '')
                .replace(/=([0-9A-F]{2})/gi, (_, x: string) => String.fromCharCode(Number.parseInt(x, 16))),
              'latin1',
            ).toString('utf8')
          : raw;
    return body.replace(/\r\n/g, '\n');
  }
  return undefined;
};

let openItem: ActionItem;
let doneItem: ActionItem;
let decision: Decision;

describe('the first occurrence', () => {
  it('generates its agenda from the week before it: the breach and rejections of late February', async () => {
    at('2026-03-02T07:30:00.000Z');
    const o = await occurrence(O1);
    expect({ status: o.status, generatedAt: o.generatedAt, frozen: o.frozen }).toEqual({
      status: 'planned',
      generatedAt: null,
      frozen: false,
    });
    expect({ from: o.windowFrom, to: o.windowTo }).toEqual({
      from: '2026-02-23T08:00:00.000Z',
      to: about('2026-03-02T07:30:00.000Z'),
    });
    expect(refsOf(o.agenda, 'sla_breach', 'handoff')).toEqual([h.bOld]);
    expect(refsOf(o.agenda, 'rejected_by_reason', 'handoff')).toEqual(sorted(h.old, h.before));
    expect(refsOf(o.agenda, 'stale_deal', 'deal')).toEqual([deal.S_old]);
    // sections in the template's order
    const order = ['goals', 'handoffs', 'pipeline', 'campaigns', 'action_items', 'alignment'];
    const sections = o.agenda.map((i) => order.indexOf(i.section));
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
    expect(o.agenda.map((i) => i.position)).toEqual(o.agenda.map((_, i) => i));
    expect(o.sections.map((s) => s.minutes)).toEqual([10, 15, 15, 5, 10, 5]);
  });

  it('starts, takes a decision, action items and ratings, and closes: minutes by email, the decision on the timeline', async () => {
    at('2026-03-02T08:00:00.000Z');
    const started = ok(await post<OccurrenceDetail>(marketer, `/api/occurrences/${O1}/start`));
    expect({ status: started.status, frozen: started.frozen, startedAt: started.startedAt }).toEqual({
      status: 'running',
      frozen: true,
      startedAt: about('2026-03-02T08:00:00.000Z'),
    });
    at('2026-03-02T08:10:00.000Z');
    decision = ok(
      await post<Decision>(seller, `/api/occurrences/${O1}/decisions`, {
        text: 'Bestandskunden behalten ihre Preise',
        refs: [{ type: 'account', id: accountId }],
      }),
      201,
    );
    openItem = ok(
      await post<ActionItem>(marketer, `/api/occurrences/${O1}/action-items`, {
        title: 'Lead-Liste prüfen',
        ownerId: seller.user.id,
        dueAt: '2026-03-06T17:00:00+01:00',
        refs: [{ type: 'account', id: accountId }],
      }),
      201,
    );
    expect(openItem).toMatchObject({
      occurrenceId: O1,
      owner: { id: seller.user.id },
      dueAt: '2026-03-06T16:00:00.000Z',
      status: 'open',
      refs: [{ type: 'account', id: accountId }],
    });
    doneItem = ok(
      await post<ActionItem>(seller, `/api/occurrences/${O1}/action-items`, {
        title: 'Kampagne nachfassen',
        ownerId: marketer.user.id,
        dueAt: '2026-03-20T16:00:00Z',
      }),
      201,
    );
    // the task is in its owner's "My tasks", as the web app asks for it
    const mine = ok(await t.get<Page<Task>>('/api/tasks?ownerId=me&status=open', seller));
    expect(mine.items.map((x) => x.id)).toContain(openItem.taskId);
    expect(mine.items.find((x) => x.id === openItem.taskId)).toMatchObject({
      entityType: 'account',
      entityId: accountId,
    });

    ok(await t.request('PUT', `/api/occurrences/${O1}/rating`, { cookie: seller.cookie, body: { rating: 8 } }));
    ok(await t.request('PUT', `/api/occurrences/${O1}/rating`, { cookie: marketer.cookie, body: { rating: 5 } }));
    ok(await t.request('PUT', `/api/occurrences/${O1}/rating`, { cookie: marketer.cookie, body: { rating: 6 } }));
    // an admin edits but is no participant: no rating
    expectProblem(
      await t.request('PUT', `/api/occurrences/${O1}/rating`, { cookie: admin.cookie, body: { rating: 9 } }),
      403,
      'forbidden',
    );

    await runBackgroundOnce(t.ctx); // the invitations out of the way
    smtp.mails.length = 0;
    at('2026-03-02T08:50:00.000Z');
    const closed = ok(await post<OccurrenceDetail>(marketer, `/api/occurrences/${O1}/close`));
    expect({ status: closed.status, closedAt: closed.closedAt, averageRating: closed.averageRating }).toEqual({
      status: 'closed',
      closedAt: about('2026-03-02T08:50:00.000Z'),
      averageRating: 7,
    });
    expect(closed.decisions.map((d) => d.text)).toEqual(['Bestandskunden behalten ihre Preise']);
    expect(closed.actionItems.map((a) => a.taskId).sort()).toEqual(sorted(openItem.taskId, doneItem.taskId));
    const stored = await t.row('meeting_occurrences', O1);
    const minutes = JSON.parse(String(stored?.minutes)) as { decisions: Decision[]; snapshot: AgendaItem[] };
    expect(minutes.decisions.map((d) => d.id)).toEqual([decision.id]);
    expect(refsOf(minutes.snapshot, 'sla_breach', 'handoff')).toEqual([h.bOld]);

    await runBackgroundOnce(t.ctx);
    const [toSeller] = smtp.to(seller.email);
    const [toMarketer] = smtp.to(marketer.email);
    expect(toSeller?.subject).toBe('Minutes: Abstimmung Marketing & Vertrieb, 2 March 2026');
    expect(toMarketer?.subject).toBe('Protokoll: Abstimmung Marketing & Vertrieb am 2. März 2026');
    const text = partOf(toSeller as ReceivedMail, 'text/plain') ?? '';
    const html = partOf(toSeller as ReceivedMail, 'text/html') ?? '';
    expect(text).toContain('Decisions:\n- Bestandskunden behalten ihre Preise');
    expect(text).toContain('Lead-Liste prüfen — Sam Sales, due 6 Mar 2026');
    expect(text).toContain('Rating: 7 out of 10 (2 ratings)');
    expect(html).toContain('<li>Bestandskunden behalten ihre Preise</li>');
    expect(html).toContain('<h3>Lead handoff</h3>');
    const germanText = partOf(toMarketer as ReceivedMail, 'text/plain') ?? '';
    expect(germanText).toContain('Entscheidungen:\n- Bestandskunden behalten ihre Preise');
    expect(partOf(toMarketer as ReceivedMail, 'text/html')).toContain('<h3>Lead-Übergabe</h3>');
    expect(smtp.to(outsider.email)).toEqual([]);

    const timeline = ok(await t.get<Page<TimelineEntry>>(`/api/accounts/${accountId}/timeline`, viewer));
    expect(timeline.items.map((e) => e.body)).toContain(
      'Entscheidung in der Abstimmung am 02.03.: Bestandskunden behalten ihre Preise',
    );
  });

  it('a closed occurrence can no longer be edited: 409 and nothing changes', async () => {
    at('2026-03-02T10:00:00.000Z');
    const itemId = (await occurrence(O1)).agenda[0]?.id ?? 'x';
    await t.unchanged(async () => {
      for (const res of [
        await post(marketer, `/api/occurrences/${O1}/items`, { title: 'Noch ein Thema' }),
        await t.request('PATCH', `/api/occurrences/${O1}/items/${itemId}`, {
          cookie: marketer.cookie,
          body: { notes: 'x' },
        }),
        await post(marketer, `/api/occurrences/${O1}/decisions`, { text: 'Später' }),
        await post(marketer, `/api/occurrences/${O1}/action-items`, {
          title: 'Später',
          ownerId: seller.user.id,
          dueAt: '2026-03-10T10:00:00Z',
        }),
        await post(marketer, `/api/occurrences/${O1}/agenda/refresh`),
        await post(marketer, `/api/occurrences/${O1}/start`),
        await post(marketer, `/api/occurrences/${O1}/close`),
        await t.request('PUT', `/api/occurrences/${O1}/rating`, { cookie: seller.cookie, body: { rating: 3 } }),
      ]) {
        expectProblem(res, 409, 'occurrence_closed');
      }
    });
  });
});

describe('the next occurrence', () => {
  beforeAll(async () => {
    h.r1 = await mql('2026-03-03T08:30:00.000Z', 'Rita');
    h.r2 = await mql('2026-03-03T08:35:00.000Z', 'Rolf');
    h.r3 = await mql('2026-03-03T08:40:00.000Z', 'Rosa');
    h.a1 = await mql('2026-03-03T08:45:00.000Z', 'Anton');
    h.b1 = await mql('2026-03-03T08:50:00.000Z', 'Berta');
    await answer('2026-03-03T09:00:00.000Z', seller, h.r1, 'reject', { reason: 'no_budget' });
    await answer('2026-03-03T09:05:00.000Z', seller, h.r2, 'reject', { reason: 'bad_timing' });
    await answer('2026-03-03T09:10:00.000Z', seller, h.r3, 'reject', { reason: 'no_budget' });
    await answer('2026-03-03T09:15:00.000Z', seller, h.a1, 'accept');
    await sweep('2026-03-03T15:00:00.000Z');
    await answer('2026-03-04T10:00:00.000Z', marketer, h.old, 'recycle', { note: 'Neu im Herbst' });
    at('2026-03-04T10:00:00.000Z');
    ok(
      await post(seller, `/api/deals/${deal.W1}/close`, { outcome: 'won', reason: 'price', comment: 'Rahmenvertrag' }),
    );
    at('2026-03-04T11:00:00.000Z');
    ok(
      await t.request('PATCH', `/api/tasks/${doneItem.taskId}`, {
        cookie: marketer.cookie,
        ifMatch: 1,
        body: { status: 'done' },
      }),
    );
    at('2026-03-05T10:00:00.000Z');
    ok(
      await t.request('PATCH', `/api/deals/${deal.M}`, {
        cookie: seller.cookie,
        ifMatch: 1,
        body: { closeDate: '2026-04-30' },
      }),
    );
    ok(
      await t.request('PATCH', `/api/deals/${deal.M2}`, {
        cookie: seller.cookie,
        ifMatch: 1,
        body: { closeDate: '2026-03-20' },
      }),
    );
  });

  it("holds exactly its window's breaches, rejections, recycled leads and stale deals, none from before", async () => {
    at('2026-03-09T07:00:00.000Z');
    const o = await occurrence(O2);
    expect({ from: o.windowFrom, to: o.windowTo }).toEqual({
      from: about('2026-03-02T08:00:00.000Z'), // when O1 started
      to: about('2026-03-09T07:00:00.000Z'),
    });
    expect(refsOf(o.agenda, 'sla_breach', 'handoff')).toEqual([h.b1]);
    expect(refsOf(o.agenda, 'rejected_by_reason', 'handoff')).toEqual(sorted(h.r1, h.r2, h.r3));
    expect(refsOf(o.agenda, 'rejected_by_campaign', 'handoff')).toEqual(sorted(h.r1, h.r2, h.r3));
    expect(o.agenda.filter((i) => i.kind === 'rejected_by_reason').map((i) => [i.title, i.figures?.count])).toEqual([
      ['no_budget', 2],
      ['bad_timing', 1],
    ]);
    expect(refsOf(o.agenda, 'recycled_lead', 'handoff')).toEqual([h.old]);
    expect(o.agenda.find((i) => i.kind === 'acceptance_rate')?.figures).toEqual({
      accepted: 1,
      rejected: 3,
      acceptanceRate: 25,
      minAcceptanceRate: 60,
    });
    expect(refsOf(o.agenda, 'stale_deal', 'deal')).toEqual([deal.S1]);
    expect(refsOf(o.agenda, 'deal_won', 'deal')).toEqual([deal.W1]);
    expect(o.agenda.find((i) => i.kind === 'deal_won')?.details).toMatchObject({
      reason: 'price',
      comment: 'Rahmenvertrag',
    });
    expect(refsOf(o.agenda, 'close_date_moved', 'deal')).toEqual([deal.M]);
    expect(o.agenda.find((i) => i.kind === 'close_date_moved')).toMatchObject({
      details: { from: '2026-03-31', to: '2026-04-30' },
      figures: { daysMoved: 30 },
    });
    expect(refsOf(o.agenda, 'campaign_starting', 'campaign')).toEqual([campaign.spring]);
    // the open action item carries forward (overdue since 6 Mar); the done one does not
    expect(refsOf(o.agenda, 'action_item', 'task')).toEqual([openItem.taskId]);
    expect(o.agenda.find((i) => i.kind === 'action_item')).toMatchObject({
      presenterId: seller.user.id,
      figures: { daysOverdue: 2 },
    });
    // a read generates, it stores nothing
    expect(await t.row('meeting_occurrences', O2)).toBeUndefined();
  });

  it('follow-through: done on time, late, open; the alignment index counts the same items', async () => {
    const f = ok(await t.get<FollowThrough>(`/api/meetings/${series.id}/follow-through`, viewer));
    // due by now: only the open one (6 Mar); the done one is due on 20 Mar
    expect(f).toEqual({ total: 2, doneOnTime: 1, doneLate: 0, open: 1, overdue: 1, onTimeRate: 0 });
    const r = ok(await t.get<AlignmentReport>('/api/reports/alignment?from=2026-03-01&to=2026-03-09', viewer));
    expect(r.parts.find((p) => p.key === 'action_item_completion')).toMatchObject({
      value: 0,
      raw: { onTime: 0, due: 1 },
    });
  });

  it('participants refresh, add topics, reorder, drop, assign presenters and take notes', async () => {
    at('2026-03-09T07:10:00.000Z');
    const refreshed = ok(await post<OccurrenceDetail>(seller, `/api/occurrences/${O2}/agenda/refresh`));
    expect(refreshed.generatedAt).toEqual(about('2026-03-09T07:10:00.000Z'));
    const topic = ok(
      await post<AgendaItem>(marketer, `/api/occurrences/${O2}/items`, {
        title: 'Messe im Mai',
        presenterId: marketer.user.id,
      }),
      201,
    );
    expect(topic).toMatchObject({
      section: 'topics',
      kind: 'topic',
      generated: false,
      position: refreshed.agenda.length,
    });
    const moved = ok(
      await t.request<AgendaItem>('PATCH', `/api/occurrences/${O2}/items/${topic.id}`, {
        cookie: seller.cookie,
        body: { position: 0, notes: '**Stand** <script>alert(1)</script>' },
      }),
    );
    expect(moved.position).toBe(0);
    expect(moved.notesHtml).toContain('<strong>Stand</strong>');
    expect(moved.notesHtml).not.toContain('<script>');
    const won = `pipeline.deal_won.${deal.W1}`;
    ok(
      await t.request('PATCH', `/api/occurrences/${O2}/items/${won}`, {
        cookie: seller.cookie,
        body: { dropped: true },
      }),
    );
    const o = await occurrence(O2);
    expect(o.agenda[0]?.id).toBe(topic.id);
    expect(o.agenda.find((i) => i.id === won)?.dropped).toBe(true);
    expect(o.agenda.map((i) => i.position)).toEqual(o.agenda.map((_, i) => i));
    // a refresh keeps the topic, its place and notes, and the drop
    at('2026-03-09T07:20:00.000Z');
    const again = ok(await post<OccurrenceDetail>(marketer, `/api/occurrences/${O2}/agenda/refresh`));
    expect(again.agenda[0]).toMatchObject({ id: topic.id, notes: '**Stand** <script>alert(1)</script>' });
    expect(again.agenda.find((i) => i.id === won)?.dropped).toBe(true);
  });

  it('refuses outsiders, viewers and bad input, and changes nothing', async () => {
    at('2026-03-09T07:30:00.000Z');
    const topicId = (await occurrence(O2)).agenda[0]?.id ?? '';
    await t.unchanged(async () => {
      expectProblem(await post(outsider, `/api/occurrences/${O2}/items`, { title: 'Meins' }), 403, 'forbidden');
      expectProblem(await post(outsider, `/api/occurrences/${O2}/start`), 403, 'forbidden');
      expectProblem(await post(viewer, `/api/occurrences/${O2}/decisions`, { text: 'Nein' }), 403, 'forbidden');
      expectProblem(
        await post(viewer, `/api/occurrences/${O2}/action-items`, {
          title: 'x',
          ownerId: viewer.user.id,
          dueAt: '2026-03-10T10:00:00Z',
        }),
        403,
        'forbidden',
      );
      expectInvalid(await post(marketer, `/api/occurrences/${O2}/items`, { title: '' }), 'title');
      expectInvalid(
        await post(marketer, `/api/occurrences/${O2}/action-items`, { title: 'x', ownerId: 'nope', dueAt: 'soon' }),
        'dueAt',
      );
      expectInvalid(
        await post(marketer, `/api/occurrences/${O2}/action-items`, {
          title: 'x',
          ownerId: MISSING_ID,
          dueAt: '2026-03-10T10:00:00Z',
        }),
        'ownerId',
      );
      expectInvalid(
        await post(marketer, `/api/occurrences/${O2}/decisions`, {
          text: 'Preise',
          refs: [{ type: 'account', id: MISSING_ID }],
        }),
        'refs.0.id',
      );
      expectInvalid(
        await t.request('PATCH', `/api/occurrences/${O2}/items/${topicId}`, {
          cookie: marketer.cookie,
          body: { dropped: true },
        }),
        'dropped',
      );
      expectInvalid(
        await t.request('PATCH', `/api/occurrences/${O2}/items/${topicId}`, {
          cookie: marketer.cookie,
          body: { presenterId: outsider.user.id },
        }),
        'presenterId',
      );
      expectProblem(
        await t.request('PATCH', `/api/occurrences/${O2}/items/handoffs.sla_breach.${MISSING_ID}`, {
          cookie: marketer.cookie,
          body: { notes: 'x' },
        }),
        404,
        'agenda_item_not_found',
      );
      expectInvalid(
        await t.request('PUT', `/api/occurrences/${O2}/rating`, { cookie: seller.cookie, body: { rating: 11 } }),
        'rating',
      );
      expectProblem(
        await t.request('PUT', `/api/occurrences/${O2}/rating`, { cookie: seller.cookie, body: { rating: 7 } }),
        409,
        'occurrence_not_started',
      );
      expectProblem(await post(marketer, `/api/occurrences/${O2}/close`), 409, 'occurrence_not_started');
    });
  });

  it('starting freezes the agenda: later changes to the data leave it as it was', async () => {
    at('2026-03-09T08:00:00.000Z');
    const started = ok(await post<OccurrenceDetail>(seller, `/api/occurrences/${O2}/start`));
    const snapshot = JSON.parse(String((await t.row('meeting_occurrences', O2))?.agenda_snapshot)) as AgendaItem[];
    expect(snapshot.map((i) => i.id)).toEqual(started.agenda.map((i) => i.id));
    const staleItem = started.agenda.find((i) => i.kind === 'stale_deal');
    expect(staleItem?.figures?.amount).toBe(100_000);

    h.late = await mql('2026-03-09T08:20:00.000Z', 'Lena');
    await answer('2026-03-09T08:30:00.000Z', seller, h.late, 'reject', { reason: 'no_budget' });
    at('2026-03-09T08:31:00.000Z');
    const current = ok(await t.get<{ version: number }>(`/api/deals/${deal.S1}`, seller));
    ok(
      await t.request('PATCH', `/api/deals/${deal.S1}`, {
        cookie: seller.cookie,
        ifMatch: current.version,
        body: { amount: 250_000 },
      }),
    );
    await t.unchanged(async () =>
      expectProblem(await post(seller, `/api/occurrences/${O2}/agenda/refresh`), 409, 'occurrence_started'),
    );
    at('2026-03-09T08:40:00.000Z');
    const after = await occurrence(O2);
    expect(after.agenda.map((i) => [i.id, i.figures ?? null])).toEqual(
      started.agenda.map((i) => [i.id, i.figures ?? null]),
    );
    expect(refsOf(after.agenda, 'rejected_by_reason', 'handoff')).toEqual(sorted(h.r1, h.r2, h.r3));

    // the occurrence after it sees the new rejection, and nothing from O2's window
    const next = await occurrence(O3);
    expect(next.windowFrom).toEqual(about('2026-03-09T08:00:00.000Z'));
    expect(refsOf(next.agenda, 'rejected_by_reason', 'handoff')).toEqual([h.late]);
    expect(refsOf(next.agenda, 'sla_breach', 'handoff')).toEqual([]);
    expect(refsOf(next.agenda, 'action_item', 'task')).toEqual([openItem.taskId]);
  });
});
