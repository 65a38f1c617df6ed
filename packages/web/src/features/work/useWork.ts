import type { Activity, CreateActivityInput, CreateTaskInput, Page, Task, UpdateTaskInput } from '@nenner/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

export type LinkType = 'account' | 'contact' | 'deal';

/** The timeline path segment of a linked record. */
export const timelineKindOf = (t: LinkType) => `${t}s` as const;

export const useActivities = (entityType: LinkType, entityId: string) =>
  useInfiniteQuery({
    queryKey: ['activities', entityType, entityId],
    queryFn: ({ pageParam }) =>
      api<Page<Activity>>(`/activities${toQueryString({ entityType, entityId, limit: 10, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useLogActivity = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateActivityInput) => api<Activity>('/activities', { method: 'POST', body: input }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['activities', a.entityType, a.entityId] });
      // the activity is on the record's timeline and on its account's 360° view
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
};

export interface TaskQuery {
  ownerId?: string | undefined;
  status?: string | undefined;
  entityType?: LinkType | undefined;
  entityId?: string | undefined;
}

export const useTasks = (query: TaskQuery, enabled = true) =>
  useInfiniteQuery({
    queryKey: ['tasks', query],
    queryFn: ({ pageParam }) => api<Page<Task>>(`/tasks${toQueryString({ ...query, limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    refetchInterval: 5 * 60_000,
  });

export const useCreateTask = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTaskInput) => api<Task>('/tasks', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
};

export const useUpdateTask = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ task, input }: { task: Task; input: UpdateTaskInput }) =>
      api<Task>(`/tasks/${task.id}`, { method: 'PATCH', body: input, version: task.version }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
};
