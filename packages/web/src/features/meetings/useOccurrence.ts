import { contract, type EndpointRequest, type OccurrenceDetail } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf } from '../../api/endpoints';

type Body<E extends keyof typeof contract> = NonNullable<EndpointRequest<(typeof contract)[E]>['body']>;

/**
 * The writes of one occurrence: the agenda, the minutes, the meeting's course. Each refreshes the
 * occurrence; a change of status also the series' list of occurrences, an action item also the tasks.
 */
export const useOccurrenceWrites = (id: string) => {
  const qc = useQueryClient();
  const params = { id };
  const detailKey = keyOf(contract.getOccurrence, { params });
  const refresh = () => invalidate(qc, detailKey);
  /** An answer that is the whole occurrence replaces the cached one at once. */
  const present = (detail: OccurrenceDetail) => {
    qc.setQueryData(detailKey, detail);
    return invalidate(qc, 'meetings', detailKey);
  };
  const onSuccess = { onSuccess: () => refresh() };
  return {
    refreshAgenda: useMutation({
      mutationFn: () => call(contract.refreshAgenda, { params }),
      onSuccess: present,
    }),
    start: useMutation({ mutationFn: () => call(contract.startOccurrence, { params }), onSuccess: present }),
    close: useMutation({ mutationFn: () => call(contract.closeOccurrence, { params }), onSuccess: present }),
    addItem: useMutation({
      mutationFn: (body: Body<'createAgendaItem'>) => call(contract.createAgendaItem, { params, body }),
      ...onSuccess,
    }),
    updateItem: useMutation({
      mutationFn: ({ itemId, body }: { itemId: string; body: Body<'updateAgendaItem'> }) =>
        call(contract.updateAgendaItem, { params: { id, itemId }, body }),
      ...onSuccess,
    }),
    addDecision: useMutation({
      mutationFn: (body: Body<'createDecision'>) => call(contract.createDecision, { params, body }),
      ...onSuccess,
    }),
    addActionItem: useMutation({
      mutationFn: (body: Body<'createActionItem'>) => call(contract.createActionItem, { params, body }),
      onSuccess: () => invalidate(qc, detailKey, 'tasks'),
    }),
    rate: useMutation({
      mutationFn: (rating: number) => call(contract.rateOccurrence, { params, body: { rating } }),
      ...onSuccess,
    }),
  };
};

export type OccurrenceWrites = ReturnType<typeof useOccurrenceWrites>;
