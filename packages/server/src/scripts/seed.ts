/*
 * npm run seed -- --contacts 1000000 [--accounts 200000] [--append | --force]
 *
 * Fills the configured database (NENNER_DATA_DIR or DATABASE_URL, as the server reads them) with a large,
 * deterministic synthetic workspace for benchmarks: the demo users, then accounts and contacts owned by the
 * sales users. Bulk loads go through the raw drivers (prepared statements on SQLite, COPY on PostgreSQL).
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { DEMO_PASSWORD, demoUsers } from '../modules/demo/demo.service.js';
import { findUserByEmail } from '../modules/users/users.repository.js';
import { createUser } from '../modules/users/users.service.js';
import { loadPostgres } from './seed.postgres.js';
import { loadSqlite } from './seed.sqlite.js';

const usage = `Usage: npm run seed -- --contacts N [--accounts M] [--append | --force]

  --contacts N   contacts to create (required; 1000000 for the benchmarks)
  --accounts M   accounts to create (default N/5)
  --append       add to a workspace that already has contacts
  --force        delete all existing accounts and contacts (and their timelines) first
`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(1);
};

const { values } = parseArgs({
  options: {
    contacts: { type: 'string' },
    accounts: { type: 'string' },
    append: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const count = (v: string | undefined, name: string) => {
  const n = Number(v?.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a whole number ≥ 0 (got ${v ?? 'nothing'})`);
  return n;
};
if (values.contacts === undefined) fail('--contacts is required');
const contacts = count(values.contacts, 'contacts');
const accounts =
  values.accounts === undefined ? Math.max(1, Math.ceil(contacts / 5)) : count(values.accounts, 'accounts');
if (contacts > 0 && accounts === 0) fail('Contacts need accounts: --accounts must be ≥ 1');
if (values.append && values.force) fail('Use either --append or --force, not both');

const config = loadConfig();
const started = performance.now();
const log = (line: string) => process.stdout.write(`${line}\n`);
const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
log(`Seeding ${where}: ${accounts.toLocaleString('en')} accounts, ${contacts.toLocaleString('en')} contacts`);

const database = openDatabase(config.database);
let offset = 0;
let ownerIds: string[] = [];
try {
  await migrateToLatest(database);
  const ctx = { db: database.db, engine: database.engine, config };
  const { db } = database;

  const existing = await db.selectFrom('contacts').select('id').limit(1).executeTakeFirst();
  if (existing && !values.append && !values.force) {
    fail(
      `${where} already has contacts. Seeding would mix them with synthetic ones.\n` +
        'Pass --append to add to them, or --force to delete all accounts and contacts first.',
    );
  }
  if (existing && values.force) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('timeline_entries').where('entity_type', 'in', ['account', 'contact']).execute();
      await trx.deleteFrom('contacts').execute();
      await trx.deleteFrom('accounts').execute();
    });
    log('  deleted the existing accounts and contacts (--force)');
  }
  if (values.append) {
    // Distinct record numbers keep the appended domains and emails apart from the earlier ones.
    const { n } = await db.selectFrom('contacts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    offset = Number(n);
  }

  let created = 0;
  for (const user of demoUsers) {
    if (await findUserByEmail(db, user.email)) continue;
    await createUser(ctx, null, { ...user, password: DEMO_PASSWORD });
    created++;
  }
  if (created > 0) log(`  created ${created} demo users (password: ${DEMO_PASSWORD})`);
  const sales = await db
    .selectFrom('users')
    .select('id')
    .where('department', '=', 'sales')
    .where('active', '=', 1)
    .orderBy('email')
    .execute();
  ownerIds = sales.map((u) => u.id);
} finally {
  await database.close();
}

const loadStarted = performance.now();
const plan = { accounts, contacts, ownerIds, offset };
if (config.database.kind === 'sqlite') await loadSqlite(config.database.file, plan, log);
else await loadPostgres(config.database.url, plan, log);
const loadSeconds = (performance.now() - loadStarted) / 1000;
const totalSeconds = (performance.now() - started) / 1000;
const rows = accounts + contacts;
log(
  `Done: ${rows.toLocaleString('en')} rows in ${loadSeconds.toFixed(1)} s ` +
    `(${Math.round(rows / loadSeconds).toLocaleString('en')} rows/s with indexes; ${totalSeconds.toFixed(1)} s in all)`,
);
