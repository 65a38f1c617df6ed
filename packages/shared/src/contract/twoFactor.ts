import { z } from 'zod';
import { IdParams } from '../schemas/common.js';
import { Me } from '../schemas/rotations.js';
import {
  ConfirmTwoFactorInput,
  DisableTwoFactorInput,
  EndedCount,
  OpaqueIdParams,
  RecoveryCodes,
  RememberedDevice,
  SessionInfo,
  TwoFactorEnrollment,
  TwoFactorPolicy,
  TwoFactorStatus,
  UserSecurity,
  VerifyTwoFactorInput,
} from '../schemas/twoFactor.js';
import { endpoint } from './endpoint.js';

/*
 * Issue 15: two-factor authentication (TOTP, recovery codes, remembered devices), the workspace's policy
 * of who must use it, and the list of a user's sessions. While the policy asks a user for a second factor
 * they have not set up, their session reaches only the endpoints marked `enrollment` in
 * `twoFactorEnrollmentPaths` (the server refuses the rest with 403 `two_factor_enrollment_required`).
 */
export const twoFactorEndpoints = {
  verifyTwoFactor: endpoint({
    method: 'POST',
    path: '/api/auth/two-factor/verify',
    tag: 'auth',
    summary:
      'The second step of a login: a TOTP or recovery code for the challenge the password step set; sets the session cookie',
    body: VerifyTwoFactorInput,
    response: Me,
    action: 'public',
  }),
  getTwoFactor: endpoint({
    method: 'GET',
    path: '/api/auth/two-factor',
    tag: 'auth',
    summary: 'Your second factor: whether it is on, whether the workspace requires it, recovery codes left',
    response: TwoFactorStatus,
    action: 'self.manage',
  }),
  enrollTwoFactor: endpoint({
    method: 'POST',
    path: '/api/auth/two-factor/enroll',
    tag: 'auth',
    summary:
      'Start setting up an authenticator app: a new secret, its otpauth:// URI and QR code (not on until confirmed)',
    response: TwoFactorEnrollment,
    action: 'self.manage',
  }),
  confirmTwoFactor: endpoint({
    method: 'POST',
    path: '/api/auth/two-factor/confirm',
    tag: 'auth',
    summary: 'Turn the second factor on with a code from the app; answers the recovery codes, shown once',
    body: ConfirmTwoFactorInput,
    response: RecoveryCodes,
    action: 'self.manage',
  }),
  regenerateRecoveryCodes: endpoint({
    method: 'POST',
    path: '/api/auth/two-factor/recovery-codes',
    tag: 'auth',
    summary: 'New recovery codes (the old ones stop working), proven with a current code',
    body: ConfirmTwoFactorInput,
    response: RecoveryCodes,
    action: 'self.manage',
  }),
  disableTwoFactor: endpoint({
    method: 'POST',
    path: '/api/auth/two-factor/disable',
    tag: 'auth',
    summary: 'Turn your second factor off (a current code or your password); remembered devices are forgotten',
    body: DisableTwoFactorInput,
    action: 'self.manage',
  }),
  listRememberedDevices: endpoint({
    method: 'GET',
    path: '/api/auth/devices',
    tag: 'auth',
    summary: 'Devices that skip the second factor for 30 days',
    response: z.object({ items: z.array(RememberedDevice) }),
    action: 'self.manage',
  }),
  forgetRememberedDevice: endpoint({
    method: 'DELETE',
    path: '/api/auth/devices/:id',
    tag: 'auth',
    summary: 'Forget a remembered device: it asks for the second factor again',
    params: OpaqueIdParams,
    action: 'self.manage',
  }),
  listSessions: endpoint({
    method: 'GET',
    path: '/api/auth/sessions',
    tag: 'auth',
    summary: 'Your active sessions: device, IP, when begun and last used, and which one is this',
    response: z.object({ items: z.array(SessionInfo) }),
    action: 'self.manage',
  }),
  endSession: endpoint({
    method: 'DELETE',
    path: '/api/auth/sessions/:id',
    tag: 'auth',
    summary: 'End one of your sessions',
    params: OpaqueIdParams,
    action: 'self.manage',
  }),
  endOtherSessions: endpoint({
    method: 'POST',
    path: '/api/auth/sessions/end-others',
    tag: 'auth',
    summary: 'End all your sessions but this one',
    response: EndedCount,
    action: 'self.manage',
  }),
  getUserSecurity: endpoint({
    method: 'GET',
    path: '/api/users/:id/security',
    tag: 'users',
    summary: "A user's second factor and active sessions (admins)",
    params: IdParams,
    response: UserSecurity,
    action: 'users.security',
  }),
  resetUserTwoFactor: endpoint({
    method: 'POST',
    path: '/api/users/:id/two-factor/reset',
    tag: 'users',
    summary:
      "Reset a user's second factor (admins): it is off, their sessions end and remembered devices are forgotten",
    params: IdParams,
    action: 'users.security',
  }),
  endUserSessions: endpoint({
    method: 'POST',
    path: '/api/users/:id/sessions/end',
    tag: 'users',
    summary: 'End every session of a user (admins)',
    params: IdParams,
    response: EndedCount,
    action: 'users.security',
  }),
  getTwoFactorPolicy: endpoint({
    method: 'GET',
    path: '/api/settings/two-factor',
    tag: 'settings',
    summary: 'Who must use a second factor: nobody, admins or everyone',
    response: TwoFactorPolicy,
    action: 'settings.read',
  }),
  updateTwoFactorPolicy: endpoint({
    method: 'PUT',
    path: '/api/settings/two-factor',
    tag: 'settings',
    summary: 'Require a second factor of nobody, admins or everyone (admins)',
    body: TwoFactorPolicy,
    response: TwoFactorPolicy,
    action: 'settings.admin',
  }),
};

/** What a session that must still set up its second factor may reach (besides public endpoints). */
export const twoFactorEnrollmentPaths: readonly string[] = [
  twoFactorEndpoints.getTwoFactor.path,
  twoFactorEndpoints.enrollTwoFactor.path,
  twoFactorEndpoints.confirmTwoFactor.path,
  '/api/auth/me',
  '/api/workspace',
];
