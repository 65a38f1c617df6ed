import { z } from 'zod';
import { IsoDateTime } from './common.js';

// ——— Two-factor authentication and sessions (issue 15) ——————————————————————————————————————————————

/** A six-digit TOTP code or a recovery code (`xxxxx-xxxxx`); spaces and dashes the user types are ignored. */
export const TwoFactorCode = z
  .string()
  .trim()
  .min(6)
  .max(32)
  .regex(/^[0-9A-Za-z -]+$/, 'Digits, letters, spaces and dashes only');

/** Who must use a second factor: nobody (each user chooses), admins, or everyone. */
export const TwoFactorRequirement = z.enum(['nobody', 'admins', 'everyone']);
export type TwoFactorRequirement = z.infer<typeof TwoFactorRequirement>;

export const TwoFactorPolicy = z.strictObject({ require: TwoFactorRequirement });
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;

/** POST /api/auth/login with a second factor to come: no session yet, a short challenge in a cookie. */
export const TwoFactorChallenge = z.object({ twoFactorRequired: z.literal(true), expiresAt: IsoDateTime });
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallenge>;

/** POST /api/auth/two-factor/verify: the code (TOTP or recovery), and whether to remember this device. */
export const VerifyTwoFactorInput = z.strictObject({
  code: TwoFactorCode,
  rememberDevice: z.boolean().optional(),
});
export type VerifyTwoFactorInput = z.infer<typeof VerifyTwoFactorInput>;

/** The caller's own second factor. `required`: the workspace's policy asks it of them. */
export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: IsoDateTime.nullable(),
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** A new enrollment: the secret, its otpauth:// URI, and that URI as a QR code (a PNG data URL). */
export const TwoFactorEnrollment = z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() });
export type TwoFactorEnrollment = z.infer<typeof TwoFactorEnrollment>;

export const ConfirmTwoFactorInput = z.strictObject({ code: TwoFactorCode });
export type ConfirmTwoFactorInput = z.infer<typeof ConfirmTwoFactorInput>;

/** Recovery codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Turning the second factor off proves the user: a current code or the password. */
export const DisableTwoFactorInput = z
  .strictObject({ code: TwoFactorCode.optional(), password: z.string().max(256).optional() })
  .refine((v) => v.code !== undefined || v.password !== undefined, {
    message: 'A code or the password is required',
    path: ['code'],
  });
export type DisableTwoFactorInput = z.infer<typeof DisableTwoFactorInput>;

/** One live session of the user; `device` is read from the browser's user agent. */
export const SessionInfo = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A device that skips the second factor until `expiresAt`. */
export const RememberedDevice = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type RememberedDevice = z.infer<typeof RememberedDevice>;

/** Sessions and devices are named by an opaque id (a hash), not a uuid. */
export const OpaqueIdParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

/** What an admin sees of a user's login security. */
export const UserSecurity = z.object({
  twoFactorEnabled: z.boolean(),
  twoFactorEnabledAt: IsoDateTime.nullable(),
  activeSessions: z.number().int(),
  rememberedDevices: z.number().int(),
});
export type UserSecurity = z.infer<typeof UserSecurity>;

export const EndedCount = z.object({ ended: z.number().int() });
