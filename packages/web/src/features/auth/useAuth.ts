import type { LoginInput, UpdateMeInput, User } from '@nenner/shared';
import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => api<User>('/auth/me'),
  staleTime: 60_000,
  retry: false,
});

/** The logged-in user; only used below the authenticated layout, where it is always loaded. */
export const useMe = (): User => useSuspenseQuery(meQuery).data;

export const useLogin = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<User>('/auth/login', { method: 'POST', body: input }),
    onSuccess: (user) => {
      qc.clear();
      qc.setQueryData(meQuery.queryKey, user);
    },
  });
};

/** Ends the session; the caller leaves the authenticated area before the cache is cleared. */
export const useLogout = () =>
  useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', body: {} }),
  });

export const useUpdateMe = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeInput) => api<User>('/auth/me', { method: 'PATCH', body: input }),
    onSuccess: (user) => qc.setQueryData(meQuery.queryKey, user),
  });
};
