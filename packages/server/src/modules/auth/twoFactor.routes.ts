import { twoFactorEndpoints } from '@nenner/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { setSessionCookie } from '../../http/auth.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { presentMe } from '../rotations/rotations.rights.js';
import { getUser } from '../users/users.service.js';
import {
  confirmTwoFactor,
  disableTwoFactor,
  endOtherSessions,
  endSession,
  endUserSessions,
  enrollTwoFactor,
  forgetRememberedDevice,
  getTwoFactorPolicy,
  getTwoFactorStatus,
  getUserSecurity,
  listRememberedDevices,
  listSessions,
  REMEMBER_DAYS,
  regenerateRecoveryCodes,
  resetUserTwoFactor,
  updateTwoFactorPolicy,
  verifyTwoFactorLogin,
} from './twoFactor.service.js';

/** The login's two-factor challenge: httpOnly, only sent to the verify endpoint, gone after five minutes. */
export const CHALLENGE_COOKIE = 'nenner_2fa';
const CHALLENGE_PATH = '/api/auth/two-factor';
/** A remembered device: only sent to the login endpoints. */
export const DEVICE_COOKIE = 'nenner_device';
const DEVICE_PATH = '/api/auth';

export const setChallengeCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
  reply.setCookie(CHALLENGE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: CHALLENGE_PATH,
    maxAge: 5 * 60,
  });

export const clientOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
});

export const registerTwoFactorRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, twoFactorEndpoints, {
    verifyTwoFactor: async (ctx, _actor, { body }, { request, reply }) => {
      const result = await verifyTwoFactorLogin(ctx, request.cookies[CHALLENGE_COOKIE], body, clientOf(request));
      reply.clearCookie(CHALLENGE_COOKIE, { path: CHALLENGE_PATH });
      setSessionCookie(request, reply, result.sessionToken, ctx.config.sessionDays);
      if (result.deviceToken) {
        reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          path: DEVICE_PATH,
          maxAge: REMEMBER_DAYS * 86_400,
        });
      }
      return presentMe(ctx, await getUser(ctx, result.userId));
    },
    getTwoFactor: (ctx, actor) => getTwoFactorStatus(ctx, actor),
    enrollTwoFactor: (ctx, actor) => enrollTwoFactor(ctx, actor),
    confirmTwoFactor: (ctx, actor, { body }) => confirmTwoFactor(ctx, actor, body.code),
    regenerateRecoveryCodes: (ctx, actor, { body }) => regenerateRecoveryCodes(ctx, actor, body.code),
    disableTwoFactor: (ctx, actor, { body }) => disableTwoFactor(ctx, actor, body),
    listRememberedDevices: async (ctx, actor) => ({ items: await listRememberedDevices(ctx, actor) }),
    forgetRememberedDevice: (ctx, actor, { params }) => forgetRememberedDevice(ctx, actor, params.id),
    listSessions: async (ctx, actor) => ({ items: await listSessions(ctx, actor) }),
    endSession: (ctx, actor, { params }) => endSession(ctx, actor, params.id),
    endOtherSessions: (ctx, actor) => endOtherSessions(ctx, actor),
    getUserSecurity: (ctx, actor, { params }) => getUserSecurity(ctx, actor, params.id),
    resetUserTwoFactor: (ctx, actor, { params }) => resetUserTwoFactor(ctx, actor, params.id),
    endUserSessions: (ctx, actor, { params }) => endUserSessions(ctx, actor, params.id),
    getTwoFactorPolicy: (ctx) => getTwoFactorPolicy(ctx),
    updateTwoFactorPolicy: (ctx, actor, { body }) => updateTwoFactorPolicy(ctx, actor, body.require),
  });
