import { contract, type EndpointRequest } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, useEndpoint, usePagedList } from '../../api/endpoints';

export type EventFilter = NonNullable<EndpointRequest<typeof contract.listEvents>['query']>;
export type RegistrationFilter = NonNullable<EndpointRequest<typeof contract.listRegistrations>['query']>;

/** Events by start, one page at a time. */
export const useEventList = (filter: EventFilter) =>
  usePagedList(contract.listEvents, { query: filter }, { keepPrevious: true });

/** One event with its seats and counts; read again each time the page opens (registrations come in from outside). */
export const useEvent = (id: string) => useEndpoint(contract.getEvent, { params: { id } }, { staleTime: 0 });

/** Registrations in order of arrival; the door list re-reads every 15 s, as colleagues check people in too. */
export const useRegistrations = (
  id: string,
  query: RegistrationFilter,
  options: { pageSize?: number; refetchInterval?: number; enabled?: boolean } = {},
) => usePagedList(contract.listRegistrations, { params: { id }, query }, { keepPrevious: true, ...options });

/** One registration, read on its own: a QR code at the door of an event too large to load whole. */
export const useRegistration = (id: string, registrationId: string, enabled: boolean) =>
  useEndpoint(contract.getRegistration, { params: { id, registrationId } }, { enabled, staleTime: 0 });

export const useInvitations = (id: string, invitedById?: string) =>
  usePagedList(contract.listInvitations, { params: { id }, query: invitedById ? { invitedById } : {} });

/** The report moves with every registration and attendance, so it is read again each time. */
export const useEventReport = (id: string) => useEndpoint(contract.eventReport, { params: { id } }, { staleTime: 0 });

/** After a write: every event read (lists, the event, its registrations, invitations and report). */
const useEventRefresh = () => {
  const qc = useQueryClient();
  // an attendance writes a touchpoint: the contact's timeline (read under `contacts`) and the campaign's figures move too
  return () => invalidate(qc, 'events', 'contacts', 'campaigns');
};

export const useCreateEvent = () => {
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: (input: object) =>
      call(contract.createEvent, { body: input as EndpointRequest<typeof contract.createEvent>['body'] }),
    onSuccess: () => void refresh(),
  });
};

export const useUpdateEvent = (id: string) => {
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: ({ input, version }: { input: object; version: number }) =>
      call(contract.updateEvent, {
        params: { id },
        body: input as EndpointRequest<typeof contract.updateEvent>['body'],
        version,
      }),
    onSuccess: () => void refresh(),
  });
};

export const useDeleteEvent = (id: string) => {
  const qc = useQueryClient();
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: () => call(contract.deleteEvent, { params: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: keyOf(contract.getEvent, { params: { id } }) });
      void refresh();
    },
  });
};

export const useCloseEvent = (id: string) => {
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: () => call(contract.closeEvent, { params: { id } }),
    onSuccess: () => void refresh(),
  });
};

export const useInvite = (id: string) => {
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: (input: { contactIds: string[]; message?: string }) =>
      call(contract.createInvitations, { params: { id }, body: input }),
    onSuccess: () => void refresh(),
  });
};

/** Marks one person attended; settles once the lists show it. */
export const useCheckin = (id: string) => {
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: (registrationId: string) => call(contract.checkinRegistration, { params: { id, registrationId } }),
    onSuccess: () => refresh(),
  });
};

/** Cancels for a guest who called: the seat goes to the first on the waiting list. */
export const useCancelRegistration = (id: string) => {
  const refresh = useEventRefresh();
  return useMutation({
    mutationFn: (registrationId: string) => call(contract.cancelRegistration, { params: { id, registrationId } }),
    onSuccess: () => refresh(),
  });
};
