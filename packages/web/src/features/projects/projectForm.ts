import type { Department, Project } from '@nenner/shared';

/** What the project form edits: the name, the goal statement, the team and a lead from each department. */
export type ProjectDraft = {
  name: string;
  goalStatement: string;
  teamId: string | null;
  marketingLeadId: string | null;
  salesLeadId: string | null;
  /** Create only: start right in planning instead of as an idea. */
  startInPlanning: boolean;
};

/** A new project: whoever starts it from marketing or sales leads it for their department (as the server would). */
export const emptyProjectDraft = (me: { id: string; department: Department }): ProjectDraft => ({
  name: '',
  goalStatement: '',
  teamId: null,
  marketingLeadId: me.department === 'marketing' ? me.id : null,
  salesLeadId: me.department === 'sales' ? me.id : null,
  startInPlanning: false,
});

export const projectToDraft = (p: Project): ProjectDraft => ({
  name: p.name,
  goalStatement: p.goalStatement ?? '',
  teamId: p.team?.id ?? null,
  marketingLeadId: p.marketingLead?.id ?? null,
  salesLeadId: p.salesLead?.id ?? null,
  startInPlanning: p.stage === 'planning',
});

/** A new project's body: every field (a lead left empty is sent as null, so no default replaces it). */
export const draftToCreateInput = (d: ProjectDraft): Record<string, unknown> => ({
  name: d.name.trim(),
  goalStatement: d.goalStatement.trim() || null,
  teamId: d.teamId,
  marketingLeadId: d.marketingLeadId,
  salesLeadId: d.salesLeadId,
  stage: d.startInPlanning ? 'planning' : 'idea',
});

/** An edit's body: only what changed (the stage moves through „advance“, never through the form). */
export const draftToUpdateInput = (changes: Partial<ProjectDraft>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  if (changes.name !== undefined) out.name = changes.name.trim();
  if (changes.goalStatement !== undefined) out.goalStatement = changes.goalStatement.trim() || null;
  if (changes.teamId !== undefined) out.teamId = changes.teamId;
  if (changes.marketingLeadId !== undefined) out.marketingLeadId = changes.marketingLeadId;
  if (changes.salesLeadId !== undefined) out.salesLeadId = changes.salesLeadId;
  return out;
};

/** What the form checks itself, in the user's words (keys of `projects.formErrors`), by the API's paths. */
export type ProjectIssue = 'nameRequired';

export const projectDraftIssues = (d: ProjectDraft): Record<string, ProjectIssue> => {
  const out: Record<string, ProjectIssue> = {};
  if (!d.name.trim()) out.name = 'nameRequired';
  return out;
};

/** The linked records' ids per kind, as the edit form holds them and the API takes them. */
export interface LinkIds {
  campaignIds: string[];
  goalIds: string[];
  dealIds: string[];
  accountIds: string[];
}

export const linkKinds = [
  ['campaigns', 'campaignIds'],
  ['goals', 'goalIds'],
  ['deals', 'dealIds'],
  ['accounts', 'accountIds'],
] as const satisfies readonly (readonly [keyof Project['links'], keyof LinkIds])[];

export const linksToIds = (links: Project['links']): LinkIds => ({
  campaignIds: links.campaigns.map((x) => x.id),
  goalIds: links.goals.map((x) => x.id),
  dealIds: links.deals.map((x) => x.id),
  accountIds: links.accounts.map((x) => x.id),
});

/** Only the link lists that changed (order does not count): a list sent replaces the stored one. */
export const changedLinks = (before: LinkIds, after: LinkIds): Partial<LinkIds> => {
  const out: Partial<LinkIds> = {};
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
  for (const [, key] of linkKinds) if (!same(before[key], after[key])) out[key] = after[key];
  return out;
};
