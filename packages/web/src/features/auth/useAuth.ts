import { contract, type LoginInput, type Me, type UpdateMeInput } from '@nenner/shared';
import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { call } from '../../api/endpoints';

export const meQuery = queryOptions({
  queryKey: ['me'],
  // The session probe answers 200 with no user when nobody is logged in, so a visit logs no failed
  // request in the browser's console; the router still gets the 401 it sends to the login page on.
  queryFn: async () => {
    const { user, twoFactorEnrollmentRequired } = await call(contract.getSession, {});
    if (!user) throw new ApiError({ status: 401, code: 'unauthenticated', title: 'Not logged in' });
    // the workspace requires a second factor this user has not set up: the router sends them to its setup
    if (twoFactorEnrollmentRequired) {
      throw new ApiError({ status: 403, code: 'two_factor_enrollment_required', title: 'Set up two-factor first' });
    }
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
    onSuccess: (answer) => {
      qc.clear();
      // with a second factor the answer is a challenge; the user comes with the code's answer
      if (!('twoFactorRequired' in answer)) qc.setQueryData(meQuery.queryKey, answer);
    },
  });
};

/** Ends the session; the caller leaves the authenticated area before the cache is cleared. */
export const useLogout = () =>
  useMutation({
    mutationFn: () => call(contract.logout, {}),
  });

/** After the login's second step: the user is logged in. */
export const useSetMe = () => {
  const qc = useQueryClient();
  return (user: Me) => qc.setQueryData(meQuery.queryKey, user);
};

export const useUpdateMe = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeInput) => call(contract.updateMe, { body: input }),
    onSuccess: (user) => qc.setQueryData(meQuery.queryKey, user),
  });
};
