import { type AttributionModel, type AttributionModelResult, type AttributionSettings, contract } from '@nenner/shared';
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toQueryString } from '../../api/client';
import { call } from '../../api/endpoints';
import type { Period } from './period';

export type AttributionDimension = 'campaign' | 'channel' | 'department';
export type AttributionMeasure = 'pipeline' | 'revenue';

export interface AttributionParams extends Period {
  by: AttributionDimension;
  measure: AttributionMeasure;
  /** The currency of the cells drilled into (the report itself always answers every currency). */
  currency?: string | undefined;
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
    queryFn: async ({ signal }): Promise<AttributionAll> => {
      const { from, to, by, measure } = params;
      const res = await call(contract.attributionReport, { query: { from, to, by, measure } }, signal);
      // without a model the server answers every model; one model's answer is the same with one entry
      return 'models' in res ? res : { models: { [res.model]: res } };
    },
    enabled,
    placeholderData: keepPreviousData,
  });

/** The deals behind one cell; `id` is a row id or `unattributed`. */
export const useAttributionDrill = (params: AttributionParams, cell: { id: string; model: AttributionModel } | null) =>
  useQuery({
    queryKey: ['reports', 'attribution', 'deals', params, cell],
    queryFn: cell
      ? async ({ signal }) => {
          const res = await call(
            contract.attributionDrill,
            { query: { ...params, model: cell.model, id: cell.id } },
            signal,
          );
          return { total: res.total, deals: res.deals } satisfies AttributionDrill;
        }
      : skipToken,
    enabled: cell !== null,
  });

export const useAttributionSettings = () =>
  useQuery({
    queryKey: ['settings', 'attribution'],
    queryFn: () => call(contract.getAttributionSettings, {}),
    staleTime: 60_000,
  });

/** Saves the attribution settings with the version they were read at (If-Match). */
export const useSaveAttributionSettings = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ value, version }: { value: AttributionSettings; version: number }) =>
      call(contract.updateAttributionSettings, { body: value, version }),
    onSuccess: (s) => {
      qc.setQueryData(['settings', 'attribution'], s);
      // Every credit may change with the settings.
      void qc.invalidateQueries({ queryKey: ['reports', 'attribution'] });
    },
  });
};
