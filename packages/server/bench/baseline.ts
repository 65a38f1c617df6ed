/*
 * The baseline for `npm run bench`: a bare Fastify app (no auth, no validation, no presentation) that runs
 * the same SQL as Nenner's list and create endpoints through the raw driver, better-sqlite3 or pg.
 * Started by bench/run.ts in its own process; BENCH_ENGINE, BENCH_SQLITE_FILE / BENCH_PG_URL and PORT.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

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
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

const sqliteDriver = (file: string): Driver => {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
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

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
