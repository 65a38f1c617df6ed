import { IdParams, pageOf } from '../schemas/common.js';
import { CreateUserInput, ListUsersQuery, UpdateUserInput, User } from '../schemas/users.js';
import { endpoint } from './endpoint.js';

const tag = 'users';

export const userEndpoints = {
  listUsers: endpoint({
    method: 'GET',
    path: '/api/users',
    tag,
    summary: 'List users',
    query: ListUsersQuery,
    response: pageOf(User),
    action: 'users.read',
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/users',
    tag,
    summary: 'Create a user (admins)',
    body: CreateUserInput,
    response: User,
    status: 201,
    action: 'users.manage',
  }),
  getUser: endpoint({
    method: 'GET',
    path: '/api/users/:id',
    tag,
    summary: 'One user',
    params: IdParams,
    response: User,
    action: 'users.read',
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/users/:id',
    tag,
    summary: 'Change role, department, status or password (admins; If-Match required)',
    params: IdParams,
    body: UpdateUserInput,
    response: User,
    ifMatch: true,
    action: 'users.manage',
  }),
};
