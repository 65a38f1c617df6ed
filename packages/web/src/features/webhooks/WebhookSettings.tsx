import { ActionIcon, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { contract, type Webhook, type WebhookWithSecret } from '@nenner/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { SecretOnce } from '../../components/SecretOnce';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookForm } from './WebhookForm';

/** Admins' list of webhook subscriptions: add, edit, switch, delete, rotate the secret, test, read the log. */
export function WebhookSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const hooks = useEndpoint(contract.listWebhooks, { query: { limit: 100 } });
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const done = (message: string) => () => {
    notifySuccess(message);
    void invalidate(qc, 'webhooks');
  };
  const toggle = useMutation({
    mutationFn: (w: Webhook) =>
      call(contract.updateWebhook, { params: { id: w.id }, version: w.version, body: { enabled: !w.enabled } }),
    onSuccess: done(t('webhooks.saved')),
    onError: (e) => notifyError(t, e),
  });
  const remove = useMutation({
    mutationFn: (w: Webhook) => call(contract.deleteWebhook, { params: { id: w.id } }),
    onSuccess: done(t('webhooks.deleted')),
    onError: (e) => notifyError(t, e),
  });
  const rotate = useMutation({
    mutationFn: (w: Webhook) => call(contract.rotateWebhookSecret, { params: { id: w.id } }),
    onSuccess: (w) => {
      setSecret(w);
      done(t('webhooks.rotated'))();
    },
    onError: (e) => notifyError(t, e),
  });
  const test = useMutation({
    mutationFn: (w: Webhook) => call(contract.testWebhook, { params: { id: w.id } }),
    onSuccess: done(t('webhooks.testQueued')),
    onError: (e) => notifyError(t, e),
  });
  const statusOf = (w: Webhook) =>
    w.enabled ? (
      <Badge color="teal" variant="light">
        {t('webhooks.active')}
      </Badge>
    ) : (
      <Badge color="gray" variant="light">
        {w.disabledReason === 'gone'
          ? t('webhooks.offGone')
          : w.disabledReason === 'failures'
            ? t('webhooks.offFailures')
            : t('webhooks.off')}
      </Badge>
    );

  return (
    <Stack maw={1100}>
      <Text c="dimmed" size="sm">
        {t('webhooks.intro')}
      </Text>
      {secret && (
        <SecretOnce
          title={t('webhooks.secretTitle')}
          hint={t('webhooks.secretOnce')}
          label={t('webhooks.secretTitle')}
          value={secret.secret}
          onClose={() => setSecret(null)}
        />
      )}
      <Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('webhooks.add')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <RecordTable
          list={{ ...hooks, rows: hooks.data?.items ?? [] }}
          rowKey={(w) => w.id}
          minWidth={980}
          striped={false}
          highlightOnHover={false}
          verticalSpacing="mantine"
          skeletonRows={2}
          empty={t('webhooks.none')}
          columns={[
            {
              key: 'url',
              header: t('webhooks.url'),
              cell: (w) => (
                <Stack gap={2}>
                  <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
                    {w.url}
                  </Text>
                  {w.description && (
                    <Text size="xs" c="dimmed">
                      {w.description}
                    </Text>
                  )}
                  {w.previousSecretUntil && (
                    <Text size="xs" c="dimmed">
                      {t('webhooks.previousUntil', {
                        at: formatDateTime(w.previousSecretUntil, i18n.language, me.timeZone),
                      })}
                    </Text>
                  )}
                </Stack>
              ),
            },
            { key: 'events', header: t('webhooks.events'), cell: (w) => <Text size="xs">{w.events.join(', ')}</Text> },
            {
              key: 'status',
              header: t('webhooks.status'),
              cell: (w) => (
                <Stack gap={2}>
                  {statusOf(w)}
                  {w.consecutiveFailures > 0 && (
                    <Text size="xs" c="red">
                      {t('webhooks.failures', { count: w.consecutiveFailures })}
                    </Text>
                  )}
                </Stack>
              ),
            },
            {
              key: 'on',
              header: t('webhooks.enabled'),
              cell: (w) => (
                <Switch
                  checked={w.enabled}
                  aria-label={t('webhooks.toggle', { url: w.url })}
                  onChange={() => toggle.mutate(w)}
                />
              ),
            },
            {
              key: 'actions',
              header: null,
              cell: (w) => (
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="subtle" onClick={() => setEditing(w)}>
                    {t('webhooks.edit')}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => setLogOf(w)}>
                    {t('webhooks.log')}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => test.mutate(w)}>
                    {t('webhooks.test')}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => rotate.mutate(w)}>
                    {t('webhooks.rotate')}
                  </Button>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('webhooks.deleteItem', { url: w.url })}
                    onClick={() => window.confirm(t('webhooks.confirmDelete')) && remove.mutate(w)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      {editing && (
        <WebhookForm
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={setSecret}
        />
      )}
      {logOf && <WebhookDeliveries webhook={logOf} onClose={() => setLogOf(null)} />}
    </Stack>
  );
}
