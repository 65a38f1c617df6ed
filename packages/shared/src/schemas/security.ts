import { z } from 'zod';
import { limits } from '../limits.js';
import { Email, IsoDateTime } from './common.js';

// ——— Login lockouts (issue 15) —————————————————————————————————————————————————————————————————————

/**
 * An account held back from logging in: from one IP (`ip`: that pair failed too often and waits out the
 * window) or, with `ip` null, from everywhere for a growing delay after failures from anywhere.
 */
export const Lockout = z.object({
  email: z.string(),
  ip: z.string().nullable(),
  failures: z.number().int(),
  until: IsoDateTime,
});
export type Lockout = z.infer<typeof Lockout>;

/** POST /api/lockouts/clear: forgets every failure of an account (its delay and all its IPs). */
export const ClearLockoutInput = z.strictObject({ email: Email });
export type ClearLockoutInput = z.infer<typeof ClearLockoutInput>;

/** POST /api/auth/password: the current password, and the new one (the server checks it against the policy). */
export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().max(limits.passwordMax),
  newPassword: z.string().min(limits.passwordMin).max(limits.passwordMax),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** GET /api/workspace: `demo` while the demo workspace is in use (any demo user still active). */
export const WorkspaceInfo = z.object({ demo: z.boolean() });
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;
