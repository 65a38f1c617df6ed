import { contract, type EndpointRequest } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, useEndpoint, usePagedList } from '../../api/endpoints';
import { meQuery } from '../auth/useAuth';

export type RotationFilter = NonNullable<EndpointRequest<typeof contract.listRotations>['query']>;
type UpdateBody = EndpointRequest<typeof contract.updateRotation>['body'];
type ReportBody = EndpointRequest<typeof contract.writeRotationReport>['body'];

/** Rotations by a filter, one page at a time (the list). */
export const useRotationList = (filter: RotationFilter) =>
  usePagedList(contract.listRotations, { query: filter }, { keepPrevious: true });

/** Every rotation overlapping a window of dates, at once (the calendar shows up to 200 in a window). */
export const useRotationsInWindow = (from: string, to: string) =>
  useEndpoint(contract.listRotations, { query: { from, to, limit: 200 } });

/** One person's rotations (their profile). */
export const usePersonRotations = (userId: string) =>
  useEndpoint(contract.listRotations, { query: { userId, limit: 50 } });

export const useRotation = (id: string) => useEndpoint(contract.getRotation, { params: { id } });

/** What the person logged during the rotation; it grows while the rotation runs, so it is read each time. */
export const useRotationActivity = (id: string) =>
  usePagedList(contract.listRotationActivity, { params: { id } }, { pageSize: 25 });

export const useRotationReport = (quarter: string) =>
  useEndpoint(contract.rotationReport, { query: { quarter } }, { staleTime: 0 });

/**
 * After a write: every rotation read, and who is logged in (a rotation that starts today or is cancelled
 * adds or ends the host department's rights the app shows).
 */
const useRotationRefresh = () => {
  const qc = useQueryClient();
  return () => invalidate(qc, 'rotations', meQuery.queryKey);
};

export const useCreateRotation = () => {
  const refresh = useRotationRefresh();
  return useMutation({
    mutationFn: (input: object) =>
      call(contract.createRotation, { body: input as EndpointRequest<typeof contract.createRotation>['body'] }),
    onSuccess: () => refresh(),
  });
};

export const useUpdateRotation = (id: string) => {
  const refresh = useRotationRefresh();
  return useMutation({
    mutationFn: ({ input, version }: { input: UpdateBody; version: number }) =>
      call(contract.updateRotation, { params: { id }, body: input, version }),
    onSuccess: () => refresh(),
  });
};

export const useAddCheckin = (id: string) => {
  const refresh = useRotationRefresh();
  return useMutation({
    mutationFn: (input: { date: string; note: string }) =>
      call(contract.createRotationCheckin, { params: { id }, body: input }),
    onSuccess: () => refresh(),
  });
};

export const useWriteRotationReport = (id: string) => {
  const refresh = useRotationRefresh();
  return useMutation({
    mutationFn: (input: ReportBody) => call(contract.writeRotationReport, { params: { id }, body: input }),
    onSuccess: () => refresh(),
  });
};
