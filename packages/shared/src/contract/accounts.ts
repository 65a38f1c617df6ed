import { Account, CreateAccountInput, ListAccountsQuery, UpdateAccountInput } from '../schemas/accounts.js';
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
};
