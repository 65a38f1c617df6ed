/*
 * What the benchmarks need from a seeded database: the demo sales user to log in as, list pages spread
 * over the sales owners and their alphabet, realistic create bodies, and a clean-up of created rows.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { encodeCursor } from '../src/lib/cursor.js';
import { DEMO_PASSWORD } from '../src/modules/demo/demo.service.js';
import { createRandom, generateAccount, generateContact } from '../src/modules/demo/generator.js';
import { pgBenchDatabase } from './lib/env.js';

export interface BenchDb {
  actorId: string;
  actorEmail: string;
  password: string;
  /** Nenner list URLs: each sales owner, first page and pages starting at spread-out cursors. */
  listPaths: string[];
  /** A fresh generator of unique, valid create bodies. */
  bodies(): () => string;
  removeCreatedSince(iso: string): Promise<number>;
  /** Public form posts: a fresh generator of bodies with distinct emails at seeded company domains. */
  formBodies(encoding: 'json' | 'form'): () => string;
  /** Removes what the form posts of the run created: contacts with their touchpoints, submissions, entries. */
  removeFormPostsSince(iso: string): Promise<number>;
  /** A marketing user, to create the bench's form. */
  marketingEmail: string;
  /** The default pipeline (the seeded deals are in it). */
  pipelineId: string;
  /** The account with the most timeline entries (the seed's big account) and how many it has. */
  bigAccount: { id: string; entries: number };
  /** Local dates covering every seeded handoff, and how many there are. */
  slaPeriod: { from: string; to: string; handoffs: number };
  /** Rows of the seed's extra tables. */
  counts: { handoffs: number; openDeals: number };
  /** Local dates (UTC days) covering every seeded deal's creation: the attribution and funnel year. */
  reportPeriod: { from: string; to: string; deals: number; won: number };
  /** Runs SQL on the bench's own connection (SQLite: `?` placeholders on both engines). */
  query: Query;
  close(): Promise<void>;
}

export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const ACTOR_EMAIL = 'jonas.keller@nenner.demo';
const CURSORS_PER_OWNER = 12;

/** Opens the bench database; null when it is missing or holds fewer contacts than wanted (then seed). */
export const openBenchDb = async (
  engine: 'sqlite' | 'postgres',
  target: { file?: string; url?: string },
  pgServerUrl: string,
  contacts: number,
): Promise<BenchDb | null> => {
  let query: Query;
  let close: () => Promise<void>;
  if (engine === 'sqlite') {
    if (!target.file || !(await import('node:fs')).existsSync(target.file)) return null;
    const db = new SQLite(target.file);
    query = async (sql, params = []) => {
      const s = db.prepare(sql);
      if (s.reader) return s.all(params) as Record<string, unknown>[];
      return [{ changes: s.run(params).changes }];
    };
    close = async () => {
      db.close();
    };
  } else {
    const admin = new pg.Client({ connectionString: pgServerUrl });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [pgBenchDatabase]);
    if (exists.rowCount === 0) await admin.query(`create database ${pgBenchDatabase}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: target.url, max: 2 });
    query = async (sql, params = []) => {
      let i = 0;
      const r = await pool.query(
        sql.replace(/\?/g, () => `$${++i}`),
        params,
      );
      return r.command === 'SELECT' ? r.rows : [{ changes: r.rowCount }];
    };
    close = () => pool.end();
  }

  const ready = await isSeeded(query, engine, contacts);
  if (!ready) {
    await close();
    return null;
  }
  const actor = (await query('select id from users where email = ?', [ACTOR_EMAIL]))[0];
  const owners = (await query(`select id from users where department = 'sales' and active = 1 order by email`)).map(
    (r) => String(r.id),
  );
  const listPaths: string[] = [];
  for (const owner of owners) {
    const base = `/api/contacts?ownerId=${owner}&sort=lastName&limit=50`;
    listPaths.push(base);
    const [{ n }] = (await query('select count(*) as n from contacts where owner_id = ? and deleted_at is null', [
      owner,
    ])) as [{ n: number }];
    for (let k = 1; k <= CURSORS_PER_OWNER; k++) {
      const offset = Math.floor((Number(n) * k) / (CURSORS_PER_OWNER + 1));
      const row = (
        await query(
          `select sort_last_name, id from contacts where owner_id = ? and deleted_at is null
            order by sort_last_name, id limit 1 offset ?`,
          [owner, offset],
        )
      )[0];
      if (row) listPaths.push(`${base}&cursor=${encodeCursor(String(row.sort_last_name), String(row.id), 'lastName')}`);
    }
  }
  // Interleave owners so consecutive requests hit different parts of the index.
  const spread = listPaths.map((p, i) => ({ p, k: (i * 7919) % listPaths.length })).sort((a, b) => a.k - b.k);

  const accountIds = (await query('select id from accounts where deleted_at is null order by id limit 2000')).map((r) =>
    String(r.id),
  );
  const pipeline = (await query('select id from pipelines order by is_default desc, name, id limit 1'))[0];
  const [big] = await query(
    `select account_id as id, count(*) as n from timeline_entries where account_id is not null
      group by account_id order by n desc limit 1`,
  );
  const [period] = await query('select min(qualified_at) as lo, max(qualified_at) as hi, count(*) as n from handoffs');
  const [openDeals] = await query(`select count(*) as n from deals where status = 'open' and deleted_at is null`);
  const [deals] = await query(
    `select min(created_at) as lo, max(created_at) as hi, count(*) as n,
            sum(case when status = 'won' then 1 else 0 end) as won from deals where deleted_at is null`,
  );
  const day = (iso: unknown, shift: number) =>
    new Date(Date.parse(String(iso)) + shift * 86_400_000).toISOString().slice(0, 10);
  const domains = (await query('select domain from accounts where domain is not null order by id limit 2000')).map(
    (r) => String(r.domain),
  );
  return {
    marketingEmail: 'lena.vogt@nenner.demo',
    pipelineId: String(pipeline?.id),
    bigAccount: { id: String(big?.id), entries: Number(big?.n ?? 0) },
    slaPeriod: { from: day(period?.lo, -1), to: day(period?.hi, 1), handoffs: Number(period?.n ?? 0) },
    counts: { handoffs: Number(period?.n ?? 0), openDeals: Number(openDeals?.n ?? 0) },
    reportPeriod: {
      from: day(deals?.lo, 0),
      to: day(deals?.hi, 0),
      deals: Number(deals?.n ?? 0),
      won: Number(deals?.won ?? 0),
    },
    query,
    formBodies(encoding) {
      const rnd = createRandom(777);
      const run = Date.now().toString(36);
      let n = 0;
      return () => {
        n++;
        const account = generateAccount(rnd, 20_000_000 + n);
        const c = generateContact(rnd, account, n);
        const fields = {
          email: `${c.email.split('@')[0]}.${run}.${n}@${domains[n % domains.length]}`,
          firstName: c.firstName,
          lastName: c.lastName,
          company: account.name,
          utm_source: 'newsletter',
          utm_medium: 'email',
          utm_campaign: 'bench',
        };
        return encoding === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
      };
    },
    async removeFormPostsSince(iso) {
      // Requests still in flight when the load stopped finish first.
      await new Promise((r) => setTimeout(r, 3000));
      const recent = 'select id from contacts where created_at >= ?';
      for (const table of ['touchpoints', 'form_submissions', 'consents', 'handoffs']) {
        await query(`delete from ${table} where contact_id in (${recent})`, [iso]);
      }
      await query(`delete from timeline_entries where entity_type = 'contact' and entity_id in (${recent})`, [iso]);
      const r = await query('delete from contacts where created_at >= ?', [iso]);
      await query(`delete from rate_limits where key like 'form:%'`);
      return Number(r[0]?.changes ?? 0);
    },
    actorId: String(actor?.id),
    actorEmail: ACTOR_EMAIL,
    password: DEMO_PASSWORD,
    listPaths: spread.map((s) => s.p),
    bodies() {
      const rnd = createRandom(4242);
      let n = 0;
      return () => {
        n++;
        const account = generateAccount(rnd, 10_000_000 + n);
        const c = generateContact(rnd, account, n);
        // Creating an MQL also opens a lead handoff: another feature, another benchmark.
        const stage = c.lifecycleStage === 'mql' ? 'lead' : c.lifecycleStage;
        const [local, domain] = c.email.split('@');
        return JSON.stringify({
          firstName: c.firstName,
          lastName: c.lastName,
          emails: [`${local}.bench${n}@${domain}`],
          phone: c.phone,
          jobTitle: c.jobTitle,
          accountId: accountIds[n % accountIds.length],
          ownerId: owners[n % owners.length],
          lifecycleStage: stage,
          source: c.source,
          tags: c.tags,
        });
      };
    },
    async removeCreatedSince(iso) {
      const recent = 'select id from contacts where created_at >= ?';
      await query(`delete from timeline_entries where entity_type = 'contact' and entity_id in (${recent})`, [iso]);
      const r = await query('delete from contacts where created_at >= ?', [iso]);
      return Number(r[0]?.changes ?? 0);
    },
    close,
  };
};

const isSeeded = async (query: Query, engine: 'sqlite' | 'postgres', contacts: number) => {
  const table =
    engine === 'sqlite'
      ? await query(`select 1 from sqlite_master where type = 'table' and name = 'contacts'`)
      : await query(`select 1 from pg_tables where schemaname = current_schema() and tablename = 'contacts'`);
  if (table.length === 0) return false;
  const users = await query('select 1 from users where email = ?', [ACTOR_EMAIL]);
  if (users.length === 0) return false;
  // Counting 1M rows takes a moment on each run; the seeded rows end before the bench's own creations.
  const [{ n }] = (await query('select count(*) as n from contacts')) as [{ n: number }];
  if (Number(n) < contacts) return false;
  // A seed from before handoffs, deals, duplicate keys, campaign touchpoints and funnel stamps: seed again.
  const [{ h }] = (await query('select count(*) as h from handoffs')) as [{ h: number }];
  const unkeyed = await query('select 1 from contacts where keys_at is null limit 1');
  const touched = await query('select 1 from touchpoints where campaign_id is not null limit 1');
  const stamped = await query('select 1 from contacts where lead_at is not null limit 1');
  return Number(h) > 0 && unkeyed.length === 0 && touched.length > 0 && stamped.length > 0;
};
