import { z } from 'zod';
import { Line } from './common.js';
import { Department, Role } from './users.js';

// ——— Single sign-on through OpenID Connect (issue 15) ————————————————————————————————————————————————

/** A mail domain users may come from, lower-case, without `@` (e.g. `example.com`). */
export const SsoDomain = Line.trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'A mail domain such as example.com');

/** One mapping rule: a member of `group` (a name, or the group's object id in Entra ID) gets this department and role. */
export const SsoGroupRule = z.strictObject({
  group: Line.trim().min(1).max(200),
  department: Department,
  role: Role,
});
export type SsoGroupRule = z.infer<typeof SsoGroupRule>;

/** The SSO configuration as an admin sees it: the client secret is never returned, only whether one is set. */
export const SsoSettings = z.object({
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  displayName: z.string(),
  allowedDomains: z.array(z.string()),
  groupRules: z.array(SsoGroupRule),
  defaultDepartment: Department,
  defaultRole: Role,
  passwordLoginDisabled: z.boolean(),
  /** What to register at the provider as the redirect URI. */
  redirectUri: z.string(),
  version: z.number().int(),
});
export type SsoSettings = z.infer<typeof SsoSettings>;

/**
 * PUT /api/settings/sso. `clientSecret` is write-only: left out (or null) it keeps the stored one. Rules are
 * tried in order; the first group the user is in decides, else the default.
 */
export const UpdateSsoSettingsInput = z.strictObject({
  enabled: z.boolean(),
  issuer: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  clientId: Line.trim().max(300),
  clientSecret: Line.max(1000).nullish(),
  displayName: Line.trim().max(80),
  allowedDomains: z.array(SsoDomain).max(50),
  groupRules: z.array(SsoGroupRule).max(100),
  defaultDepartment: Department,
  defaultRole: Role,
  passwordLoginDisabled: z.boolean(),
});
export type UpdateSsoSettingsInput = z.infer<typeof UpdateSsoSettingsInput>;

/** GET /api/auth/sso/config, for the login page: whether the SSO button shows, and its label. */
export const SsoPublicConfig = z.object({ enabled: z.boolean(), displayName: z.string().nullable() });
export type SsoPublicConfig = z.infer<typeof SsoPublicConfig>;
