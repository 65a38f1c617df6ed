import type { deSecurity } from './de.security';

/** Issue 15: login lockouts, the embedding allow-list, the demo banner and the password change. */
export const enSecurity: typeof deSecurity = {
  security: {
    embedOrigins: 'Allow embedding on',
    embedOriginsIntro:
      'Websites that may embed forms and event pages in an iframe (e.g. https://www.example.com). Empty: any website.',
    originPlaceholder: 'https://www.example.com',
    lockouts: 'Login lockouts',
    lockoutsIntro:
      'Accounts with too many failed logins: locked for one IP, or briefly delayed for everyone. Clearing forgets every failed login of the account.',
    lockoutsEmpty: 'No account is locked right now.',
    lockoutEmail: 'Email',
    lockoutIp: 'IP address',
    lockoutAnyIp: 'all (delay)',
    lockoutFailures: 'Failed logins',
    lockoutUntil: 'Until',
    lockoutClear: 'Clear',
    lockoutCleared: 'Lockout cleared.',
    demoBanner: 'Demo workspace',
    demoBannerText: 'This data is made up. For real use, start Nenner without the demo (NENNER_DEMO=0).',
  },
};
