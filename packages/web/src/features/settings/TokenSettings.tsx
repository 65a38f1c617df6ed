import { Badge, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { type ApiToken, type CreatedToken, contract } from '@nenner/shared';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { SecretOnce } from '../../components/SecretOnce';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { TokenCreateForm } from './TokenCreateForm';

export function TokenSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const tokens = useEndpoint(contract.listTokens, {});
  const [secret, setSecret] = useState<CreatedToken | null>(null);
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
    <Stack maw={980}>
      <Text c="dimmed" size="sm">
        {t('settings.tokensIntro')}
      </Text>
      {secret && (
        <SecretOnce
          title={t('settings.tokenCreatedTitle')}
          hint={t('settings.tokenCreated')}
          label={t('settings.tokenSecret')}
          value={secret.token}
          onClose={() => setSecret(null)}
        />
      )}
      <TokenCreateForm onCreated={setSecret} />
      <Paper withBorder p="md">
        <RecordTable
          list={{ ...tokens, rows: tokens.data?.items ?? [] }}
          rowKey={(tok) => tok.id}
          minWidth={820}
          striped={false}
          highlightOnHover={false}
          verticalSpacing="mantine"
          skeletonRows={3}
          empty={t('settings.noTokens')}
          columns={[
            { key: 'name', header: t('settings.tokenName'), cellProps: { fw: 500 }, cell: (tok) => tok.name },
            { key: 'prefix', header: t('settings.prefix'), cell: (tok) => <Code>{tok.prefix}…</Code> },
            { key: 'scopes', header: t('access.scopes'), cell: (tok) => <ScopeBadges token={tok} /> },
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

/** A token's scopes as badges: its access, then its areas (or "all areas"). */
function ScopeBadges({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const access = token.scopes.includes('write') ? 'write' : 'read';
  const areas = token.scopes.filter((s) => s !== 'read' && s !== 'write');
  return (
    <Group gap={4}>
      <Badge variant="light" color={access === 'write' ? 'orange' : 'blue'}>
        {t(`access.${access}`)}
      </Badge>
      {areas.length === 0 ? (
        <Badge variant="outline" color="gray">
          {t('access.allAreas')}
        </Badge>
      ) : (
        areas.map((a) => (
          <Badge key={a} variant="outline" color="gray">
            {t(`access.area.${a}`)}
          </Badge>
        ))
      )}
    </Group>
  );
}
