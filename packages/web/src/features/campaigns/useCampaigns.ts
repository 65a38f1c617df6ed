import type {
  AddCampaignMembersInput,
  Campaign,
  CampaignCostInput,
  CreateCampaignInput,
  MemberStatus,
  UpdateCampaignInput,
} from '@nenner/shared';
import { campaignEndpoints, type EndpointRequest } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { call, invalidate, keyOf, usePagedList } from '../../api/endpoints';
import { everyTimeline } from '../timeline/useTimeline';

export type CampaignFilter = NonNullable<EndpointRequest<typeof campaignEndpoints.listCampaigns>['query']>;

export const useCampaignList = (filter: CampaignFilter) =>
  usePagedList(campaignEndpoints.listCampaigns, { query: filter }, { keepPrevious: true });

/** Campaigns (up to 200, newest first as the server lists them) as picker options. */
export const useCampaignOptions = () =>
  useQuery({
    queryKey: ['campaigns', 'options'],
    queryFn: () => call(campaignEndpoints.listCampaigns, { query: { limit: 200 } }),
    staleTime: 60_000,
  });

export const useCampaign = (id: string, enabled = true) =>
  useQuery({
    queryKey: ['campaigns', 'one', id],
    queryFn: () => call(campaignEndpoints.getCampaign, { params: { id } }),
    enabled,
  });

export const useCampaignResults = (id: string) =>
  useQuery({
    queryKey: ['campaigns', 'results', id],
    queryFn: () => call(campaignEndpoints.campaignResults, { params: { id } }),
    // deals won elsewhere in the app change these figures: always re-read when the page opens
    staleTime: 0,
  });

/** After a change to a campaign: its page, its figures, the lists and the reports see it. */
const useCampaignRefresh = () => {
  const qc = useQueryClient();
  return (id: string, campaign?: Campaign) => {
    if (campaign) qc.setQueryData(['campaigns', 'one', id], campaign);
    else void qc.invalidateQueries({ queryKey: ['campaigns', 'one', id] });
    void qc.invalidateQueries({ queryKey: ['campaigns', 'results', id] });
    void qc.invalidateQueries({ queryKey: keyOf(campaignEndpoints.listCampaigns) });
    void qc.invalidateQueries({ queryKey: ['campaigns', 'options'] });
    void qc.invalidateQueries({ queryKey: ['reports'] });
  };
};

export const useCreateCampaign = () => {
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: (input: CreateCampaignInput | object) => api<Campaign>('/campaigns', { method: 'POST', body: input }),
    onSuccess: (c) => refresh(c.id, c),
  });
};

export const useUpdateCampaign = (id: string) => {
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: ({ input, version }: { input: UpdateCampaignInput | object; version: number }) =>
      call(campaignEndpoints.updateCampaign, { params: { id }, body: input, version }),
    onSuccess: (c) => refresh(id, c),
  });
};

export const useDeleteCampaign = (id: string) => {
  const qc = useQueryClient();
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: (version: number) => api<void>(`/campaigns/${id}`, { method: 'DELETE', version }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: ['campaigns', 'one', id] });
      refresh(id);
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
};

export const useCampaignCosts = (id: string) =>
  useQuery({
    queryKey: ['campaigns', 'costs', id],
    queryFn: () => call(campaignEndpoints.listCosts, { params: { id } }),
  });

export const useAddCost = (id: string) => {
  const qc = useQueryClient();
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: (input: CampaignCostInput) => call(campaignEndpoints.addCost, { params: { id }, body: input }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['campaigns', 'costs', id] });
      refresh(id);
    },
  });
};

export const useDeleteCost = (id: string) => {
  const qc = useQueryClient();
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: (costId: string) => call(campaignEndpoints.deleteCost, { params: { id, costId } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['campaigns', 'costs', id] });
      refresh(id);
    },
  });
};

export const useCampaignMembers = (id: string, status: MemberStatus | undefined) =>
  usePagedList(campaignEndpoints.listMembers, { params: { id }, query: { status } }, { keepPrevious: true });

/** Every page of the campaign's members, whatever the status filter. */
const membersOf = (id: string) => keyOf(campaignEndpoints.listMembers, { params: { id } });

export const useAddMembers = (id: string) => {
  const qc = useQueryClient();
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: (input: AddCampaignMembersInput) => call(campaignEndpoints.addMembers, { params: { id }, body: input }),
    onSuccess: () => {
      void invalidate(qc, membersOf(id));
      refresh(id);
    },
  });
};

export const useUpdateMember = (id: string) => {
  const qc = useQueryClient();
  const refresh = useCampaignRefresh();
  return useMutation({
    mutationFn: ({ contactId, status }: { contactId: string; status: MemberStatus }) =>
      call(campaignEndpoints.updateMember, { params: { id, contactId }, body: { status } }),
    onSuccess: () => {
      // a response is a touchpoint: the contact's timeline and the figures change
      void invalidate(qc, membersOf(id), ...everyTimeline);
      refresh(id);
    },
  });
};
