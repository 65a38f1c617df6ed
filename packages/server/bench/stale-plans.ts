/*
 * Issue 17's plan problem, measured: the unfiltered contact list (`sort=lastName`, 50 rows, first page and a
 * deep cursor) on an SQLite workspace whose statistics were taken while it had 100 contacts, half in the
 * trash, and which then grew to `--contacts` without a new ANALYZE. First with the indexes before migration
 * 0027, then after it (the statistics stay stale; the new indexes have none). Each query runs through the
 * repository (Kysely, as the server does) and, as the bare driver, its compiled SQL through better-sqlite3;
 * the figure is Nenner ÷ bare in queries per second, one after another on one connection.
 *
 *   npx tsx bench/stale-plans.ts --contacts 150000 --samples 40
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { configureSqlite } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { encodeCursor } from '../src/lib/cursor.js';
import { listContactRows } from '../src/modules/contacts/contacts.repository.js';
import { benchDir, log } from './lib/env.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONTACTS = arg('contacts', 150_000);
const SAMPLES = arg('samples', 40);
const BEFORE = '0026_gdpr';

const dir = path.join(benchDir, 'stale-plans');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'nenner.sqlite');
const sqlite = configureSqlite(new SQLite(file));
const captured: CompiledQuery[] = [];
const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: sqlite }),
  log: (e) => {
    captured.push(e.query);
  },
});
const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations('sqlite') } });

const insertContacts = (from: number, n: number, trashEvery: number) =>
  sql`with recursive s(i) as (select ${sql.lit(from)} union all select i + 1 from s where i < ${sql.lit(from + n - 1)})
    insert into contacts (id, first_name, last_name, sort_first_name, sort_last_name, email, lifecycle_stage, tags,
      created_at, updated_at, deleted_at)
    select printf('c%08d', i), 'First', 'Last', 'first ' || ((i * 31) % 1009), 'last ' || printf('%06d', (i * 7919) % 100003),
      'c' || i || '@example.com', 'lead', '[]', strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || i || ' seconds'),
      strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || i || ' seconds'),
      case when i % ${sql.lit(trashEvery)} = 0 then strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || i || ' seconds') end
    from s`.execute(db);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1] ?? 0;

/** p50 and queries/s of `run` over the samples, after 3 warm-up runs. */
const time = async (run: () => Promise<unknown> | unknown) => {
  for (let i = 0; i < 3; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  const total = ms.reduce((a, b) => a + b, 0);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), perSecond: (SAMPLES * 1000) / total };
};

const measure = async (label: string) => {
  const pages = [
    { name: 'first page', cursor: undefined },
    { name: 'deep cursor', cursor: encodeCursor('last 070000', 'c00000000', 'lastName') },
  ];
  for (const page of pages) {
    const filter = { sort: 'lastName' as const, limit: 50, ...(page.cursor ? { cursor: page.cursor } : {}) };
    captured.length = 0;
    await listContactRows(db, filter);
    const q = captured[0];
    if (!q) throw new Error('no statement captured');
    const plan = sqlite
      .prepare(`explain query plan ${q.sql}`)
      .all(...(q.parameters as unknown[]))
      .map((r) => (r as { detail: string }).detail)
      .filter((d) => /\bc\b|TEMP/.test(d));
    const bare = sqlite.prepare(q.sql);
    const nenner = await time(() => listContactRows(db, filter));
    const raw = await time(() => bare.all(...(q.parameters as unknown[])));
    log(
      `${label}, ${page.name}: Nenner p50 ${nenner.p50.toFixed(2)} ms / p99 ${nenner.p99.toFixed(2)} ms, ` +
        `${nenner.perSecond.toFixed(0)} q/s; bare p50 ${raw.p50.toFixed(2)} ms, ${raw.perSecond.toFixed(0)} q/s; ` +
        `ratio ${((100 * nenner.perSecond) / raw.perSecond).toFixed(0)}%\n    plan: ${plan.join(' | ')}`,
    );
  }
};

const started = performance.now();
const r = await migrator.migrateTo(BEFORE);
if (r.error) throw r.error;
await insertContacts(1, 100, 2);
await sql`analyze`.execute(db);
await insertContacts(101, CONTACTS - 100, 100);
log(
  `${CONTACTS.toLocaleString('en')} contacts, statistics of 100 (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s); ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
);
await measure('before 0027');
const t = performance.now();
const after = await migrator.migrateToLatest();
if (after.error) throw after.error;
log(`migration 0027 in ${((performance.now() - t) / 1000).toFixed(1)} s (no ANALYZE)`);
await measure('after 0027');
sqlite.pragma('optimize=0x10002');
await measure('after 0027 and PRAGMA optimize=0x10002');
log(
  `load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
await db.destroy();
