/*
 * A workspace of its own for the benchmarks that run Nenner in their own process (import, export,
 * webhooks): a temporary SQLite file, or a schema of its own on the PostgreSQL server, gone on dispose.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { type Engine, pgServerUrl } from './env.js';

/** The load average (1, 5 and 15 minutes) printed beside a figure. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** `name` marks the schema or directory; `env` adds to the configuration (no demo data, no request log). */
export const freshWorkspace = async (engine: Engine, name: string, env: Record<string, string> = {}) => {
  const vars = { NENNER_DEMO: '0', LOG_LEVEL: 'silent', ...env };
  if (engine === 'postgres') {
    const schema = `bench_${name}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgServerUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(pgServerUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const config = loadConfig({ ...vars, DATABASE_URL: url.toString() });
    const database = openDatabase(config.database);
    const dispose = async () => {
      await database.close();
      const c = new pg.Client({ connectionString: pgServerUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
    return { database, config, url: url.toString(), file: null, dispose };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nenner-bench-${name}-`));
  const config = loadConfig({ ...vars, NENNER_DATA_DIR: dir });
  const database = openDatabase(config.database);
  const dispose = async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { database, config, url: null, file: path.join(dir, 'nenner.sqlite'), dispose };
};
