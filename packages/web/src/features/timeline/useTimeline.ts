import { contract, type EndpointRequest } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, keyOf, usePagedList } from '../../api/endpoints';

/** The records that have a timeline (the path segment of their API). */
export type TimelineTarget = 'accounts' | 'contacts' | 'deals' | 'campaigns' | 'projects';

export interface TimelineFilter {
  kind?: string | undefined;
  department?: string | undefined;
  /** `account` on an account: the 360° view with its contacts' and deals' entries. */
  scope?: 'account' | undefined;
}

const timelineRead = {
  accounts: contract.listAccountTimeline,
  contacts: contract.listContactTimeline,
  deals: contract.listDealTimeline,
  campaigns: contract.listCampaignTimeline,
  projects: contract.listProjectTimeline,
};

/** Every record's timeline, to refresh after a write that adds entries on several records. */
export const everyTimeline = Object.values(timelineRead);

/** The key of one record's timeline, whatever its filters. */
export const timelineKey = (kind: TimelineTarget, id: string) => keyOf(timelineRead[kind], { params: { id } });

type TimelineQuery = NonNullable<EndpointRequest<typeof contract.listAccountTimeline>['query']>;

/** A record's timeline, newest first; the four reads differ only in that an account's has a scope. */
export const useTimeline = (kind: TimelineTarget, id: string, filter: TimelineFilter) =>
  usePagedList(
    timelineRead[kind] as typeof contract.listAccountTimeline,
    { params: { id }, query: filter as TimelineQuery },
    { pageSize: 30 },
  );

const noteWrite = {
  accounts: contract.createAccountNote,
  contacts: contract.createContactNote,
  deals: contract.createDealNote,
  campaigns: contract.createCampaignNote,
  projects: contract.createProjectNote,
};

const commentWrite = {
  accounts: contract.createAccountComment,
  contacts: contract.createContactComment,
  deals: contract.createDealComment,
  campaigns: contract.createCampaignComment,
  projects: contract.createProjectComment,
};

export const useAddTimelineEntry = (kind: TimelineTarget, id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ type, body, mentions }: { type: 'notes' | 'comments'; body: string; mentions?: string[] }) =>
      type === 'comments'
        ? call(commentWrite[kind], {
            params: { id },
            body: mentions && mentions.length > 0 ? { body, mentions } : { body },
          })
        : call(noteWrite[kind], {
            params: { id },
            body: mentions && mentions.length > 0 ? { body, mentions } : { body },
          }),
    onSuccess: () => invalidate(qc, timelineKey(kind, id)),
  });
};
