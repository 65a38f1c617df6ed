import { z } from 'zod';
import { Id, UserRef } from './common.js';
import { Team } from './leads.js';

// ——— Mixed teams (issue 12): what a team owns and its page ————————————————————————————————————

/** A team as the records it owns name it. */
export const TeamRef = z.object({ id: Id, name: z.string() });
export type TeamRef = z.infer<typeof TeamRef>;

/**
 * GET /api/teams/{id}: the team with its members per department (each list by name), its balance and
 * mixed badge, and how many accounts, campaigns and goals it owns. The team page lists those records
 * through the list endpoints' `teamId` filter.
 */
export const TeamDetail = Team.extend({
  membersByDepartment: z.object({
    marketing: z.array(UserRef),
    sales: z.array(UserRef),
    management: z.array(UserRef),
  }),
  /** Live records the team owns (accounts and campaigns in the trash are not counted). */
  owned: z.object({
    accounts: z.number().int(),
    campaigns: z.number().int(),
    goals: z.number().int(),
  }),
});
export type TeamDetail = z.infer<typeof TeamDetail>;
