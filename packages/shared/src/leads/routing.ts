/**
 * Lead routing: the account's owner first, then territory rules in order (country, postcode prefix,
 * industry) to a sales team, round-robin among its active members; otherwise the fallback queue.
 * Every result names the rule that made it.
 */

export interface TerritoryRule {
  id: string;
  name: string;
  /** Empty or missing lists match anything; all given lists must match. */
  countries?: string[];
  postcodePrefixes?: string[];
  industries?: string[];
  teamId: string;
}

export interface RoutingTeam {
  id: string;
  /** Members in a stable order (e.g. by name). */
  memberIds: string[];
}

export interface RoutingLead {
  accountOwnerId: string | null;
  country: string | null;
  postcode: string | null;
  industry: string | null;
}

/** Per team, the member who got the last lead. */
export type RoundRobinState = Record<string, string>;

export type RoutingDecision =
  | { rule: 'account_owner'; assigneeId: string; teamId: null }
  | { rule: 'territory'; ruleId: string; ruleName: string; assigneeId: string; teamId: string }
  | { rule: 'fallback'; assigneeId: null; teamId: null };

const norm = (s: string | null) => (s ?? '').trim().toLocaleLowerCase('de');

const ruleMatches = (rule: TerritoryRule, lead: RoutingLead): boolean => {
  if (rule.countries?.length && !rule.countries.some((c) => norm(c) === norm(lead.country))) return false;
  if (rule.postcodePrefixes?.length) {
    const postcode = norm(lead.postcode).replace(/\s/g, '');
    if (!postcode || !rule.postcodePrefixes.some((p) => postcode.startsWith(norm(p)))) return false;
  }
  if (rule.industries?.length && !rule.industries.some((i) => norm(i) === norm(lead.industry))) return false;
  return true;
};

/** The next active member after the one who got the last lead, in the team's order. */
const nextInTurn = (members: string[], active: ReadonlySet<string>, last: string | undefined): string | undefined => {
  const start = last === undefined ? -1 : members.indexOf(last);
  for (let step = 1; step <= members.length; step++) {
    const candidate = members[(start + step + members.length) % members.length];
    if (candidate !== undefined && active.has(candidate)) return candidate;
  }
  return undefined;
};

/**
 * Decides who gets a lead. `activeUserIds` filters owners and team members who left or were
 * deactivated; the returned state is the round-robin state after this assignment.
 */
export const routeLead = (
  lead: RoutingLead,
  config: { rules: TerritoryRule[]; teams: RoutingTeam[] },
  state: RoundRobinState,
  activeUserIds: ReadonlySet<string>,
): { decision: RoutingDecision; state: RoundRobinState } => {
  if (lead.accountOwnerId && activeUserIds.has(lead.accountOwnerId)) {
    return { decision: { rule: 'account_owner', assigneeId: lead.accountOwnerId, teamId: null }, state };
  }
  for (const rule of config.rules) {
    if (!ruleMatches(rule, lead)) continue;
    const team = config.teams.find((t) => t.id === rule.teamId);
    const assigneeId = nextInTurn(team?.memberIds ?? [], activeUserIds, state[rule.teamId]);
    if (!assigneeId) continue; // a team without active members cannot take the lead: try the next rule
    return {
      decision: { rule: 'territory', ruleId: rule.id, ruleName: rule.name, assigneeId, teamId: rule.teamId },
      state: { ...state, [rule.teamId]: assigneeId },
    };
  }
  return { decision: { rule: 'fallback', assigneeId: null, teamId: null }, state };
};
