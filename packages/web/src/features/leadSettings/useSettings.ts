import { contract, type Form, type SlaSettings, type SlaState, type Team } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
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
  const query = useQuery({ queryKey: ['settings', 'sla'], queryFn: () => call(contract.getSla, {}) });
  const onSuccess = (s: SlaState) => qc.setQueryData(['settings', 'sla'], s);
  const propose = useMutation({
    mutationFn: ({ value, version }: { value: SlaSettings; version: number }) =>
      call(contract.proposeSla, { body: value, version }),
    onSuccess,
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      call(approve ? contract.approveSla : contract.declineSla, { params: { id } }),
    onSuccess,
  });
  return { query, propose, decide };
};

export const useTeams = () => useQuery({ queryKey: ['teams'], queryFn: () => call(contract.listTeams, {}) });

export const useSaveTeam = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ team, input }: { team: Team | null; input: { name: string; memberIds: string[] } }) =>
      team
        ? call(contract.updateTeam, { params: { id: team.id }, body: input, version: team.version })
        : call(contract.createTeam, { body: input }),
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
    mutationFn: (id: string) => call(contract.deleteForm, { params: { id } }),
    onSuccess: () => invalidate(qc, 'forms'),
  });
};
