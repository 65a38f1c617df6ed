import {
  type Contact,
  type Page,
  type Webhook,
  type WebhookDelivery,
  type WebhookWithSecret,
  webhookEventTypes,
} from '@nenner/shared';
import { Webhook as Verifier } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { type Received, startReceiver } from './webhook-receiver.js';

/*
 * Webhooks against a real receiver on 127.0.0.1 (allowed with NENNER_WEBHOOK_ALLOW_PRIVATE, like a
 * self-hoster's internal target; 169.254.0.0/16 too, to show the metadata address stays blocked).
 * Retries run by moving the app's clock and running due jobs, never by waiting.
 */

let t: TestApp;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let admin: Session;
let member: Session;

beforeAll(async () => {
  t = await startTestApp({ NENNER_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8, 169.254.0.0/16' });
  rx = await startReceiver();
  admin = await t.session('management', 'admin');
  member = await t.session('marketing', 'member');
});
afterAll(async () => {
  await rx?.close();
  await t?.close();
});

const subscribe = async (path: string, events: string[], extra: Record<string, unknown> = {}) => {
  const res = await t.request<WebhookWithSecret>('POST', '/api/webhooks', {
    cookie: admin.cookie,
    body: { url: rx.url(path), events, ...extra },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const deliveriesOf = async (id: string) => {
  const res = await t.get<Page<WebhookDelivery>>(`/api/webhooks/${id}/deliveries`, admin);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
};
const hook = async (id: string) => (await t.get<Webhook>(`/api/webhooks/${id}`, admin)).body;
const run = () => runBackgroundOnce(t.ctx);
/**
 * Verifies as a receiver would on arrival: the library also checks the timestamp against its clock, and
 * the app's clock is moved in these tests, so the receiver's clock reads the message's own time.
 */
const verify = (secret: string, r: Received | undefined) => {
  if (!r) throw new Error('nothing received');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Number(r.headers['webhook-timestamp']) * 1000);
  try {
    return new Verifier(secret).verify(r.body, r.headers) as Record<string, unknown>;
  } finally {
    vi.useRealTimers();
  }
};

describe('subscriptions', () => {
  it('admins only; a member is refused and nothing changes', async () => {
    const body = { url: rx.url('/x'), events: ['contact.created'] };
    expectProblem(
      await t.unchanged(() => t.request('POST', '/api/webhooks', { cookie: member.cookie, body })),
      403,
      'forbidden',
    );
    expectProblem(await t.get('/api/webhooks', member), 403, 'forbidden');
  });

  it('answers the secret once: whsec_ + base64 of 32 bytes; reads never show it', async () => {
    const created = await subscribe('/once', ['account.created'], { description: 'ERP' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    const read = await t.get<Webhook>(`/api/webhooks/${created.id}`, admin);
    expect(read.text).not.toContain(created.secret);
    expect(read.body).toMatchObject({
      url: rx.url('/once'),
      events: ['account.created'],
      description: 'ERP',
      enabled: true,
    });
    const list = await t.get<Page<Webhook>>('/api/webhooks', admin);
    expect(list.text).not.toContain('whsec_');
  });

  it('refuses unknown event types and the metadata address even inside an allowed range', async () => {
    const bad = await t.unchanged(() =>
      t.request('POST', '/api/webhooks', {
        cookie: admin.cookie,
        body: { url: rx.url('/x'), events: ['contact.eaten'] },
      }),
    );
    expectProblem(bad, 400, 'validation_failed');
    const meta = await t.unchanged(() =>
      t.request('POST', '/api/webhooks', {
        cookie: admin.cookie,
        body: { url: 'http://169.254.169.254/latest/meta-data/', events: ['contact.created'] },
      }),
    );
    expect(expectProblem(meta, 400, 'url_not_allowed').title).toBeTruthy();
    expect((meta.body as { detail: string }).detail).toMatch(/^Refused by rule metadata:/);
    // the rest of the allowed range passes
    await subscribe('/linklocal-ok', ['contact.created'], { url: 'http://169.254.10.10/', enabled: false });
  });

  it('404s for a missing subscription or delivery', async () => {
    expectProblem(await t.get(`/api/webhooks/${MISSING_ID}`, admin), 404, 'webhook_not_found');
    const w = await subscribe('/404', ['deal.won'], { enabled: false });
    const res = await t.request('POST', `/api/webhooks/${w.id}/deliveries/${MISSING_ID}/retry`, {
      cookie: admin.cookie,
    });
    expectProblem(res, 404, 'delivery_not_found');
  });
});

describe('delivery', () => {
  let ok: WebhookWithSecret;
  let flaky: WebhookWithSecret;
  let contact: Contact;

  it('signs per Standard Webhooks: the receiver verifies with the standardwebhooks package', async () => {
    ok = await subscribe('/ok', ['contact.created', 'contact.updated']);
    flaky = await subscribe('/flaky', ['contact.created']);
    rx.script('/flaky', [
      { status: 500, body: 'x'.repeat(2000) },
      { status: 500, body: 'still down' },
      { status: 200, body: 'thanks' },
    ]);
    contact = await t.createContact(member, { firstName: 'Hanna', lastName: 'Haken' });
    // the delivery was written with the change, before anything ran
    expect((await deliveriesOf(ok.id)).map((d) => [d.eventType, d.status])).toEqual([['contact.created', 'pending']]);
    await run();
    const [got] = rx.at('/ok');
    if (!got) throw new Error('nothing received');
    const payload = verify(ok.secret, got);
    expect(payload).toEqual({ type: 'contact.created', timestamp: expect.any(String), data: contact });
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(() => verify(flaky.secret, got)).toThrow();
  });

  it('500, 500, 200: three attempts with the same webhook-id, and a complete log', async () => {
    expect(rx.at('/flaky')).toHaveLength(1);
    t.clock.advance(6_000); // the first retry waits 5 s (± 10 %)
    await run();
    expect(rx.at('/flaky')).toHaveLength(2);
    await run(); // nothing is due yet
    expect(rx.at('/flaky')).toHaveLength(2);
    t.clock.advance(6 * 60_000); // the second waits 5 min
    await run();
    const calls = rx.at('/flaky');
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    const [d] = await deliveriesOf(flaky.id);
    expect(d?.id).toBe(calls[0]?.headers['webhook-id']);
    expect(d).toMatchObject({ status: 'delivered', nextAttemptAt: null, eventType: 'contact.created' });
    expect(d?.attempts.map((a) => [a.attempt, a.status, a.responseCode, a.responseBody?.length])).toEqual([
      [1, 'failed', 500, 1024],
      [2, 'failed', 500, 'still down'.length],
      [3, 'delivered', 200, 'thanks'.length],
    ]);
    for (const a of d?.attempts ?? []) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    expect((await hook(flaky.id)).consecutiveFailures).toBe(0);
  });

  it('410 switches the subscription off; no retry, no further deliveries', async () => {
    const gone = await subscribe('/gone', ['contact.updated']);
    rx.script('/gone', [{ status: 410, body: 'unsubscribed' }]);
    const res = await t.request<Contact>('PATCH', `/api/contacts/${contact.id}`, {
      cookie: member.cookie,
      ifMatch: contact.version,
      body: { jobTitle: 'CTO' },
    });
    expect(res.status, res.text).toBe(200);
    await run();
    t.clock.advance(3600_000);
    await run();
    expect(rx.at('/gone')).toHaveLength(1);
    expect(await hook(gone.id)).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const [d] = await deliveriesOf(gone.id);
    expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(d?.attempts.map((a) => a.responseCode)).toEqual([410]);
    // the /ok subscription got the update as the API presents it
    const update = rx.at('/ok').at(-1);
    expect(JSON.parse(update?.body ?? '{}')).toMatchObject({ type: 'contact.updated', data: res.body });
    await t.request('PATCH', `/api/contacts/${contact.id}`, {
      cookie: member.cookie,
      ifMatch: res.body.version,
      body: { jobTitle: 'CEO' },
    });
    await run();
    expect(rx.at('/gone')).toHaveLength(1);
    expect(await deliveriesOf(gone.id)).toHaveLength(1);
  });

  it('does not follow a redirect to 127.0.0.1', async () => {
    const redirect = await subscribe('/redirect', ['account.created']);
    rx.script('/redirect', [{ status: 302, headers: { location: rx.url('/target') } }]);
    await t.createAccount(member);
    await run();
    expect(rx.at('/redirect')).toHaveLength(1);
    expect(rx.at('/target')).toHaveLength(0);
    const [d] = await deliveriesOf(redirect.id);
    expect(d?.attempts[0]).toMatchObject({ status: 'failed', responseCode: 302, error: 'redirect not followed' });
  });

  it('replays a delivery with the same id, and sends a test event', async () => {
    const [d] = await deliveriesOf(ok.id);
    const before = rx.at('/ok').length;
    const res = await t.request<WebhookDelivery>('POST', `/api/webhooks/${ok.id}/deliveries/${d?.id}/retry`, {
      cookie: admin.cookie,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('pending');
    await run();
    const replay = rx.at('/ok').slice(before);
    expect(replay.map((r) => r.headers['webhook-id'])).toEqual([d?.id]);
    expect((await deliveriesOf(ok.id)).find((x) => x.id === d?.id)?.attempts.map((a) => a.status)).toEqual([
      'delivered',
      'delivered',
    ]);
    const test = await t.request<WebhookDelivery>('POST', `/api/webhooks/${ok.id}/test`, { cookie: admin.cookie });
    expect(test.status, test.text).toBe(201);
    await run();
    const sent = rx.at('/ok').at(-1);
    expect(verify(ok.secret, sent)).toMatchObject({ type: 'webhook.test' });
  });

  it('during a rotation both secrets verify; the new one is answered once', async () => {
    const rotated = await t.request<WebhookWithSecret>('POST', `/api/webhooks/${ok.id}/rotate-secret`, {
      cookie: admin.cookie,
    });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.secret).not.toBe(ok.secret);
    expect(rotated.body.previousSecretUntil).not.toBeNull();
    await t.request('POST', `/api/webhooks/${ok.id}/test`, { cookie: admin.cookie });
    await run();
    const sent = rx.at('/ok').at(-1);
    if (!sent) throw new Error('nothing received');
    expect(sent.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verify(ok.secret, sent)).toMatchObject({ type: 'webhook.test' });
    expect(verify(rotated.body.secret, sent)).toMatchObject({ type: 'webhook.test' });
    t.clock.advance(25 * 3600_000);
    expect((await hook(ok.id)).previousSecretUntil).toBeNull();
    await t.request('POST', `/api/webhooks/${ok.id}/test`, { cookie: admin.cookie });
    await run();
    expect(rx.at('/ok').at(-1)?.headers['webhook-signature']?.split(' ')).toHaveLength(1);
  });

  it('20 failures in a row switch it off and tell the admins', async () => {
    const down = await subscribe('/down', ['deal.won']);
    rx.script('/down', [{ status: 503 }]);
    for (let i = 0; i < 20; i += 1) await t.request('POST', `/api/webhooks/${down.id}/test`, { cookie: admin.cookie });
    await run();
    expect(rx.at('/down')).toHaveLength(20);
    expect(await hook(down.id)).toMatchObject({ enabled: false, disabledReason: 'failures', consecutiveFailures: 20 });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'entity_id'])
      .where('kind', '=', 'webhook_disabled')
      .execute();
    expect(notes).toEqual([{ user_id: admin.user.id, entity_id: down.id }]);
    // switching it on again clears the count
    const on = await t.request<Webhook>('PATCH', `/api/webhooks/${down.id}`, {
      cookie: admin.cookie,
      ifMatch: (await hook(down.id)).version,
      body: { enabled: true },
    });
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it('edits need If-Match and an allowed URL; delete removes the log', async () => {
    const w = await hook(flaky.id);
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/webhooks/${w.id}`, {
          cookie: admin.cookie,
          ifMatch: w.version,
          body: { url: 'http://[::ffff:169.254.169.254]/' },
        }),
      ),
      400,
      'url_not_allowed',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/webhooks/${w.id}`, {
          cookie: admin.cookie,
          ifMatch: w.version + 1,
          body: { events: ['deal.lost'] },
        }),
      ),
      412,
      'version_conflict',
    );
    const del = await t.request('DELETE', `/api/webhooks/${w.id}`, { cookie: admin.cookie });
    expect(del.status).toBe(204);
    expect(
      await t.ctx.db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', w.id).execute(),
    ).toEqual([]);
  });
});

describe('emission from the services', () => {
  let all: WebhookWithSecret;
  const typesAt = () =>
    rx.at('/all').map((r) => {
      const body = verify(all.secret, r) as { type: string; data: { id?: string } };
      return [body.type, body.data.id];
    });

  it('the changes send their events, each with the record as the API presents it', async () => {
    all = await subscribe('/all', [...webhookEventTypes]);
    const seller = await t.session('sales', 'admin');
    const campaign = await t.createCampaign(member);
    const lead = await t.createContact(member, { firstName: 'Mara', lastName: 'Lead', lifecycleStage: 'mql' });
    const handoff = await t.ctx.db
      .selectFrom('handoffs')
      .select('id')
      .where('contact_id', '=', lead.id)
      .executeTakeFirstOrThrow();
    const accepted = await t.request('POST', `/api/handoffs/${handoff.id}/accept`, { cookie: seller.cookie });
    expect(accepted.status, accepted.text).toBe(200);
    const account = await t.createAccount(seller);
    const deal = await t.request<{ id: string; version: number }>('POST', '/api/deals', {
      cookie: seller.cookie,
      body: { name: 'Rahmenvertrag', accountId: account.id, amount: 120_000 },
    });
    expect(deal.status, deal.text).toBe(201);
    const won = await t.request('POST', `/api/deals/${deal.body.id}/close`, {
      cookie: seller.cookie,
      body: { outcome: 'won', reason: 'product_fit' },
    });
    expect(won.status, won.text).toBe(200);
    expect((await t.request('DELETE', `/api/contacts/${lead.id}`, { cookie: member.cookie })).status).toBe(204);
    await run();
    expect(typesAt()).toEqual(
      expect.arrayContaining([
        ['campaign.created', campaign.id],
        ['contact.created', lead.id],
        ['handoff.created', handoff.id],
        ['handoff.accepted', handoff.id],
        ['account.created', account.id],
        ['deal.created', deal.body.id],
        ['deal.won', deal.body.id],
        ['contact.deleted', lead.id],
      ]),
    );
  });

  it('a registration for an event and its cancellation send theirs', async () => {
    const day = new Date(t.clock.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const event = await t.request<{ id: string }>('POST', '/api/events', {
      cookie: member.cookie,
      body: {
        title: 'Kundentag Webhooks',
        type: 'customer_day',
        startsAt: `${day}T09:00`,
        endsAt: `${day}T17:00`,
        timeZone: 'Europe/Berlin',
        capacity: 5,
        waitlist: true,
        slug: 'kundentag-webhooks',
      },
    });
    expect(event.status, event.text).toBe(201);
    const reg = await t.request('POST', '/e/kundentag-webhooks', {
      body: { email: 'gast.hook@example.com', firstName: 'Gast', lastName: 'Hook' },
    });
    expect(reg.status, reg.text).toBe(201);
    const list = await t.get<Page<{ id: string }>>(`/api/events/${event.body.id}/registrations`, member);
    const id = list.body.items[0]?.id;
    const cancel = await t.request('POST', `/api/events/${event.body.id}/registrations/${id}/cancel`, {
      cookie: member.cookie,
    });
    expect(cancel.status, cancel.text).toBe(200);
    await run();
    expect(typesAt()).toEqual(
      expect.arrayContaining([
        ['event.registration.created', id],
        ['event.registration.cancelled', id],
      ]),
    );
  });
});
