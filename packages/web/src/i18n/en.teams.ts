import type { deTeams } from './de.teams';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English texts of mixed teams (issue 12): the team page, what a team owns, and the coverage of account pairs. */
export const enTeams: Strings<typeof deTeams> = {
  teams: {
    settingsLink: 'Settings',
    team: 'Team',
    noTeam: 'No team',
    allTeams: 'All teams',
    mixed: 'mixed',
    mixedHint: 'Marketing and sales work together in this team.',
    notMixedHint: 'Not mixed yet: bring in the other department so both plan together from the start.',
    members: 'Members',
    membersOf: '{{department}} ({{count}})',
    noMembers: 'Nobody from this department',
    balance: 'Marketing {{marketing}} · Sales {{sales}} · Management {{management}}',
    owned: '{{accounts}} accounts · {{campaigns}} campaigns · {{goals}} goals',
    goals: "The team's goals",
    noGoals: 'No goals for this team yet.',
    accounts: "The team's accounts",
    noAccounts: 'No accounts for this team yet.',
    campaigns: "The team's campaigns",
    noCampaigns: 'No campaigns for this team yet.',
    projects: "The team's projects",
    noProjects: 'No projects for this team yet.',
    project: 'Project',
    marketingLead: 'Marketing lead',
    salesLead: 'Sales lead',
    showAll: 'Show all',
    open: 'Open team {{name}}',
  },
  coverage: {
    title: 'Account pairs',
    figureLabel: 'Share of accounts with an open deal that have both sales and marketing on board',
    ofTotal: '{{paired}} of {{total}} accounts with an open deal have an owner and a marketing partner.',
    none: 'No account has an open deal yet.',
    missingPartner_one: '{{count}} account still without a marketing partner',
    missingPartner_other: '{{count}} accounts still without a marketing partner',
    missingOwner_one: '{{count}} account still without an owner',
    missingOwner_other: '{{count}} accounts still without an owner',
  },
  accountFilters: {
    pair: 'Pair',
    pairAll: 'All',
    pairBoth: 'Owner and partner',
    pairMissingPartner: 'No marketing partner',
    openDeals: 'Only with an open deal',
  },
};
