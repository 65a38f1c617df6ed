import { Alert, Anchor, Button, Checkbox, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Me } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeErrorKey, useVerifyTwoFactor } from '../security/useTwoFactor';
import { useSetMe } from './useAuth';

/** The login's second step: a code from the authenticator app or a recovery code, and "remember this device". */
export function TwoFactorStep({ onDone, onRestart }: { onDone: (user: Me) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyTwoFactor();
  const setMe = useSetMe();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [remember, setRemember] = useState(false);
  const errorKey = codeErrorKey(verify.error);
  const expired = verify.error && errorKey === 'twoFactor.challengeExpired';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        verify.mutate(
          { code, rememberDevice: remember },
          {
            onSuccess: (user) => {
              setMe(user);
              onDone(user);
            },
          },
        );
      }}
    >
      <Stack>
        <div>
          <Title order={1} size="h3">
            {t('twoFactor.loginTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {recovery ? t('twoFactor.loginRecoveryHint') : t('twoFactor.loginHint')}
          </Text>
        </div>
        {errorKey && (
          <Alert color="red" role="alert">
            {t(errorKey)}
          </Alert>
        )}
        {expired ? (
          <Button onClick={onRestart}>{t('twoFactor.restart')}</Button>
        ) : (
          <>
            <TextInput
              label={recovery ? t('twoFactor.recoveryCode') : t('twoFactor.code')}
              autoComplete="one-time-code"
              inputMode={recovery ? 'text' : 'numeric'}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              data-testid="two-factor-code"
            />
            <Checkbox
              label={t('twoFactor.rememberDevice')}
              checked={remember}
              onChange={(e) => setRemember(e.currentTarget.checked)}
            />
            <Button type="submit" loading={verify.isPending} fullWidth>
              {t('twoFactor.verify')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setRecovery(!recovery);
                setCode('');
                verify.reset();
              }}
            >
              {recovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
            </Anchor>
          </>
        )}
      </Stack>
    </form>
  );
}
