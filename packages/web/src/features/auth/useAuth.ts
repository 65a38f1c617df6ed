import { contract, type LoginInput, type Me, type UpdateMeInput } from '@nenner/shared';
import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { call } from '../../api/endpoints';

export const meQuery = queryOptions({
  queryKey: ['me'],
  // The session probe answers 200 with no user when nobody is logged in, so a visit logs no failed
  // request in the browser's console; the router still gets the 401 it sends to the login page on.
  queryFn: async () => {
    const { user } = await call(contract.getSession, {});
    if (!user) throw new ApiError({ status: 401, code: 'unauthenticated', title: 'Not logged in' });
    return user;
  },
  staleTime: 60_000,
  retry: false,
});

/** The logged-in user; only used below the authenticated layout, where it is always loaded. It carries the
 * host department of a job rotation running today, so `can(me, …)` shows the host department's actions too. */
export const useMe = (): Me => useSuspenseQuery(meQuery).data;

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
