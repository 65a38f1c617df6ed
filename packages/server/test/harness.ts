import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Account, Campaign, Contact, CreatedToken, User } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import type { AppContext } from '../src/context.js';
import { type Database, migrateToLatest, openDatabase } from '../src/db/database.js';
import type { Engine } from '../src/db/dialect.js';
import { setClock, TestClock } from '../src/lib/clock.js';
import { createUser as createUserRow } from '../src/modules/users/users.service.js';

/*
 * One app per test file: a fresh database (a temp SQLite file, or a fresh schema in the PostgreSQL
 * `test` database), migrated, served on a random port and driven through real HTTP.
 */

export const engine: Engine = process.env.NENNER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const PASSWORD = 'correct horse battery';

export type Department = User['department'];
export type Role = User['role'];

export interface TestDatabase {
  database: Database;
  config: Config;
  /** Drops the schema or deletes the file. */
  dispose(): Promise<void>;
}

const withSearchPath = (url: string, schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

/** `create extension pg_trgm` in `public`; test files that start at once may race to it, and one wins. */
const ensureTrigramExtension = async (admin: pg.Client): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query('create extension if not exists pg_trgm with schema public');
      return;
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }
};

/** A fresh, empty, not yet migrated database on the engine under test. */
export const createTestDatabase = async (env: Record<string, string> = {}): Promise<TestDatabase> => {
  if (engine === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    // pg_trgm (search, migration 0028) lives in `public`, once per database: installed from a test's own
    // schema it would be dropped with that schema, and every other schema's search index with it
    await ensureTrigramExtension(admin);
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const config = loadConfig({
      NENNER_DEMO: '0',
      LOG_LEVEL: 'silent',
      ...env,
      DATABASE_URL: withSearchPath(postgresUrl, schema),
    });
    const database = openDatabase(config.database);
    return {
      database,
      config,
      async dispose() {
        await database.close();
        const c = new pg.Client({ connectionString: postgresUrl });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nenner-test-'));
  const config = loadConfig({ NENNER_DEMO: '0', LOG_LEVEL: 'silent', NENNER_DATA_DIR: dir, ...env });
  const database = openDatabase(config.database);
  return {
    database,
    config,
    async dispose() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON (problem+json too), or the text. */
  body: T;
  text: string;
}

export interface RequestOptions {
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  /** A raw body string, sent with `contentType`. */
  raw?: string;
  contentType?: string;
  cookie?: string;
  token?: string;
  ifMatch?: string | number;
  headers?: Record<string, string>;
}

export interface Session {
  user: User;
  cookie: string;
  email: string;
}

/** Everything the database holds, per table, with the columns that reads merely touch left out. */
export type Snapshot = Record<string, unknown[]>;

const tables = [
  'users',
  'sessions',
  'two_factor_secrets',
  'two_factor_recovery_codes',
  'two_factor_challenges',
  'remembered_devices',
  'api_tokens',
  'calendar_feeds',
  'accounts',
  'contacts',
  'timeline_entries',
  'forms',
  'form_submissions',
  'touchpoints',
  'consents',
  'suppressions',
  'handoffs',
  'notifications',
  'jobs',
  'settings',
  'sla_proposals',
  'teams',
  'team_members',
  'pipelines',
  'pipeline_stages',
  'deals',
  'deal_contacts',
  'deal_competitors',
  'activities',
  'tasks',
  'competitors',
  'battlecard_ratings',
  'competitor_intel',
  'merges',
  'duplicate_dismissals',
  'campaigns',
  'campaign_utm_keys',
  'campaign_costs',
  'campaign_members',
  'dashboards',
  'goals',
  'goal_owners',
  'meeting_series',
  'meeting_participants',
  'meeting_occurrences',
  'meeting_agenda_items',
  'meeting_decisions',
  'meeting_ratings',
  'data_versions',
  'attribution_credits',
  'attribution_credits_staging',
  'attribution_dirty',
  'attribution_state',
  'rotations',
  'rotation_items',
  'rotation_checkins',
  'projects',
  'project_requirements',
  'project_signoffs',
  'project_links',
  'project_pilots',
  'pilot_feedback',
  'events',
  'event_invitations',
  'event_registrations',
  'webhooks',
  'webhook_deliveries',
  'webhook_attempts',
  'sso_config',
  'sso_identities',
  'sso_logins',
  'imports',
  'import_chunks',
  'import_changes',
  'import_errors',
  'import_mappings',
  'contact_search_docs',
  'account_search_docs',
  'deal_search_docs',
] as const;
/** Tables without an `id` column, and what orders them. */
const orderOf: Record<string, string[]> = {
  settings: ['key'],
  two_factor_secrets: ['user_id'],
  contact_search_docs: ['contact_id'],
  account_search_docs: ['account_id'],
  deal_search_docs: ['deal_id'],
  import_chunks: ['import_id', 'seq'],
  import_errors: ['import_id', 'row_number', 'message'],
  suppressions: ['email_hash'],
  team_members: ['team_id', 'user_id'],
  deal_contacts: ['deal_id', 'contact_id'],
  deal_competitors: ['deal_id', 'competitor_id'],
  duplicate_dismissals: ['entity_type', 'id_a', 'id_b'],
  campaign_utm_keys: ['key'],
  campaign_members: ['campaign_id', 'contact_id'],
  goal_owners: ['goal_id', 'user_id'],
  meeting_participants: ['series_id', 'user_id'],
  meeting_agenda_items: ['occurrence_id', 'id'],
  meeting_ratings: ['occurrence_id', 'user_id'],
  data_versions: ['name'],
  attribution_credits: ['deal_id', 'measure', 'campaign_id'],
  attribution_credits_staging: ['run_id', 'deal_id', 'measure', 'campaign_id'],
  attribution_dirty: ['deal_id'],
  project_signoffs: ['project_id', 'user_id'],
  project_links: ['project_id', 'record_type', 'record_id'],
};
const touchedColumns: Record<string, string[]> = {
  sessions: ['last_seen_at', 'expires_at'],
  api_tokens: ['last_used_at'],
  remembered_devices: ['last_used_at'],
  calendar_feeds: ['last_used_at'],
};

let userSeq = 0;

export interface TestApp {
  url: string;
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  /** The app's clock: `clock.advance(ms)` stamps the next write later, instead of sleeping. */
  clock: TestClock;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<Res<T>>;
  get<T = unknown>(path: string, as?: Session | string): Promise<Res<T>>;
  /** Creates a user directly through the users service (password PASSWORD). */
  createUser(attrs?: Partial<{ department: Department; role: Role; name: string; email: string }>): Promise<User>;
  /** Logs in through the API; returns the `nenner_session=…` cookie. */
  login(email: string, password?: string): Promise<string>;
  /** A user of the given department and role, logged in. */
  session(department: Department, role: Role, name?: string): Promise<Session>;
  createToken(as: Session, name?: string): Promise<CreatedToken>;
  createAccount(as: Session, input?: Record<string, unknown>): Promise<Account>;
  createContact(as: Session, input?: Record<string, unknown>): Promise<Contact>;
  createCampaign(as: Session, input?: Record<string, unknown>): Promise<Campaign>;
  snapshot(): Promise<Snapshot>;
  /** Runs `fn` and asserts that the database is exactly as before; returns what `fn` returned. */
  unchanged<T>(fn: () => Promise<T>): Promise<T>;
  row(table: (typeof tables)[number], id: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

const auth = (as: Session | string | undefined): { cookie?: string; token?: string } =>
  as === undefined ? {} : typeof as === 'string' ? { token: as } : { cookie: as.cookie };

/** Starts a migrated app on a fresh database; `env` overrides configuration (e.g. login limits). */
export const startTestApp = async (env: Record<string, string> = {}): Promise<TestApp> => {
  const { database, config, dispose } = await createTestDatabase(env);
  await migrateToLatest(database);
  const ctx: AppContext = { db: database.db, engine: database.engine, config };
  const clock = new TestClock();
  setClock(clock);
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;

  const request = async <T>(method: string, p: string, o: RequestOptions = {}): Promise<Res<T>> => {
    const headers: Record<string, string> = { ...o.headers };
    let body: string | undefined;
    if (o.raw !== undefined) {
      body = o.raw;
      if (o.contentType) headers['content-type'] = o.contentType;
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = o.contentType ?? 'application/json';
    }
    if (o.cookie) headers.cookie = o.cookie;
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.ifMatch !== undefined) headers['if-match'] = typeof o.ifMatch === 'number' ? `"${o.ifMatch}"` : o.ifMatch;
    const res = await fetch(url + p, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? (JSON.parse(text) as T) : (text as T);
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  const createUser: TestApp['createUser'] = async (attrs = {}) => {
    userSeq += 1;
    const department = attrs.department ?? 'sales';
    const role = attrs.role ?? 'member';
    return createUserRow(ctx, null, {
      email: attrs.email ?? `${department}.${role}.${userSeq}.${randomBytes(3).toString('hex')}@example.com`,
      name: attrs.name ?? `${department} ${role} ${userSeq}`,
      department,
      role,
      password: PASSWORD,
    });
  };

  const login: TestApp['login'] = async (email, password = PASSWORD) => {
    const res = await request('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${res.text}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    // the answer may clear other cookies too (the 2FA one): take the session's
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c?.startsWith('nenner_session=') && c !== 'nenner_session=');
    if (!cookie) throw new Error(`no session cookie: ${setCookie}`);
    return cookie;
  };

  const snapshot = async (): Promise<Snapshot> => {
    const out: Snapshot = {};
    for (const table of tables) {
      const order = sql.join((orderOf[table] ?? ['id']).map((c) => sql.ref(c)));
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${order}`.execute(
        database.db,
      );
      out[table] = rows.rows.map((r) => {
        const copy = { ...r };
        for (const c of touchedColumns[table] ?? []) delete copy[c];
        return copy;
      });
    }
    return out;
  };

  const expectOk = <T>(res: Res<T>, status: number, what: string): T => {
    if (res.status !== status) throw new Error(`${what} → ${res.status} ${res.text}`);
    return res.body;
  };

  const t: TestApp = {
    url,
    app,
    ctx,
    config,
    clock,
    request,
    get: (p, as) => request('GET', p, auth(as)),
    createUser,
    login,
    async session(department, role, name) {
      const user = await createUser({ department, role, ...(name ? { name } : {}) });
      return { user, email: user.email, cookie: await login(user.email) };
    },
    async createToken(as, name = 'script') {
      return expectOk(
        await request<CreatedToken>('POST', '/api/tokens', { cookie: as.cookie, body: { name } }),
        201,
        'create token',
      );
    },
    async createAccount(as, input = {}) {
      userSeq += 1;
      return expectOk(
        await request<Account>('POST', '/api/accounts', {
          cookie: as.cookie,
          body: { name: `Firma ${userSeq} GmbH`, ...input },
        }),
        201,
        'create account',
      );
    },
    async createCampaign(as, input = {}) {
      userSeq += 1;
      return expectOk(
        await request<Campaign>('POST', '/api/campaigns', {
          cookie: as.cookie,
          body: { name: `Aktion ${userSeq}`, channel: 'email', ...input },
        }),
        201,
        'create campaign',
      );
    },
    async createContact(as, input = {}) {
      userSeq += 1;
      return expectOk(
        await request<Contact>('POST', '/api/contacts', {
          cookie: as.cookie,
          body: { firstName: 'Erika', lastName: `Muster${userSeq}`, ...input },
        }),
        201,
        'create contact',
      );
    },
    snapshot,
    async unchanged(fn) {
      const before = await snapshot();
      const result = await fn();
      expect(await snapshot()).toEqual(before);
      return result;
    },
    async row(table, id) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${id}`.execute(
        database.db,
      );
      return rows.rows[0];
    },
    async close() {
      await app.close();
      await dispose();
    },
  };
  return t;
};

/** Asserts a problem+json answer with the given status and code; returns the problem. */
export const expectProblem = (
  res: Res,
  status: number,
  code: string,
): { status: number; code: string; title: string; errors?: { path: string; message: string }[] } => {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = res.body as {
    status: number;
    code: string;
    title: string;
    errors?: { path: string; message: string }[];
  };
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  return problem;
};

/** Asserts a 400 validation_failed naming the given field path. */
export const expectInvalid = (res: Res, pathPart: string) => {
  const problem = expectProblem(res, 400, 'validation_failed');
  expect(problem.errors?.map((e) => e.path)).toContain(pathPart);
  for (const e of problem.errors ?? []) expect(typeof e.message).toBe('string');
  return problem;
};

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const MISSING_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
