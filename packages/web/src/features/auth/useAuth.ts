import { contract, type LoginInput, type UpdateMeInput, type User } from '@nenner/shared';
import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { call } from '../../api/endpoints';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => call(contract.getMe, {}),
  staleTime: 60_000,
  retry: false,
});

/** The logged-in user; only used below the authenticated layout, where it is always loaded. */
export const useMe = (): User => useSuspenseQuery(meQuery).data;

export const useLogin = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => call(contract.login, { body: input }),
    onSuccess: (user) => {
      qc.clear();
      qc.setQueryData(meQuery.queryKey, user);
    },
  });
};

/** Ends the session; the caller leaves the authenticated area before the cache is cleared. */
export const useLogout = () =>
  useMutation({
    mutationFn: () => call(contract.logout, {}),
  });

export const useUpdateMe = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeInput) => call(contract.updateMe, { body: input }),
    onSuccess: (user) => qc.setQueryData(meQuery.queryKey, user),
  });
};
