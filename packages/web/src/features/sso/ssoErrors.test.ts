import { ssoErrorCodes } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import { ssoErrorMessage } from './SsoLogin';

/** A `t` over one language's messages: the string at a dotted key, or the key itself when missing. */
const tOf =
  (messages: object) =>
  (key: string): string => {
    const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
    return typeof value === 'string' ? value : key;
  };

describe('the login page names the SSO callback’s refusal in the user’s language', () => {
  it.each([
    ['de', 'sso_domain_not_allowed', 'Nutzer dieser E-Mail-Domain dürfen sich hier nicht anmelden.'],
    ['en', 'sso_domain_not_allowed', 'Users of this email domain may not sign in here.'],
    ['de', 'sso_user_inactive', 'Dieses Konto ist deaktiviert. Bitte an einen Admin wenden.'],
    ['en', 'sso_state_invalid', 'The sign-in did not match its start (expired or altered). Please sign in again.'],
    // a code the page does not know (or a hand-made URL) gets the general sentence, never the raw code
    ['de', 'made_up', 'Die Anmeldung über den Identitätsanbieter ist fehlgeschlagen.'],
    ['en', '<script>', 'Signing in through the identity provider failed.'],
  ])('%s: %s', (lang, code, expected) => {
    expect(ssoErrorMessage(tOf(lang === 'de' ? de : en), code)).toBe(expected);
  });

  it.each([
    ['de', de],
    ['en', en],
  ])('%s has a message for every code the callback sends', (_lang, messages) => {
    for (const code of ssoErrorCodes) expect(ssoErrorMessage(tOf(messages), code), code).not.toMatch(/^errors\./);
  });
});
