/*
 * The bench database of one engine: seeded once with `src/scripts/seed.ts` (reused while it holds enough
 * contacts), then migrated to the latest version before Nenner starts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type BenchDb, openBenchDb } from '../fixtures.js';
import { benchDir, type Engine, log, pgServerUrl, pgUrl, serverDir, type Target } from './env.js';
import { tsx } from './servers.js';

const seed = (engine: Engine, contacts: number): void => {
  log(`  seeding ${contacts.toLocaleString('en')} contacts (once; reused while present)…`);
  // A fresh SQLite file is quicker than emptying the old workspace first (`--force`, 1M contacts: 38 s).
  if (engine === 'sqlite') fs.rmSync(path.join(benchDir, 'sqlite'), { recursive: true, force: true });
  const env = engine === 'sqlite' ? { NENNER_DATA_DIR: path.join(benchDir, 'sqlite') } : { DATABASE_URL: pgUrl() };
  const r = spawnSync(process.execPath, [...tsx, 'src/scripts/seed.ts', '--contacts', String(contacts), '--force'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('seed failed');
};

/** Migrations added since the seed run here, not in Nenner's start-up (which the bench waits 60 s for). */
const migrate = async (engine: Engine, target: Target, fx: BenchDb) => {
  const { migrateToLatest, openDatabase } = await import('../../src/db/database.js');
  const database = openDatabase(
    engine === 'sqlite' ? { kind: 'sqlite', file: target.file ?? '' } : { kind: 'postgres', url: pgUrl() },
  );
  const t = performance.now();
  const applied = async () => Number((await fx.query('select count(*) as n from kysely_migration'))?.[0]?.n ?? 0);
  const before = await applied();
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  const ran = (await applied()) - before;
  log(`  migrated the bench database in ${((performance.now() - t) / 1000).toFixed(1)} s (${ran} new migrations)`);
  // A migration that rewrote a table leaves no page all-visible: index-only scans would visit the heap
  // for every row (and the planner picks a sequential scan) until autovacuum comes by, as after a seed.
  if (ran > 0 && engine === 'postgres') {
    const v = performance.now();
    await fx.query('vacuum (analyze)');
    log(`  vacuumed and analyzed after the migrations in ${((performance.now() - v) / 1000).toFixed(1)} s`);
  }
};

/** Opens the engine's bench database with `contacts` contacts, seeding and migrating it as needed. */
export const prepareBenchDb = async (engine: Engine, target: Target, contacts: number): Promise<BenchDb> => {
  let fx = await openBenchDb(engine, target, pgServerUrl, contacts);
  if (!fx) seed(engine, contacts);
  fx ??= await openBenchDb(engine, target, pgServerUrl, contacts);
  if (!fx) throw new Error('The bench database is still not seeded');
  await migrate(engine, target, fx);
  return fx;
};
