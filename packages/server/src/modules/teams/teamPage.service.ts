import { type Department, departments, type TeamDetail, type UserRef } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { countAccountsOfTeam } from '../accounts/accounts.service.js';
import { countCampaignsOfTeam } from '../campaigns/campaigns.service.js';
import { countGoalsOfTeam } from '../goals/goals.service.js';
import { loadTeam } from './teams.service.js';

/*
 * The team page (issue 12): the team, its members per department and how much it owns. It lives apart
 * from teams.service so that the records' services can ask teams.service whether a team exists without
 * the two importing each other.
 */

/** Members per department, each list in the team's order (by name). */
export const membersByDepartment = (members: UserRef[]): Record<Department, UserRef[]> => {
  const out = Object.fromEntries(departments.map((d) => [d, [] as UserRef[]])) as Record<Department, UserRef[]>;
  for (const m of members) out[m.department as Department]?.push(m);
  return out;
};

/** One team with its members by department, its balance, and how many accounts, campaigns and goals it owns. */
export const getTeamPage = async (ctx: AppContext, _actor: Actor, id: string): Promise<TeamDetail> => {
  const team = await loadTeam(ctx.db, id);
  const [accounts, campaigns, goals] = await Promise.all([
    countAccountsOfTeam(ctx.db, id),
    countCampaignsOfTeam(ctx.db, id),
    countGoalsOfTeam(ctx.db, id),
  ]);
  return { ...team, membersByDepartment: membersByDepartment(team.members), owned: { accounts, campaigns, goals } };
};
