import { contract, type EndpointRequest } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, useEndpoint, usePagedList } from '../../api/endpoints';

/** Meeting series, newest first, one page at a time. */
export const useMeetingList = () => usePagedList(contract.listMeetings, { query: {} });

export const useMeeting = (id: string) => useEndpoint(contract.getMeeting, { params: { id } });

/** The next occurrences (the next 8 weeks), cancelled ones included; read again each time the page opens. */
export const useOccurrences = (id: string) =>
  useEndpoint(contract.listOccurrences, { params: { id }, query: {} }, { staleTime: 0 });

/** How the series' action items went (done on time, late, open); read again each time the page opens. */
export const useFollowThrough = (id: string) =>
  useEndpoint(contract.getFollowThrough, { params: { id } }, { staleTime: 0 });

/** The workspace's time zone (the SLA's), in which new series are planned. */
export const useWorkspaceTimeZone = (): string | undefined =>
  useEndpoint(contract.getSla, {}, { staleTime: 10 * 60_000 }).data?.current.timeZone;

/** After a write to a series: every series read and every occurrence (`/api/occurrences/…`). */
const useMeetingRefresh = () => {
  const qc = useQueryClient();
  return () => invalidate(qc, 'meetings', 'occurrences');
};

export const useCreateMeeting = () => {
  const refresh = useMeetingRefresh();
  return useMutation({
    mutationFn: (input: object) =>
      call(contract.createMeeting, { body: input as EndpointRequest<typeof contract.createMeeting>['body'] }),
    onSuccess: () => void refresh(),
  });
};

export const useUpdateMeeting = (id: string) => {
  const refresh = useMeetingRefresh();
  return useMutation({
    mutationFn: ({ input, version }: { input: object; version: number }) =>
      call(contract.updateMeeting, {
        params: { id },
        body: input as EndpointRequest<typeof contract.updateMeeting>['body'],
        version,
      }),
    onSuccess: () => void refresh(),
  });
};

export const useDeleteMeeting = (id: string) => {
  const qc = useQueryClient();
  const refresh = useMeetingRefresh();
  return useMutation({
    mutationFn: () => call(contract.deleteMeeting, { params: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: keyOf(contract.getMeeting, { params: { id } }) });
      void refresh();
    },
  });
};

type OccurrenceChange = EndpointRequest<typeof contract.updateOccurrence>['body'];

/** Moves or cancels one occurrence, with the series' version it was read at (If-Match). */
export const useUpdateOccurrence = () => {
  const refresh = useMeetingRefresh();
  return useMutation({
    mutationFn: ({ id, change, version }: { id: string; change: OccurrenceChange; version: number }) =>
      call(contract.updateOccurrence, { params: { id }, body: change, version }),
    onSuccess: () => void refresh(),
  });
};

export const useOccurrence = (id: string) => useEndpoint(contract.getOccurrence, { params: { id } }, { staleTime: 0 });
