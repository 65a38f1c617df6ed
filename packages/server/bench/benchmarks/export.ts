/*
 * export (issue 16), on a workspace of its own (no seeded database, no child servers: Nenner runs in this
 * process): --contacts contacts are written straight into a fresh database, then
 * GET /api/contacts/export?format=csv&locale=de is read to its end over HTTP. Reports the seconds, rows per
 * second, megabytes, peak RSS and CPU seconds of this process (server and client together) and the load
 * average, so a figure measured on a busy machine says so (CPU seconds barely depend on the load). Target: 1M contacts ≤ 20 s.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import type { AppContext } from '../../src/context.js';
import { insertRows } from '../../src/db/copy.js';
import { migrateToLatest } from '../../src/db/database.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { type Engine, engineName, log } from '../lib/env.js';
import { freshWorkspace, loadAverage } from '../lib/workspace.js';

const PASSWORD = 'bench export password';
const BATCH = 1000;

const firstNames = ['Anna', 'Jörg', 'Zoë', 'Mehmet', 'Sören', 'Łukasz', 'Ines', 'Björn'];
const lastNames = ['Müller', 'Schäfer', 'Weiß', 'Öztürk', 'Groß', 'Keller', 'Nguyen', 'Brandt'];

/** n contacts written in batches, as an import would leave them (no API round trips). */
const seedContacts = async (ctx: AppContext, n: number) => {
  const now = new Date().toISOString();
  for (let start = 0; start < n; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + BATCH); i += 1) {
      const first = firstNames[i % firstNames.length] ?? 'Anna';
      const last = `${lastNames[i % lastNames.length] ?? 'Müller'} ${i}`;
      const email = `kontakt${i}@beispiel${i % 997}.de`;
      rows.push({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        first_name: first,
        last_name: last,
        sort_first_name: first.toLowerCase(),
        sort_last_name: last.toLowerCase(),
        email,
        emails: JSON.stringify([email]),
        phone: `+49 30 ${1_000_000 + i}`,
        job_title: i % 3 === 0 ? 'Einkauf' : null,
        account_id: null,
        owner_id: null,
        lifecycle_stage: 'lead',
        source: 'import',
        tags: '[]',
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
    }
    // by COPY on PostgreSQL (the triggers still keep the search documents)
    await insertRows(ctx.db, 'contacts', rows);
  }
  if (ctx.engine === 'postgres') await sql`analyze contacts`.execute(ctx.db);
};

/** Exports --contacts contacts as German CSV over HTTP and reports the time, size and memory. */
export const exportBench = async (engine: Engine, contacts: number): Promise<void> => {
  log(`\nexport (${engineName(engine)}): ${contacts.toLocaleString('en')} contacts, load average ${loadAverage()}`);
  const { database, config, dispose } = await freshWorkspace(engine, 'export', { NENNER_WORKER: '0' });
  const ctx: AppContext = { db: database.db, engine: database.engine, config };
  await migrateToLatest(database);
  const seedStart = performance.now();
  await seedContacts(ctx, contacts);
  log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const user = await createUser(ctx, null, {
    email: 'export.bench@example.com',
    name: 'Export Bench',
    department: 'sales',
    // a member: an admin may be asked to enrol a second factor before the API answers (issue 20)
    role: 'member',
    password: PASSWORD,
  });
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const loadBefore = loadAverage();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const res = await fetch(`${url}/api/contacts/export?format=csv&locale=de`, { headers: { cookie } });
    if (!res.ok || !res.body) throw new Error(`export → ${res.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      // the client shares the server's thread: count lines natively, not byte by byte in JavaScript
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    const rows = lines - 1;
    if (rows !== contacts) throw new Error(`export wrote ${rows} rows, not ${contacts}`);
    log(
      `  GET /api/contacts/export?format=csv&locale=de: ${rows.toLocaleString('en')} rows, ` +
        `${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rows / seconds).toLocaleString('en')} rows/s), peak RSS ${Math.round(peak / 2 ** 20)} MiB, ` +
        `CPU ${cpuSeconds.toFixed(1)} s (server and client, one process), ` +
        `load average before ${loadBefore}, after ${loadAverage()}; target for 1M ≤ 20 s`,
    );
  } finally {
    await app.close();
    await dispose();
  }
};
