import { z } from 'zod';
import { IdParams } from '../schemas/common.js';
import { Me } from '../schemas/rotations.js';
import { TwoFactorChallenge } from '../schemas/twoFactor.js';
import { ApiToken, CreatedToken, CreateTokenInput, LoginInput, UpdateMeInput } from '../schemas/users.js';
import { endpoint } from './endpoint.js';

const tag = 'auth';

export const authEndpoints = {
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    tag,
    summary:
      'Log in; sets the session cookie, or, for a user with a second factor (and no remembered device), a short challenge to verify at /api/auth/two-factor/verify',
    body: LoginInput,
    response: z.union([Me, TwoFactorChallenge]),
    action: 'public',
  }),
  // public: an expired session must still be able to clear its cookie
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    tag,
    summary: 'Log out; ends the session',
    action: 'public',
  }),
  getMe: endpoint({
    method: 'GET',
    path: '/api/auth/me',
    tag,
    summary: 'The logged-in user, with the job rotation whose host rights they have today',
    response: Me,
    action: 'self.manage',
  }),
  // public and never 401: the web app asks it on every visit, and a visitor without a session is no error
  getSession: endpoint({
    method: 'GET',
    path: '/api/auth/session',
    tag,
    summary: 'Who is logged in: the user as /api/auth/me answers it, or null without a valid session',
    response: z.object({
      user: Me.nullable(),
      /** The workspace requires a second factor this user has not set up yet: only its enrollment answers. */
      twoFactorEnrollmentRequired: z.boolean().optional(),
    }),
    action: 'public',
  }),
  updateMe: endpoint({
    method: 'PATCH',
    path: '/api/auth/me',
    tag,
    summary: 'Change your own name, language or time zone',
    body: UpdateMeInput,
    response: Me,
    action: 'self.manage',
  }),
  listTokens: endpoint({
    method: 'GET',
    path: '/api/tokens',
    tag,
    summary: 'Your personal API tokens',
    response: z.object({ items: z.array(ApiToken) }),
    action: 'self.manage',
  }),
  createToken: endpoint({
    method: 'POST',
    path: '/api/tokens',
    tag,
    summary: 'Create a personal API token (the secret is shown once)',
    body: CreateTokenInput,
    response: CreatedToken,
    status: 201,
    action: 'self.manage',
  }),
  revokeToken: endpoint({
    method: 'DELETE',
    path: '/api/tokens/:id',
    tag,
    summary: 'Revoke a token',
    params: IdParams,
    action: 'self.manage',
  }),
};
