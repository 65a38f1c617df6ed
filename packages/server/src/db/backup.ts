import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.js';
import { migrations } from './migrations/index.js';

/*
 * Online backup and restore (`npm run backup`, `npm run restore`).
 *
 * SQLite: `VACUUM INTO` copies the database as one read transaction sees it; under WAL it blocks no writer,
 * and every write committed before it began is in the copy. PostgreSQL: `pg_dump` (custom format) takes the
 * same kind of snapshot; `pg_restore` loads it. A restore goes only into an empty target unless forced, and
 * is checked afterwards: the engine's integrity check and the migration version against this build.
 */

const run = promisify(execFile);

export class BackupError extends Error {}

type DatabaseConfig = Config['database'];

export interface RestoreReport {
  /** Migrations recorded in the restored database. */
  applied: number;
  /** Migrations this build knows that the backup lacks; Nenner applies them at its next start. */
  pending: string[];
}

const sqliteFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Writes a consistent copy of the database to `out` while Nenner keeps serving writes. */
export const backupDatabase = async (database: DatabaseConfig, out: string): Promise<void> => {
  if (fs.existsSync(out)) throw new BackupError(`${out} exists already; choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  if (database.kind === 'postgres') {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${database.url}`]);
  } else {
    if (!fs.existsSync(database.file)) throw new BackupError(`There is no database at ${database.file}.`);
    const sqlite = new SQLite(database.file, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 10000');
      sqlite.prepare('vacuum into ?').run(partial);
    } finally {
      sqlite.close();
    }
  }
  // a file under the final name is always complete
  fs.renameSync(partial, out);
};

/** Names of the migrations recorded in a database, checked against this build's set. */
const checkVersion = (applied: string[], engine: 'sqlite' | 'postgres'): RestoreReport => {
  const known = Object.keys(migrations(engine));
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `The backup has migrations this version of Nenner does not know (${unknown.join(', ')}): ` +
        'it comes from a newer version. Restore it with that version.',
    );
  }
  return { applied: applied.length, pending: known.filter((name) => !applied.includes(name)) };
};

const checkSqlite = (file: string): RestoreReport => {
  const sqlite = new SQLite(file, { fileMustExist: true, readonly: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new BackupError(`Integrity check failed:\n  ${problems.join('\n  ')}`);
    const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'");
    if (!hasTable.get()) throw new BackupError(`${file} is not a Nenner database (no migration table).`);
    const names = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
    return checkVersion(names, 'sqlite');
  } finally {
    sqlite.close();
  }
};

const restoreSqlite = async (file: string, target: string, force: boolean): Promise<RestoreReport> => {
  if (!force && fs.existsSync(target) && fs.statSync(target).size > 0) {
    throw new BackupError(`${target} exists and is not empty. Stop Nenner and pass --force to replace it.`);
  }
  // check the backup before touching the target, and the result after the copy
  checkSqlite(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(file, incoming);
  // a journal left by the database being replaced would be replayed onto the restored one
  for (const f of sqliteFiles(target)) fs.rmSync(f, { force: true });
  fs.renameSync(incoming, target);
  return checkSqlite(target);
};

const withClient = async <T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
};

const restorePostgres = async (file: string, url: string, force: boolean): Promise<RestoreReport> => {
  if (!fs.existsSync(file)) throw new BackupError(`There is no backup at ${file}.`);
  const tables = await withClient(url, async (c) => {
    const r = await c.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
    );
    return Number(r.rows[0]?.n ?? 0);
  });
  if (tables > 0 && !force) {
    throw new BackupError(`The target database has ${tables} tables. Stop Nenner and pass --force to replace them.`);
  }
  const args = ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`];
  if (tables > 0) args.push('--clean', '--if-exists');
  await run('pg_restore', [...args, file]);
  return withClient(url, async (c) => {
    // the restored rows must be readable end to end; a damaged table or index fails here
    const names = (await c.query<{ name: string }>('select name from kysely_migration order by name')).rows;
    const list = await c.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
    );
    for (const { table_name } of list.rows) await c.query(`select count(*) from "${table_name.replace(/"/g, '""')}"`);
    return checkVersion(
      names.map((r) => r.name),
      'postgres',
    );
  });
};

/** Restores `file` into the configured database, which must be empty unless `force` is set, and checks it. */
export const restoreDatabase = async (
  database: DatabaseConfig,
  file: string,
  force: boolean,
): Promise<RestoreReport> =>
  database.kind === 'postgres' ? restorePostgres(file, database.url, force) : restoreSqlite(file, database.file, force);
