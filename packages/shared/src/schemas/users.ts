import { z } from 'zod';
import { departments, locales, roles } from '../enums.js';
import { limits } from '../limits.js';
import { tokenScopes } from '../tokens/scopes.js';
import { Email, Id, IsoDateTime, Limit, Query, QueryBool, TimeZoneName } from './common.js';

export const Department = z.enum(departments);
export const Role = z.enum(roles);
export const Locale = z.enum(locales);
export type Department = z.infer<typeof Department>;
export type Role = z.infer<typeof Role>;
export type Locale = z.infer<typeof Locale>;
const Password = z.string().min(limits.passwordMin).max(limits.passwordMax);
const TimeZone = TimeZoneName;

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  department: Department,
  role: Role,
  active: z.boolean(),
  locale: Locale.nullable(),
  timeZone: z.string(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type User = z.infer<typeof User>;

export const CreateUserInput = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(limits.nameMax),
  department: Department,
  role: Role.default('member'),
  password: Password,
  locale: Locale.nullable().optional(),
  timeZone: TimeZone.optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  name: z.string().trim().min(1).max(limits.nameMax).optional(),
  department: Department.optional(),
  role: Role.optional(),
  active: z.boolean().optional(),
  locale: Locale.nullable().optional(),
  timeZone: TimeZone.optional(),
  password: Password.optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** What a user may change about themselves. */
export const UpdateMeInput = z.strictObject({
  name: z.string().trim().min(1).max(limits.nameMax).optional(),
  locale: Locale.nullable().optional(),
  timeZone: TimeZone.optional(),
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

export const ListUsersQuery = z.strictObject({
  q: Query.optional(),
  department: Department.optional(),
  active: QueryBool.optional(),
  limit: Limit,
  cursor: z.string().max(limits.cursorMax).optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const LoginInput = z.strictObject({
  email: z.string().trim().max(limits.emailMax),
  password: z.string().max(limits.passwordMax),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  /** What the token may reach (see tokens/scopes.ts); a token from before scopes shows `read`, `write`. */
  scopes: z.array(z.enum(tokenScopes)),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const TokenScopeSchema = z.enum(tokenScopes);

/**
 * A new token: without `scopes` it is a full read-write token; with them it needs `read` or `write`.
 * The expiry is a moment (`expiresAt`, in the future) or a number of days (`expiresInDays`), not both.
 */
export const CreateTokenInput = z
  .strictObject({
    name: z.string().trim().min(1).max(limits.tokenNameMax),
    scopes: z
      .array(TokenScopeSchema)
      .min(1)
      .max(tokenScopes.length)
      .refine((s) => s.includes('read') || s.includes('write'), { message: 'Needs `read` or `write`' })
      .optional(),
    expiresAt: IsoDateTime.nullable().optional(),
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .refine((i) => i.expiresAt == null || i.expiresInDays == null, {
    message: 'Give `expiresAt` or `expiresInDays`, not both',
    path: ['expiresAt'],
  });
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

/** The only response that ever carries the secret. */
export const CreatedToken = ApiToken.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
