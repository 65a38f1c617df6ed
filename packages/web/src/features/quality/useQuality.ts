import type { AttentionItem, DuplicatePair, Merge, MergeInput, MergeResult, Page } from '@nenner/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

export type QualityType = 'contact' | 'account';
export const pathOf = (type: QualityType) => (type === 'contact' ? 'contacts' : 'accounts');

export const useCompleteness = (type: QualityType, id: string) =>
  useQuery({
    queryKey: ['quality', type, id],
    queryFn: () => api<{ score: number; missing: string[] }>(`/${pathOf(type)}/${id}/quality`),
  });

export const useAttention = (type: QualityType) =>
  useInfiniteQuery({
    queryKey: ['quality', 'attention', type],
    queryFn: ({ pageParam }) =>
      api<Page<AttentionItem>>(
        `/quality/attention${toQueryString({ type, ownerId: 'me', limit: 25, cursor: pageParam })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useDuplicates = (type: QualityType) =>
  useInfiniteQuery({
    queryKey: ['duplicates', type],
    queryFn: ({ pageParam }) =>
      api<Page<DuplicatePair>>(`/duplicates${toQueryString({ type, limit: 25, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useDismissPair = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { type: QualityType; ids: [string, string] }) =>
      api<void>('/duplicates/dismiss', { method: 'POST', body: p }),
    onSuccess: (_r, p) => qc.invalidateQueries({ queryKey: ['duplicates', p.type] }),
  });
};

/** After a merge or its undo every view of either record, its lists and timelines are out of date. */
const useMergeRefresh = () => {
  const qc = useQueryClient();
  return (type: QualityType) => {
    for (const key of [['duplicates'], ['quality'], ['merges'], [pathOf(type)], ['timeline'], ['deals'], ['tasks']]) {
      void qc.invalidateQueries({ queryKey: key });
    }
  };
};

export const useMerge = (type: QualityType) => {
  const refresh = useMergeRefresh();
  return useMutation({
    mutationFn: (input: MergeInput) => api<MergeResult>(`/${pathOf(type)}/merge`, { method: 'POST', body: input }),
    onSuccess: () => refresh(type),
  });
};

export const useUndoMerge = (type: QualityType) => {
  const refresh = useMergeRefresh();
  return useMutation({
    mutationFn: (mergeId: string) => api<Merge>(`/merges/${mergeId}/undo`, { method: 'POST', body: {} }),
    onSuccess: () => refresh(type),
  });
};

export const useMerges = (type: QualityType, id: string) =>
  useQuery({
    queryKey: ['merges', type, id],
    queryFn: () => api<{ items: Merge[] }>(`/merges${toQueryString({ type, id })}`),
  });
