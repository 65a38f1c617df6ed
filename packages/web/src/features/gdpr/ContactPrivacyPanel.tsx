import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { type ConsentEntry, type Contact, can, contract } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, invalidate, useEndpoint } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';

/**
 * Datenschutz on the contact: the consent ledger, withdrawal in one click, and for admins the Art. 15
 * export (JSON and a readable page) and the Art. 17 erasure with its reason.
 */
export function ContactPrivacyPanel({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const ledger = useEndpoint(contract.listContactConsents, { params: { id: contact.id } });
  const [erasing, setErasing] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () =>
    invalidate(qc, contract.listContactConsents, ['contacts', 'one', contact.id], contract.listContacts);
  const withdraw = useMutation({
    mutationFn: () =>
      call(contract.recordContactConsent, { params: { id: contact.id }, body: { action: 'withdrawn' } }),
    onSuccess: () => {
      notifySuccess(t('gdpr.withdrawn'));
      void refresh();
    },
    onError: (e) => notifyError(t, e),
  });
  const erase = useMutation({
    mutationFn: () => call(contract.eraseContact, { params: { id: contact.id }, body: { reason } }),
    onSuccess: () => {
      setErasing(false);
      notifySuccess(t('gdpr.erased'));
      void refresh();
    },
    onError: (e) => notifyError(t, e),
  });
  const items: ConsentEntry[] = ledger.data?.items ?? [];
  const consented = contact.consentStatus === 'confirmed' || contact.consentStatus === 'pending';
  const exportUrl = `/api/contacts/${contact.id}/gdpr-export`;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="privacy" mb="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="privacy">
          {t('gdpr.title')}
        </Title>
        <Group gap="xs">
          {can(me, 'records.write') && consented && (
            <Button
              size="xs"
              variant="light"
              color="orange"
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate()}
            >
              {t('gdpr.withdraw')}
            </Button>
          )}
          {can(me, 'gdpr.admin') && (
            <>
              <Button size="xs" variant="default" component="a" href={exportUrl} download>
                {t('gdpr.exportJson')}
              </Button>
              <Button size="xs" variant="default" component="a" href={`${exportUrl}?format=html`} target="_blank">
                {t('gdpr.exportHtml')}
              </Button>
              <Button size="xs" color="red" variant="light" onClick={() => setErasing(true)}>
                {t('gdpr.erase')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('gdpr.noConsents')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('gdpr.when')}</Table.Th>
                <Table.Th>{t('gdpr.action')}</Table.Th>
                <Table.Th>{t('gdpr.source')}</Table.Th>
                <Table.Th>{t('gdpr.text')}</Table.Th>
                <Table.Th>{t('gdpr.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDateTime(c.at, i18n.language, me.timeZone)}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={c.action === 'withdrawn' ? 'orange' : c.status === 'pending' ? 'gray' : 'teal'}
                    >
                      {t(`gdpr.status.${c.status}`)}
                    </Badge>
                    {c.afterSuppression && (
                      <Badge variant="outline" color="red" ml={4}>
                        {t('gdpr.afterSuppression')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`gdpr.sourceKind.${c.sourceKind}`)}</Table.Td>
                  <Table.Td>{c.text ? `${c.text} (v${c.textVersion})` : '—'}</Table.Td>
                  <Table.Td>{c.recordedBy?.name ?? t('gdpr.byThePerson')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={erasing} onClose={() => setErasing(false)} title={t('gdpr.eraseTitle')}>
        <Stack>
          <Text size="sm">{t('gdpr.eraseWarning')}</Text>
          <Textarea
            label={t('gdpr.reason')}
            description={t('gdpr.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minRows={2}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setErasing(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={reason.trim().length < 3}
              loading={erase.isPending}
              onClick={() => erase.mutate()}
            >
              {t('gdpr.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
