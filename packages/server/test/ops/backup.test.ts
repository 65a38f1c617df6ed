import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import {
  createContact,
  integrity,
  login,
  openSqlite,
  type ServerProcess,
  serverDir,
  startServer,
  stopServer,
  tempDir,
} from './processes.js';

/*
 * `npm run backup` while Nenner takes a stream of writes, then `npm run restore` into an empty database:
 * the restored database passes its integrity check, is at the latest migration, and holds every contact
 * answered 201 before the backup began. A restore over a database that is not empty is refused without
 * --force. On SQLite and, with pg_dump and pg_restore installed (they are on CI), on PostgreSQL.
 */

const root = path.resolve(serverDir, '../..');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const npm = async (args: string[], env: Record<string, string>) => {
  const { DATABASE_URL: _, NENNER_DATA_DIR: __, ...inherited } = process.env;
  try {
    const r = await promisify(execFile)('npm', ['run', '--silent', ...args], {
      cwd: root,
      env: { ...inherited, ...env },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
};

interface Target {
  /** The environment that points Nenner and the scripts at this database. */
  env: Record<string, string>;
  contactIds(): Promise<Set<string>>;
  migrationCount(): Promise<number>;
  /** The engine's own integrity check ('ok' when sound). */
  check(): Promise<string>;
}

const sqliteTarget = (dataDir: string): Target => {
  const read = <T>(use: (s: ReturnType<typeof openSqlite>) => T): T => {
    const sqlite = openSqlite(dataDir);
    try {
      return use(sqlite);
    } finally {
      sqlite.close();
    }
  };
  return {
    env: { NENNER_DATA_DIR: dataDir },
    contactIds: async () => new Set(read((s) => s.prepare('select id from contacts').pluck().all() as string[])),
    migrationCount: async () => read((s) => s.prepare('select count(*) from kysely_migration').pluck().get() as number),
    check: async () => read(integrity),
  };
};

const postgresTarget = (url: string): Target => {
  const query = async <R extends pg.QueryResultRow>(text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<R>(text)).rows;
    } finally {
      await c.end();
    }
  };
  return {
    env: { DATABASE_URL: url },
    contactIds: async () => new Set((await query<{ id: string }>('select id from contacts')).map((r) => r.id)),
    migrationCount: async () =>
      Number((await query<{ n: string }>('select count(*) as n from kysely_migration'))[0]?.n),
    // amcheck is not installed everywhere: reading every row of the contacts through their primary key index
    // and through the heap must agree
    check: async () => {
      const [r] = await query<{ a: string; b: string }>(
        'select (select count(*) from contacts) as a, (select count(*) from (select id from contacts order by id) x) as b',
      );
      return r && r.a === r.b ? 'ok' : `contacts: ${r?.a} rows in the table, ${r?.b} through the index`;
    },
  };
};

const roundTrip = async (
  source: Target,
  restored: Target,
  backupFile: string,
  engine: 'sqlite' | 'postgres',
  dir: (prefix: string) => string,
) => {
  let server: ServerProcess | undefined = await startServer(dir('backup-run'), source.env);
  try {
    const { base } = server;
    const cookie = await login(base);
    const created: string[] = [];
    let running = true;
    const clients = Array.from({ length: 3 }, async (_, c) => {
      for (let i = 0; running; i++) {
        const r = await createContact(base, cookie, `Backup ${c}-${i}`);
        expect(r.status).toBe(201);
        if (r.id) created.push(r.id);
      }
    });
    await pause(1500);
    const beforeBackup = [...created];
    const backup = await npm(['backup', '--', '--out', backupFile], source.env);
    const duringBackup = created.length - beforeBackup.length;
    running = false;
    await Promise.all(clients);
    expect(backup.out).toContain('Backed up to');
    expect(backup.code).toBe(0);
    expect(beforeBackup.length).toBeGreaterThan(0);
    // the writes went on while the backup ran
    expect(duringBackup).toBeGreaterThan(0);
    await stopServer(server);
    server = undefined;

    const restore = await npm(['restore', '--', backupFile], restored.env);
    expect(restore.out).toContain('integrity check ok');
    expect(restore.code).toBe(0);
    expect(await restored.check()).toBe('ok');
    expect(await restored.migrationCount()).toBe(Object.keys(migrations(engine)).length);
    const ids = await restored.contactIds();
    expect(beforeBackup.filter((id) => !ids.has(id))).toEqual([]);

    // not over a database that is not empty, unless forced
    const refused = await npm(['restore', '--', backupFile], restored.env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('--force');
    expect(await restored.contactIds()).toEqual(ids);
    const forced = await npm(['restore', '--', backupFile, '--force'], restored.env);
    expect(forced.out).toContain('integrity check ok');
    expect(forced.code).toBe(0);
    expect(await restored.contactIds()).toEqual(ids);

    // and Nenner runs on it: the admin's password came along
    server = await startServer(dir('backup-restored'), restored.env);
    await login(server.base);
  } finally {
    if (server) await stopServer(server);
  }
};

describe('backup and restore', () => {
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    const d = tempDir(prefix);
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  // each step is a process of its own (server, backup, restore ×3, server): slow on a busy machine
  it('on SQLite: a backup during writes restores complete and sound', { timeout: 600_000 }, async () => {
    const source = sqliteTarget(dir('backup-src'));
    const restored = sqliteTarget(dir('backup-dst'));
    await roundTrip(source, restored, path.join(dir('backup-file'), 'nenner.sqlite.backup'), 'sqlite', dir);
  });

  const pgTools = ['pg_dump', 'pg_restore'].every((tool) =>
    (process.env.PATH ?? '').split(':').some((p) => fs.existsSync(path.join(p, tool))),
  );
  it.skipIf(!pgTools)(
    'on PostgreSQL: a backup during writes restores complete and sound',
    { timeout: 600_000 },
    async () => {
      const suffix = randomBytes(4).toString('hex');
      const names = [`nenner_ops_src_${suffix}`, `nenner_ops_dst_${suffix}`];
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      const urlOf = (name: string) => {
        const u = new URL(pgUrl);
        u.pathname = `/${name}`;
        return u.toString();
      };
      try {
        for (const name of names) await admin.query(`create database ${name}`);
        const [src = '', dst = ''] = names.map(urlOf);
        await roundTrip(
          postgresTarget(src),
          postgresTarget(dst),
          path.join(dir('backup-file'), 'nenner.pgdump'),
          'postgres',
          dir,
        );
      } finally {
        for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
