import { z } from 'zod';
import { ChangePasswordInput, ClearLockoutInput, Lockout, WorkspaceInfo } from '../schemas/security.js';
import { endpoint } from './endpoint.js';

const tag = 'users';

/**
 * Issue 15: changing your own password (which ends your other sessions and revokes your API tokens), and
 * the login lockouts admins see and clear.
 */
export const securityEndpoints = {
  getWorkspace: endpoint({
    method: 'GET',
    path: '/api/workspace',
    tag: 'system',
    summary: 'About the workspace: whether it is the demo workspace (the web app shows a banner then)',
    response: WorkspaceInfo,
    action: 'self.manage',
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    tag: 'auth',
    summary: 'Change your own password; your other sessions end and your API tokens are revoked (this session stays)',
    body: ChangePasswordInput,
    action: 'self.manage',
  }),
  listLockouts: endpoint({
    method: 'GET',
    path: '/api/lockouts',
    tag,
    summary: 'Accounts held back from logging in after failed attempts (admins)',
    response: z.object({ items: z.array(Lockout) }),
    action: 'users.lockouts',
  }),
  clearLockout: endpoint({
    method: 'POST',
    path: '/api/lockouts/clear',
    tag,
    summary: 'Forget the failed logins of an account, from every IP (admins)',
    body: ClearLockoutInput,
    response: z.object({ cleared: z.number().int() }),
    action: 'users.lockouts',
  }),
};
