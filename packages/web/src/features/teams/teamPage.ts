import { type Department, departments, type TeamDetail, type UserRef } from '@nenner/shared';
import type { AccountsSearch } from '../accounts/accountsSearch';

/** The team page's member columns: marketing, sales, management, each with its members by name. */
export const memberSections = (team: Pick<TeamDetail, 'membersByDepartment'>) =>
  departments.map((department: Department) => ({
    department,
    members: team.membersByDepartment[department] as UserRef[],
  }));

/**
 * Where "still without a marketing partner" leads: the account list showing exactly the accounts the
 * coverage figure counts there (an owner, no partner, an open deal), of the team when one is given.
 */
export const missingPartnerSearch = (teamId?: string): AccountsSearch => ({
  pair: 'missing_partner',
  openDeals: true,
  ...(teamId && { teamId }),
});

/** The figure's colour: calm when most accounts are paired, a nudge (never an alarm) when few are. */
export const coverageColor = (shareRatio: number | null): string =>
  shareRatio === null ? 'gray' : shareRatio >= 0.8 ? 'teal' : shareRatio >= 0.5 ? 'yellow' : 'orange';
