import { type CreateUserInput, contract, type UpdateUserInput, type User } from '@nenner/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, invalidate, usePagedList } from '../../api/endpoints';

/** Everyone in the workspace (up to 200), for pickers and name lookups. */
export const usersQuery = queryOptions({
  queryKey: ['users', 'all'],
  queryFn: () => call(contract.listUsers, { query: { limit: 200 } }),
  staleTime: 5 * 60_000,
});

export const useAllUsers = () => useQuery(usersQuery);

/** The admins' user list, searched by name or email. */
export const useUserList = (q: string) => usePagedList(contract.listUsers, { query: { q: q || undefined } });

export const useCreateUser = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => call(contract.createUser, { body: input }),
    onSuccess: () => invalidate(qc, 'users'),
  });
};

export const useUpdateUser = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ user, input }: { user: User; input: UpdateUserInput }) =>
      call(contract.updateUser, { params: { id: user.id }, body: input, version: user.version }),
    onSettled: () => invalidate(qc, 'users'),
  });
};
