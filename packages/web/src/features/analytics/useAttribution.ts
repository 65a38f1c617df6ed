import type { AttributionModel, AttributionModelResult, AttributionSettings } from '@nenner/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';
import type { StoredSetting } from '../leads/useLeads';
import type { Period } from './period';

export type AttributionDimension = 'campaign' | 'channel' | 'department';
export type AttributionMeasure = 'pipeline' | 'revenue';

export interface AttributionParams extends Period {
  by: AttributionDimension;
  measure: AttributionMeasure;
}

/** GET /api/reports/attribution without a model: every model's answer. */
export interface AttributionAll {
  models: Partial<Record<AttributionModel, AttributionModelResult>>;
}

/** One touch behind a deal in the drill-down, with the credit this model gave it. */
export interface AttributionDrillTouch {
  id: string;
  type: string;
  occurredAt: string;
  campaignId?: string | null;
  campaignName?: string | null;
  contactId?: string | null;
  contactName?: string | null;
  credit: number;
  /** The touch belongs to the cell's row (the others took the rest of the deal's amount). */
  inCell?: boolean;
}

/** One deal behind a cell: its amount, the credit it gave the cell, and its eligible touches. */
export interface AttributionDrillDeal {
  id: string;
  name: string;
  amount: number;
  currency: string;
  /** What this deal contributed to the cell. */
  credit: number;
  accountName?: string | null;
  createdAt?: string;
  wonAt?: string | null;
  touches: AttributionDrillTouch[];
}

/** The server lists the deals with the largest credit first, at most a few hundred; `total` counts all. */
export interface AttributionDrill {
  total: number;
  deals: AttributionDrillDeal[];
}

export const attributionQueryString = (p: AttributionParams) =>
  toQueryString({ from: p.from, to: p.to, by: p.by, measure: p.measure });

export const useAttributionReport = (params: AttributionParams, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'attribution', params],
    queryFn: ({ signal }) => api<AttributionAll>(`/reports/attribution${attributionQueryString(params)}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

/** The deals behind one cell; `id` is a row id or `unattributed`. */
export const useAttributionDrill = (params: AttributionParams, cell: { id: string; model: AttributionModel } | null) =>
  useQuery({
    queryKey: ['reports', 'attribution', 'deals', params, cell],
    queryFn: async ({ signal }) => {
      const res = await api<Partial<AttributionDrill>>(
        `/reports/attribution/deals${toQueryString({ ...params, model: cell?.model, id: cell?.id })}`,
        { signal },
      );
      const deals = res.deals ?? [];
      return { total: res.total ?? deals.length, deals } satisfies AttributionDrill;
    },
    enabled: cell !== null,
  });

export const useAttributionSettings = () =>
  useQuery({
    queryKey: ['settings', 'attribution'],
    queryFn: () => api<StoredSetting<AttributionSettings>>('/settings/attribution'),
    staleTime: 60_000,
  });

/** Saves the attribution settings with the version they were read at (If-Match). */
export const useSaveAttributionSettings = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ value, version }: { value: AttributionSettings; version: number }) =>
      api<StoredSetting<AttributionSettings>>('/settings/attribution', { method: 'PUT', body: value, version }),
    onSuccess: (s) => {
      qc.setQueryData(['settings', 'attribution'], s);
      // Every credit may change with the settings.
      void qc.invalidateQueries({ queryKey: ['reports', 'attribution'] });
    },
  });
};
