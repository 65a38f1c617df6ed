import {
  Account,
  AccountCoverage,
  AccountCoverageQuery,
  CreateAccountInput,
  ListAccountsQuery,
  UpdateAccountInput,
} from '../schemas/accounts.js';
import { endpoint } from './endpoint.js';
import { recordEndpoints } from './records.js';

const accounts = recordEndpoints({
  path: '/api/accounts',
  noun: 'account',
  tag: 'accounts',
  record: Account,
  listQuery: ListAccountsQuery,
  createBody: CreateAccountInput,
  updateBody: UpdateAccountInput,
  read: 'records.read',
  write: 'records.write',
  trash: 'records.trash',
});

export const accountEndpoints = {
  listAccounts: accounts.list,
  createAccount: accounts.create,
  getAccount: accounts.get,
  updateAccount: accounts.update,
  deleteAccount: accounts.remove,
  restoreAccount: accounts.restore,
  accountCoverage: endpoint({
    method: 'GET',
    path: '/api/accounts/coverage',
    tag: 'accounts',
    summary:
      'Account pairs: of the accounts with an open deal, how many have both a sales owner and a marketing partner (optionally of one team)',
    query: AccountCoverageQuery,
    response: AccountCoverage,
    action: 'records.read',
  }),
};
