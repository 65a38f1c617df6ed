import { SsoPublicConfig, SsoSettings, UpdateSsoSettingsInput } from '../schemas/sso.js';
import { endpoint } from './endpoint.js';

/**
 * Single sign-on through OpenID Connect (issue 15). The browser legs (GET /api/auth/sso/start and
 * /api/auth/sso/callback) are redirects, not JSON endpoints: the server registers them beside these.
 */
export const ssoEndpoints = {
  getSsoConfig: endpoint({
    method: 'GET',
    path: '/api/auth/sso/config',
    tag: 'auth',
    summary: 'Whether single sign-on is available, and the label of its button (for the login page)',
    response: SsoPublicConfig,
    action: 'public',
  }),
  getSsoSettings: endpoint({
    method: 'GET',
    path: '/api/settings/sso',
    tag: 'settings',
    summary: 'The single sign-on configuration (admins); the client secret is never returned',
    response: SsoSettings,
    action: 'settings.admin',
  }),
  updateSsoSettings: endpoint({
    method: 'PUT',
    path: '/api/settings/sso',
    tag: 'settings',
    summary: 'Configure single sign-on through OpenID Connect (admins); a left-out client secret is kept',
    body: UpdateSsoSettingsInput,
    response: SsoSettings,
    action: 'settings.admin',
    ifMatch: 'optional',
  }),
};
