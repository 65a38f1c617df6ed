import { Button, Group, Modal, MultiSelect, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { contract, type Webhook, type WebhookWithSecret, webhookEventTypes } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { call, invalidate } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';
import { ruleMessageKey } from './webhookRules';

/** Creates a subscription (answers its secret once) or edits one (If-Match). */
export function WebhookForm({
  webhook,
  onClose,
  onCreated,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [url, setUrl] = useState(webhook?.url ?? 'https://');
  const [events, setEvents] = useState<string[]>(webhook?.events ?? []);
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [urlError, setUrlError] = useState<string | null>(null);
  const body = { url, events: events as Webhook['events'], description, enabled };
  const save = useMutation({
    mutationFn: async () => {
      if (webhook) {
        await call(contract.updateWebhook, { params: { id: webhook.id }, version: webhook.version, body });
        return null;
      }
      return call(contract.createWebhook, { body });
    },
    onSuccess: (created) => {
      notifySuccess(t('webhooks.saved'));
      void invalidate(qc, 'webhooks');
      if (created) onCreated(created);
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'url_not_allowed') {
        const message = e.fieldErrors().url ?? '';
        setUrlError(t(ruleMessageKey(message), { defaultValue: message }));
      } else notifyError(t, e);
    },
  });
  return (
    <Modal opened onClose={onClose} title={webhook ? t('webhooks.edit') : t('webhooks.add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setUrlError(null);
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('webhooks.url')}
            description={t('webhooks.urlHint')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={urlError}
            required
          />
          <MultiSelect
            label={t('webhooks.events')}
            data={[...webhookEventTypes]}
            value={events}
            onChange={setEvents}
            searchable
            required
          />
          <Textarea
            label={t('webhooks.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Switch
            label={t('webhooks.enabled')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('webhooks.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={events.length === 0}>
              {t('webhooks.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
