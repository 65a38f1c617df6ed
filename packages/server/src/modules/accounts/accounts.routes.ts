import { accountEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  accountCoverage,
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  restoreAccount,
  updateAccount,
} from './accounts.service.js';

export const registerAccountRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, accountEndpoints, {
    listAccounts: (ctx, actor, { query }) => listAccounts(ctx, actor, query),
    createAccount: (ctx, actor, { body }) => createAccount(ctx, actor, body),
    getAccount: (ctx, actor, { params }) => getAccount(ctx, actor, params.id),
    updateAccount: (ctx, actor, { params, version, body }) => updateAccount(ctx, actor, params.id, version, body),
    deleteAccount: (ctx, actor, { params }) => deleteAccount(ctx, actor, params.id),
    restoreAccount: (ctx, actor, { params }) => restoreAccount(ctx, actor, params.id),
    accountCoverage: (ctx, actor, { query }) => accountCoverage(ctx, actor, query),
  });
