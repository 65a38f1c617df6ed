/*
 * The baseline for `npm run bench`: a bare Fastify app (no auth, no validation, no presentation) that runs
 * the same SQL as Nenner's list and create endpoints through the raw driver, better-sqlite3 or pg.
 * Started by bench/run.ts in its own process; BENCH_ENGINE, BENCH_SQLITE_FILE / BENCH_PG_URL and PORT.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { configureSqlite } from '../src/db/database.js';

type Params = (string | number | null)[];
interface Driver {
  all(sql: string, params: Params): Promise<unknown[]>;
  /** Runs the callback's statements in one transaction. */
  transaction<T>(fn: (q: (sql: string, params: Params) => Promise<unknown[]>) => Promise<T>): Promise<T>;
}

// The statements Kysely compiles for listContactRows and createContact (see contacts.repository.ts).
const SELECT = `select "c".*, "o"."name" as "owner_name", "o"."department" as "owner_department", "a"."name" as "account_name"
  from "contacts" as "c" left join "users" as "o" on "o"."id" = "c"."owner_id" left join "accounts" as "a" on "a"."id" = "c"."account_id"`;
const LIST = `${SELECT} where "c"."deleted_at" is null and "c"."owner_id" = ? order by "c"."sort_last_name" asc, "c"."id" asc limit ?`;
const LIST_AFTER = `${SELECT} where "c"."deleted_at" is null and "c"."owner_id" = ? and ("c"."sort_last_name", "c"."id") > (?, ?) order by "c"."sort_last_name" asc, "c"."id" asc limit ?`;
const ONE = `${SELECT} where "c"."id" = ?`;
const ACTIVE_USER = `select "id" from "users" where "id" in (?) and "active" = ?`;
const LIVE_ACCOUNT = `select "id" from "accounts" where "id" = ? and "deleted_at" is null`;
const contactColumns = [
  'id',
  'first_name',
  'last_name',
  'sort_first_name',
  'sort_last_name',
  'email',
  'emails',
  'phone',
  'job_title',
  'account_id',
  'owner_id',
  'lifecycle_stage',
  'source',
  'tags',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
];
const INSERT_CONTACT = `insert into "contacts" (${contactColumns.map((c) => `"${c}"`).join(', ')}) values (${contactColumns.map(() => '?').join(', ')})`;
const INSERT_AUDIT = `insert into "timeline_entries" ("id", "entity_type", "entity_id", "kind", "action", "actor_id", "department", "body", "data", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const numbered = (sql: string) => {
  // statements captured from Kysely's PostgreSQL dialect come numbered already
  if (/\$1\b/.test(sql)) return sql;
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

const sqliteDriver = (file: string): Driver => {
  // the same pragmas as Nenner, so the comparison is about the code above the driver
  const db = configureSqlite(new SQLite(file));
  let queue: Promise<void> = Promise.resolve();
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const q = async (sql: string, params: Params) => {
    const s = prepared(sql);
    if (s.reader) return s.all(params);
    s.run(params);
    return [];
  };
  return {
    all: q,
    async transaction(fn) {
      // One connection: a transaction must not interleave with another request's statements between its
      // awaits, so transactions queue behind each other (as Kysely does for its single SQLite connection).
      const previous = queue;
      let release = () => {};
      queue = new Promise<void>((resolve) => {
        release = resolve;
      });
      await previous;
      db.exec('begin');
      try {
        const result = await fn(q);
        db.exec('commit');
        return result;
      } catch (error) {
        db.exec('rollback');
        throw error;
      } finally {
        release();
      }
    },
  };
};

const postgresDriver = (url: string): Driver => {
  const TIMESTAMPTZ_OID = 1184;
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMPTZ_OID ? (v: string) => new Date(v).toISOString() : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  const texts = new Map<string, string>();
  const text = (sql: string) => {
    let t = texts.get(sql);
    if (t === undefined) {
      t = numbered(sql);
      texts.set(sql, t);
    }
    return t;
  };
  return {
    all: async (sql, params) => (await pool.query(text(sql), params)).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(async (sql, params) => (await client.query(text(sql), params)).rows);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
  };
};

const newId = () => {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

const driver =
  process.env.BENCH_ENGINE === 'postgres'
    ? postgresDriver(process.env.BENCH_PG_URL ?? '')
    : sqliteDriver(process.env.BENCH_SQLITE_FILE ?? '');

const app = Fastify();

app.get('/health', async () => ({ status: 'ok' }));

app.get<{ Querystring: { ownerId: string; limit?: string; cursor?: string } }>('/contacts', async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const { ownerId, cursor } = request.query;
  let rows: { sort_last_name: string; id: string }[];
  if (cursor) {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    rows = (await driver.all(LIST_AFTER, [ownerId, value, id, limit + 1])) as typeof rows;
  } else {
    rows = (await driver.all(LIST, [ownerId, limit + 1])) as typeof rows;
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.sort_last_name, last.id, 'lastName'])).toString('base64url')
        : null,
  };
});

interface Body {
  firstName: string;
  lastName: string;
  emails: string[];
  phone?: string;
  jobTitle?: string;
  accountId?: string;
  ownerId?: string;
  lifecycleStage: string;
  source?: string;
  tags?: string[];
}
// The bench logs in as a sales member; the audit entry names them as Nenner's does.
const actor = { id: process.env.BENCH_ACTOR_ID ?? null, department: 'sales' };

app.post<{ Body: Body }>('/contacts', async (request, reply) => {
  const b = request.body;
  const row = await driver.transaction(async (q) => {
    if (b.ownerId !== undefined && (await q(ACTIVE_USER, [b.ownerId, 1])).length !== 1) throw new Error('owner');
    if (b.accountId && (await q(LIVE_ACCOUNT, [b.accountId])).length !== 1) throw new Error('account');
    const id = newId();
    const now = new Date().toISOString();
    await q(INSERT_CONTACT, [
      id,
      b.firstName,
      b.lastName,
      fold(b.firstName),
      fold(b.lastName),
      b.emails[0]?.toLowerCase() ?? null,
      JSON.stringify(b.emails),
      b.phone ?? null,
      b.jobTitle ?? null,
      b.accountId ?? null,
      b.ownerId ?? null,
      b.lifecycleStage,
      b.source ?? null,
      JSON.stringify(b.tags ?? []),
      1,
      now,
      now,
      null,
    ]);
    await q(INSERT_AUDIT, [newId(), 'contact', id, 'audit', 'created', actor.id, actor.department, null, null, now]);
    return (await q(ONE, [id]))[0];
  });
  return reply.status(201).send(row);
});

// ——— Public form post: the statements ingestLead runs for a new contact at a known company domain ———
const FORM = `select * from "forms" where "slug" = ? and "deleted_at" is null`;
const RATE = `insert into "rate_limits" ("key", "count", "window_ends_at") values (?, ?, ?) on conflict ("key") do update set "count" = case when rate_limits.window_ends_at > ? then rate_limits.count + 1 else 1 end, "window_ends_at" = case when rate_limits.window_ends_at > ? then rate_limits.window_ends_at else ? end returning "count"`;
const RECENT = `select "result" from "form_submissions" where "email" = ? and "created_at" >= ? and "form_id" = ? order by "created_at" desc`;
const BY_EMAIL = `select "id", "version", "first_name", "last_name", "job_title", "phone", "account_id", "first_utm_source", "lifecycle_stage", "consent_status" from "contacts" where "email" = ? and "deleted_at" is null order by "created_at"`;
const BY_DOMAIN = `select "id" from "accounts" where "domain" = ? and "deleted_at" is null order by "created_at"`;
const formContactColumns = [...contactColumns, 'phone_key', 'name_key', 'keys_at'];
const INSERT_FORM_CONTACT = `insert into "contacts" (${formContactColumns.map((c) => `"${c}"`).join(', ')}) values (${formContactColumns.map(() => '?').join(', ')})`;
const CONTACT_ACCOUNT = `select "id", "account_id" from "contacts" where "id" in (?)`;
const INSERT_ENTRY = `insert into "timeline_entries" ("id", "entity_type", "entity_id", "kind", "action", "actor_id", "department", "body", "data", "created_at", "account_id") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_TOUCH = `insert into "touchpoints" ("id", "contact_id", "type", "occurred_at", "form_id", "campaign_key", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer", "landing_page", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UTM = `update "contacts" set "last_utm_source" = ?, "first_utm_source" = ? where "id" = ?`;
const FACTS = `select "c"."id", "c"."email", "c"."job_title", "c"."source", "c"."lifecycle_stage", "c"."score", "a"."industry", "a"."country", "a"."employee_band" from "contacts" as "c" left join "accounts" as "a" on "a"."id" = "c"."account_id" where "c"."id" = ? and "c"."deleted_at" is null`;
const TOUCHES = `select "type", "occurred_at" from "touchpoints" where "contact_id" = ? order by "occurred_at" desc limit ?`;
const SETTING = `select "key", "value", "version", "updated_at" from "settings" where "key" = ?`;
const SCORE = `update "contacts" set "score" = ? where "id" = ?`;
const INSERT_SUBMISSION = `insert into "form_submissions" ("id", "form_id", "contact_id", "email", "result", "created_at") values (?, ?, ?, ?, ?, ?)`;

app.post<{ Params: { slug: string }; Body: Record<string, string> }>('/f/:slug', async (request, reply) => {
  const b = request.body;
  const form = (await driver.all(FORM, [request.params.slug]))[0] as { id: string } | undefined;
  if (!form) return reply.status(404).send({ error: 'form_not_found' });
  const now = new Date().toISOString();
  const windowEnds = new Date(Date.now() + 60_000).toISOString();
  // Its own statement, as Nenner's takeRateLimit; queued like a transaction, as Kysely queues statements on
  // its one SQLite connection while another request's transaction is open.
  await driver.transaction((q) => q(RATE, [`form:ip:${request.ip}`, 1, windowEnds, now, now, windowEnds]));
  const email = String(b.email ?? '')
    .trim()
    .toLowerCase();
  const result = await driver.transaction(async (q) => {
    if (process.env.BENCH_ENGINE === 'postgres')
      await q('select pg_advisory_xact_lock(hashtext(?))', [`lead:${email}`]);
    const recent = await q(RECENT, [email, new Date(Date.now() - 60_000).toISOString(), form.id]);
    if (recent.length > 0) return { duplicate: true };
    await q(BY_EMAIL, [email]);
    const account = (await q(BY_DOMAIN, [email.split('@')[1] ?? '']))[0] as { id: string } | undefined;
    const accountId = account?.id ?? null;
    if (accountId) await q(LIVE_ACCOUNT, [accountId]);
    const id = newId();
    const first = String(b.firstName ?? '');
    const last = String(b.lastName ?? '');
    await q(INSERT_FORM_CONTACT, [
      id,
      first,
      last,
      fold(first),
      fold(last),
      email,
      JSON.stringify([email]),
      null,
      null,
      accountId,
      null,
      'lead',
      'website',
      '[]',
      1,
      now,
      now,
      null,
      null,
      `${fold(first).slice(0, 1)}:${fold(last)}`,
      now,
    ]);
    await q(CONTACT_ACCOUNT, [id]);
    await q(INSERT_ENTRY, [newId(), 'contact', id, 'audit', 'created', null, null, null, null, now, accountId]);
    await q(INSERT_TOUCH, [
      newId(),
      id,
      'form_submission',
      now,
      form.id,
      b.utm_campaign ?? null,
      b.utm_source ?? null,
      b.utm_medium ?? null,
      b.utm_campaign ?? null,
      null,
      null,
      null,
      null,
      now,
    ]);
    await q(CONTACT_ACCOUNT, [id]);
    const data = JSON.stringify({
      formId: form.id,
      utm_source: b.utm_source ?? null,
      utm_medium: b.utm_medium ?? null,
    });
    await q(INSERT_ENTRY, [
      newId(),
      'contact',
      id,
      'touchpoint',
      'form_submission',
      null,
      null,
      null,
      data,
      now,
      accountId,
    ]);
    if (b.utm_source) await q(UTM, [b.utm_source, b.utm_source, id]);
    await q(FACTS, [id]);
    await q(TOUCHES, [id, 200]);
    await q(SETTING, ['scoring']);
    await q(SCORE, [0, id]);
    const res = { contactId: id, accountId, created: true, duplicate: false };
    await q(INSERT_SUBMISSION, [newId(), form.id, id, email, JSON.stringify(res), now]);
    return res;
  });
  return reply.status(201).send({ status: 'ok', message: 'Danke', duplicate: result.duplicate });
});

// ——— Event registration: the rows registerVisitor writes for a new visitor (bench/benchmarks/events.ts) ———
// Under the event row's lock (FOR UPDATE on PostgreSQL; SQLite's one writer): the registration, the contact
// (as a form post makes it), the seat counters, the campaign member and its touchpoint with the rescore,
// the confirmation mail job and the audit entry. The mail's calendar is a fixed text here: Nenner writes it.
const EVENT_BY_SLUG = `select "id" from "events" where "slug" = ?`;
const EVENT_ROW = `select * from "events" where "id" = ?`;
const REGISTRATION_BY_EMAIL = `select * from "event_registrations" where "event_id" = ? and "email" = ?`;
const INVITATION_OF = `select "id", "invited_by" from "event_invitations" where "event_id" = ? and "contact_id" = ?`;
const registrationColumns = [
  'id',
  'event_id',
  'contact_id',
  'email',
  'first_name',
  'last_name',
  'company',
  'status',
  'arrival',
  'invitation_id',
  'invited_by',
  'cancel_token',
  'locale',
  'ical_sequence',
  'registered_at',
  'confirmed_at',
  'cancelled_at',
  'checked_in_at',
  'checked_in_by',
  'reminded_at',
  'updated_at',
];
const INSERT_REGISTRATION = `insert into "event_registrations" (${registrationColumns.map((c) => `"${c}"`).join(', ')}) values (${registrationColumns.map(() => '?').join(', ')})`;
const SEAT_COUNTERS = `update "events" set "seats_taken" = ?, "arrivals" = ? where "id" = ?`;
const CAMPAIGN_ROW = `select * from "campaigns" where "id" = ?`;
const MEMBER_ROW = `select * from "campaign_members" where "campaign_id" = ? and "contact_id" in (?)`;
const INSERT_MEMBER = `insert into "campaign_members" ("campaign_id", "contact_id", "status", "added_via", "responded_at", "created_at", "updated_at", "touched_statuses") values (?, ?, ?, ?, ?, ?, ?, ?)`;
const UPDATE_MEMBER = `update "campaign_members" set "status" = ?, "touched_statuses" = ?, "responded_at" = ?, "updated_at" = ? where "campaign_id" = ? and "contact_id" = ?`;
const INSERT_CAMPAIGN_TOUCH = `insert into "touchpoints" ("id", "contact_id", "type", "occurred_at", "form_id", "campaign_key", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer", "landing_page", "created_at", "campaign_id") values (?, ?, ?, ?, null, null, null, null, null, null, null, null, null, ?, ?)`;
const SEQUENCE = `update "event_registrations" set "ical_sequence" = ? where "id" = ?`;
const INSERT_JOB = `insert into "jobs" ("id", "name", "payload", "status", "run_at", "attempts", "locked_until", "last_error", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// about the size of a confirmation with its calendar
const MAIL_BODY = 'x'.repeat(2400);

app.post<{ Params: { slug: string }; Body: Record<string, string> }>('/e/:slug', async (request, reply) => {
  const b = request.body;
  const found = (await driver.all(EVENT_BY_SLUG, [request.params.slug]))[0] as { id: string } | undefined;
  if (!found) return reply.status(404).send({ error: 'event_not_found' });
  const now = new Date().toISOString();
  const windowEnds = new Date(Date.now() + 60_000).toISOString();
  await driver.transaction((q) => q(RATE, [`form:ip:${request.ip}`, 1, windowEnds, now, now, windowEnds]));
  const email = String(b.email ?? '')
    .trim()
    .toLowerCase();
  const first = String(b.firstName ?? '');
  const last = String(b.lastName ?? '');
  const result = await driver.transaction(async (q) => {
    const postgres = process.env.BENCH_ENGINE === 'postgres';
    const e = (await q(postgres ? `${EVENT_ROW} for update` : EVENT_ROW, [found.id]))[0] as {
      id: string;
      capacity: number;
      waitlist: number;
      seats_taken: number;
      arrivals: number;
      campaign_id: string;
    };
    await q(EVENT_ROW, [e.id]);
    const before = (await q(REGISTRATION_BY_EMAIL, [e.id, email]))[0] as { id: string; status: string } | undefined;
    if (before) return { status: before.status, registrationId: before.id, duplicate: true };
    const status =
      Number(e.seats_taken) < Number(e.capacity) ? 'confirmed' : Number(e.waitlist) === 1 ? 'waitlisted' : null;
    if (!status) return null;
    if (postgres) await q('select pg_advisory_xact_lock(hashtext(?))', [`lead:${email}`]);
    let contactId = ((await q(BY_EMAIL, [email]))[0] as { id: string } | undefined)?.id;
    if (!contactId) {
      const account = (await q(BY_DOMAIN, [email.split('@')[1] ?? '']))[0] as { id: string } | undefined;
      contactId = newId();
      await q(INSERT_FORM_CONTACT, [
        contactId,
        first,
        last,
        fold(first),
        fold(last),
        email,
        JSON.stringify([email]),
        null,
        null,
        account?.id ?? null,
        null,
        'subscriber',
        'event',
        '[]',
        1,
        now,
        now,
        null,
        null,
        `${fold(first).slice(0, 1)}:${fold(last)}`,
        now,
      ]);
      await q(CONTACT_ACCOUNT, [contactId]);
      await q(INSERT_ENTRY, [newId(), 'contact', contactId, 'audit', 'created', null, null, null, null, now, null]);
    }
    await q(INVITATION_OF, [e.id, contactId]);
    const arrival = Number(e.arrivals) + 1;
    const registrationId = newId();
    await q(INSERT_REGISTRATION, [
      registrationId,
      e.id,
      contactId,
      email,
      first,
      last,
      b.company ?? null,
      status,
      arrival,
      null,
      null,
      randomBytes(24).toString('base64url'),
      'de',
      null,
      now,
      status === 'confirmed' ? now : null,
      null,
      null,
      null,
      null,
      now,
    ]);
    await q(SEAT_COUNTERS, [Number(e.seats_taken) + (status === 'confirmed' ? 1 : 0), arrival, e.id]);
    await q(CAMPAIGN_ROW, [e.campaign_id]);
    await q(MEMBER_ROW, [e.campaign_id, contactId]);
    await q(INSERT_MEMBER, [e.campaign_id, contactId, 'targeted', 'manual', null, now, now, '[]']);
    await q(UPDATE_MEMBER, ['registered', '["registered"]', now, now, e.campaign_id, contactId]);
    await q(INSERT_CAMPAIGN_TOUCH, [newId(), contactId, 'campaign_response', now, now, e.campaign_id]);
    await q(INSERT_ENTRY, [
      newId(),
      'contact',
      contactId,
      'touchpoint',
      'campaign_response',
      null,
      null,
      null,
      null,
      now,
      null,
    ]);
    await q(FACTS, [contactId]);
    await q(TOUCHES, [contactId, 200]);
    await q(SETTING, ['scoring']);
    await q(SCORE, [0, contactId]);
    if (status === 'confirmed') await q(SEQUENCE, [0, registrationId]);
    const payload = JSON.stringify({ to: email, subject: 'Anmeldung bestätigt', text: MAIL_BODY });
    await q(INSERT_JOB, [newId(), 'send_email', payload, 'pending', now, 0, null, null, now]);
    await q(INSERT_ENTRY, [newId(), 'event', e.id, 'audit', 'registered', null, null, null, null, now, null]);
    return { status, registrationId, duplicate: false };
  });
  if (!result) return reply.status(409).send({ code: 'event_full' });
  return reply.status(result.duplicate ? 200 : 201).send(result);
});

// ——— Search (bench/benchmarks/search.ts): the statements Nenner ran for each query, captured in-process by
// the bench and handed over before the load; a request runs one query's statements one after another ———
let searchStatements: { sql: string; parameters: Params }[][] = [];
app.post<{ Body: typeof searchStatements }>('/search/statements', { bodyLimit: 16 * 1024 * 1024 }, async (request) => {
  searchStatements = request.body;
  return { queries: searchStatements.length };
});
app.get<{ Params: { i: string } }>('/search/replay/:i', async (request, reply) => {
  const statements = searchStatements[Number(request.params.i)];
  if (!statements) return reply.status(404).send({ error: 'no_such_query' });
  const results: unknown[][] = [];
  for (const s of statements) results.push(await driver.all(s.sql, s.parameters));
  return { results };
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
