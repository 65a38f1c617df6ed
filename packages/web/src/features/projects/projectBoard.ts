import type { ProjectListItem, ProjectStage } from '@nenner/shared';

/** The board's columns, in the order a project moves; `cancelled` is folded away below them. */
export const boardStages = ['idea', 'planning', 'pilot', 'rollout', 'done'] as const satisfies readonly ProjectStage[];
export type BoardStage = (typeof boardStages)[number];

export interface ProjectBoardColumns<P> {
  columns: { stage: BoardStage; projects: P[] }[];
  cancelled: P[];
}

/** Projects by stage: one column per stage (empty ones too, so the board keeps its shape), cancelled apart. */
export const groupByStage = <P extends Pick<ProjectListItem, 'stage'>>(
  projects: readonly P[],
): ProjectBoardColumns<P> => {
  const columns = boardStages.map((stage) => ({ stage, projects: [] as P[] }));
  const cancelled: P[] = [];
  for (const p of projects) {
    const column = columns.find((c) => c.stage === p.stage);
    if (column) column.projects.push(p);
    else cancelled.push(p);
  }
  return { columns, cancelled };
};

/** The board's filters as the user sets them: '' is "all". */
export interface ProjectBoardFilter {
  teamId: string;
  /** A user who leads projects, for either department. */
  leadId: string;
}

export const emptyBoardFilter: ProjectBoardFilter = { teamId: '', leadId: '' };

/** The list query for the filters: only what is set. */
export const boardQuery = (f: ProjectBoardFilter): { teamId?: string; leadId?: string } => ({
  ...(f.teamId && { teamId: f.teamId }),
  ...(f.leadId && { leadId: f.leadId }),
});

/** Whether a project shows under the filters (the server filters the same way; used for what is already loaded). */
export const matchesBoardFilter = (
  p: Pick<ProjectListItem, 'team' | 'marketingLead' | 'salesLead'>,
  f: ProjectBoardFilter,
): boolean =>
  (!f.teamId || p.team?.id === f.teamId) &&
  (!f.leadId || p.marketingLead?.id === f.leadId || p.salesLead?.id === f.leadId);

interface LeadCandidate {
  id: string;
  name: string;
  department: string;
  active: boolean;
}

/**
 * The people a project can be filtered by, grouped by department: active marketing and sales users (a
 * project has one lead from each), plus whoever is picked now, so an inactive lead still shows.
 */
export const leadChoices = (
  users: readonly LeadCandidate[],
  picked: string,
): { department: 'marketing' | 'sales'; users: { id: string; name: string }[] }[] =>
  (['marketing', 'sales'] as const).map((department) => ({
    department,
    users: users
      .filter((u) => u.department === department && (u.active || u.id === picked))
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
