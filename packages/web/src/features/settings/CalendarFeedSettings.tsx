import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type CreatedCalendarFeed, contract } from '@nenner/shared';
import { IconCalendarShare, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';
import { SecretOnce } from '../../components/SecretOnce';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';

/**
 * Your own calendar subscription: create the secret URL (shown once, with copy), make a new one (the old
 * one stops working) or revoke it.
 */
export function CalendarFeedSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const status = useEndpoint(contract.getCalendarFeed, {});
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const feed = status.data?.feed ?? null;
  const create = useMutation({
    mutationFn: () => call(contract.createCalendarFeed, {}),
    onSuccess: (result) => {
      if (feed) notifySuccess(t('access.feed.rotated'));
      setCreated(result);
      void invalidate(qc, contract.getCalendarFeed);
    },
    onError: (e) => notifyError(t, e),
  });
  const revoke = useMutation({
    mutationFn: () => call(contract.revokeCalendarFeed, {}),
    onSuccess: () => {
      notifySuccess(t('access.feed.revoked'));
      setCreated(null);
      void invalidate(qc, contract.getCalendarFeed);
    },
    onError: (e) => notifyError(t, e),
  });
  const fmt = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, me.timeZone) : t('settings.never'));

  return (
    <Paper withBorder p="md" maw={860}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('access.feed.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('access.feed.intro')}
        </Text>
        {created && (
          <SecretOnce
            title={t('access.feed.created')}
            hint={t('access.feed.createdHint')}
            label={t('access.feed.url')}
            value={created.url}
            onClose={() => setCreated(null)}
          />
        )}
        <Text size="sm">
          {feed
            ? t('access.feed.active', { since: fmt(feed.createdAt), used: fmt(feed.lastUsedAt) })
            : status.isSuccess && t('access.feed.none')}
        </Text>
        <Group gap="sm">
          <Button
            variant={feed ? 'default' : 'filled'}
            leftSection={feed ? <IconRefresh size={16} aria-hidden /> : <IconCalendarShare size={16} aria-hidden />}
            loading={create.isPending}
            disabled={!status.isSuccess}
            onClick={() => create.mutate()}
          >
            {feed ? t('access.feed.rotate') : t('access.feed.create')}
          </Button>
          {feed && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              loading={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {t('access.feed.revoke')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
