import type {
  ContributionLink,
  ContributionRecords,
  ContributionResult,
  FunnelDimension,
  FunnelResult,
} from '@nenner/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';
import type { Period } from './period';

/** The funnel of the period's lead cohort, grouped by a dimension (`none`: one group equal to the total). */
export const useFunnel = (params: Period & { by: FunnelDimension }, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'funnel', params],
    queryFn: ({ signal }) => api<FunnelResult>(`/reports/funnel${toQueryString({ ...params })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

/** Both departments' contribution for a period. */
export const useContribution = (period: Period, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'contribution', period],
    queryFn: ({ signal }) =>
      api<ContributionResult>(`/reports/contribution${toQueryString({ ...period })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

/** The records behind one scorecard figure (its link), newest first. */
export const useContributionRecords = (link: ContributionLink | null) =>
  useQuery({
    queryKey: ['reports', 'contribution', 'records', link],
    queryFn: ({ signal }) =>
      api<ContributionRecords>(`/reports/contribution/records${toQueryString({ ...link, limit: 200 })}`, { signal }),
    enabled: link !== null,
  });
