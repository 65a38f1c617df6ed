import { type Account, type Contact, contract, type EndpointRequest } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { timelineKey } from '../features/timeline/useTimeline';
import { api } from './client';
import { call, invalidate, usePagedList } from './endpoints';

export type RecordKind = 'accounts' | 'contacts';
interface RecordOf {
  accounts: Account;
  contacts: Contact;
}

const listRead = { accounts: contract.listAccounts, contacts: contract.listContacts };

export type AccountQuery = NonNullable<EndpointRequest<typeof contract.listAccounts>['query']>;
export type ContactQuery = NonNullable<EndpointRequest<typeof contract.listContacts>['query']>;

/** Accounts, one page at a time by keyset cursor. */
export const useAccountList = (query: AccountQuery) => usePagedList(contract.listAccounts, { query });

/** Contacts, one page at a time by keyset cursor. */
export const useContactList = (query: ContactQuery) => usePagedList(contract.listContacts, { query });

export const useRecord = <K extends RecordKind>(kind: K, id: string) =>
  useQuery({
    queryKey: [kind, 'one', id],
    queryFn: () => api<RecordOf[K]>(`/${kind}/${id}`),
    retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err && err.status === 404),
  });

export const useCreateRecord = <K extends RecordKind>(kind: K) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: object) => api<RecordOf[K]>(`/${kind}`, { method: 'POST', body: input }),
    onSuccess: (rec) => {
      qc.setQueryData([kind, 'one', rec.id], rec);
      // an account's contact list or picker may show the new record
      void invalidate(qc, listRead[kind], contract.listContacts, ['contacts', 'list']);
    },
  });
};

export const useUpdateRecord = <K extends RecordKind>(kind: K, id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, version }: { input: object; version: number }) =>
      api<RecordOf[K]>(`/${kind}/${id}`, { method: 'PATCH', body: input, version }),
    onSuccess: (rec) => {
      qc.setQueryData([kind, 'one', id], rec);
      void invalidate(qc, listRead[kind], timelineKey(kind, id));
    },
  });
};

export const useDeleteRecord = (kind: RecordKind, id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      kind === 'accounts'
        ? call(contract.deleteAccount, { params: { id } })
        : call(contract.deleteContact, { params: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: [kind, 'one', id] });
      // the list read also lists the trash
      void invalidate(qc, listRead[kind]);
    },
  });
};

export const useRestoreRecord = (kind: RecordKind) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<RecordOf[RecordKind]> =>
      kind === 'accounts'
        ? call(contract.restoreAccount, { params: { id } })
        : call(contract.restoreContact, { params: { id } }),
    onSuccess: () => void invalidate(qc, kind),
  });
};
