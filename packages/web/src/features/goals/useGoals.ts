import { contract, type EndpointRequest, type GoalSettings } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, useEndpoint, usePagedList } from '../../api/endpoints';

export type GoalFilter = NonNullable<EndpointRequest<typeof contract.listGoals>['query']>;

/** The metric catalogue; it changes only with a release. */
export const useGoalMetrics = () => useEndpoint(contract.listGoalMetrics, {}, { staleTime: 10 * 60_000 });

/** Goals with their progress, one page at a time. */
export const useGoalList = (filter: GoalFilter) =>
  usePagedList(contract.listGoals, { query: { ...filter, withProgress: 'true' } }, { keepPrevious: true });

/** The shared goals whose period contains today, with their progress (the start page's "Unsere Ziele"). */
export const useCurrentSharedGoals = () =>
  useEndpoint(contract.listGoals, { query: { shared: 'true', on: 'today', withProgress: 'true', limit: 20 } });

/** Up to 200 goals as choices for a parent goal. */
export const useGoalOptions = () => useEndpoint(contract.listGoals, { query: { limit: 200 } }, { staleTime: 60_000 });

export const useGoal = (id: string) => useEndpoint(contract.getGoal, { params: { id } });

/** Figures move with every record, so the page reads them again each time it opens. */
export const useGoalProgress = (id: string) =>
  useEndpoint(contract.getGoalProgress, { params: { id } }, { staleTime: 0 });

export const useGoalChain = (id: string) => useEndpoint(contract.getGoalChain, { params: { id } }, { staleTime: 0 });

/** After a write: every goal read, and the reports (the alignment index counts shared goals). */
const useGoalRefresh = () => {
  const qc = useQueryClient();
  return () => invalidate(qc, 'goals', keyOf(contract.alignmentReport));
};

export const useCreateGoal = () => {
  const refresh = useGoalRefresh();
  return useMutation({
    mutationFn: (input: object) =>
      call(contract.createGoal, { body: input as EndpointRequest<typeof contract.createGoal>['body'] }),
    onSuccess: () => void refresh(),
  });
};

export const useUpdateGoal = (id: string) => {
  const refresh = useGoalRefresh();
  return useMutation({
    mutationFn: ({ input, version }: { input: object; version: number }) =>
      call(contract.updateGoal, {
        params: { id },
        body: input as EndpointRequest<typeof contract.updateGoal>['body'],
        version,
      }),
    onSuccess: () => void refresh(),
  });
};

export const useDeleteGoal = (id: string) => {
  const qc = useQueryClient();
  const refresh = useGoalRefresh();
  return useMutation({
    mutationFn: () => call(contract.deleteGoal, { params: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: keyOf(contract.getGoal, { params: { id } }) });
      void refresh();
    },
  });
};

/** The alignment index for a window of local dates. */
export const useAlignmentReport = (period: { from: string; to: string }, enabled = true) =>
  useEndpoint(contract.alignmentReport, { query: period }, { enabled });

export const useGoalSettings = () => useEndpoint(contract.getGoalSettings, {});

/** Saves the goal settings with the version they were read at (If-Match). */
export const useSaveGoalSettings = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ value, version }: { value: GoalSettings; version: number }) =>
      call(contract.updateGoalSettings, { body: value, version }),
    onSuccess: (s) => {
      qc.setQueryData(keyOf(contract.getGoalSettings, {}), s);
      // statuses (the at-risk band), fiscal periods and the index's weights all follow the settings
      void invalidate(qc, 'goals', keyOf(contract.alignmentReport));
    },
  });
};
