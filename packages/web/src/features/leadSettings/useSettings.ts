import { contract, type Form, type SlaSettings, type SlaState, type Team } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { invalidate, useEndpoint } from '../../api/endpoints';
import type { StoredSetting } from '../leads/useLeads';

export type SettingPath = 'scoring' | 'routing' | 'reject-reasons' | 'forms';

/** One stored setting (value + version) and a save that sends If-Match. */
export const useSetting = <T>(path: SettingPath) => {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ['settings', path],
    queryFn: () => api<StoredSetting<T>>(`/settings/${path}`),
  });
  const save = useMutation({
    mutationFn: ({ value, version }: { value: T; version: number }) =>
      api<StoredSetting<T>>(`/settings/${path}`, { method: 'PUT', body: value, version }),
    onSuccess: (s) => qc.setQueryData(['settings', path], s),
  });
  return { query, save };
};

export const useSla = () => {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['settings', 'sla'], queryFn: () => api<SlaState>('/settings/sla') });
  const onSuccess = (s: SlaState) => qc.setQueryData(['settings', 'sla'], s);
  const propose = useMutation({
    mutationFn: ({ value, version }: { value: SlaSettings; version: number }) =>
      api<SlaState>('/settings/sla', { method: 'PUT', body: value, version }),
    onSuccess,
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      api<SlaState>(`/settings/sla/proposals/${id}/${approve ? 'approve' : 'decline'}`, { method: 'POST', body: {} }),
    onSuccess,
  });
  return { query, propose, decide };
};

export const useTeams = () => useQuery({ queryKey: ['teams'], queryFn: () => api<{ items: Team[] }>('/teams') });

export const useSaveTeam = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ team, input }: { team: Team | null; input: { name: string; memberIds: string[] } }) =>
      team
        ? api<Team>(`/teams/${team.id}`, { method: 'PATCH', body: input, version: team.version })
        : api<Team>('/teams', { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['teams'] }),
  });
};

export const useForms = () => useEndpoint(contract.listForms, {});

export const useSaveForm = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ form, input }: { form: Form | null; input: object }) =>
      form
        ? api<Form>(`/forms/${form.id}`, { method: 'PATCH', body: input, version: form.version })
        : api<Form>('/forms', { method: 'POST', body: input }),
    onSuccess: () => invalidate(qc, 'forms'),
  });
};

export const useDeleteForm = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/forms/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(qc, 'forms'),
  });
};
