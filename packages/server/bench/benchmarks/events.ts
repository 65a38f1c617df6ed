/*
 * events: public registrations per second end to end — POST /e/{slug} as JSON, a new email each time — on a
 * 10,000-seat event at --connections (20) until it is full and 2,000 more wait, then the seats are counted:
 * exactly the capacity confirmed, the rest waitlisted in order, every email once, one contact per email.
 * Beside it the bare driver (bench/baseline.ts POST /e/:slug) writes the same rows to an event of its own,
 * with as many requests, in the order baseline, Nenner, Nenner, baseline (half of them each).
 *
 * Every registration also counts against the per-IP budget of public posts, which is shared with the lead
 * forms (NENNER_FORM_POSTS_PER_MINUTE, default 60): bench/lib/servers.ts starts Nenner with it raised, as a
 * bench posts from one address far more often than a visitor could.
 */
import autocannon from 'autocannon';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { log, pause } from '../lib/env.js';
import type { Measured } from '../lib/load.js';
import { loginCookie } from '../lib/servers.js';

const CAPACITY = 10_000;
/** Past capacity: these many go on the waiting list, so the count at the end proves the seats held. */
const OVERFLOW = 2_000;
/** The SQLite target of issue 13. */
const TARGET_RPS = 300;
const DOMAIN = 'events.bench.example';
const SLUG_PREFIX = 'bench-events-';

type Fx = BenchContext['fx'];

/** Removes every event this benchmark made, with its registrations, campaign, contacts and queued mails. */
const removeBenchEvents = async (fx: Fx): Promise<number> => {
  const events = `select id from events where slug like '${SLUG_PREFIX}%'`;
  const campaigns = `select campaign_id from events where slug like '${SLUG_PREFIX}%'`;
  const contacts = `select id from contacts where email like '%@${DOMAIN}'`;
  await fx.query(`delete from event_registrations where event_id in (${events})`);
  await fx.query(`delete from event_invitations where event_id in (${events})`);
  await fx.query(`delete from timeline_entries where entity_type = 'event' and entity_id in (${events})`);
  for (const table of ['touchpoints', 'consents', 'campaign_members', 'handoffs', 'form_submissions']) {
    await fx.query(`delete from ${table} where contact_id in (${contacts})`);
  }
  await fx.query(`delete from timeline_entries where entity_type = 'contact' and entity_id in (${contacts})`);
  await fx.query(`delete from contacts where email like '%@${DOMAIN}'`);
  await fx.query(`delete from jobs where payload like '%@${DOMAIN}%' or payload like '%${SLUG_PREFIX}%'`);
  const ids = (await fx.query(campaigns)).map((r) => String(r.campaign_id));
  const [r] = await fx.query(`delete from events where slug like '${SLUG_PREFIX}%'`);
  for (const id of ids) {
    await fx.query('delete from campaign_members where campaign_id = ?', [id]);
    await fx.query('delete from touchpoints where campaign_id = ?', [id]);
    await fx.query(`delete from timeline_entries where entity_type = 'campaign' and entity_id = ?`, [id]);
    await fx.query('delete from campaigns where id = ?', [id]);
  }
  await fx.query(`delete from rate_limits where key like 'form:%'`);
  return Number(r?.changes ?? 0);
};

/** Creates an open event through the API (its campaign comes with it), 60 days ahead, with a waiting list. */
const createEvent = async (url: string, cookie: string, slug: string, capacity: number) => {
  const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${url}/api/events`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `Bench · Registrations (${slug.slice(SLUG_PREFIX.length)})`,
      type: 'customer_day',
      startsAt: `${day}T09:00`,
      endsAt: `${day}T17:00`,
      capacity,
      waitlist: true,
      slug,
    }),
  });
  if (res.status !== 201) throw new Error(`events: creating ${slug} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; slug: string };
};

/** Fresh registration bodies: a new email each (`<side><n>@events.bench.example`), no consent. */
const bodies = (side: string) => {
  let n = 0;
  return () => {
    n += 1;
    return JSON.stringify({ email: `${side}${n}@${DOMAIN}`, firstName: 'Bench', lastName: `Gast ${side}${n}` });
  };
};

/** `amount` registrations at `connections` concurrent connections; requests per second over the whole run. */
const run = async (port: number, slug: string, body: () => string, amount: number, connections: number) => {
  // requests still in flight from the last round finish first (two writers on one SQLite file)
  await pause(1000);
  // autocannon notices that `amount` is reached only at its next one-second tick, so its own start–finish
  // overstates the run by up to a second: the run lasts until the last answer arrived
  const started = performance.now();
  let lastAnswer = started;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, path: `/e/${slug}`, body: body() }),
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  const seconds = (lastAnswer - started) / 1000;
  return {
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    seconds,
  };
};

type Round = Awaited<ReturnType<typeof run>>;

const combine = (rounds: Round[]): Measured => {
  const sum = (f: (m: Round) => number) => rounds.reduce((t, m) => t + f(m), 0);
  return {
    rps: sum((m) => m.requests) / sum((m) => m.seconds),
    p50: Math.round((sum((m) => m.p50) / rounds.length) * 10) / 10,
    p99: Math.round((sum((m) => m.p99) / rounds.length) * 10) / 10,
    requests: sum((m) => m.requests),
    non2xx: sum((m) => m.non2xx),
    errors: sum((m) => m.errors),
  };
};

/** What the event's rows say after the load: statuses, the stored counter, and any email twice. */
const countSeats = async (fx: Fx, eventId: string) => {
  const byStatus = await fx.query(
    'select status, count(*) as n from event_registrations where event_id = ? group by status',
    [eventId],
  );
  const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const [dup] = await fx.query(
    'select count(*) as n from (select email from event_registrations where event_id = ? group by email having count(*) > 1) d',
    [eventId],
  );
  const [row] = await fx.query('select seats_taken, arrivals from events where id = ?', [eventId]);
  // the arrival order has no gaps and no repeats
  const [arrivals] = await fx.query(
    'select count(distinct arrival) as n, min(arrival) as lo, max(arrival) as hi from event_registrations where event_id = ?',
    [eventId],
  );
  return {
    confirmed: n('confirmed'),
    waitlisted: n('waitlisted'),
    other: byStatus.reduce((t, r) => t + Number(r.n), 0) - n('confirmed') - n('waitlisted'),
    duplicateEmails: Number(dup?.n ?? 0),
    seatsTaken: Number(row?.seats_taken ?? -1),
    arrivals: { distinct: Number(arrivals?.n ?? 0), lo: Number(arrivals?.lo ?? 0), hi: Number(arrivals?.hi ?? 0) },
  };
};

/** The seats held: exactly the capacity confirmed, the rest waiting, every request one registration. */
const assertExact = (label: string, seats: Awaited<ReturnType<typeof countSeats>>, sent: number) => {
  const problems: string[] = [];
  if (seats.confirmed > CAPACITY) problems.push(`${seats.confirmed} confirmed on ${CAPACITY} seats`);
  if (seats.confirmed !== Math.min(sent, CAPACITY))
    problems.push(`${seats.confirmed} confirmed, expected ${Math.min(sent, CAPACITY)}`);
  if (seats.waitlisted !== Math.max(0, sent - CAPACITY)) problems.push(`${seats.waitlisted} waitlisted`);
  if (seats.other !== 0) problems.push(`${seats.other} in another status`);
  if (seats.duplicateEmails !== 0) problems.push(`${seats.duplicateEmails} emails registered twice`);
  if (seats.seatsTaken !== seats.confirmed) problems.push(`seats_taken ${seats.seatsTaken} ≠ ${seats.confirmed}`);
  if (seats.arrivals.distinct !== sent || seats.arrivals.lo !== 1 || seats.arrivals.hi !== sent)
    problems.push(`arrivals ${JSON.stringify(seats.arrivals)} for ${sent} registrations`);
  log(
    `  ${label.padEnd(9)} ${seats.confirmed.toLocaleString('en')} confirmed, ${seats.waitlisted.toLocaleString('en')} waitlisted, ` +
      `${seats.duplicateEmails} duplicate emails: ${problems.length === 0 ? 'exact' : `NOT EXACT (${problems.join('; ')})`}`,
  );
  if (problems.length > 0) throw new Error(`events: ${label}: ${problems.join('; ')}`);
};

export const events: Benchmark = async ({ engine, fx, nenner, baselinePort, options, results }) => {
  const removed = await removeBenchEvents(fx);
  if (removed > 0) log(`  events: removed ${removed} events of an earlier run`);
  const marketing = await loginCookie(nenner.port, fx.marketingEmail, fx.password);
  try {
    const warm = await createEvent(nenner.url, marketing, `${SLUG_PREFIX}warm`, CAPACITY);
    const measured = await createEvent(nenner.url, marketing, `${SLUG_PREFIX}nenner`, CAPACITY);
    const bare = await createEvent(nenner.url, marketing, `${SLUG_PREFIX}baseline`, CAPACITY);
    const total = CAPACITY + OVERFLOW;
    const half = total / 2;
    const c = options.connections;
    log(
      `  event registration: POST /e/{slug} as JSON, a new email each, ${total.toLocaleString('en')} per side on a ` +
        `${CAPACITY.toLocaleString('en')}-seat event at ${c} connections (baseline: the bare driver's same rows)`,
    );
    // warm-up: both sides on an event of their own that the count ignores
    const warmAmount = Math.max(c, Math.round(options.warmup * 100));
    await run(baselinePort, warm.slug, bodies('wb'), warmAmount, c);
    await run(nenner.port, warm.slug, bodies('wn'), warmAmount, c);
    const nb = bodies('n');
    const bb = bodies('b');
    const b1 = await run(baselinePort, bare.slug, bb, half, c);
    const n1 = await run(nenner.port, measured.slug, nb, half, c);
    const n2 = await run(nenner.port, measured.slug, nb, half, c);
    const b2 = await run(baselinePort, bare.slug, bb, half, c);
    const baseline = combine([b1, b2]);
    const m = combine([n1, n2]);
    const line = (label: string, x: Measured, rounds: Round[]) =>
      log(
        `  ${label.padEnd(9)} ${Math.round(x.rps).toString().padStart(6)} req/s  p50 ${x.p50} ms  p99 ${x.p99} ms` +
          `  (rounds: ${rounds.map((r) => `${Math.round(r.rps)} req/s in ${r.seconds.toFixed(1)} s`).join(', ')})` +
          (x.non2xx + x.errors ? `  (${x.non2xx + x.errors} failed!)` : ''),
      );
    line('baseline', baseline, [b1, b2]);
    line('nenner', m, [n1, n2]);
    if (m.non2xx + m.errors > 0 || baseline.non2xx + baseline.errors > 0) {
      throw new Error(
        `events: ${m.non2xx + m.errors} of Nenner's and ${baseline.non2xx + baseline.errors} of the baseline's requests failed`,
      );
    }
    // the last requests are answered before the rows are counted
    await pause(500);
    assertExact('nenner', await countSeats(fx, measured.id), m.requests);
    assertExact('baseline', await countSeats(fx, bare.id), baseline.requests);
    const [contacts] = await fx.query(
      `select count(*) as n, count(distinct email) as d from contacts where email like 'n%@${DOMAIN}' and deleted_at is null`,
    );
    if (Number(contacts?.n) !== m.requests || Number(contacts?.d) !== m.requests) {
      throw new Error(`events: ${contacts?.n} contacts (${contacts?.d} emails) for ${m.requests} registrations`);
    }
    log(`  nenner    one contact per registration: ${Number(contacts?.n).toLocaleString('en')} contacts`);
    results.throughput.push({ engine, bench: 'events', nenner: m, baseline });
    if (engine === 'sqlite') {
      log(
        `  target ≥ ${TARGET_RPS} registrations/s on SQLite: ${m.rps >= TARGET_RPS ? 'met' : 'MISSED'} (${Math.round(m.rps)}/s)`,
      );
    }
  } finally {
    const n = await removeBenchEvents(fx);
    log(`  events: removed the ${n} bench events with their registrations, contacts and mails`);
  }
};
