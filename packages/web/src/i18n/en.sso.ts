import type { deSso } from './de.sso';

/** Issue 15: single sign-on through OpenID Connect — the login button and the admin settings. */
export const enSso: typeof deSso = {
  sso: {
    signInWith: 'Sign in with {{name}}',
    or: 'or',
    failed: 'Signing in through the identity provider failed.',
    title: 'Single sign-on (OpenID Connect)',
    intro:
      'Sign-in through Entra ID, Google Workspace, Keycloak or another OpenID Connect provider. New users are created on their first sign-in when their email domain is allowed.',
    enabled: 'Single sign-on on',
    issuer: 'Issuer URL',
    issuerHint: 'e.g. https://login.microsoftonline.com/<tenant id>/v2.0',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    clientSecretSet: 'Stored – leave empty to keep it',
    clientSecretMissing: 'No secret stored yet',
    displayName: 'Name on the sign-in button',
    redirectUri: 'Redirect URI (register it at the provider)',
    allowedDomains: 'Allowed email domains',
    allowedDomainsHint: 'Confirm with Enter, e.g. company.com',
    groupRules: 'Groups → department and role',
    groupRulesIntro:
      'On the first sign-in the first rule whose group the provider names in the “groups” claim decides; otherwise the default applies.',
    group: 'Group (name or object id)',
    addRule: 'Add rule',
    removeRule: 'Remove rule',
    defaultMapping: 'Default without a matching group',
    passwordLoginDisabled: 'Turn password login off for SSO users',
    passwordLoginDisabledHint:
      'Applies to accounts that have signed in through SSO before. An admin account without SSO keeps password login as emergency access.',
    save: 'Save',
    saved: 'Single sign-on settings saved.',
  },
};
