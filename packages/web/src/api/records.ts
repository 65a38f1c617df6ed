import type { Account, Contact, Page } from '@nenner/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from './client';

export type RecordKind = 'accounts' | 'contacts';
interface RecordOf {
  accounts: Account;
  contacts: Contact;
}
export type ListParams = Record<string, string | undefined>;

const PAGE_SIZE = 50;

/** One list page at a time by keyset cursor; only loaded pages are kept and rendered. */
export const useRecordList = <K extends RecordKind>(kind: K, params: ListParams, enabled = true) =>
  useInfiniteQuery({
    queryKey: [kind, 'list', params],
    queryFn: ({ pageParam, signal }) =>
      api<Page<RecordOf[K]>>(`/${kind}${toQueryString({ ...params, limit: PAGE_SIZE, cursor: pageParam })}`, {
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });

export const useRecord = <K extends RecordKind>(kind: K, id: string) =>
  useQuery({
    queryKey: [kind, 'one', id],
    queryFn: () => api<RecordOf[K]>(`/${kind}/${id}`),
    retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err && err.status === 404),
  });

export const useCreateRecord = <K extends RecordKind>(kind: K) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: object) => api<RecordOf[K]>(`/${kind}`, { method: 'POST', body: input }),
    onSuccess: (rec) => {
      qc.setQueryData([kind, 'one', rec.id], rec);
      void qc.invalidateQueries({ queryKey: [kind, 'list'] });
      // an account's contact list or picker may show the new record
      void qc.invalidateQueries({ queryKey: ['contacts', 'list'] });
    },
  });
};

export const useUpdateRecord = <K extends RecordKind>(kind: K, id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, version }: { input: object; version: number }) =>
      api<RecordOf[K]>(`/${kind}/${id}`, { method: 'PATCH', body: input, version }),
    onSuccess: (rec) => {
      qc.setQueryData([kind, 'one', id], rec);
      void qc.invalidateQueries({ queryKey: [kind, 'list'] });
      void qc.invalidateQueries({ queryKey: ['timeline', kind, id] });
    },
  });
};

export const useDeleteRecord = (kind: RecordKind, id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/${kind}/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: [kind, 'one', id] });
      void qc.invalidateQueries({ queryKey: [kind, 'list'] });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
};

export const useRestoreRecord = (kind: RecordKind) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<RecordOf[typeof kind]>(`/${kind}/${id}/restore`, { method: 'POST', body: {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['trash'] });
      void qc.invalidateQueries({ queryKey: [kind] });
    },
  });
};
