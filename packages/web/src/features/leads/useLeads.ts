import { type BusinessCalendar, contract, type EndpointRequest, type RejectReasons, slaCalendar } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { call, invalidate, useEndpoint, usePagedList } from '../../api/endpoints';
import { timelineKey } from '../timeline/useTimeline';

export type HandoffFilter = NonNullable<EndpointRequest<typeof contract.listHandoffs>['query']>;

/** Handoffs, newest first, page by page; re-read every minute, as others answer them. */
export const useHandoffs = (filter: HandoffFilter, enabled = true) =>
  usePagedList(contract.listHandoffs, { query: filter }, { enabled, refetchInterval: 60_000 });

export const useHandoff = (id: string) =>
  useQuery({
    queryKey: ['handoffs', 'one', id],
    queryFn: () => call(contract.getHandoff, { params: { id } }),
    refetchInterval: 60_000,
  });

export type HandoffAction =
  | { action: 'accept' }
  | { action: 'first-touch' }
  | { action: 'reject'; body: { reason: string; comment: string } }
  | { action: 'convert'; body: { stage: 'sql' | 'opportunity' } }
  | { action: 'reassign'; body: { userId: string } }
  | { action: 'recycle'; body: { note: string } };

const handoffStep = (id: string, a: HandoffAction) => {
  const params = { id };
  switch (a.action) {
    case 'accept':
      return call(contract.acceptHandoff, { params });
    case 'first-touch':
      return call(contract.logFirstTouch, { params });
    case 'reject':
      return call(contract.rejectHandoff, { params, body: a.body });
    case 'convert':
      return call(contract.convertHandoff, { params, body: a.body });
    case 'reassign':
      return call(contract.reassignHandoff, { params, body: a.body });
    case 'recycle':
      return call(contract.recycleHandoff, { params, body: a.body });
  }
};

/** One step in a handoff's life (accept, reject, …); refreshes lists, the contact and its timeline. */
export const useHandoffAction = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: HandoffAction) => handoffStep(id, a),
    onSuccess: (h) => {
      qc.setQueryData(['handoffs', 'one', id], h);
      void invalidate(
        qc,
        contract.listHandoffs,
        ['contacts', 'one', h.contact.id],
        timelineKey('contacts', h.contact.id),
        ['notifications'],
      );
    },
  });
};

export interface StoredSetting<T> {
  value: T;
  version: number;
  updatedAt: string | null;
}

/** The SLA's business calendar (hours, holidays), for countdowns in the unit the due times were set in. */
export const useSlaCalendar = (): BusinessCalendar | null => {
  const sla = useEndpoint(contract.getSla, {}, { staleTime: 5 * 60_000 });
  const current = sla.data?.current;
  return useMemo(() => (current ? slaCalendar(current) : null), [current]);
};

export const useRejectReasons = () =>
  useQuery({
    queryKey: ['settings', 'reject-reasons'],
    queryFn: () => call(contract.getRejectReasons, {}),
    staleTime: 5 * 60_000,
  });

/** The reason's label in the user's language; unknown keys show as they are. */
export const reasonLabel = (reasons: RejectReasons | undefined, key: string | null, lng: string): string => {
  if (!key) return '';
  const r = reasons?.reasons.find((x) => x.key === key);
  if (!r) return key;
  return lng.startsWith('de') ? r.de : r.en;
};

export type ScoreLine =
  | { kind: 'fit'; ruleId: string; field: string; operator: string; value: string | string[]; points: number }
  | { kind: 'engagement'; ruleId: string; touchpointType: string; ageDays: number; basePoints: number; points: number };

/** The stored score explained as of `scoredAt`; `updating` while a rescore is due (no lines then). */
export interface ScoreExplanation {
  score: number;
  threshold: number;
  scoredAt: string | null;
  state: 'current' | 'updating';
  lines: ScoreLine[];
}

/** A contact's score breakdown; asked again every 30 s while the server is still rescoring it. */
export const useScore = (contactId: string, enabled = true) =>
  useQuery({
    queryKey: ['score', contactId],
    queryFn: () => api<ScoreExplanation>(`/contacts/${contactId}/score`),
    enabled,
    refetchInterval: (q) => (q.state.data?.state === 'updating' ? 30_000 : false),
  });
