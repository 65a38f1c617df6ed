import { Badge, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { contract, type Webhook, type WebhookDelivery } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';

const color = { delivered: 'teal', failed: 'red', pending: 'yellow', refused: 'grape' } as const;

/** The delivery log of one subscription: each delivery with every attempt, and a button to send it again. */
export function WebhookDeliveries({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const log = useEndpoint(contract.listWebhookDeliveries, { params: { id: webhook.id }, query: { limit: 50 } });
  const retry = useMutation({
    mutationFn: (d: WebhookDelivery) =>
      call(contract.retryWebhookDelivery, { params: { id: webhook.id, deliveryId: d.id } }),
    onSuccess: () => {
      notifySuccess(t('webhooks.retryQueued'));
      void invalidate(qc, 'webhooks');
    },
    onError: (e) => notifyError(t, e),
  });
  const fmt = (iso: string) => formatDateTime(iso, i18n.language, me.timeZone);
  const items = log.data?.items ?? [];
  return (
    <Modal opened onClose={onClose} title={t('webhooks.logOf', { url: webhook.url })} size="xl">
      {items.length === 0 ? (
        <Text c="dimmed">{t('webhooks.noDeliveries')}</Text>
      ) : (
        <Stack>
          {items.map((d) => (
            <Stack key={d.id} gap={4}>
              <Group justify="space-between">
                <Group gap="xs">
                  <Code>{d.eventType}</Code>
                  <Badge color={color[d.status]} variant="light">
                    {t(`webhooks.deliveryStatus.${d.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {fmt(d.createdAt)} · webhook-id <Code>{d.id}</Code>
                  </Text>
                  {d.nextAttemptAt && (
                    <Text size="xs" c="dimmed">
                      {t('webhooks.nextAttempt')}: {fmt(d.nextAttemptAt)}
                    </Text>
                  )}
                </Group>
                <Button
                  size="xs"
                  variant="light"
                  loading={retry.isPending && retry.variables?.id === d.id}
                  onClick={() => retry.mutate(d)}
                >
                  {t('webhooks.retry')}
                </Button>
              </Group>
              {d.attempts.length > 0 && (
                <Table fz="xs" withTableBorder>
                  <Table.Tbody>
                    {d.attempts.map((a) => (
                      <Table.Tr key={a.attempt}>
                        <Table.Td>#{a.attempt}</Table.Td>
                        <Table.Td>{fmt(a.at)}</Table.Td>
                        <Table.Td>
                          <Badge size="xs" color={color[a.status]} variant="light">
                            {t(`webhooks.attemptStatus.${a.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{a.responseCode ?? '–'}</Table.Td>
                        <Table.Td>{t('webhooks.duration', { ms: a.durationMs })}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-all' }}>{a.error ?? a.responseBody ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
