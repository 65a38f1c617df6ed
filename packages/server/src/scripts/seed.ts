/*
 * npm run seed -- --contacts 1000000 [--accounts 200000] [--handoffs 200000] [--deals 100000]
 *                  [--campaigns 200] [--touchpoints 5000000] [--account-timeline 100000] [--append | --force]
 *
 * Fills the configured database (NENNER_DATA_DIR or DATABASE_URL, as the server reads them) with a large,
 * deterministic synthetic workspace for benchmarks: the demo users, then accounts and contacts owned by the
 * sales users (with their duplicate keys and funnel stamps), lead handoffs, deals in the default pipeline,
 * campaigns with the contacts' touchpoints, and one big account with a long 360° timeline. Bulk loads go through the raw drivers (prepared statements on SQLite, COPY on
 * PostgreSQL).
 */
import { parseArgs } from 'node:util';
import type { SlaSettings } from '@nenner/shared';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { DEMO_PASSWORD, demoUsers } from '../modules/demo/demo.service.js';
import { ensureDefaultPipeline, resolvePipeline } from '../modules/pipelines/pipelines.service.js';
import { defaultSla } from '../modules/settings/settings.defaults.js';
import { readSetting } from '../modules/settings/settings.service.js';
import { findUserByEmail } from '../modules/users/users.repository.js';
import { createUser } from '../modules/users/users.service.js';
import { emptyForcedTables, forcedTables } from './seed.force.js';
import { loadPostgres } from './seed.postgres.js';
import type { SeedPlan } from './seed.rows.js';
import { loadSqlite } from './seed.sqlite.js';

const usage = `Usage: npm run seed -- --contacts N [--accounts M] [--handoffs H] [--deals D] [--campaigns C]
                       [--touchpoints P] [--account-timeline T] [--append | --force]

  --contacts N          contacts to create (required; 1000000 for the benchmarks)
  --accounts M          accounts to create (default N/5)
  --handoffs H          lead handoffs, qualified over the last year (default N/5)
  --deals D             deals in the default pipeline created over the last year: half open (over its open
                        stages), 30% won, 20% lost; their contacts were touched before (default N/10)
  --campaigns C         campaigns over the last two years, with UTM keys and costs (default 200)
  --touchpoints P       touchpoints of the contacts over the last two years, most on a campaign (default 5·N)
  --account-timeline T  timeline entries of one big account (the first), over its contacts, deals and itself
                        (default N/10)
  --append              add to a workspace that already has contacts
  --force               delete all existing accounts, contacts, campaigns and what refers to them (deals,
                        handoffs, timelines, events, pilots, …) first
`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(1);
};

const { values } = parseArgs({
  options: {
    contacts: { type: 'string' },
    accounts: { type: 'string' },
    handoffs: { type: 'string' },
    deals: { type: 'string' },
    campaigns: { type: 'string' },
    touchpoints: { type: 'string' },
    'account-timeline': { type: 'string' },
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
const orDefault = (name: 'handoffs' | 'deals' | 'touchpoints' | 'account-timeline', share: number) =>
  values[name] === undefined ? Math.round(contacts * share) : count(values[name], name);
const handoffs = orDefault('handoffs', 0.2);
const deals = orDefault('deals', 0.1);
const touchpoints = orDefault('touchpoints', 5);
const campaignCount = values.campaigns === undefined ? 200 : count(values.campaigns, 'campaigns');
const accountTimeline = orDefault('account-timeline', 0.1);
if (contacts > 0 && accounts === 0) fail('Contacts need accounts: --accounts must be ≥ 1');
if (values.append && values.force) fail('Use either --append or --force, not both');

const config = loadConfig();
const started = performance.now();
const log = (line: string) => process.stdout.write(`${line}\n`);
const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
const en = (n: number) => n.toLocaleString('en');
log(
  `Seeding ${where}: ${en(accounts)} accounts, ${en(contacts)} contacts, ${en(handoffs)} handoffs, ` +
    `${en(deals)} deals, ${en(campaignCount)} campaigns, ${en(touchpoints)} touchpoints, ` +
    `${en(accountTimeline)} timeline entries of the big account`,
);

const database = openDatabase(config.database);
let offset = 0;
let ownerIds: string[] = [];
let users: { id: string; department: string }[] = [];
let pipeline: SeedPlan['pipeline'] = null;
let sla: SlaSettings | undefined;
try {
  await migrateToLatest(database);
  const ctx = { db: database.db, engine: database.engine, config };
  const { db } = database;

  const existing = await db.selectFrom('contacts').select('id').limit(1).executeTakeFirst();
  if (existing && !values.append && !values.force) {
    fail(
      `${where} already has contacts. Seeding would mix them with synthetic ones.\n` +
        'Pass --append to add to them, or --force to delete all accounts, contacts and campaigns first.',
    );
  }
  if (existing && values.force) {
    const t = performance.now();
    await emptyForcedTables(database);
    log(
      `  deleted the existing accounts, contacts, campaigns and what refers to them (--force) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${forcedTables.join(', ')}`,
    );
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
  users = await db
    .selectFrom('users')
    .select(['id', 'department'])
    .where('active', '=', 1)
    .where('department', 'in', ['sales', 'marketing'])
    .orderBy('email')
    .execute();
  await ensureDefaultPipeline(ctx);
  const { pipeline: p, stages } = await resolvePipeline(db);
  pipeline = { id: p.id, stages: stages.map((st) => ({ id: st.id, kind: st.kind })) };
  sla = (await readSetting(db, 'sla')).value;
} finally {
  await database.close();
}

const loadStarted = performance.now();
const plan: SeedPlan = {
  accounts,
  contacts,
  ownerIds,
  offset,
  handoffs,
  deals,
  campaigns: campaignCount,
  touchpoints,
  accountTimeline,
  pipeline,
  sla: sla ?? defaultSla,
  users,
};
const rows =
  config.database.kind === 'sqlite'
    ? await loadSqlite(config.database.file, plan, log)
    : await loadPostgres(config.database.url, plan, log);
const loadSeconds = (performance.now() - loadStarted) / 1000;
const totalSeconds = (performance.now() - started) / 1000;
log(
  `Done: ${rows.toLocaleString('en')} rows in ${loadSeconds.toFixed(1)} s ` +
    `(${Math.round(rows / loadSeconds).toLocaleString('en')} rows/s with indexes; ${totalSeconds.toFixed(1)} s in all)`,
);
