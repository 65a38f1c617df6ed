import { GoalListQuery, type Team, type User } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { updateAccount } from '../accounts/accounts.service.js';
import { getCampaign, updateCampaign } from '../campaigns/campaigns.service.js';
import { listGoals, updateGoal } from '../goals/goals.service.js';
import { createTeam, listTeams } from '../teams/teams.service.js';
import { findDemoAccounts, restampSince } from './demo.repository.js';
import type { DemoCampaigns } from './demoCampaigns.js';
import { asActor } from './demoLeads.js';
import { demoCalendar, joinedAt } from './demoTime.js';

export interface DemoTeams {
  /** Aylin (marketing) with Markus and Petra (sales): the accounts in Austria and Switzerland. */
  south: Team;
  /** Lena and Tim (marketing) with Jonas and Nico (sales): the existing customers. */
  customers: Team;
}

/** A demo user by email, as the services' actor. */
export const demoActor = (users: User[], email: string): Actor => {
  const u = users.find((x) => x.email === email);
  if (!u) throw new Error(`demo user ${email} missing`);
  return asActor(u);
};

/** How many accounts each team takes over, and how many of those get their marketing partner. */
const ACCOUNTS_PER_TEAM = 6;
const PAIRED_PER_TEAM = 3;

/**
 * Two mixed teams, founded about eleven months ago (before every project they run), and what they own
 * since today: accounts (half of them with the team's marketing partner beside the sales owner), the
 * campaigns and goals of their members. Written through the services, so every handover is audited.
 */
export const seedDemoTeams = async (ctx: AppContext, users: User[], campaigns: DemoCampaigns): Promise<DemoTeams> => {
  const cal = await demoCalendar(ctx);
  const actor = (email: string) => demoActor(users, email);
  const admin = actor('sabine.brandt@nenner.demo');
  const aylin = actor('aylin.demir@nenner.demo');
  const lena = actor('lena.vogt@nenner.demo');
  const markus = actor('markus.wolf@nenner.demo');
  const petra = actor('petra.huber@nenner.demo');
  const jonas = actor('jonas.keller@nenner.demo');
  const nico = actor('nico.frei@nenner.demo');

  const found = async (name: string, members: Actor[], day: number): Promise<Team> => {
    const team = await createTeam(ctx, admin, { name, memberIds: members.map((m) => m.id) });
    const at = cal.past(cal.day(day), '09:30');
    await cal.restamp('teams', { id: team.id }, ['created_at', 'updated_at'], at);
    await cal.restamp('timeline_entries', { entity_type: 'team', entity_id: team.id }, ['created_at'], at);
    return { ...team, createdAt: at, updatedAt: at };
  };
  const south = await found('Team Süd', [aylin, markus, petra], -340);
  const customers = await found('Team Bestandskunden', [lena, actor('tim.berger@nenner.demo'), jonas, nico], -338);
  // the lead flow's routing team (demoLeads) has been there since the workspace began
  const founded = new Date(Date.parse(joinedAt()) + 86_400_000).toISOString();
  for (const t of await listTeams(ctx)) {
    if (t.id === south.id || t.id === customers.id) continue;
    await restampSince(ctx.db, 'teams', { id: t.id }, ['created_at', 'updated_at'], joinedAt(), founded);
    await restampSince(
      ctx.db,
      'timeline_entries',
      { entity_type: 'team', entity_id: t.id },
      ['created_at'],
      joinedAt(),
      founded,
    );
  }

  const beforeNow = cal.past(cal.today, '23:59');
  const takeOver = async (team: Team, partner: Actor, accounts: Awaited<ReturnType<typeof findDemoAccounts>>) => {
    for (const [i, a] of accounts.slice(0, ACCOUNTS_PER_TEAM).entries()) {
      await updateAccount(ctx, admin, a.id, a.version, {
        teamId: team.id,
        ...(i < PAIRED_PER_TEAM && { marketingPartnerId: partner.id }),
      });
    }
  };
  await takeOver(
    south,
    aylin,
    await findDemoAccounts(ctx.db, {
      ownerIds: [markus.id, petra.id],
      createdBefore: beforeNow,
      countries: ['AT', 'CH'],
    }),
  );
  await takeOver(
    customers,
    lena,
    await findDemoAccounts(ctx.db, { ownerIds: [jonas.id, nico.id], createdBefore: beforeNow, openDeal: true }),
  );

  const own = [
    [south, campaigns.partner],
    [south, campaigns.webinar],
    [customers, campaigns.newsletter],
    [customers, campaigns.planned],
  ] as const;
  for (const [team, c] of own) {
    const current = await getCampaign(ctx, admin, c.id);
    await updateCampaign(ctx, admin, c.id, current.version, { teamId: team.id });
  }

  const goalTeams: Record<string, Team> = {
    'SQLs im Quartal': south,
    'MQLs im Monat': customers,
    'Leads in der SLA beantwortet': customers,
  };
  for (const goal of (await listGoals(ctx, GoalListQuery.parse({ limit: 100 }))).items) {
    const team = goalTeams[goal.name];
    if (team && !goal.team) await updateGoal(ctx, admin, goal.id, goal.version, { teamId: team.id });
  }
  return { south, customers };
};
