import { ActionIcon, Menu, Paper, SegmentedControl, Text, Title } from '@mantine/core';
import { contract, type TwoFactorRequirement, type User } from '@nenner/shared';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, invalidate, keyOf } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';

/** The workspace's policy of who must use a second factor (admins, in the user administration). */
export function TwoFactorPolicySettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policy = useQuery({
    queryKey: keyOf(contract.getTwoFactorPolicy),
    queryFn: () => call(contract.getTwoFactorPolicy, {}),
  });
  const update = useMutation({
    mutationFn: (require: TwoFactorRequirement) => call(contract.updateTwoFactorPolicy, { body: { require } }),
    onSuccess: () => {
      notifySuccess(t('twoFactor.policySaved'));
      return invalidate(qc, contract.getTwoFactorPolicy);
    },
    onError: (e) => notifyError(t, e),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb={4}>
        {t('twoFactor.policyTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('twoFactor.policyIntro')}
      </Text>
      <SegmentedControl
        aria-label={t('twoFactor.policyTitle')}
        value={policy.data?.require ?? 'nobody'}
        disabled={!policy.data || update.isPending}
        onChange={(v) => update.mutate(v as TwoFactorRequirement)}
        data={(['nobody', 'admins', 'everyone'] as const).map((v) => ({
          value: v,
          label: t(`twoFactor.require.${v}`),
        }))}
      />
    </Paper>
  );
}

/** An admin's login-security actions on one user: reset their second factor, end their sessions. */
export function UserSecurityMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const security = useQuery({
    queryKey: keyOf(contract.getUserSecurity, { params: { id: user.id } }),
    queryFn: () => call(contract.getUserSecurity, { params: { id: user.id } }),
  });
  const done = (message: string) => ({
    onSuccess: () => {
      notifySuccess(message);
      return invalidate(qc, keyOf(contract.getUserSecurity, { params: { id: user.id } }));
    },
    onError: (e: unknown) => notifyError(t, e),
  });
  const reset = useMutation({
    mutationFn: () => call(contract.resetUserTwoFactor, { params: { id: user.id } }),
    ...done(t('twoFactor.resetDone', { name: user.name })),
  });
  const end = useMutation({
    mutationFn: () => call(contract.endUserSessions, { params: { id: user.id } }),
    ...done(t('twoFactor.userSessionsEnded', { name: user.name })),
  });
  const s = security.data;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={t('twoFactor.userMenu', { name: user.name })}>
          <IconShieldLock size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {s && (
          <Menu.Label>
            {s.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')} ·{' '}
            {t('twoFactor.activeSessions', { count: s.activeSessions })}
          </Menu.Label>
        )}
        <Menu.Item disabled={!s?.twoFactorEnabled} onClick={() => reset.mutate()}>
          {t('twoFactor.reset')}
        </Menu.Item>
        <Menu.Item color="red" onClick={() => end.mutate()}>
          {t('twoFactor.endUserSessions')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
