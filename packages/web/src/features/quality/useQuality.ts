import { contract, type MergeInput } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, usePagedList } from '../../api/endpoints';
import { everyTimeline } from '../timeline/useTimeline';

export type QualityType = 'contact' | 'account';
export const pathOf = (type: QualityType) => (type === 'contact' ? 'contacts' : 'accounts');

export const useCompleteness = (type: QualityType, id: string) =>
  useQuery({
    queryKey: ['quality', type, id],
    queryFn: () => call(type === 'contact' ? contract.contactQuality : contract.accountQuality, { params: { id } }),
  });

export const useAttention = (type: QualityType) =>
  usePagedList(contract.listAttention, { query: { type, ownerId: 'me' } }, { pageSize: 25 });

const duplicatesOf = (type: QualityType) => ({ query: { type } });

export const useDuplicates = (type: QualityType) =>
  usePagedList(contract.listDuplicates, duplicatesOf(type), { pageSize: 25 });

export const useDismissPair = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { type: QualityType; ids: [string, string] }) => call(contract.dismissDuplicate, { body: p }),
    onSuccess: (_r, p) => invalidate(qc, keyOf(contract.listDuplicates, duplicatesOf(p.type))),
  });
};

/** After a merge or its undo every view of either record, its lists and timelines are out of date. */
const useMergeRefresh = () => {
  const qc = useQueryClient();
  return (type: QualityType) =>
    void invalidate(qc, 'duplicates', 'quality', 'merges', pathOf(type), ...everyTimeline, 'deals', 'tasks');
};

export const useMerge = (type: QualityType) => {
  const refresh = useMergeRefresh();
  return useMutation({
    mutationFn: (input: MergeInput) =>
      call(type === 'contact' ? contract.mergeContacts : contract.mergeAccounts, { body: input }),
    onSuccess: () => refresh(type),
  });
};

export const useUndoMerge = (type: QualityType) => {
  const refresh = useMergeRefresh();
  return useMutation({
    mutationFn: (mergeId: string) => call(contract.undoMerge, { params: { id: mergeId } }),
    onSuccess: () => refresh(type),
  });
};

export const useMerges = (type: QualityType, id: string) =>
  useQuery({
    queryKey: ['merges', type, id],
    queryFn: () => call(contract.listMerges, { query: { type, id } }),
  });
