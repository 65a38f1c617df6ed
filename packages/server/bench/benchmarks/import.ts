/*
 * import (issue 16), on a workspace of its own (Nenner's services run in this process, no HTTP for the
 * rows): a German CSV of --contacts rows (`;`, Windows-1252, one company per 10 rows, 1 % of the emails
 * again in another case) is uploaded, then run as the background job runs it: contacts with their
 * accounts, dedupe by email (fill), one timeline entry per record, what undo needs. Beside it, the bare
 * driver loads the same contacts and accounts (SQLite: one prepared INSERT per row in a transaction;
 * PostgreSQL: COPY) into tables of the same shape. Reports seconds, rows/s, peak RSS, CPU seconds and the
 * load average. Target: 1M rows ≤ 60 s on SQLite with peak RSS ≤ 600 MB.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import iconv from 'iconv-lite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Actor, AppContext } from '../../src/context.js';
import { migrateToLatest } from '../../src/db/database.js';
import { runImportJob } from '../../src/modules/imports/imports.jobs.js';
import { createImport, runImport, updateImport } from '../../src/modules/imports/imports.service.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { type Engine, engineName, log } from '../lib/env.js';
import { freshWorkspace, loadAverage } from '../lib/workspace.js';

const firstNames = ['Anna', 'Jörg', 'Zoë', 'Mehmet', 'Sören', 'Käthe', 'Ines', 'Björn'];
const lastNames = ['Müller', 'Schäfer', 'Weiß', 'Öztürk', 'Groß', 'Keller', 'Nguyen', 'Brandt'];

interface Person {
  first: string;
  last: string;
  email: string;
  phone: string;
  company: string;
}

const personOf = (i: number, rows: number): Person => {
  // every 100th row repeats an earlier person's email in capitals: a duplicate to dedupe
  const twin = i % 100 === 99 ? i - 50 : i;
  const email = `kontakt${twin}@beispiel${twin % 997}.de`;
  return {
    first: firstNames[i % firstNames.length] ?? 'Anna',
    last: `${lastNames[i % lastNames.length] ?? 'Müller'} ${i}`,
    email: twin === i ? email : email.toUpperCase(),
    phone: `030 ${1_000_000 + i}`,
    company: `Bäckerei Süß ${Math.floor(i / 10) % Math.max(1, Math.floor(rows / 10))} GmbH`,
  };
};

/** The CSV as German Excel writes it, encoded in Windows-1252. */
const writeCsv = async (file: string, rows: number): Promise<void> => {
  const lines = function* () {
    yield 'Vorname;Nachname;E-Mail;Telefon;Firma\r\n';
    let block = '';
    for (let i = 0; i < rows; i += 1) {
      const p = personOf(i, rows);
      block += `${p.first};${p.last};${p.email};${p.phone};${p.company}\r\n`;
      if (block.length > 1 << 16) {
        yield block;
        block = '';
      }
    }
    yield block;
  };
  await pipeline(Readable.from(lines()), iconv.encodeStream('win1252'), fs.createWriteStream(file));
};

const contactColumns = ['id', 'first_name', 'last_name', 'email', 'emails', 'phone', 'account_id', 'created_at'];

/** The bare driver writing the same people and accounts (one per 10 rows) into plain tables. */
const bareLoad = async (engine: Engine, target: { url: string | null; file: string | null }, rows: number) => {
  const now = new Date().toISOString();
  const accountOf = (i: number) => `a${Math.floor(i / 10)}`;
  if (engine === 'sqlite' && target.file) {
    const db = new SQLite(target.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`create table bare_accounts (id text primary key, name text, created_at text);
      create table bare_contacts (${contactColumns.map((c) => `${c} text`).join(', ')});
      create index bare_contacts_email on bare_contacts(email);`);
    const start = performance.now();
    const insertAccount = db.prepare('insert into bare_accounts values (?, ?, ?)');
    const insertContact = db.prepare(`insert into bare_contacts values (${contactColumns.map(() => '?').join(', ')})`);
    db.transaction(() => {
      for (let i = 0; i < rows; i += 1) {
        const p = personOf(i, rows);
        if (i % 10 === 0) insertAccount.run(accountOf(i), p.company, now);
        insertContact.run(
          `c${i}`,
          p.first,
          p.last,
          p.email.toLowerCase(),
          JSON.stringify([p.email]),
          p.phone,
          accountOf(i),
          now,
        );
      }
    })();
    const seconds = (performance.now() - start) / 1000;
    db.exec('drop table bare_contacts; drop table bare_accounts;');
    db.close();
    return seconds;
  }
  const client = new pg.Client({ connectionString: target.url ?? '' });
  await client.connect();
  await client.query(`create table bare_accounts (id text primary key, name text, created_at timestamptz);
    create table bare_contacts (${contactColumns.map((c) => `${c} ${c === 'created_at' ? 'timestamptz' : 'text'}`).join(', ')});
    create index bare_contacts_email on bare_contacts(email);`);
  const start = performance.now();
  const copy = async (sqlText: string, lines: () => Generator<string>) => {
    const stream = client.query(copyFrom(sqlText));
    await pipeline(Readable.from(lines()), stream);
  };
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  await client.query('begin');
  await copy('copy bare_accounts from stdin', function* () {
    for (let i = 0; i < rows; i += 10) yield `${accountOf(i)}\t${esc(personOf(i, rows).company)}\t${now}\n`;
  });
  await copy(`copy bare_contacts (${contactColumns.join(', ')}) from stdin`, function* () {
    for (let i = 0; i < rows; i += 1) {
      const p = personOf(i, rows);
      yield `c${i}\t${esc(p.first)}\t${esc(p.last)}\t${esc(p.email.toLowerCase())}\t${esc(JSON.stringify([p.email]))}\t${p.phone}\t${accountOf(i)}\t${now}\n`;
    }
  });
  await client.query('commit');
  const seconds = (performance.now() - start) / 1000;
  await client.query('drop table bare_contacts; drop table bare_accounts;');
  await client.end();
  return seconds;
};

/** Imports --contacts rows with accounts and dedupe and sets the time beside the bare driver's load. */
export const importBench = async (engine: Engine, rows: number): Promise<void> => {
  log(`\nimport (${engineName(engine)}): ${rows.toLocaleString('en')} rows, load average ${loadAverage()}`);
  const target = await freshWorkspace(engine, 'import', { NENNER_WORKER: '0' });
  const ctx: AppContext = { db: target.database.db, engine: target.database.engine, config: target.config };
  const csvFile = path.join(os.tmpdir(), `nenner-bench-import-${randomBytes(4).toString('hex')}.csv`);
  try {
    await migrateToLatest(target.database);
    await writeCsv(csvFile, rows);
    const user = await createUser(ctx, null, {
      email: 'import.bench@example.com',
      name: 'Import Bench',
      department: 'sales',
      role: 'member',
      password: 'bench import password',
    });
    const actor: Actor = {
      ...user,
      locale: 'de',
      timeZone: 'Europe/Berlin',
      via: 'session',
      credentialId: 'bench',
    } as Actor;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const loadBefore = loadAverage();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const created = await createImport(ctx, actor, 'contacts', 'bench.csv', fs.readFileSync(csvFile));
    const uploaded = (performance.now() - start) / 1000;
    await updateImport(ctx, actor, created.id, { dedupe: 'fill' });
    await runImport(ctx, actor, created.id);
    await runImportJob(ctx, { importId: created.id }, 3_600_000);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    const state = await ctx.db.selectFrom('imports').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    const contacts = Number(
      (
        await ctx.db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const accounts = Number(
      (
        await ctx.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (state.status !== 'done' || state.processed !== rows)
      throw new Error(`import ended ${state.status} at ${state.processed}`);
    log(
      `  import: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (upload ${uploaded.toFixed(1)} s; ` +
        `${Math.round(rows / seconds).toLocaleString('en')} rows/s): ${state.created} created, ${state.updated} updated, ` +
        `${state.skipped} skipped, ${state.failed} failed; ${contacts.toLocaleString('en')} contacts, ${accounts.toLocaleString('en')} accounts; ` +
        `peak RSS ${Math.round(peak / 2 ** 20)} MiB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load ${loadBefore} → ${loadAverage()}`,
    );
    const bare = await bareLoad(engine, target, rows);
    log(
      `  bare driver (${engine === 'sqlite' ? 'prepared INSERTs in one transaction' : 'COPY'}): the same ${rows.toLocaleString('en')} contacts ` +
        `and ${Math.ceil(rows / 10).toLocaleString('en')} accounts in ${bare.toFixed(1)} s; Nenner / bare = ${(seconds / bare).toFixed(1)}×`,
    );
  } finally {
    fs.rmSync(csvFile, { force: true });
    await target.dispose();
  }
};
