import { Account, CreateAccountInput, ListAccountsQuery, UpdateAccountInput } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerRecordRoutes } from '../../http/records.js';
import {
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  restoreAccount,
  updateAccount,
} from './accounts.service.js';

export const registerAccountRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerRecordRoutes(app, ctx, {
    path: '/api/accounts',
    noun: 'account',
    record: Account,
    listQuery: ListAccountsQuery,
    createBody: CreateAccountInput,
    updateBody: UpdateAccountInput,
    service: {
      list: listAccounts,
      get: getAccount,
      create: createAccount,
      update: updateAccount,
      remove: deleteAccount,
      restore: restoreAccount,
    },
  });
