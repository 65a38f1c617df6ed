import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PasswordField } from '../../components/form/PasswordField';
import { applyLocale } from '../../i18n';
import { isChallenge } from '../security/useTwoFactor';
import { SsoLogin } from '../sso/SsoLogin';
import { TwoFactorStep } from './TwoFactorStep';
import { useLogin } from './useAuth';

export function LoginPage({ redirect, ssoError }: { redirect?: string | undefined; ssoError?: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenged, setChallenged] = useState(false);
  const done = (locale: Parameters<typeof applyLocale>[0]) => {
    void applyLocale(locale);
    const to = redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
    void navigate({ to });
  };
  const err = login.error;
  const message = !err
    ? null
    : isApiError(err) && err.status === 429
      ? t('auth.rateLimited')
      : isApiError(err) && err.code === 'sso_password_login_disabled'
        ? t('errors.sso_password_login_disabled')
        : isApiError(err) && (err.status === 401 || err.status === 400)
          ? t('auth.invalid')
          : isApiError(err) && err.status === 0
            ? t('common.networkError')
            : t('auth.failed');

  return (
    <Center component="main" mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        {challenged ? (
          <TwoFactorStep
            onDone={(user) => done(user.locale)}
            onRestart={() => {
              setChallenged(false);
              setPassword('');
              login.reset();
            }}
          />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              login.mutate(
                { email, password },
                {
                  onSuccess: (answer) => {
                    if (isChallenge(answer)) setChallenged(true);
                    else done(answer.locale);
                  },
                },
              );
            }}
          >
            <Stack>
              <div>
                <Text fw={800} fz={28} c="indigo.7">
                  {t('app.name')}
                </Text>
                <Title order={1} size="h3" mt="xs">
                  {t('auth.title')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('auth.subtitle')}
                </Text>
              </div>
              {message && (
                <Alert color="red" role="alert">
                  {message}
                </Alert>
              )}
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                autoFocus
              />
              <PasswordField
                label={t('auth.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('auth.submit')}
              </Button>
              <SsoLogin error={ssoError} />
              <Text size="xs" c="dimmed" ta="center">
                {t('app.tagline')}
              </Text>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
