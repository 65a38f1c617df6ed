import {
  type Board,
  type CloseDealInput,
  type CloseReasons,
  type CreateDealInput,
  contract,
  type Deal,
  type EndpointRequest,
  type Stage,
  type UpdateDealInput,
} from '@nenner/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, usePagedList } from '../../api/endpoints';
import { everyTimeline } from '../timeline/useTimeline';

/** The filters the board, the list and the URL share. */
export interface DealFilter {
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  source?: 'marketing' | 'sales' | undefined;
  closeQuarter?: string | undefined;
}

export const usePipelines = () =>
  useQuery({
    queryKey: ['pipelines'],
    queryFn: () => call(contract.listPipelines, {}),
    staleTime: 5 * 60_000,
  });

export const useBoard = (filter: DealFilter) =>
  useQuery({
    queryKey: ['deals', 'board', filter],
    queryFn: ({ signal }) => call(contract.getBoard, { query: { ...filter } }, signal),
    placeholderData: keepPreviousData,
  });

export type DealListParams = NonNullable<EndpointRequest<typeof contract.listDeals>['query']>;

export const useDealList = (params: DealListParams) => usePagedList(contract.listDeals, { query: params });

export const useDeal = (id: string) =>
  useQuery({
    queryKey: ['deals', 'one', id],
    queryFn: () => call(contract.getDeal, { params: { id } }),
  });

/** After any change to a deal: the board, lists, the deal, its timeline and the reports see it. */
const useDealRefresh = () => {
  const qc = useQueryClient();
  return (deal?: Deal) => {
    if (deal) qc.setQueryData(['deals', 'one', deal.id], deal);
    void invalidate(qc, ['deals', 'board'], contract.listDeals, ...everyTimeline, 'competitors', 'reports');
  };
};

export const useCreateDeal = () => {
  const refresh = useDealRefresh();
  return useMutation({
    mutationFn: (input: CreateDealInput) => call(contract.createDeal, { body: input }),
    onSuccess: (deal) => refresh(deal),
  });
};

export const useUpdateDeal = (id: string) => {
  const refresh = useDealRefresh();
  return useMutation({
    mutationFn: ({ input, version }: { input: UpdateDealInput | object; version: number }) =>
      call(contract.updateDeal, { params: { id }, body: input, version }),
    onSuccess: (deal) => refresh(deal),
  });
};

export const useDeleteDeal = (id: string) => {
  const qc = useQueryClient();
  const refresh = useDealRefresh();
  return useMutation({
    mutationFn: () => call(contract.deleteDeal, { params: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: ['deals', 'one', id] });
      refresh();
    },
  });
};

/** Moves a card on every cached board at once, so a drop shows immediately; returns the undo. */
const moveOnBoards = (qc: ReturnType<typeof useQueryClient>, deal: Deal, stage: Stage) => {
  const snapshots = qc.getQueriesData<Board>({ queryKey: ['deals', 'board'] });
  for (const [key, board] of snapshots) {
    if (!board) continue;
    const moved: Deal = {
      ...deal,
      stageId: stage.id,
      stage: { ...deal.stage, id: stage.id, nameDe: stage.nameDe, nameEn: stage.nameEn, kind: stage.kind },
      stale: false,
    };
    qc.setQueryData<Board>(key, {
      ...board,
      columns: board.columns.map((c) => {
        const had = c.deals.some((d) => d.id === deal.id);
        if (c.stage.id === stage.id) {
          return { ...c, count: c.count + (had ? 0 : 1), deals: [moved, ...c.deals.filter((d) => d.id !== deal.id)] };
        }
        if (had) return { ...c, count: c.count - 1, deals: c.deals.filter((d) => d.id !== deal.id) };
        return c;
      }),
    });
  }
  return () => {
    for (const [key, board] of snapshots) qc.setQueryData(key, board);
  };
};

type StageChange =
  | { kind: 'move'; deal: Deal; stage: Stage }
  | { kind: 'close'; deal: Deal; stage: Stage; input: CloseDealInput }
  | { kind: 'reopen'; deal: Deal; stage: Stage };

/**
 * Moves, closes or reopens a deal with If-Match. The board updates optimistically and rolls back when
 * the server says no (412: someone else changed it, 403: read only); the caller shows the message.
 */
export const useStageChange = () => {
  const qc = useQueryClient();
  const refresh = useDealRefresh();
  return useMutation({
    mutationFn: (c: StageChange) => {
      const params = { id: c.deal.id };
      const version = c.deal.version;
      if (c.kind === 'close') return call(contract.closeDeal, { params, body: c.input, version });
      const body = { stageId: c.stage.id };
      return c.kind === 'move'
        ? call(contract.moveDeal, { params, body, version })
        : call(contract.reopenDeal, { params, body, version });
    },
    onMutate: async (c) => {
      await qc.cancelQueries({ queryKey: ['deals', 'board'] });
      return { undo: moveOnBoards(qc, c.deal, c.stage) };
    },
    onError: (_e, _c, context) => context?.undo(),
    onSuccess: (deal) => refresh(deal),
  });
};

export const useCloseReasons = () =>
  useQuery({
    queryKey: ['settings', 'close-reasons'],
    queryFn: () => call(contract.getCloseReasons, {}),
    staleTime: 5 * 60_000,
  });

/** A close reason in the user's language; unknown keys show as they are. */
export const closeReasonLabel = (
  reasons: CloseReasons | undefined,
  key: string | null,
  outcome: 'won' | 'lost' | null,
  lng: string,
): string => {
  if (!key) return '';
  const r =
    reasons?.reasons.find((x) => x.key === key && (outcome === null || x.outcome === outcome)) ??
    reasons?.reasons.find((x) => x.key === key);
  if (!r) return key;
  return lng.startsWith('de') ? r.de : r.en;
};

export const useForecast = (quarter: string, pipelineId: string | undefined) =>
  useQuery({
    queryKey: ['reports', 'forecast', quarter, pipelineId],
    queryFn: () => call(contract.getForecast, { query: { quarter, pipelineId } }),
    placeholderData: keepPreviousData,
  });

export interface Team {
  id: string;
  name: string;
}

export const useTeams = () =>
  useQuery({
    queryKey: ['teams'],
    queryFn: () => call(contract.listTeams, {}),
    staleTime: 5 * 60_000,
  });

/** A stage's name in the user's language. */
export const stageName = (s: { nameDe: string; nameEn: string }, lng: string): string =>
  lng.startsWith('de') ? s.nameDe : s.nameEn;
