import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { limits } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useUserTimeZone } from '../../components/fields/useUserTimeZone';
import { PasswordField } from '../../components/form/PasswordField';
import { PageHeader } from '../../components/ListControls';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { RecoveryCodesOnce, TwoFactorSetup } from './TwoFactorSetup';
import {
  codeErrorKey,
  passwordErrors,
  useChangePassword,
  useDisableTwoFactor,
  useEndOtherSessions,
  useEndSession,
  useForgetDevice,
  useRegenerateRecoveryCodes,
  useRememberedDevices,
  useSessions,
  useTwoFactorStatus,
} from './useTwoFactor';

/** Issue 15: the user's own login security — password, second factor, remembered devices, sessions. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('twoFactor.pageTitle')} />
      <Stack gap="lg">
        <ChangePassword />
        <TwoFactorPanel />
        <RememberedDevices />
        <SessionList />
      </Stack>
    </>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const errors = passwordErrors(change.error);
  const mismatch = repeat !== '' && repeat !== next;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb={4}>
        {t('twoFactor.passwordTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('twoFactor.passwordIntro', { min: limits.passwordMin })}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (mismatch) return;
          change.mutate(
            { currentPassword: current, newPassword: next },
            {
              onSuccess: () => {
                notifySuccess(t('twoFactor.passwordChanged'));
                setCurrent('');
                setNext('');
                setRepeat('');
              },
            },
          );
        }}
      >
        <Stack maw={420}>
          <PasswordField
            label={t('twoFactor.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.current ? t(errors.current) : undefined}
          />
          <PasswordField
            label={t('twoFactor.newPassword')}
            autoComplete="new-password"
            required
            minLength={limits.passwordMin}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next ? t(errors.next, { min: limits.passwordMin }) : undefined}
          />
          <PasswordField
            label={t('twoFactor.repeatPassword')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch ? t('twoFactor.passwordMismatch') : undefined}
          />
          {errors.other && (
            <Text c="red" size="sm" role="alert">
              {t(errors.other)}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={change.isPending} disabled={mismatch}>
              {t('twoFactor.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TwoFactorPanel() {
  const { t, i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const status = useTwoFactorStatus();
  const disable = useDisableTwoFactor();
  const regenerate = useRegenerateRecoveryCodes();
  const [setup, setSetup] = useState(false);
  const [proof, setProof] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const s = status.data;
  const disableError = disable.error;
  const disableMessage =
    disableError && isApiError(disableError) && disableError.fieldErrors().password
      ? t('twoFactor.wrongPassword')
      : disableError && isApiError(disableError) && disableError.code === 'two_factor_required_by_policy'
        ? t('errors.two_factor_required_by_policy')
        : disableError
          ? t(codeErrorKey(disableError) ?? 'common.error')
          : undefined;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4">
          {t('twoFactor.title')}
        </Title>
        {s && <Badge color={s.enabled ? 'teal' : 'gray'}>{s.enabled ? t('twoFactor.on') : t('twoFactor.off')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('twoFactor.intro')}
      </Text>
      {s?.required && !s.enabled && (
        <Text size="sm" c="orange" mb="sm">
          {t('twoFactor.requiredHint')}
        </Text>
      )}
      {codes && <RecoveryCodesOnce codes={codes} onClose={() => setCodes(null)} />}
      {/* the setup stays until its recovery codes are put away, though the status says "on" before */}
      {setup && <TwoFactorSetup onDone={() => setSetup(false)} />}
      {s && !s.enabled && !setup && <Button onClick={() => setSetup(true)}>{t('twoFactor.setUp')}</Button>}
      {s?.enabled && !codes && !setup && (
        <Stack gap="sm">
          <Text size="sm">
            {t('twoFactor.enabledSince', { date: formatDateTime(s.enabledAt ?? '', i18n.language, timeZone) })}{' '}
            {t('twoFactor.codesLeft', { count: s.recoveryCodesLeft })}
          </Text>
          <Group align="flex-end">
            <TextInput
              label={t('twoFactor.proof')}
              description={t('twoFactor.proofHint')}
              value={proof}
              onChange={(e) => setProof(e.currentTarget.value)}
              autoComplete="off"
              error={disableMessage}
            />
            <Button
              variant="light"
              disabled={!/^\d{6}$/.test(proof.trim())}
              loading={regenerate.isPending}
              onClick={() =>
                regenerate.mutate(proof.trim(), {
                  onSuccess: (r) => {
                    setCodes(r.recoveryCodes);
                    setProof('');
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            >
              {t('twoFactor.newCodes')}
            </Button>
            <Button
              color="red"
              variant="light"
              disabled={!proof.trim()}
              loading={disable.isPending}
              onClick={() =>
                disable.mutate(/^[\d\s]{6,8}$/.test(proof.trim()) ? { code: proof.trim() } : { password: proof }, {
                  onSuccess: () => {
                    notifySuccess(t('twoFactor.disabled'));
                    setProof('');
                  },
                })
              }
            >
              {t('twoFactor.disable')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function RememberedDevices() {
  const { t, i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const list = useRememberedDevices();
  const forget = useForgetDevice();
  const items = list.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb={4}>
        {t('twoFactor.devicesTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('twoFactor.devicesIntro')}
      </Text>
      {items.length === 0 ? (
        <Text size="sm">{t('twoFactor.devicesEmpty')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('twoFactor.device')}</Table.Th>
              <Table.Th>{t('twoFactor.ip')}</Table.Th>
              <Table.Th>{t('twoFactor.lastUsed')}</Table.Th>
              <Table.Th>{t('twoFactor.until')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.device ?? t('twoFactor.unknownDevice')}</Table.Td>
                <Table.Td>{d.ip ?? '–'}</Table.Td>
                <Table.Td>{formatDateTime(d.lastUsedAt, i18n.language, timeZone)}</Table.Td>
                <Table.Td>{formatDateTime(d.expiresAt, i18n.language, timeZone)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => forget.mutate(d.id, { onError: (e) => notifyError(t, e) })}
                  >
                    {t('twoFactor.forget')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function SessionList() {
  const { t, i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const list = useSessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const items = list.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4">
          {t('twoFactor.sessionsTitle')}
        </Title>
        <Button
          size="xs"
          variant="light"
          color="red"
          disabled={items.filter((s) => !s.current).length === 0}
          loading={endOthers.isPending}
          onClick={() =>
            endOthers.mutate(undefined, {
              onSuccess: (r) => notifySuccess(t('twoFactor.sessionsEnded', { count: r.ended })),
              onError: (e) => notifyError(t, e),
            })
          }
        >
          {t('twoFactor.endOthers')}
        </Button>
      </Group>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('twoFactor.device')}</Table.Th>
            <Table.Th>{t('twoFactor.ip')}</Table.Th>
            <Table.Th>{t('twoFactor.created')}</Table.Th>
            <Table.Th>{t('twoFactor.lastUsed')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                {s.device ?? t('twoFactor.unknownDevice')}{' '}
                {s.current && (
                  <Badge size="xs" color="teal">
                    {t('twoFactor.thisSession')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{s.ip ?? '–'}</Table.Td>
              <Table.Td>{formatDateTime(s.createdAt, i18n.language, timeZone)}</Table.Td>
              <Table.Td>{formatDateTime(s.lastSeenAt, i18n.language, timeZone)}</Table.Td>
              <Table.Td>
                {!s.current && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      end.mutate(s.id, {
                        onSuccess: () => notifySuccess(t('twoFactor.sessionEnded')),
                        onError: (e) => notifyError(t, e),
                      })
                    }
                  >
                    {t('twoFactor.end')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
