import { Button, Paper, Table, Text, Title } from '@mantine/core';
import { contract, type Lockout } from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';
import { useUserTimeZone } from '../../components/fields/useUserTimeZone';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';

const lockoutsKey = ['lockouts'] as const;

/** Issue 15: the accounts held back from logging in after failed attempts, and clearing them (admins). */
export function LoginLockouts() {
  const { t, i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: lockoutsKey,
    queryFn: () => call(contract.listLockouts, {}),
    refetchInterval: 30_000,
  });
  const clear = useMutation({
    mutationFn: (email: string) => call(contract.clearLockout, { body: { email } }),
    onSuccess: () => {
      notifySuccess(t('security.lockoutCleared'));
      return qc.invalidateQueries({ queryKey: lockoutsKey });
    },
    onError: (e) => notifyError(t, e),
  });
  const items: Lockout[] = list.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb={4}>
        {t('security.lockouts')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('security.lockoutsIntro')}
      </Text>
      {items.length === 0 ? (
        <Text size="sm">{t('security.lockoutsEmpty')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('security.lockoutEmail')}</Table.Th>
              <Table.Th>{t('security.lockoutIp')}</Table.Th>
              <Table.Th>{t('security.lockoutFailures')}</Table.Th>
              <Table.Th>{t('security.lockoutUntil')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((l) => (
              <Table.Tr key={`${l.email} ${l.ip ?? ''}`}>
                <Table.Td>{l.email}</Table.Td>
                <Table.Td>{l.ip ?? t('security.lockoutAnyIp')}</Table.Td>
                <Table.Td>{l.failures}</Table.Td>
                <Table.Td>{formatDateTime(l.until, i18n.language, timeZone)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" loading={clear.isPending} onClick={() => clear.mutate(l.email)}>
                    {t('security.lockoutClear')}
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
