import { Alert, Button, Code, CopyButton, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import type { TwoFactorEnrollment } from '@nenner/shared';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../components/notify';
import { codeErrorKey, groupSecret, recoveryCodesFile, useConfirmTwoFactor, useEnrollTwoFactor } from './useTwoFactor';

/** Recovery codes, shown once: to copy or download. */
export function RecoveryCodesOnce({ codes, onClose }: { codes: readonly string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const text = recoveryCodesFile(codes, t('twoFactor.recoveryFileHeading'));
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <Alert color="teal" title={t('twoFactor.recoveryTitle')} data-testid="recovery-codes">
      <Text size="sm" mb="xs">
        {t('twoFactor.recoveryHint')}
      </Text>
      <Code block aria-label={t('twoFactor.recoveryCodes')}>
        {codes.join('\n')}
      </Code>
      <Group mt="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              onClick={copy}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button
          size="xs"
          variant="light"
          component="a"
          href={href}
          download="nenner-recovery-codes.txt"
          leftSection={<IconDownload size={14} aria-hidden />}
        >
          {t('twoFactor.download')}
        </Button>
        <Button size="xs" onClick={onClose}>
          {t('twoFactor.savedCodes')}
        </Button>
      </Group>
    </Alert>
  );
}

/**
 * Setting up an authenticator app: start (a new secret), scan the QR code or type the key, confirm with a
 * code; then the recovery codes, shown once. `onDone` runs when the user has put the codes away.
 */
export function TwoFactorSetup({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const enroll = useEnrollTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [enrollment, setEnrollment] = useState<TwoFactorEnrollment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodesOnce codes={codes} onClose={onDone} />;
  if (!enrollment) {
    return (
      <Group>
        <Button
          loading={enroll.isPending}
          onClick={() => enroll.mutate(undefined, { onSuccess: setEnrollment, onError: (e) => notifyError(t, e) })}
          data-testid="two-factor-start"
        >
          {t('twoFactor.start')}
        </Button>
      </Group>
    );
  }
  const errorKey = codeErrorKey(confirm.error);
  return (
    <Stack>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>{t('twoFactor.stepApp')}</List.Item>
        <List.Item>{t('twoFactor.stepScan')}</List.Item>
        <List.Item>{t('twoFactor.stepCode')}</List.Item>
      </List>
      <Group align="flex-start">
        <Image src={enrollment.qrCode} alt={t('twoFactor.qrAlt')} w={180} h={180} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('twoFactor.manualKey')}
          </Text>
          <Code data-testid="two-factor-secret" data-secret={enrollment.secret}>
            {groupSecret(enrollment.secret)}
          </Code>
        </Stack>
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm.mutate(code, { onSuccess: (r) => setCodes(r.recoveryCodes) });
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('twoFactor.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errorKey ? t(errorKey) : undefined}
            data-testid="two-factor-confirm-code"
          />
          <Button type="submit" loading={confirm.isPending}>
            {t('twoFactor.confirm')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
