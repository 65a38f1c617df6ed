import {
  type CreateActivityInput,
  type CreateTaskInput,
  contract,
  type EndpointRequest,
  type Task,
  type UpdateTaskInput,
} from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, usePagedList } from '../../api/endpoints';
import { everyTimeline } from '../timeline/useTimeline';

export type LinkType = 'account' | 'contact' | 'deal';

/** The timeline path segment of a linked record. */
export const timelineKindOf = (t: LinkType) => `${t}s` as const;

const activitiesOf = (entityType: LinkType, entityId: string) => ({ query: { entityType, entityId } });

export const useActivities = (entityType: LinkType, entityId: string) =>
  usePagedList(contract.listActivities, activitiesOf(entityType, entityId), { pageSize: 10 });

export const useLogActivity = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateActivityInput) => call(contract.createActivity, { body: input }),
    onSuccess: (a) => {
      // the activity is on the record's timeline and on its account's 360° view
      void invalidate(qc, keyOf(contract.listActivities, activitiesOf(a.entityType, a.entityId)), ...everyTimeline);
    },
  });
};

export type TaskQuery = NonNullable<EndpointRequest<typeof contract.listTasks>['query']>;

export const useTasks = (query: TaskQuery, enabled = true) =>
  usePagedList(contract.listTasks, { query }, { enabled, refetchInterval: 5 * 60_000 });

export const useCreateTask = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTaskInput) => call(contract.createTask, { body: input }),
    onSuccess: () => invalidate(qc, 'tasks'),
  });
};

export const useUpdateTask = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ task, input }: { task: Task; input: UpdateTaskInput }) =>
      call(contract.updateTask, { params: { id: task.id }, body: input, version: task.version }),
    onSettled: () => invalidate(qc, 'tasks'),
  });
};
