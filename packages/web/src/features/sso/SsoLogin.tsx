import { Alert, Button, Divider } from '@mantine/core';
import { contract, ssoErrorCodes } from '@nenner/shared';
import { IconKey } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, keyOf } from '../../api/endpoints';

/** A code the SSO callback sent back (`/login?sso_error=…`), as a sentence in the user's language. */
export const ssoErrorMessage = (t: (key: string) => string, code: string): string =>
  (ssoErrorCodes as readonly string[]).includes(code) ? t(`errors.${code}`) : t('sso.failed');

/**
 * Issue 15: on the login page, the "Sign in with …" button when an admin set up single sign-on (a plain
 * link: the browser goes to the provider and comes back with a session), and the callback's error.
 */
export function SsoLogin({ error }: { error?: string | undefined }) {
  const { t } = useTranslation();
  const config = useQuery({
    queryKey: keyOf(contract.getSsoConfig),
    queryFn: () => call(contract.getSsoConfig, {}),
    staleTime: 60_000,
  });
  const name = config.data?.enabled ? config.data.displayName : null;
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {ssoErrorMessage(t, error)}
        </Alert>
      )}
      {name && (
        <>
          <Divider label={t('sso.or')} labelPosition="center" />
          <Button
            component="a"
            href="/api/auth/sso/start"
            variant="default"
            fullWidth
            leftSection={<IconKey size={16} aria-hidden />}
          >
            {t('sso.signInWith', { name })}
          </Button>
        </>
      )}
    </>
  );
}
