import type {
  BattlecardRating,
  Competitor,
  CompetitorIntel,
  CreateCompetitorInput,
  Page,
  UpdateCompetitorInput,
  WinLossReport,
} from '@nenner/shared';
import { contract } from '@nenner/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';
import { invalidate, keyOf, usePagedList } from '../../api/endpoints';

export const useCompetitorList = (q: string) =>
  usePagedList(contract.listCompetitors, { query: { q: q || undefined } }, { keepPrevious: true });

/** Every competitor's id and name (up to 200), for pickers. */
export const useCompetitorOptions = () =>
  useQuery({
    queryKey: ['competitors', 'options'],
    queryFn: () => api<Page<Competitor>>(`/competitors${toQueryString({ limit: 200 })}`),
    staleTime: 60_000,
    select: (p) => p.items.map((c) => ({ value: c.id, label: c.name })),
  });

export const useCompetitor = (id: string) =>
  useQuery({ queryKey: ['competitors', 'one', id], queryFn: () => api<Competitor>(`/competitors/${id}`) });

export const useCreateCompetitor = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCompetitorInput) => api<Competitor>('/competitors', { method: 'POST', body: input }),
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
      api<Competitor>(`/competitors/${id}`, { method: 'PATCH', body: input, version }),
    onSuccess: (c) => {
      qc.setQueryData(['competitors', 'one', id], c);
      void invalidate(qc, contract.listCompetitors, ['competitors', 'ratings', id]);
    },
  });
};

export const useRatings = (id: string) =>
  useQuery({
    queryKey: ['competitors', 'ratings', id],
    queryFn: () => api<Page<BattlecardRating>>(`/competitors/${id}/ratings${toQueryString({ limit: 50 })}`),
  });

export const useRate = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { rating: 'helpful' | 'outdated'; comment?: string }) =>
      api<Competitor>(`/competitors/${id}/ratings`, { method: 'POST', body: input }),
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
      api<CompetitorIntel>(`/competitors/${id}/intel`, { method: 'POST', body: input }),
    onSuccess: () => invalidate(qc, keyOf(contract.listIntel, { params: { id } })),
  });
};

export const useWinLoss = (period: { from: string; to: string }, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'win-loss', period],
    queryFn: () => api<WinLossReport>(`/reports/win-loss${toQueryString(period)}`),
    enabled,
    placeholderData: keepPreviousData,
  });
