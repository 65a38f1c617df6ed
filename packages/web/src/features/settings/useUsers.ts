import { type CreateUserInput, contract, type Page, type UpdateUserInput, type User } from '@nenner/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';
import { invalidate, usePagedList } from '../../api/endpoints';

/** Everyone in the workspace (up to 200), for pickers and name lookups. */
export const usersQuery = queryOptions({
  queryKey: ['users', 'all'],
  queryFn: () => api<Page<User>>(`/users${toQueryString({ limit: 200 })}`),
  staleTime: 5 * 60_000,
});

export const useAllUsers = () => useQuery(usersQuery);

/** The admins' user list, searched by name or email. */
export const useUserList = (q: string) => usePagedList(contract.listUsers, { query: { q: q || undefined } });

export const useCreateUser = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api<User>('/users', { method: 'POST', body: input }),
    onSuccess: () => invalidate(qc, 'users'),
  });
};

export const useUpdateUser = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ user, input }: { user: User; input: UpdateUserInput }) =>
      api<User>(`/users/${user.id}`, { method: 'PATCH', body: input, version: user.version }),
    onSettled: () => invalidate(qc, 'users'),
  });
};
