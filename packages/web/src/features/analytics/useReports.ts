import { type ContributionLink, contract, type FunnelDimension } from '@nenner/shared';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { call } from '../../api/endpoints';
import type { Period } from './period';

/** The funnel of the period's lead cohort, grouped by a dimension (`none`: one group equal to the total). */
export const useFunnel = (params: Period & { by: FunnelDimension }, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'funnel', params],
    queryFn: ({ signal }) => call(contract.funnelReport, { query: { ...params } }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });

/** Both departments' contribution for a period. */
export const useContribution = (period: Period, enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'contribution', period],
    queryFn: ({ signal }) => call(contract.contribution, { query: { ...period } }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });

/** The records behind one scorecard figure (its link), newest first. */
export const useContributionRecords = (link: ContributionLink | null) =>
  useQuery({
    queryKey: ['reports', 'contribution', 'records', link],
    queryFn: link
      ? ({ signal }) => call(contract.contributionRecords, { query: { ...link, limit: 200 } }, signal)
      : skipToken,
    enabled: link !== null,
  });
