import { securityEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { isDemoInUse } from '../demo/demo.service.js';
import { changeOwnPassword } from '../users/passwords.service.js';
import { clearLockout, listLockouts } from './lockouts.js';

export const registerSecurityRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, securityEndpoints, {
    getWorkspace: async (ctx) => ({ demo: await isDemoInUse(ctx) }),
    changePassword: (ctx, actor, { body }) => changeOwnPassword(ctx, actor, body),
    listLockouts: async (ctx, actor) => ({ items: await listLockouts(ctx, actor) }),
    clearLockout: (ctx, actor, { body }) => clearLockout(ctx, actor, body.email),
  });
