import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { codeErrorKey, groupSecret, isChallenge, passwordErrors, recoveryCodesFile } from './useTwoFactor';

const problem = (status: number, code: string, errors: { path: string; message: string }[] = []) =>
  new ApiError({ status, code, title: code, errors });

describe('two-factor helpers', () => {
  it('tells a login challenge from the user', () => {
    expect(isChallenge({ twoFactorRequired: true, expiresAt: '2026-01-01T00:00:00.000Z' })).toBe(true);
    expect(isChallenge({ id: 'u1', name: 'Erika' } as never)).toBe(false);
  });

  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSW Y3DP EHPK 3PXP'],
    ['ABCDEFGHIJ', 'ABCD EFGH IJ'],
    ['ABCD', 'ABCD'],
    ['', ''],
  ])('groups the secret %j as %j', (secret, grouped) => {
    expect(groupSecret(secret)).toBe(grouped);
  });

  it('writes the recovery codes one a line under a heading', () => {
    expect(recoveryCodesFile(['aaaaa-bbbbb', 'ccccc-ddddd'], 'Codes')).toBe('Codes\n\naaaaa-bbbbb\nccccc-ddddd\n');
  });

  it.each([
    [undefined, null],
    [problem(400, 'invalid_two_factor_code'), 'twoFactor.invalidCode'],
    [problem(401, 'two_factor_challenge_expired'), 'twoFactor.challengeExpired'],
    [problem(429, 'rate_limited'), 'auth.rateLimited'],
    [problem(0, 'network_error'), 'common.networkError'],
    [problem(400, 'validation_failed', [{ path: 'code', message: 'too short' }]), 'twoFactor.invalidCode'],
    [problem(500, 'internal_error'), 'twoFactor.failed'],
    [new Error('boom'), 'twoFactor.failed'],
  ])('a failed code check %# reads %j', (error, key) => {
    expect(codeErrorKey(error)).toBe(key);
  });

  it.each([
    [undefined, {}],
    [problem(400, 'weak_password', [{ path: 'newPassword', message: 'weak' }]), { next: 'errors.weak_password' }],
    [
      problem(400, 'validation_failed', [{ path: 'currentPassword', message: 'wrong' }]),
      { current: 'twoFactor.wrongPassword' },
    ],
    [
      problem(400, 'validation_failed', [{ path: 'newPassword', message: 'short' }]),
      { next: 'twoFactor.passwordTooShort' },
    ],
    [problem(429, 'rate_limited'), { other: 'auth.rateLimited' }],
    [new Error('boom'), { other: 'common.error' }],
  ])('a refused password change %# shows %j', (error, shown) => {
    expect(passwordErrors(error)).toEqual(shown);
  });
});
