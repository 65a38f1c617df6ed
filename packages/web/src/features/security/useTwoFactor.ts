import { contract, type Me, type TwoFactorChallenge } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import { call, invalidate, keyOf } from '../../api/endpoints';

/*
 * Issue 15: the user's own second factor, remembered devices and sessions. Pure helpers are exported for
 * their tests.
 */

/** Whether a login answer is the two-factor challenge rather than the user. */
export const isChallenge = (answer: Me | TwoFactorChallenge): answer is TwoFactorChallenge =>
  'twoFactorRequired' in answer && answer.twoFactorRequired === true;

/** The secret in groups of four, as authenticator apps show it when typed by hand. */
export const groupSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The recovery codes as a text file to keep: a heading line, then one code a line. */
export const recoveryCodesFile = (codes: readonly string[], heading: string): string =>
  `${heading}\n\n${codes.join('\n')}\n`;

/** The translation key for a failed code check (login step, confirm, disable). */
export const codeErrorKey = (e: unknown): string | null => {
  if (!e) return null;
  if (!isApiError(e)) return 'twoFactor.failed';
  if (e.status === 429) return 'auth.rateLimited';
  if (e.code === 'invalid_two_factor_code') return 'twoFactor.invalidCode';
  if (e.code === 'two_factor_challenge_expired') return 'twoFactor.challengeExpired';
  if (e.status === 0) return 'common.networkError';
  if (e.code === 'validation_failed') return 'twoFactor.invalidCode';
  return 'twoFactor.failed';
};

/** The messages of a refused password change, by field. */
export const passwordErrors = (e: unknown): { current?: string; next?: string; other?: string } => {
  if (!e) return {};
  if (!isApiError(e)) return { other: 'common.error' };
  if (e.code === 'weak_password') return { next: 'errors.weak_password' };
  const fields = e.fieldErrors();
  if (fields.currentPassword) return { current: 'twoFactor.wrongPassword' };
  if (fields.newPassword) return { next: 'twoFactor.passwordTooShort' };
  if (e.status === 429) return { other: 'auth.rateLimited' };
  return { other: 'common.error' };
};

export const useTwoFactorStatus = () =>
  useQuery({ queryKey: keyOf(contract.getTwoFactor), queryFn: () => call(contract.getTwoFactor, {}) });

export const useEnrollTwoFactor = () => useMutation({ mutationFn: () => call(contract.enrollTwoFactor, {}) });

export const useConfirmTwoFactor = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => call(contract.confirmTwoFactor, { body: { code } }),
    onSuccess: () => invalidate(qc, contract.getTwoFactor),
  });
};

export const useRegenerateRecoveryCodes = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => call(contract.regenerateRecoveryCodes, { body: { code } }),
    onSuccess: () => invalidate(qc, contract.getTwoFactor),
  });
};

export const useDisableTwoFactor = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { code?: string; password?: string }) => call(contract.disableTwoFactor, { body }),
    onSuccess: () => invalidate(qc, contract.getTwoFactor, contract.listRememberedDevices),
  });
};

export const useVerifyTwoFactor = () =>
  useMutation({
    mutationFn: (body: { code: string; rememberDevice: boolean }) => call(contract.verifyTwoFactor, { body }),
  });

export const useRememberedDevices = () =>
  useQuery({
    queryKey: keyOf(contract.listRememberedDevices),
    queryFn: () => call(contract.listRememberedDevices, {}),
  });

export const useForgetDevice = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(contract.forgetRememberedDevice, { params: { id } }),
    onSuccess: () => invalidate(qc, contract.listRememberedDevices),
  });
};

export const useSessions = () =>
  useQuery({ queryKey: keyOf(contract.listSessions), queryFn: () => call(contract.listSessions, {}) });

export const useEndSession = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(contract.endSession, { params: { id } }),
    onSuccess: () => invalidate(qc, contract.listSessions),
  });
};

export const useEndOtherSessions = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(contract.endOtherSessions, {}),
    onSuccess: () => invalidate(qc, contract.listSessions),
  });
};

export const useChangePassword = () =>
  useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => call(contract.changePassword, { body }),
  });
