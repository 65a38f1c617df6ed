import type { Page, TimelineEntry } from '@nenner/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** The records that have a timeline (the path segment of their API). */
export type TimelineTarget = 'accounts' | 'contacts' | 'deals' | 'campaigns';

export interface TimelineFilter {
  kind?: string | undefined;
  department?: string | undefined;
  /** `account` on an account: the 360° view with its contacts' and deals' entries. */
  scope?: 'account' | undefined;
}

export const useTimeline = (kind: TimelineTarget, id: string, filter: TimelineFilter) =>
  useInfiniteQuery({
    queryKey: ['timeline', kind, id, filter],
    queryFn: ({ pageParam, signal }) =>
      api<Page<TimelineEntry>>(`/${kind}/${id}/timeline${toQueryString({ ...filter, limit: 30, cursor: pageParam })}`, {
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAddTimelineEntry = (kind: TimelineTarget, id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ type, body, mentions }: { type: 'notes' | 'comments'; body: string; mentions?: string[] }) =>
      api<TimelineEntry>(`/${kind}/${id}/${type}`, {
        method: 'POST',
        body: type === 'comments' && mentions && mentions.length > 0 ? { body, mentions } : { body },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['timeline', kind, id] }),
  });
};
