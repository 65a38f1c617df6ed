import { createHash, randomBytes, randomInt } from 'node:crypto';
import type {
  DisableTwoFactorInput,
  RememberedDevice,
  SessionInfo,
  TwoFactorEnrollment,
  TwoFactorRequirement,
  TwoFactorStatus,
  UserSecurity,
  VerifyTwoFactorInput,
} from '@nenner/shared';
import { Secret, TOTP } from 'otpauth';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { now as clockNow } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { verifyPassword } from '../../lib/passwords.js';
import { findSetting, writeSetting } from '../settings/settings.repository.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findUserById } from '../users/users.repository.js';
import { clearRateLimit, findCredentials, hitRateLimit } from './auth.repository.js';
import { createSession } from './auth.service.js';
import { describeDevice } from './devices.js';
import { parseTwoFactorPolicy, TWO_FACTOR_POLICY_KEY, twoFactorRequiredFor } from './twoFactor.policy.js';
import {
  claimStep,
  countDevicesOf,
  countSessionsOf,
  countUnusedRecoveryCodes,
  deleteChallenge,
  deleteChallengesOf,
  deleteDevice,
  deleteDevicesOf,
  deleteRecoveryCodes,
  deleteSecret,
  deleteSessionOf,
  deleteSessionsExcept,
  enableSecret,
  findChallenge,
  findLiveDevice,
  findTwoFactorSecret,
  insertChallenge,
  insertDevice,
  listDevicesOf,
  listSessionsOf,
  replaceRecoveryCodes,
  touchDevice,
  upsertPendingSecret,
  useRecoveryCode,
} from './twoFactor.repository.js';

/*
 * Two-factor authentication (issue 15): TOTP (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps
 * expect) through `otpauth`; a code is accepted one step either side and each time step only once.
 * Recovery codes, challenges and remembered devices are random tokens kept only as SHA-256 hashes.
 * Guessing codes is limited per user like passwords: past `maxFailuresPerAccount` attempts in the login
 * window the user's code checks answer 429 until it is over.
 */

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const ISSUER = 'Nenner';
const PERIOD = 30;
const CHALLENGE_MS = 5 * 60 * 1000;
export const REMEMBER_DAYS = 30;
const RECOVERY_CODES = 10;
const DEVICE_TOUCH_AFTER_MS = 60 * 1000;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpOf = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A recovery code as users see it: ten characters in two groups, without look-alike characters. */
const newRecoveryCode = (): string => {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
};
/** Spaces, dashes and case do not matter when a recovery code is typed. */
const recoveryHash = (code: string) => sha256(code.toLowerCase().replace(/[\s-]/g, ''));

const codeError = () =>
  new AppError('invalid_two_factor_code', undefined, { errors: [{ path: 'code', message: 'The code is not valid' }] });

/**
 * Counts one code attempt for the user before it is checked (parallel guesses cannot slip past), runs the
 * check, and forgets the count on success; 429 once the window's attempts are used up.
 */
const guarded = async (ctx: AppContext, userId: string, check: () => Promise<boolean>): Promise<boolean> => {
  const key = `two_factor:${userId}`;
  const now = nowIso();
  const windowEnds = addMs(now, ctx.config.login.windowMs);
  const attempts = await hitRateLimit(ctx.db, key, now, windowEnds);
  if (attempts > ctx.config.login.maxFailuresPerAccount) {
    throw new AppError('rate_limited', undefined, {
      headers: { 'retry-after': String(Math.max(1, Math.ceil((Date.parse(windowEnds) - Date.parse(now)) / 1000))) },
    });
  }
  const ok = await check();
  if (ok) await clearRateLimit(ctx.db, key);
  return ok;
};

/** The time step a TOTP code belongs to, or null when it is not valid now (± one step). */
const stepOf = (secret: string, code: string): number | null => {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const timestamp = clockNow();
  const delta = totpOf(secret, 'x').validate({ token, timestamp, window: 1 });
  return delta === null ? null : Math.floor(timestamp / 1000 / PERIOD) + delta;
};

/** Checks a TOTP code of an enabled secret and uses up its time step: a code works once. */
const useTotp = async (db: Db, userId: string, secret: string, code: string): Promise<boolean> => {
  const step = stepOf(secret, code);
  return step !== null && (await claimStep(db, userId, step));
};

type CodeKind = 'totp' | 'recovery';

/** Checks a TOTP code or, failing that, a recovery code (used up); which one matched, or null. */
const useCode = async (db: Db, userId: string, secret: string, code: string): Promise<CodeKind | null> => {
  if (await useTotp(db, userId, secret, code)) return 'totp';
  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) return null;
  return (await useRecoveryCode(db, userId, recoveryHash(code), nowIso())) ? 'recovery' : null;
};

// ——— policy ————————————————————————————————————————————————————————————————————————————————————————

const readPolicy = async (db: Db): Promise<{ require: TwoFactorRequirement; version: number }> => {
  const row = await findSetting(db, TWO_FACTOR_POLICY_KEY);
  return { require: parseTwoFactorPolicy(row?.value), version: row?.version ?? 0 };
};

/** Who must use a second factor. */
export const getTwoFactorPolicy = async (ctx: AppContext): Promise<{ require: TwoFactorRequirement }> => ({
  require: (await readPolicy(ctx.db)).require,
});

/** Sets who must use a second factor (admins); users it newly applies to must enroll at their next request. */
export const updateTwoFactorPolicy = async (
  ctx: AppContext,
  actor: Actor,
  require: TwoFactorRequirement,
): Promise<{ require: TwoFactorRequirement }> => {
  assertCan(actor, 'settings.admin');
  return ctx.db.transaction().execute(async (trx) => {
    const current = await readPolicy(trx);
    if (current.require === require) return { require };
    const written = await writeSetting(
      trx,
      TWO_FACTOR_POLICY_KEY,
      JSON.stringify({ require }),
      current.version,
      actor.id,
      nowIso(),
    );
    if (!written) throw new AppError('version_conflict');
    await recordAudit(trx, actor, 'setting', TWO_FACTOR_POLICY_KEY, 'updated', [
      { field: 'require', from: current.require, to: require },
    ]);
    return { require };
  });
};

// ——— login ——————————————————————————————————————————————————————————————————————————————————————————

export type LoginStep = { kind: 'session'; token: string } | { kind: 'challenge'; token: string; expiresAt: string };

export interface Client {
  ip: string;
  userAgent: string | null;
}

/**
 * After a right password: a session at once for a user without a second factor or on a remembered device;
 * otherwise a short challenge (its token goes in a cookie) that `verifyTwoFactorLogin` turns into a session.
 */
export const continueLogin = async (
  ctx: AppContext,
  userId: string,
  client: Client,
  deviceToken: string | undefined,
): Promise<LoginStep> => {
  const now = nowIso();
  const secret = await findTwoFactorSecret(ctx.db, userId);
  if (secret?.enabled_at && deviceToken) {
    const device = await findLiveDevice(ctx.db, userId, sha256(deviceToken), now);
    if (device) {
      if (Date.parse(now) - Date.parse(device.last_used_at) > DEVICE_TOUCH_AFTER_MS)
        await touchDevice(ctx.db, device.id, now);
      return { kind: 'session', token: await createSession(ctx.db, ctx.config, userId, client) };
    }
  }
  if (!secret?.enabled_at) return { kind: 'session', token: await createSession(ctx.db, ctx.config, userId, client) };
  const token = randomBytes(32).toString('base64url');
  const expiresAt = addMs(now, CHALLENGE_MS);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteChallengesOf(trx, userId, now);
    await insertChallenge(trx, { id: sha256(token), user_id: userId, created_at: now, expires_at: expiresAt });
  });
  return { kind: 'challenge', token, expiresAt };
};

/**
 * The second step of a login: a TOTP or recovery code for the challenge. A wrong code changes nothing
 * but the attempt count; a right one ends the challenge and starts a session (and remembers the device
 * when asked: its token is returned for a cookie).
 */
export const verifyTwoFactorLogin = async (
  ctx: AppContext,
  challengeToken: string | undefined,
  input: VerifyTwoFactorInput,
  client: Client,
): Promise<{ userId: string; sessionToken: string; deviceToken: string | null }> => {
  const now = nowIso();
  const challenge = challengeToken ? await findChallenge(ctx.db, sha256(challengeToken), now) : undefined;
  const secret = challenge && (await findTwoFactorSecret(ctx.db, challenge.user_id));
  if (!challenge || !secret?.enabled_at) throw new AppError('two_factor_challenge_expired');
  const userId = challenge.user_id;
  let kind: CodeKind | null = null;
  const ok = await guarded(ctx, userId, async () => {
    kind = await useCode(ctx.db, userId, secret.secret, input.code);
    return kind !== null;
  });
  if (!ok) throw codeError();
  const deviceToken = input.rememberDevice ? randomBytes(32).toString('base64url') : null;
  const sessionToken = await ctx.db.transaction().execute(async (trx) => {
    await deleteChallenge(trx, challenge.id);
    const token = await createSession(trx, ctx.config, userId, client);
    const self = { id: userId, department: (await findUserById(trx, userId))?.department ?? 'sales' } as Actor;
    if (kind === 'recovery') {
      await recordAudit(trx, self, 'user', userId, 'two_factor_recovery_code_used', [
        { field: 'recoveryCodes', from: null, to: '(one used)' },
      ]);
    }
    if (deviceToken) {
      await insertDevice(trx, {
        id: newId(),
        user_id: userId,
        token_hash: sha256(deviceToken),
        user_agent: client.userAgent,
        ip: client.ip,
        created_at: now,
        last_used_at: now,
        expires_at: addMs(now, REMEMBER_DAYS * 86_400_000),
      });
      await recordAudit(trx, self, 'user', userId, 'device_remembered', [
        { field: 'device', from: null, to: describeDevice(client.userAgent) ?? '?' },
      ]);
    }
    return token;
  });
  return { userId, sessionToken, deviceToken };
};

// ——— the user's own second factor ————————————————————————————————————————————————————————————————————

/** The caller's second factor: on or off, required or not, recovery codes left. */
export const getTwoFactorStatus = async (ctx: AppContext, actor: Actor): Promise<TwoFactorStatus> => {
  const secret = await findTwoFactorSecret(ctx.db, actor.id);
  const policy = await findSetting(ctx.db, TWO_FACTOR_POLICY_KEY);
  return {
    enabled: Boolean(secret?.enabled_at),
    enabledAt: secret?.enabled_at ?? null,
    required: twoFactorRequiredFor(policy?.value, actor.role),
    recoveryCodesLeft: secret?.enabled_at ? await countUnusedRecoveryCodes(ctx.db, actor.id) : 0,
  };
};

/** Starts (or restarts) setting up an authenticator app: a new secret, not on until a code confirms it. */
export const enrollTwoFactor = async (ctx: AppContext, actor: Actor): Promise<TwoFactorEnrollment> => {
  const current = await findTwoFactorSecret(ctx.db, actor.id);
  if (current?.enabled_at) throw new AppError('two_factor_already_enabled');
  const secret = new Secret({ size: 20 }).base32;
  await ctx.db.transaction().execute(async (trx) => {
    await upsertPendingSecret(trx, actor.id, secret, nowIso());
    await recordAudit(trx, actor, 'user', actor.id, 'two_factor_enrollment_started', [
      { field: 'twoFactor', from: null, to: 'pending' },
    ]);
  });
  const uri = totpOf(secret, actor.email).toString();
  return { secret, uri, qrCode: await (await import('qrcode')).default.toDataURL(uri, { margin: 1, width: 220 }) };
};

const newRecoveryCodes = () => {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  return { codes, rows: codes.map((c) => ({ id: newId(), code_hash: recoveryHash(c) })) };
};

/** Turns the second factor on with a first code from the app; the recovery codes, shown this once. */
export const confirmTwoFactor = async (
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> => {
  const secret = await findTwoFactorSecret(ctx.db, actor.id);
  if (!secret) throw new AppError('two_factor_not_enabled');
  if (secret.enabled_at) throw new AppError('two_factor_already_enabled');
  let step: number | null = null;
  const ok = await guarded(ctx, actor.id, async () => {
    step = stepOf(secret.secret, code);
    return step !== null;
  });
  if (!ok) throw codeError();
  const { codes, rows } = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    const enabled = await enableSecret(trx, actor.id, nowIso(), step ?? 0);
    if (Number(enabled.numUpdatedRows) !== 1) throw new AppError('two_factor_already_enabled');
    await replaceRecoveryCodes(trx, actor.id, rows, nowIso());
    await recordAudit(trx, actor, 'user', actor.id, 'two_factor_enabled', [
      { field: 'twoFactor', from: 'off', to: 'on' },
    ]);
  });
  return { recoveryCodes: codes };
};

/** New recovery codes for a current TOTP code; the old ones stop working. */
export const regenerateRecoveryCodes = async (
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> => {
  const secret = await findTwoFactorSecret(ctx.db, actor.id);
  if (!secret?.enabled_at) throw new AppError('two_factor_not_enabled');
  if (!(await guarded(ctx, actor.id, () => useTotp(ctx.db, actor.id, secret.secret, code)))) throw codeError();
  const { codes, rows } = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(trx, actor.id, rows, nowIso());
    await recordAudit(trx, actor, 'user', actor.id, 'recovery_codes_regenerated', [
      { field: 'recoveryCodes', from: null, to: '(new)' },
    ]);
  });
  return { recoveryCodes: codes };
};

/** Removes a user's second factor, recovery codes, challenges and remembered devices, in the caller's transaction. */
const removeTwoFactor = async (db: Db, userId: string) => {
  await deleteSecret(db, userId);
  await deleteRecoveryCodes(db, userId);
  await deleteChallengesOf(db, userId, nowIso());
  await deleteDevicesOf(db, userId);
};

/** Turns the caller's second factor off, proven with a current code or the password; refused while the policy requires it. */
export const disableTwoFactor = async (ctx: AppContext, actor: Actor, input: DisableTwoFactorInput): Promise<void> => {
  const secret = await findTwoFactorSecret(ctx.db, actor.id);
  if (!secret?.enabled_at) throw new AppError('two_factor_not_enabled');
  const policy = await findSetting(ctx.db, TWO_FACTOR_POLICY_KEY);
  if (twoFactorRequiredFor(policy?.value, actor.role)) throw new AppError('two_factor_required_by_policy');
  if (input.code !== undefined) {
    const code = input.code;
    if (!(await guarded(ctx, actor.id, async () => (await useCode(ctx.db, actor.id, secret.secret, code)) !== null))) {
      throw codeError();
    }
  } else {
    const credentials = await findCredentials(ctx.db, actor.email);
    const ok = await guarded(ctx, actor.id, async () =>
      credentials ? verifyPassword(input.password ?? '', credentials.password_hash) : false,
    );
    if (!ok) throw fieldError('password', 'This is not your current password');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await removeTwoFactor(trx, actor.id);
    await recordAudit(trx, actor, 'user', actor.id, 'two_factor_disabled', [
      { field: 'twoFactor', from: 'on', to: 'off' },
    ]);
  });
};

// ——— remembered devices and sessions ————————————————————————————————————————————————————————————————

/** The caller's remembered devices. */
export const listRememberedDevices = async (ctx: AppContext, actor: Actor): Promise<RememberedDevice[]> =>
  (await listDevicesOf(ctx.db, actor.id, nowIso())).map((d) => ({
    id: d.id,
    device: describeDevice(d.user_agent),
    ip: d.ip,
    createdAt: d.created_at,
    lastUsedAt: d.last_used_at,
    expiresAt: d.expires_at,
  }));

/** Forgets one of the caller's remembered devices. */
export const forgetRememberedDevice = (ctx: AppContext, actor: Actor, id: string): Promise<void> =>
  ctx.db.transaction().execute(async (trx) => {
    const result = await deleteDevice(trx, actor.id, id);
    if (Number(result.numDeletedRows) === 0) throw new AppError('device_not_found');
    await recordAudit(trx, actor, 'user', actor.id, 'device_forgotten', [{ field: 'device', from: id, to: null }]);
  });

/** The caller's live sessions, the current one marked. */
export const listSessions = async (ctx: AppContext, actor: Actor): Promise<SessionInfo[]> =>
  (await listSessionsOf(ctx.db, actor.id, nowIso())).map((s) => ({
    id: s.id,
    device: describeDevice(s.user_agent),
    ip: s.ip ?? null,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    current: actor.via === 'session' && actor.credentialId === s.id,
  }));

/** Ends one of the caller's sessions (the current one too: that is a logout). */
export const endSession = (ctx: AppContext, actor: Actor, id: string): Promise<void> =>
  ctx.db.transaction().execute(async (trx) => {
    const result = await deleteSessionOf(trx, actor.id, id);
    if (Number(result.numDeletedRows) === 0) throw new AppError('session_not_found');
    await recordAudit(trx, actor, 'user', actor.id, 'session_ended', [
      { field: 'session', from: id.slice(0, 8), to: null },
    ]);
  });

const currentSession = (actor: Actor) => (actor.via === 'session' ? actor.credentialId : null);

/** Ends all the caller's sessions but this one. */
export const endOtherSessions = (ctx: AppContext, actor: Actor): Promise<{ ended: number }> =>
  ctx.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsExcept(trx, actor.id, currentSession(actor));
    if (ended)
      await recordAudit(trx, actor, 'user', actor.id, 'sessions_ended', [{ field: 'sessions', from: ended, to: 0 }]);
    return { ended };
  });

// ——— admins ————————————————————————————————————————————————————————————————————————————————————————

const assertUser = async (db: Db, id: string) => {
  const user = await findUserById(db, id);
  if (!user) throw new AppError('user_not_found');
  return user;
};

/** A user's second factor and sessions (admins). */
export const getUserSecurity = async (ctx: AppContext, actor: Actor, userId: string): Promise<UserSecurity> => {
  assertCan(actor, 'users.security');
  await assertUser(ctx.db, userId);
  const now = nowIso();
  const secret = await findTwoFactorSecret(ctx.db, userId);
  return {
    twoFactorEnabled: Boolean(secret?.enabled_at),
    twoFactorEnabledAt: secret?.enabled_at ?? null,
    activeSessions: await countSessionsOf(ctx.db, userId, now),
    rememberedDevices: await countDevicesOf(ctx.db, userId, now),
  };
};

/**
 * Resets a user's second factor (admins): it is off (to be set up again if the policy requires it), their
 * sessions end (an admin resetting their own keeps this one) and their remembered devices are forgotten.
 */
export const resetUserTwoFactor = async (ctx: AppContext, actor: Actor, userId: string): Promise<void> => {
  assertCan(actor, 'users.security');
  await ctx.db.transaction().execute(async (trx) => {
    await assertUser(trx, userId);
    const had = await findTwoFactorSecret(trx, userId);
    await removeTwoFactor(trx, userId);
    const ended = await deleteSessionsExcept(trx, userId, actor.id === userId ? currentSession(actor) : null);
    await recordAudit(trx, actor, 'user', userId, 'two_factor_reset', [
      { field: 'twoFactor', from: had?.enabled_at ? 'on' : had ? 'pending' : 'off', to: 'off' },
      { field: 'sessions', from: ended, to: 0 },
    ]);
  });
  await clearRateLimit(ctx.db, `two_factor:${userId}`);
};

/** Ends every session of a user (admins; their own current one stays). */
export const endUserSessions = async (ctx: AppContext, actor: Actor, userId: string): Promise<{ ended: number }> => {
  assertCan(actor, 'users.security');
  return ctx.db.transaction().execute(async (trx) => {
    await assertUser(trx, userId);
    const ended = await deleteSessionsExcept(trx, userId, actor.id === userId ? currentSession(actor) : null);
    await recordAudit(trx, actor, 'user', userId, 'sessions_ended', [{ field: 'sessions', from: ended, to: 0 }]);
    return { ended };
  });
};
