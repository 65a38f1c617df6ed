import { createHash, randomBytes } from 'node:crypto';
import {
  type ApiToken,
  type CreatedToken,
  type CreateTokenInput,
  fullTokenScopes,
  type LoginInput,
  normalizeScopes,
  scopesWithin,
  type TokenScope,
  tokenScopes,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { dummyHash, verifyPassword } from '../../lib/passwords.js';
import { rotationDaysAround, withHostRights } from '../rotations/rotations.rights.js';
import { assertPasswordLoginAllowed } from '../sso/sso.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import {
  type ActorRow,
  clearRateLimit,
  deleteSession,
  deleteSessionsOfUser,
  findCredentials,
  findSessionActor,
  findTokenActor,
  hitRateLimit,
  insertSession,
  insertToken,
  listTokensOfUser,
  releaseRateLimit,
  revokeToken as revokeTokenRow,
  revokeTokensOfUser,
  touchSession,
  touchToken,
} from './auth.repository.js';
import { accountKey, accountWaitUntil, pairKey, recordAccountFailure } from './lockouts.js';
import { twoFactorRequiredFor } from './twoFactor.policy.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const TOKEN_PREFIX = 'nen_';
const TOUCH_AFTER_MS = 10 * 60 * 1000;
// a session's "last use" is shown in the session list: written at most once a minute per session
const SESSION_TOUCH_AFTER_MS = 60 * 1000;

const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Stored scopes → the token's scopes; null (a token from before scopes) stays null: full read-write. */
export const parseScopes = (stored: string | null): TokenScope[] | null =>
  stored === null ? null : normalizeScopes(tokenScopes.filter((s) => stored.split(' ').includes(s)));

const toActor = (row: ActorRow, via: Actor['via'], credentialId: string): Actor => ({
  id: row.id,
  name: row.name,
  email: row.email,
  department: row.department as Actor['department'],
  role: row.role as Actor['role'],
  locale: row.locale as Actor['locale'],
  timeZone: row.time_zone,
  via,
  credentialId,
});

/**
 * Checks email and password. Unknown email, inactive user and wrong password answer alike and take
 * as long. Failures are counted per account and IP pair (past the limit, that pair waits out the window),
 * per IP across accounts, and per account, where they only add a growing delay: an attacker elsewhere
 * cannot lock a user out (issue 15, lockouts.ts).
 */
export const login = async (
  ctx: AppContext,
  input: LoginInput,
  ip: string,
  userAgent: string | null = null,
): Promise<{ token: string; userId: string }> => {
  const userId = await checkPassword(ctx, input, ip);
  return { token: await createSession(ctx.db, ctx.config, userId, { ip, userAgent }), userId };
};

/** The password step of a login, without starting a session (the second factor may come first); the user's id. */
export const checkPassword = async (ctx: AppContext, input: LoginInput, ip: string): Promise<string> => {
  const email = input.email.toLowerCase();
  const now = nowIso();
  const windowEnds = addMs(now, ctx.config.login.windowMs);
  const pair = pairKey(email, ip);
  const ipKey = `login:ip:${ip}`;
  const limited = (until: string) =>
    new AppError('rate_limited', undefined, {
      headers: { 'retry-after': String(Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 1000))) },
    });
  const waitUntil = await accountWaitUntil(ctx, email, now);
  if (waitUntil) throw limited(waitUntil);
  // Count the attempt before the password is checked, so parallel guesses cannot slip past the limit.
  const pairAttempts = await hitRateLimit(ctx.db, pair, now, windowEnds);
  const ipAttempts = await hitRateLimit(ctx.db, ipKey, now, windowEnds);
  if (pairAttempts > ctx.config.login.maxFailuresPerAccount || ipAttempts > ctx.config.login.maxFailuresPerIp) {
    throw limited(windowEnds);
  }
  const user = await findCredentials(ctx.db, email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash));
  if (!user || !ok || user.active !== 1) {
    await recordAccountFailure(ctx, email, now);
    throw new AppError('invalid_credentials');
  }
  // an admin may have switched password login off for users who sign in through SSO (issue 15)
  await assertPasswordLoginAllowed(ctx, user.id);
  // Only failures count: a right password resets the account and its pair and takes its attempt back from the IP.
  await clearRateLimit(ctx.db, pair);
  await clearRateLimit(ctx.db, accountKey(email));
  await releaseRateLimit(ctx.db, ipKey);
  return user.id;
};

/** Starts a session for a user who proved who they are (password, or SSO); returns the cookie's token. */
export const createSession = async (
  db: Db,
  config: AppContext['config'],
  userId: string,
  client: { ip?: string | null; userAgent?: string | null } = {},
): Promise<string> => {
  const now = nowIso();
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, {
    id: sha256(token),
    user_id: userId,
    created_at: now,
    last_seen_at: now,
    expires_at: addMs(now, config.sessionDays * 86_400_000),
    ...(client.ip !== undefined && { ip: client.ip }),
    ...(client.userAgent !== undefined && { user_agent: client.userAgent }),
  });
  return token;
};

/** Ends the session behind a cookie token (a no-op for unknown tokens). */
export const logout = async (ctx: AppContext, sessionToken: string): Promise<void> => {
  await deleteSession(ctx.db, sha256(sessionToken));
};

/**
 * Resolves a session cookie or bearer token to its active user, or null; a user on a job rotation running
 * today also carries the host department (and its rights) for this request.
 */
export const authenticate = async (
  ctx: AppContext,
  credentials: { sessionToken?: string; bearer?: string },
): Promise<Actor | null> => {
  const now = nowIso();
  if (credentials.bearer) {
    if (!credentials.bearer.startsWith(TOKEN_PREFIX)) return null;
    const row = await findTokenActor(ctx.db, sha256(credentials.bearer), now, rotationDaysAround(Date.parse(now)));
    if (!row) return null;
    if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > TOUCH_AFTER_MS) {
      await touchToken(ctx.db, row.token_id, now);
    }
    const actor = { ...toActor(row, 'token', row.token_id), scopes: parseScopes(row.scopes) };
    return withHostRights(ctx, actor, Number(row.rotation_near) === 1);
  }
  if (credentials.sessionToken) {
    const sessionId = sha256(credentials.sessionToken);
    const row = await findSessionActor(ctx.db, sessionId, now, rotationDaysAround(Date.parse(now)));
    if (!row) return null;
    if (Date.parse(now) - Date.parse(row.last_seen_at) > SESSION_TOUCH_AFTER_MS) {
      await touchSession(ctx.db, sessionId, now, addMs(now, ctx.config.sessionDays * 86_400_000));
    }
    const actor = toActor(row, 'session', sessionId);
    if (!row.two_factor_enabled_at && twoFactorRequiredFor(row.two_factor_policy, actor.role)) {
      actor.mustEnrollTwoFactor = true;
    }
    return withHostRights(ctx, actor, Number(row.rotation_near) === 1);
  }
  return null;
};

const presentToken = (r: {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  scopes: string | null;
}): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  scopes: parseScopes(r.scopes) ?? [...fullTokenScopes],
});

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', undefined, { errors: [{ path, message }] });

/** The expiry of a new token: a future moment, at most ten years ahead, or none. */
const expiryOf = (input: CreateTokenInput, now: string): string | null => {
  if (input.expiresInDays) return addMs(now, input.expiresInDays * 86_400_000);
  if (!input.expiresAt) return null;
  const at = new Date(input.expiresAt).toISOString();
  if (at <= now) throw invalid('expiresAt', 'Must lie in the future');
  if (at > addMs(now, 3650 * 86_400_000)) throw invalid('expiresAt', 'At most ten years ahead');
  return at;
};

/**
 * Creates a personal API token (viewers too: a token acts with its owner's role) with the scopes asked for
 * (none named: full read-write). A token made with a token reaches no further than that one. The secret is
 * returned once and stored only as a hash.
 */
export const createToken = async (ctx: AppContext, actor: Actor, input: CreateTokenInput): Promise<CreatedToken> => {
  const scopes = normalizeScopes(input.scopes ?? fullTokenScopes);
  if (!scopesWithin(scopes, actor.scopes)) throw new AppError('insufficient_scope');
  const token = `${TOKEN_PREFIX}${randomBytes(30).toString('base64url')}`;
  const now = nowIso();
  const row = {
    id: newId(),
    user_id: actor.id,
    name: input.name,
    prefix: token.slice(0, 10),
    token_hash: sha256(token),
    created_at: now,
    last_used_at: null,
    expires_at: expiryOf(input, now),
    revoked_at: null,
    scopes: scopes.join(' '),
    expiry_warned_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertToken(trx, row);
    await recordAudit(trx, actor, 'user', actor.id, 'token_created', [
      { field: 'token', from: null, to: input.name },
      { field: 'scopes', from: null, to: row.scopes },
      ...(row.expires_at ? [{ field: 'expiresAt', from: null, to: row.expires_at }] : []),
    ]);
  });
  return { ...presentToken(row), token };
};

/** The caller's own live tokens, without secrets. */
export const listTokens = async (ctx: AppContext, actor: Actor): Promise<ApiToken[]> =>
  (await listTokensOfUser(ctx.db, actor.id)).map(presentToken);

/** Revokes one of the caller's tokens at once. */
export const revokeToken = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  await ctx.db.transaction().execute(async (trx) => {
    const result = await revokeTokenRow(trx, actor.id, id, nowIso());
    if (Number(result.numUpdatedRows) === 0) throw new AppError('token_not_found');
    await recordAudit(trx, actor, 'user', actor.id, 'token_revoked', [{ field: 'token', from: id, to: null }]);
  });
};

/** Ends every session and revokes every token of a user, in the caller's transaction. */
export const revokeAllAccess = async (db: Db, userId: string): Promise<void> => {
  await deleteSessionsOfUser(db, userId);
  await revokeTokensOfUser(db, userId, nowIso());
};

/** Counts one request against `key` atomically; false once the window's limit is used up. */
export const takeRateLimit = async (db: Db, key: string, limit: number, windowMs: number): Promise<boolean> => {
  const now = nowIso();
  return (await hitRateLimit(db, key, now, addMs(now, windowMs))) <= limit;
};
