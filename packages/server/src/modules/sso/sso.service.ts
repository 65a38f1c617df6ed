import { createHash, randomBytes } from 'node:crypto';
import type {
  Department,
  FieldChange,
  Role,
  SsoGroupRule,
  SsoPublicConfig,
  SsoSettings,
  UpdateSsoSettingsInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { SsoConfigTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { hashPassword } from '../../lib/passwords.js';
import { createSession } from '../auth/auth.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findUserByEmail, findUserById, insertUser } from '../users/users.repository.js';
import { emailDomain, groupsOf, mapGroups } from './sso.mapping.js';
import { clientConfiguration, forgetClientConfigurations, issuerAllowed, oidc } from './sso.oidc.js';
import {
  deleteExpiredLogins,
  findIdentity,
  findSsoConfig,
  hasIdentity,
  insertIdentity,
  insertPendingLogin,
  insertSsoConfig,
  SSO_CONFIG_ID,
  takePendingLogin,
  touchIdentity,
  updateSsoConfig,
} from './sso.repository.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const PENDING_MS = 10 * 60 * 1000;
const SCOPE = 'openid email profile';

export const redirectUriOf = (ctx: AppContext): string => `${ctx.config.publicUrl}/api/auth/sso/callback`;

const parseList = <T>(json: string): T[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? (v as T[]) : [];
};

const presentSettings = (ctx: AppContext, row: SsoConfigTable | undefined): SsoSettings => ({
  enabled: row?.enabled === 1,
  issuer: row?.issuer ?? '',
  clientId: row?.client_id ?? '',
  clientSecretSet: Boolean(row?.client_secret),
  displayName: row?.display_name ?? '',
  allowedDomains: row ? parseList<string>(row.allowed_domains) : [],
  groupRules: row ? parseList<SsoGroupRule>(row.group_rules) : [],
  defaultDepartment: (row?.default_department ?? 'sales') as Department,
  defaultRole: (row?.default_role ?? 'viewer') as Role,
  passwordLoginDisabled: row?.password_login_disabled === 1,
  redirectUri: redirectUriOf(ctx),
  version: row?.version ?? 0,
});

/** The SSO configuration for the settings screen (admins); never the client secret. */
export const getSsoSettings = async (ctx: AppContext, actor: Actor): Promise<SsoSettings> => {
  assertCan(actor, 'settings.admin');
  return presentSettings(ctx, await findSsoConfig(ctx.db));
};

/** Saves the SSO configuration (admins); a left-out secret keeps the stored one. Audited without the secret. */
export const updateSsoSettings = async (
  ctx: AppContext,
  actor: Actor,
  input: UpdateSsoSettingsInput,
  expectedVersion: number | null,
): Promise<SsoSettings> => {
  assertCan(actor, 'settings.admin');
  if (input.issuer && !issuerAllowed(ctx, input.issuer)) {
    throw fieldError('issuer', 'Must be an https URL (http only for a loopback issuer the server allows)');
  }
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const current = await findSsoConfig(trx);
    if (expectedVersion !== null && expectedVersion !== (current?.version ?? 0)) throw new AppError('version_conflict');
    const secret = input.clientSecret ? input.clientSecret : (current?.client_secret ?? null);
    if (input.enabled) {
      const missing = [
        ...(input.issuer ? [] : ['issuer']),
        ...(input.clientId ? [] : ['clientId']),
        ...(input.displayName ? [] : ['displayName']),
        ...(input.allowedDomains.length ? [] : ['allowedDomains']),
      ];
      if (missing.length) {
        throw new AppError('validation_failed', undefined, {
          errors: missing.map((path) => ({ path, message: 'Required to switch single sign-on on' })),
        });
      }
    }
    const now = nowIso();
    const values = {
      enabled: input.enabled ? 1 : 0,
      issuer: input.issuer.replace(/\/$/, ''),
      client_id: input.clientId,
      client_secret: secret,
      display_name: input.displayName,
      allowed_domains: JSON.stringify([...new Set(input.allowedDomains)]),
      group_rules: JSON.stringify(input.groupRules),
      default_department: input.defaultDepartment,
      default_role: input.defaultRole,
      password_login_disabled: input.passwordLoginDisabled ? 1 : 0,
      updated_at: now,
      updated_by: actor.id,
    };
    if (current) {
      const result = await updateSsoConfig(trx, current.version, { ...values, version: current.version + 1 });
      if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    } else {
      await insertSsoConfig(trx, { id: SSO_CONFIG_ID, ...values, version: 1 });
    }
    const before = presentSettings(ctx, current);
    const after = presentSettings(ctx, { id: SSO_CONFIG_ID, ...values, version: (current?.version ?? 0) + 1 });
    const fields = [
      'enabled',
      'issuer',
      'clientId',
      'displayName',
      'allowedDomains',
      'groupRules',
      'defaultDepartment',
      'defaultRole',
      'passwordLoginDisabled',
    ] as const;
    const changes: FieldChange[] = fields
      .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
      .map((f) => ({ field: `sso.${f}`, from: before[f], to: after[f] }));
    // the secret itself is never written to the audit trail, only that it changed
    if (input.clientSecret && input.clientSecret !== current?.client_secret) {
      changes.push({ field: 'sso.clientSecret', from: current?.client_secret ? 'set' : null, to: 'set' });
    }
    await recordAudit(trx, actor, 'setting', SSO_CONFIG_ID, 'updated', changes);
    return after;
  });
  forgetClientConfigurations();
  return saved;
};

/** Whether the login page shows the SSO button, and its label. */
export const getSsoPublicConfig = async (ctx: AppContext): Promise<SsoPublicConfig> => {
  const row = await findSsoConfig(ctx.db);
  const on = row?.enabled === 1 && row.issuer !== '' && row.client_id !== '';
  return { enabled: on, displayName: on ? row.display_name : null };
};

const enabledConfig = async (ctx: AppContext): Promise<SsoConfigTable> => {
  const row = await findSsoConfig(ctx.db);
  if (row?.enabled !== 1 || !row.issuer || !row.client_id) throw new AppError('sso_not_configured');
  return row;
};

const providerConfiguration = async (ctx: AppContext, row: SsoConfigTable) => {
  try {
    return await clientConfiguration(ctx, {
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecret: row.client_secret,
    });
  } catch {
    throw new AppError('sso_provider_error', 'The identity provider’s discovery document could not be read');
  }
};

/**
 * Begins a sign-in: a pending row keyed by the hash of a random handle (the browser keeps the handle in a
 * short-lived cookie) holds state, nonce and the PKCE verifier; answers the provider's authorization URL.
 */
export const startSsoLogin = async (ctx: AppContext): Promise<{ url: string; handle: string }> => {
  const row = await enabledConfig(ctx);
  const config = await providerConfiguration(ctx, row);
  const handle = randomBytes(32).toString('base64url');
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = nowIso();
  await deleteExpiredLogins(ctx.db, now);
  await insertPendingLogin(ctx.db, {
    id: sha256(handle),
    state,
    nonce,
    code_verifier: verifier,
    created_at: now,
    expires_at: new Date(Date.parse(now) + PENDING_MS).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriOf(ctx),
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, handle };
};

interface Identity {
  subject: string;
  email: string | null;
  emailVerified: boolean | undefined;
  name: string | null;
  groups: string[];
}

const providerError = (detail: string) => new AppError('sso_provider_error', detail);

/** The code exchange and the ID token check (signature by the issuer's JWKS, iss, aud, exp, nonce), by openid-client. */
const exchangeCode = async (
  ctx: AppContext,
  row: SsoConfigTable,
  callbackUrl: URL,
  pending: { state: string; nonce: string; code_verifier: string },
): Promise<Identity> => {
  const config = await providerConfiguration(ctx, row);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw providerError(`The code exchange or the ID token check failed: ${(error as Error).message}`.slice(0, 300));
  }
  const claims = tokens.claims();
  if (!claims) throw providerError('No ID token');
  let all: Record<string, unknown> = claims;
  // some providers put email and groups only in the userinfo answer
  if (typeof claims.email !== 'string' && tokens.access_token) {
    try {
      all = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    } catch {
      throw providerError('The userinfo endpoint failed');
    }
  }
  const email = typeof all.email === 'string' ? all.email.trim().toLowerCase() : null;
  const verified = all.email_verified;
  return {
    subject: claims.sub,
    email,
    emailVerified:
      typeof verified === 'boolean' ? verified : verified === 'true' ? true : verified === 'false' ? false : undefined,
    name: typeof all.name === 'string' && all.name.trim() ? all.name.trim().slice(0, 200) : null,
    groups: groupsOf(all.groups),
  };
};

/**
 * Finishes a sign-in at the callback: the pending sign-in is taken (once) and its state must match; the
 * provider's answer is checked by openid-client; the user is found by the stored subject link, else by email
 * (linked then), else created when the email is verified and its domain allowed, in the department and role
 * the group rules give. A deactivated user is refused. Starts a session like the password login.
 */
export const finishSsoLogin = async (
  ctx: AppContext,
  handle: string | undefined,
  callbackUrl: URL,
  client: { ip: string; userAgent: string | null },
): Promise<{ token: string; userId: string }> => {
  const row = await enabledConfig(ctx);
  const pending = handle ? await takePendingLogin(ctx.db, sha256(handle)) : undefined;
  const now = nowIso();
  if (!pending || pending.expires_at <= now || callbackUrl.searchParams.get('state') !== pending.state) {
    throw new AppError('sso_state_invalid');
  }
  const error = callbackUrl.searchParams.get('error');
  if (error) throw providerError(`The provider answered ${error.replace(/[^\w.-]/g, '').slice(0, 60)}`);
  const identity = await exchangeCode(ctx, row, callbackUrl, pending);

  return ctx.db.transaction().execute(async (trx) => {
    const link = await findIdentity(trx, row.issuer, identity.subject);
    // who signs in, as the audit trail names them
    let user: { id: string; department: Department };
    if (link) {
      const linked = await findUserById(trx, link.user_id);
      if (linked?.active !== 1) throw new AppError('sso_user_inactive');
      user = { id: linked.id, department: linked.department as Department };
      await touchIdentity(trx, link.id, now);
    } else {
      if (!identity.email) throw providerError('The ID token names no email address');
      if (identity.emailVerified === false) throw new AppError('sso_email_unverified');
      const domain = emailDomain(identity.email);
      if (!domain || !parseList<string>(row.allowed_domains).includes(domain)) {
        throw new AppError('sso_domain_not_allowed');
      }
      const existing = await findUserByEmail(trx, identity.email);
      if (existing && existing.active !== 1) throw new AppError('sso_user_inactive');
      if (existing) {
        user = { id: existing.id, department: existing.department as Department };
      } else {
        const { department, role } = mapGroups(parseList<SsoGroupRule>(row.group_rules), identity.groups, {
          department: row.default_department as Department,
          role: row.default_role as Role,
        });
        user = { id: newId(), department };
        await insertUser(trx, {
          id: user.id,
          email: identity.email,
          name: identity.name ?? identity.email.slice(0, identity.email.indexOf('@')),
          // a random password nobody knows: the account signs in through SSO (and a reset can give it one)
          password_hash: await hashPassword(randomBytes(32).toString('base64url')),
          department,
          role,
          active: 1,
          locale: null,
          time_zone: 'Europe/Berlin',
          version: 1,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, null, 'user', user.id, 'created', [
          { field: 'via', from: null, to: 'sso' },
          { field: 'department', from: null, to: department },
          { field: 'role', from: null, to: role },
        ]);
      }
      await insertIdentity(trx, {
        id: newId(),
        user_id: user.id,
        issuer: row.issuer,
        subject: identity.subject,
        created_at: now,
        last_login_at: now,
      });
      await recordAudit(trx, user, 'user', user.id, 'sso_linked', [{ field: 'sso', from: null, to: row.issuer }]);
    }
    await recordAudit(trx, user, 'user', user.id, 'sso_login', [{ field: 'ip', from: null, to: client.ip }]);
    const token = await createSession(trx, ctx.config, user.id, client);
    return { token, userId: user.id };
  });
};

/** Refuses a password login of a user linked to SSO while an admin has switched that off. */
export const assertPasswordLoginAllowed = async (ctx: AppContext, userId: string): Promise<void> => {
  const row = await findSsoConfig(ctx.db);
  if (row?.enabled === 1 && row.password_login_disabled === 1 && (await hasIdentity(ctx.db, userId))) {
    throw new AppError('sso_password_login_disabled');
  }
};
