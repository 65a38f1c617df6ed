import type { CreateCompetitorInput, UpdateCompetitorInput } from '@nenner/shared';
import { contract } from '@nenner/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, usePagedList } from '../../api/endpoints';

export const useCompetitorList = (q: string) =>
  usePagedList(contract.listCompetitors, { query: { q: q || undefined } }, { keepPrevious: true });

/** Every competitor's id and name (up to 200), for pickers. */
export const useCompetitorOptions = () =>
  useQuery({
    queryKey: ['competitors', 'options'],
    queryFn: () => call(contract.listCompetitors, { query: { limit: 200 } }),
    staleTime: 60_000,
    select: (p) => p.items.map((c) => ({ value: c.id, label: c.name })),
  });

export const useCompetitor = (id: string) =>
  useQuery({ queryKey: ['competitors', 'one', id], queryFn: () => call(contract.getCompetitor, { params: { id } }) });

export const useCreateCompetitor = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCompetitorInput) => call(contract.createCompetitor, { body: input }),
    onSuccess: (c) => {
      qc.setQueryData(['competitors', 'one', c.id], c);
      void invalidate(qc, contract.listCompetitors, ['competitors', 'options']);
    },
  });
};

export const useUpdateCompetitor = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, version }: { input: UpdateCompetitorInput; version: number }) =>
      call(contract.updateCompetitor, { params: { id }, body: input, version }),
    onSuccess: (c) => {
      qc.setQueryData(['competitors', 'one', id], c);
      void invalidate(qc, contract.listCompetitors, ['competitors', 'ratings', id]);
    },
  });
};

export const useRatings = (id: string) =>
  useQuery({
    queryKey: ['competitors', 'ratings', id],
    queryFn: () => call(contract.listRatings, { params: { id }, query: { limit: 50 } }),
  });

export const useRate = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { rating: 'helpful' | 'outdated'; comment?: string }) =>
      call(contract.rateBattlecard, { params: { id }, body: input }),
    onSuccess: (c) => {
      qc.setQueryData(['competitors', 'one', id], c);
      void qc.invalidateQueries({ queryKey: ['competitors', 'ratings', id] });
    },
  });
};

export const useIntel = (id: string) => usePagedList(contract.listIntel, { params: { id } }, { pageSize: 20 });

export const useAddIntel = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; dealId: string | null }) =>
      call(contract.addIntel, { params: { id }, body: input }),
    onSuccess: () => invalidate(qc, keyOf(contract.listIntel, { params: { id } })),
  });
};

export const useWinLoss = (period: { from: string; to: string }, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'win-loss', period],
    queryFn: () => call(contract.winLossReport, { query: period }),
    enabled,
    placeholderData: keepPreviousData,
  });
