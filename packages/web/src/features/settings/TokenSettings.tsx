import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { ApiToken, CreatedToken } from '@nenner/shared';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';

export function TokenSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api<{ items: ApiToken[] }>('/tokens') });
  const [name, setName] = useState('');
  const [days, setDays] = useState<string | number>('');
  const [secret, setSecret] = useState<CreatedToken | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<CreatedToken>('/tokens', {
        method: 'POST',
        body: { name, ...(typeof days === 'number' ? { expiresInDays: days } : {}) },
      }),
    onSuccess: (tok) => {
      setSecret(tok);
      setName('');
      setDays('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifySuccess(t('settings.revoked'));
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => notifyError(t, e),
  });
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const items = tokens.data?.items ?? [];
  const fmt = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, me.timeZone) : t('settings.never'));

  return (
    <Stack maw={860}>
      <Text c="dimmed" size="sm">
        {t('settings.tokensIntro')}
      </Text>
      {secret && (
        <Alert color="teal" title={t('settings.tokenCreatedTitle')} withCloseButton onClose={() => setSecret(null)}>
          <Text size="sm" mb="xs">
            {t('settings.tokenCreated')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label={t('settings.tokenSecret')}>
              {secret.token}
            </Code>
            <CopyButton value={secret.token}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                  <ActionIcon
                    variant="light"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label={t('common.copy')}
                  >
                    {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <Paper withBorder p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('settings.tokenName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
              w={260}
            />
            <NumberInput
              label={t('settings.tokenExpires')}
              description={t('settings.tokenExpiresHint')}
              value={days}
              onChange={setDays}
              min={1}
              max={3650}
              allowDecimal={false}
              error={errors.expiresInDays}
              w={200}
            />
            <Button type="submit" mt={24} loading={create.isPending} disabled={!name.trim()}>
              {t('settings.createToken')}
            </Button>
          </Group>
          {create.error && !errors.name && (
            <Text c="red" size="sm" mt="xs" role="alert">
              {errorMessage(t, create.error)}
            </Text>
          )}
        </form>
      </Paper>
      <Paper withBorder p="md">
        {tokens.isPending ? (
          <TableSkeleton rows={3} />
        ) : items.length === 0 ? (
          <EmptyState>{t('settings.noTokens')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.tokenName')}</Table.Th>
                  <Table.Th>{t('settings.prefix')}</Table.Th>
                  <Table.Th>{t('common.createdAt')}</Table.Th>
                  <Table.Th>{t('settings.lastUsed')}</Table.Th>
                  <Table.Th>{t('settings.expires')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((tok) => (
                  <Table.Tr key={tok.id}>
                    <Table.Td fw={500}>{tok.name}</Table.Td>
                    <Table.Td>
                      <Code>{tok.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{fmt(tok.createdAt)}</Table.Td>
                    <Table.Td>{fmt(tok.lastUsedAt)}</Table.Td>
                    <Table.Td>{fmt(tok.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconTrash size={14} aria-hidden />}
                        aria-label={t('settings.revokeToken', { name: tok.name })}
                        loading={revoke.isPending && revoke.variables === tok.id}
                        onClick={() => revoke.mutate(tok.id)}
                      >
                        {t('settings.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
