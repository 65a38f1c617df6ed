import {
  type CreatePilotFeedbackInput,
  type CreatePilotInput,
  contract,
  type EndpointRequest,
  type Project,
  type ProjectDepartment,
  type ProjectStage,
  type UpdateRequirementInput,
} from '@nenner/shared';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, useEndpoint, usePagedList } from '../../api/endpoints';

export type ProjectListQuery = NonNullable<EndpointRequest<typeof contract.listProjects>['query']>;

/** The board: up to 200 projects a page (a workspace has tens), most recently changed first. */
export const useProjectBoard = (query: ProjectListQuery) =>
  usePagedList(contract.listProjects, { query }, { pageSize: 200, keepPrevious: true });

export const useProject = (id: string) => useEndpoint(contract.getProject, { params: { id } });

/** The pilots and their summary move with every feedback and deal, so the page reads them again when it opens. */
export const usePilots = (id: string, enabled: boolean) =>
  useEndpoint(contract.listPilots, { params: { id } }, { enabled, staleTime: 0 });

export const usePilotSummary = (id: string, enabled: boolean) =>
  useEndpoint(contract.getPilotSummary, { params: { id } }, { enabled, staleTime: 0 });

/** The project's latest changes, for the notice that the sign-offs were reset. */
export const useProjectAudit = (id: string) =>
  useEndpoint(contract.listProjectTimeline, { params: { id }, query: { kind: 'audit', limit: 20 } }, { staleTime: 0 });

/**
 * After a write: the project as answered goes into the cache at once, then every project read (board,
 * timeline, pilots, a team's page) and the accounts (their pilot badge) are read again.
 */
const refresh = (qc: QueryClient, project?: Project) => {
  if (project) qc.setQueryData(keyOf(contract.getProject, { params: { id: project.id } }), project);
  return invalidate(qc, 'projects', 'accounts');
};

const useProjectWrite = <V>(write: (vars: V) => Promise<Project>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: (p) => void refresh(qc, p) });
};

export const useCreateProject = () =>
  useProjectWrite((input: object) =>
    call(contract.createProject, { body: input as EndpointRequest<typeof contract.createProject>['body'] }),
  );

export const useUpdateProject = (id: string) =>
  useProjectWrite(({ input, version }: { input: object; version: number }) =>
    call(contract.updateProject, {
      params: { id },
      body: input as EndpointRequest<typeof contract.updateProject>['body'],
      version,
    }),
  );

export const useDeleteProject = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(contract.deleteProject, { params: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: keyOf(contract.getProject, { params: { id } }) });
      void refresh(qc);
    },
  });
};

/** Moves the project on (or cancels it); a refusal reads the project again, so the page says what is open now. */
export const useAdvanceProject = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (stage: ProjectStage) => call(contract.advanceProject, { params: { id }, body: { stage } }),
    onSuccess: (p) => void refresh(qc, p),
    onError: () => void refresh(qc),
  });
};

export const useAddRequirement = (id: string) =>
  useProjectWrite((body: { department: ProjectDepartment; text: string }) =>
    call(contract.createRequirement, { params: { id }, body }),
  );

export const useUpdateRequirement = (id: string) =>
  useProjectWrite(({ rid, change }: { rid: string; change: UpdateRequirementInput }) =>
    call(contract.updateRequirement, { params: { id, rid }, body: change }),
  );

export const useDeleteRequirement = (id: string) =>
  useProjectWrite((rid: string) => call(contract.deleteRequirement, { params: { id, rid } }));

export const useSignoff = (id: string) => useProjectWrite(() => call(contract.createSignoff, { params: { id } }));

export const useWithdrawSignoff = (id: string) =>
  useProjectWrite(() => call(contract.deleteMySignoff, { params: { id } }));

/** After a pilot changed: its project (counts, timeline), the pilots, and the accounts' pilot badge. */
const usePilotWrite = <V, R>(write: (vars: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => void refresh(qc) });
};

export const useNominatePilot = (id: string) =>
  usePilotWrite((body: CreatePilotInput) => call(contract.createPilot, { params: { id }, body }));

export type PilotDecision = 'confirm' | 'decline' | 'end';

const decisionEndpoint = {
  confirm: contract.confirmPilot,
  decline: contract.declinePilot,
  end: contract.endPilot,
};

export const usePilotDecision = (id: string) =>
  usePilotWrite(({ pilotId, decision }: { pilotId: string; decision: PilotDecision }) =>
    call(decisionEndpoint[decision], { params: { id, pilotId } }),
  );

export const useAddPilotFeedback = (id: string) =>
  usePilotWrite(({ pilotId, body }: { pilotId: string; body: CreatePilotFeedbackInput }) =>
    call(contract.createPilotFeedback, { params: { id, pilotId }, body }),
  );
