import { randomBytes } from 'node:crypto';
import { sortKey } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { AccountsTable, ContactsTable, TimelineEntriesTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { createUser } from '../users/users.service.js';
import { findActiveUserByEmails, insertSeedRows } from './demo.repository.js';
import { seedDemoCampaignActivity, seedDemoCampaigns } from './demoCampaigns.js';
import { seedDemoDeals } from './demoDeals.js';
import { seedDemoEvents } from './demoEvents.js';
import { seedDemoGoals } from './demoGoals.js';
import { seedDemoLeadHistory } from './demoLeadHistory.js';
import { seedDemoLeads } from './demoLeads.js';
import { seedDemoProjects } from './demoProjects.js';
import { seedDemoRotations } from './demoRotations.js';
import { seedDemoWebVisits, settleDemoStory } from './demoStory.js';
import { seedDemoTeams } from './demoTeams.js';
import { demoCalendar, joinedAt } from './demoTime.js';
import { createRandom, generateAccount, generateContact } from './generator.js';

/** The demo password the tests, benches and journeys set through NENNER_DEMO_PASSWORD; never a default. */
export const DEMO_PASSWORD = 'nenner-demo';

/**
 * The demo users' password: NENNER_DEMO_PASSWORD when set, else a random one per install (issue 15: a
 * public default password on admin accounts is a way in), which the first start prints once.
 */
export const demoPasswordOf = (ctx: AppContext): string =>
  ctx.config.demoPassword ?? `demo-${randomBytes(12).toString('base64url')}`;

export const demoUsers = [
  { email: 'lena.vogt@nenner.demo', name: 'Lena Vogt', department: 'marketing', role: 'member', locale: 'de' },
  { email: 'jonas.keller@nenner.demo', name: 'Jonas Keller', department: 'sales', role: 'member', locale: 'de' },
  { email: 'sabine.brandt@nenner.demo', name: 'Sabine Brandt', department: 'management', role: 'admin', locale: 'de' },
  { email: 'aylin.demir@nenner.demo', name: 'Aylin Demir', department: 'marketing', role: 'member', locale: 'de' },
  { email: 'tim.berger@nenner.demo', name: 'Tim Berger', department: 'marketing', role: 'admin', locale: 'en' },
  { email: 'markus.wolf@nenner.demo', name: 'Markus Wolf', department: 'sales', role: 'member', locale: 'de' },
  { email: 'petra.huber@nenner.demo', name: 'Petra Huber', department: 'sales', role: 'member', locale: 'de' },
  { email: 'nico.frei@nenner.demo', name: 'Nico Frei', department: 'sales', role: 'member', locale: 'de' },
  { email: 'viktor.lang@nenner.demo', name: 'Viktor Lang', department: 'management', role: 'viewer', locale: 'de' },
] as const;

const notes = [
  'Erstgespräch geführt: Interesse an der **DACH-Einführung** im Q2. Nächster Schritt: Demo mit dem Einkauf.',
  'Webinar-Teilnahme „Vertrieb & Marketing als ein Team“ — hat zwei Fragen zur Lead-Übergabe gestellt.',
  'Messekontakt von der Hannover Messe. Bitte Unterlagen zum Pilotprogramm schicken.',
  'Budgetfreigabe erst nach dem Geschäftsjahreswechsel (Oktober).',
  'Wettbewerber im Haus: aktuell Tabellen + altes CRM. Schmerzpunkt: Leads gehen verloren.',
];

/** Whether the demo workspace is in use: one of its users is still active (issue 15: the banner). */
export const isDemoInUse = async (ctx: AppContext): Promise<boolean> =>
  (await findActiveUserByEmails(
    ctx.db,
    demoUsers.map((u) => u.email),
  )) !== undefined;

/** Fills an empty workspace with demo users, ~200 accounts and ~1,000 contacts; same data every time. */
export const seedDemoWorkspace = async (
  ctx: AppContext,
  size: { accounts: number; contactsPerAccount: number } = { accounts: 200, contactsPerAccount: 5 },
): Promise<{ users: { email: string; name: string; department: string; role: string }[]; password: string }> => {
  const cal = await demoCalendar(ctx);
  const password = demoPasswordOf(ctx);
  const users = [];
  for (const u of demoUsers) users.push(await createUser(ctx, null, { ...u, password }));
  // the team has worked with Nenner since before the oldest demo record
  for (const u of users) {
    await cal.restamp('users', { id: u.id }, ['created_at', 'updated_at'], joinedAt());
    await cal.restamp('timeline_entries', { entity_type: 'user', entity_id: u.id }, ['created_at'], joinedAt());
  }
  const sales = users.filter((u) => u.department === 'sales');
  const marketing = users.filter((u) => u.department === 'marketing');
  const rnd = createRandom(20_261_127);
  const start = Date.parse('2025-01-06T08:00:00Z');
  const span = Date.parse('2026-11-20T17:00:00Z') - start;
  const accounts: AccountsTable[] = [];
  const contacts: ContactsTable[] = [];
  const timeline: TimelineEntriesTable[] = [];

  for (let i = 0; i < size.accounts; i++) {
    const a = generateAccount(rnd, i);
    const owner = rnd.next() < 0.85 ? rnd.pick(sales) : null;
    const at = new Date(start + Math.floor(rnd.next() * span)).toISOString();
    const accountId = newId(Date.parse(at));
    accounts.push({
      id: accountId,
      name: a.name,
      sort_name: sortKey(a.name),
      domain: a.domain,
      industry: a.industry,
      employee_band: a.employeeBand,
      country: a.country,
      city: a.city,
      postcode: a.postcode,
      owner_id: owner?.id ?? null,
      marketing_partner_id: null,
      team_id: null,
      tags: JSON.stringify(a.tags),
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
    const author = owner ?? rnd.pick(marketing);
    timeline.push(entry('account', accountId, 'audit', 'created', author, null, at, accountId));
    if (rnd.next() < 0.3)
      timeline.push(
        entry('account', accountId, 'note', null, rnd.pick(users), rnd.pick(notes), later(at, rnd.next()), accountId),
      );
    const count = rnd.int(size.contactsPerAccount - 3, size.contactsPerAccount + 3);
    for (let j = 0; j < Math.max(1, count); j++) {
      const c = generateContact(rnd, a, contacts.length);
      const cAt = later(at, rnd.next());
      const contactId = newId(Date.parse(cAt));
      const creator = rnd.next() < 0.6 ? rnd.pick(marketing) : (owner ?? rnd.pick(sales));
      contacts.push({
        id: contactId,
        first_name: c.firstName,
        last_name: c.lastName,
        sort_first_name: sortKey(c.firstName),
        sort_last_name: sortKey(c.lastName),
        email: c.email.toLowerCase(),
        emails: JSON.stringify([c.email]),
        phone: c.phone,
        job_title: c.jobTitle,
        account_id: accountId,
        owner_id: owner?.id ?? null,
        lifecycle_stage: c.lifecycleStage,
        source: c.source,
        tags: JSON.stringify(c.tags),
        version: 1,
        created_at: cAt,
        updated_at: cAt,
        deleted_at: null,
      });
      timeline.push(entry('contact', contactId, 'audit', 'created', creator, null, cAt, accountId));
      if (rnd.next() < 0.15) {
        timeline.push(
          entry(
            'contact',
            contactId,
            'note',
            null,
            rnd.pick(users),
            rnd.pick(notes),
            later(cAt, rnd.next()),
            accountId,
          ),
        );
      }
    }
  }
  await ctx.db.transaction().execute((trx) => insertSeedRows(trx, { accounts, contacts, timeline }));
  const campaigns = await seedDemoCampaigns(ctx, users);
  await seedDemoLeads(ctx, users);
  await seedDemoDeals(ctx, users, { accounts, contacts });
  await seedDemoCampaignActivity(ctx, users, campaigns, { contacts });
  await seedDemoGoals(ctx, users);
  const teams = await seedDemoTeams(ctx, users, campaigns);
  await seedDemoProjects(ctx, users, campaigns, teams);
  await seedDemoRotations(ctx, users);
  await seedDemoEvents(ctx, users, campaigns, teams);
  await seedDemoLeadHistory(ctx, users, campaigns);
  await seedDemoWebVisits(ctx, contacts);
  await settleDemoStory(ctx);
  return {
    users: users.map(({ email, name, department, role }) => ({ email, name, department, role })),
    password,
  };
};

const later = (iso: string, fraction: number) => {
  const from = Date.parse(iso);
  const until = Math.max(from, Date.parse('2026-11-26T17:00:00Z'));
  return new Date(from + Math.floor((until - from) * fraction * 0.5)).toISOString();
};

const entry = (
  entityType: string,
  entityId: string,
  kind: 'audit' | 'note',
  action: string | null,
  actor: { id: string; department: string },
  body: string | null,
  at: string,
  accountId: string,
): TimelineEntriesTable => ({
  id: newId(Date.parse(at)),
  entity_type: entityType,
  entity_id: entityId,
  kind,
  action,
  actor_id: actor.id,
  department: actor.department,
  body,
  data: null,
  created_at: at,
  // the account's 360° view shows its contacts' history too; bulk rows skip the lookup that fills it
  account_id: accountId,
});
