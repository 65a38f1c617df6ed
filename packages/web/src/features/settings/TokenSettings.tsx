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
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { type CreatedToken, CreateTokenInput, contract } from '@nenner/shared';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';

export function TokenSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const tokens = useEndpoint(contract.listTokens, {});
  const [secret, setSecret] = useState<CreatedToken | null>(null);
  const create = useMutation({
    mutationFn: (input: CreateTokenInput) => call(contract.createToken, { body: input }),
    onSuccess: (tok) => {
      setSecret(tok);
      void invalidate(qc, 'tokens');
    },
  });
  const form = useRecordForm({
    // no number of days: the token does not expire
    initialValues: { name: '', expiresInDays: '' as number | string },
    toInput: ({ name, expiresInDays }): CreateTokenInput => ({
      name,
      ...(typeof expiresInDays === 'number' ? { expiresInDays } : {}),
    }),
    schema: CreateTokenInput,
    error: create.error,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(contract.revokeToken, { params: { id } }),
    onSuccess: () => {
      notifySuccess(t('settings.revoked'));
      void invalidate(qc, 'tokens');
    },
    onError: (e) => notifyError(t, e),
  });
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
        <form onSubmit={form.onSubmit((input) => create.mutate(input, { onSuccess: () => form.reset() }))}>
          <Group align="flex-start" wrap="wrap">
            <TextInput label={t('settings.tokenName')} w={260} {...form.field('name')} />
            <NumberInput
              label={t('settings.tokenExpires')}
              description={t('settings.tokenExpiresHint')}
              min={1}
              max={3650}
              allowDecimal={false}
              w={200}
              {...form.field('expiresInDays')}
            />
            <Button type="submit" mt={24} loading={create.isPending} disabled={!form.values.name.trim()}>
              {t('settings.createToken')}
            </Button>
          </Group>
          {!form.fieldErrors.name && <FormProblem problem={form.problem} mt="xs" />}
        </form>
      </Paper>
      <Paper withBorder p="md">
        <RecordTable
          list={{ ...tokens, rows: tokens.data?.items ?? [] }}
          rowKey={(tok) => tok.id}
          minWidth={640}
          striped={false}
          highlightOnHover={false}
          verticalSpacing="mantine"
          skeletonRows={3}
          empty={t('settings.noTokens')}
          columns={[
            { key: 'name', header: t('settings.tokenName'), cellProps: { fw: 500 }, cell: (tok) => tok.name },
            { key: 'prefix', header: t('settings.prefix'), cell: (tok) => <Code>{tok.prefix}…</Code> },
            { key: 'created', header: t('common.createdAt'), cell: (tok) => fmt(tok.createdAt) },
            { key: 'used', header: t('settings.lastUsed'), cell: (tok) => fmt(tok.lastUsedAt) },
            { key: 'expires', header: t('settings.expires'), cell: (tok) => fmt(tok.expiresAt) },
            {
              key: 'revoke',
              header: null,
              cell: (tok) => (
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
              ),
            },
          ]}
        />
      </Paper>
    </Stack>
  );
}
